/**
 * `schema.ts`: the descriptors of every type and global element, which the runtime's reader, writer
 * and validator follow, in parts (one per type and per element, see `schema-parts.ts`) so that a
 * bundle keeps only the parts it uses; `schema` is all of them. Each type, global element, element
 * particle and attribute added after the oldest API version the package supports carries that
 * version (`addedIn`, a number), so that a session speaking an older version can refuse what it
 * does not have.
 */
import { isBuiltin } from "../../model/builtins.js";
import type {
  Annotations,
  AttributeUse,
  ComplexTypeDef,
  Facets,
  ModelGroup,
  Particle,
  SimpleTypeDef,
} from "../../model/ir.js";
import type { ModelIndex } from "../../model/model-index.js";
import { GeneratedFile } from "../generated-file.js";
import { RUNTIME } from "../modules.js";
import { Arrow, Code, type Literal } from "../print/layout.js";
import { SchemaParts } from "./schema-parts.js";

/**
 * An `addedIn` at or below the oldest API version the package supports (`lowestApiVersion`) is left
 * out of the descriptors.
 */
export function emitSchemaData(
  index: ModelIndex,
  header: (what: string) => string,
  parts: SchemaParts = new SchemaParts(index),
): GeneratedFile {
  const { defaultNamespace } = index.model;
  const floor = Number(index.model.lowestApiVersion);
  const target = Number(index.model.apiVersion);
  const versions: Versions = {
    since(...annotations) {
      let newest: number | undefined;
      for (const a of annotations) {
        // What a client may send: from `sendAddedIn` where that is later (between two releases).
        for (const added of [a?.addedIn, a?.sendAddedIn]) {
          const v = added === undefined ? NaN : Number(added);
          if (v > (newest ?? -Infinity)) newest = v;
        }
      }
      // A floor that is no number ("all"): every version is kept.
      return newest !== undefined && !(newest <= floor) ? newest : undefined;
    },
    gap(annotations) {
      const gap = annotations?.sendGap;
      // A gap after the package's version ("all": none) is one no session of it speaks in.
      return gap && !(Number(gap.from) > target)
        ? [Number(gap.from), Number(gap.until)]
        : undefined;
    },
    sending(annotations) {
      const removed = annotations.sendRemovedIn ?? annotations.removedIn;
      const required =
        annotations.requiredBelow === undefined
          ? undefined
          : Number(annotations.requiredBelow);
      return {
        removedIn: removed === undefined ? undefined : Number(removed),
        // Required only below a version the package does not speak ("all": it speaks every one): nothing to say.
        requiredBelow:
          required !== undefined && !(required <= floor) ? required : undefined,
      };
    },
  };
  const file = new GeneratedFile(
    "schema.ts",
    header(
      "The schema descriptors the runtime's reader, writer and validator follow, one part per type and element.",
    ),
  );
  const key = (id: string) => index.prefixed(id);
  const rt = (name: string) => file.refer(RUNTIME, name);
  const uses = (ids: readonly string[]) =>
    ids.length ? new Arrow(ids.map((id) => new Code(id))) : undefined;
  file.addConst(
    "/** The package's registry: the parts loaded so far (see `loadPart`); the reader, writer and validator read it. */",
    "registry",
    rt("SchemaData"),
    {
      literal: compact({
        namespaces: index.model.namespaces.map((ns) => [ns.prefix, ns.uri]),
        defaultNamespace,
        types: {},
        elements: {},
      }),
    },
  );
  for (const type of index.model.types) {
    file.addConst(
      "",
      parts.type(type.id)!,
      rt("TypePart"),
      {
        literal: compact({
          key: key(type.id),
          type:
            type.kind === "complex"
              ? complexData(index, type, versions)
              : simpleData(index, type),
          uses: uses(parts.typeUses(type)),
        }),
      },
      false,
    );
  }
  for (const element of index.model.elements) {
    const name = key(element.id);
    const exported = element.schemaTsName;
    file.addConst(
      exported
        ? `/** The schema of the element \`${name}\` (exported by its namespace's module as \`${exported}\`): \`readElement(${exported}, xml)\`. */`
        : `/** The part of the abstract element \`${name}\` (a substitution group's head, never a root). */`,
      parts.element(element.id),
      rt("ElementPart"),
      {
        literal: compact({
          name,
          registry: new Code("registry"),
          element: compact({
            type: key(element.type),
            abstract: element.abstract || undefined,
            nillable: element.nillable || undefined,
            substitutes: element.substitutes.length
              ? element.substitutes
                  .filter((id) => index.elements.has(id))
                  .map(key)
              : undefined,
            // An element is as new as its type (vCD annotates the type, seldom the element).
            addedIn: versions.since(
              element.annotations,
              index.types.get(element.type)?.annotations,
            ),
            gap:
              versions.gap(element.annotations) ??
              versions.gap(index.types.get(element.type)?.annotations),
          }),
          uses: new Arrow(parts.elementUses(element).map((id) => new Code(id))),
        }),
      },
    );
  }
  file.addConst(
    "/** Every global element and type: the whole schema. */",
    "everything",
    rt("ElementGroupPart"),
    {
      literal: {
        registry: new Code("registry"),
        uses: new Arrow([
          ...index.model.elements.map((e) => new Code(parts.element(e.id))),
          ...index.model.types.map((t) => new Code(parts.type(t.id)!)),
        ]),
      },
    },
  );
  file.addConst(
    "/** Every type and global element of the schema set, for the runtime (the registry, with every part loaded). */",
    "schema",
    rt("SchemaData"),
    {
      expression: `/* @__PURE__ */ ${file.refer(RUNTIME, "loadPart", false)}(everything)`,
    },
  );
  return file;
}

/** The versions to emit for a component, from its annotations. */
interface Versions {
  /** Its `addedIn` (the newest of them, sending included): undefined at or below the floor. */
  since(...annotations: (Annotations | undefined)[]): number | undefined;
  /** The versions at which a type or element may not be sent though the releases on both sides have it. */
  gap(annotations: Annotations | undefined): Literal | undefined;
  /** What sending allows beyond reading, for a particle or attribute (a change between two releases). */
  sending(annotations: Annotations): {
    removedIn?: number;
    requiredBelow?: number;
  };
}

function complexData(
  index: ModelIndex,
  type: ComplexTypeDef,
  versions: Versions,
): Literal {
  const key = (id: string) => index.prefixed(id);
  return compact({
    kind: "complex",
    base: type.base ? key(type.base) : undefined,
    restriction:
      (type.derivation === "restriction" && !type.simpleContent) || undefined,
    abstract: type.abstract || undefined,
    anonymous: !type.qname || undefined,
    mixed: type.mixed || undefined,
    text: type.simpleContent ? key(type.simpleContent) : undefined,
    textFacets: type.facets ? facets(type.facets) : undefined,
    content: type.particle ? group(index, type.particle, versions) : undefined,
    attributes: type.attributes.length
      ? type.attributes.map((a) => attribute(index, a, versions))
      : undefined,
    anyAttribute: type.anyAttribute ? wildcard(type.anyAttribute) : undefined,
    addedIn: type.qname ? versions.since(type.annotations) : undefined,
    gap: type.qname ? versions.gap(type.annotations) : undefined,
  });
}

function simpleData(index: ModelIndex, type: SimpleTypeDef): Literal {
  const key = (id: string) => index.prefixed(id);
  return compact({
    kind: "simple",
    variety: type.variety,
    builtin: type.builtin
      ? type.builtin.slice(type.builtin.indexOf("}") + 1)
      : undefined,
    item: type.itemType ? key(type.itemType) : undefined,
    members: type.memberTypes?.map(key),
    facets: Object.keys(type.facets).length ? facets(type.facets) : undefined,
  });
}

function attribute(
  index: ModelIndex,
  a: AttributeUse,
  versions: Versions,
): Literal {
  return compact({
    name: index.prefixed(a.name),
    prop: a.tsName,
    type:
      isBuiltin(a.type) || index.types.has(a.type)
        ? index.prefixed(a.type)
        : "xs:anySimpleType",
    required: a.use === "required" || undefined,
    prohibited: a.use === "prohibited" || undefined,
    fixed: a.fixed,
    addedIn: versions.since(a.annotations),
    ...versions.sending(a.annotations),
  });
}

function group(index: ModelIndex, g: ModelGroup, versions: Versions): Literal {
  return compact({
    group: g.kind,
    ...occurs(g),
    prop: g.tsName,
    items: g.particles.map((p) => particle(index, p, versions)),
  });
}

function particle(index: ModelIndex, p: Particle, versions: Versions): Literal {
  if (p.kind === "element") {
    return compact({
      element: index.prefixed(p.name),
      prop: p.tsName,
      type: index.prefixed(p.type),
      ...occurs(p),
      nillable: p.nillable || undefined,
      ref:
        p.ref && index.elements.get(p.ref)?.substitutes.length
          ? true
          : undefined,
      addedIn: versions.since(p.annotations),
      ...versions.sending(p.annotations),
    });
  }
  if (p.kind === "any") return wildcard(p);
  return group(index, p, versions);
}

function wildcard(w: {
  namespaces: "##any" | "##other" | string[];
  targetNamespace: string;
  processContents: string;
  tsName?: string;
  minOccurs: number;
  maxOccurs: number | "unbounded";
}): Literal {
  return compact({
    any: w.namespaces,
    targetNamespace: w.namespaces === "##other" ? w.targetNamespace : undefined,
    process: w.processContents,
    prop: w.tsName || undefined,
    ...occurs(w),
  });
}

function occurs(p: { minOccurs: number; maxOccurs: number | "unbounded" }): {
  min?: number;
  max?: number | "unbounded";
} {
  return {
    min: p.minOccurs === 1 ? undefined : p.minOccurs,
    max: p.maxOccurs === 1 ? undefined : p.maxOccurs,
  };
}

function facets(f: Facets): Literal {
  return compact({ ...f }) as Literal;
}

/** Drops undefined entries, so the printed data says only what differs from the defaults. */
function compact(object: Record<string, unknown>): { [key: string]: Literal } {
  const out: { [key: string]: Literal } = {};
  for (const [k, v] of Object.entries(object))
    if (v !== undefined) out[k] = v as Literal;
  return out;
}
