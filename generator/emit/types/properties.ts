/**
 * The properties of a complex type's interface, in schema order: its element content (flattened
 * through sequences and choices; a repeating group of several elements as one property of items),
 * wildcard content, attributes, and the text of simple or mixed content.
 */
import type {
  Annotations,
  ComplexTypeDef,
  ElementParticle,
  ModelGroup,
  Particle,
  Source,
} from "../../model/ir.js";
import type { ModelIndex } from "../../model/model-index.js";
import type { GeneratedFile } from "../generated-file.js";
import { RUNTIME_VALUES } from "../modules.js";
import type { TypeExpressions } from "./type-expression.js";

export interface Property {
  readonly name: string;
  readonly optional: boolean;
  readonly type: string;
  readonly annotations: Annotations;
  readonly xsd?: string;
  readonly source?: Source;
  readonly notes?: string[];
}

export interface PropertyContext {
  readonly index: ModelIndex;
  readonly expressions: TypeExpressions;
  readonly file: GeneratedFile;
  /** Called for a repeating group held as one property: returns the type name of its items. */
  readonly itemType: (group: ModelGroup, owner: ComplexTypeDef) => string;
}

/** Occurrence context of a particle: optional and repeated as seen from the interface. */
interface Occurs {
  readonly optional: boolean;
  readonly repeated: boolean;
}

export function elementProperties(
  ctx: PropertyContext,
  owner: ComplexTypeDef,
  groups: readonly ModelGroup[],
): Property[] {
  const out: Property[] = [];
  for (const group of groups)
    collect(ctx, owner, group, { optional: false, repeated: false }, out);
  return out;
}

function collect(
  ctx: PropertyContext,
  owner: ComplexTypeDef,
  group: ModelGroup,
  outer: Occurs,
  out: Property[],
): void {
  const occurs: Occurs = {
    optional: outer.optional || group.minOccurs === 0,
    repeated: outer.repeated || group.maxOccurs !== 1,
  };
  if (group.tsName) {
    out.push({
      name: group.tsName,
      optional: occurs.optional,
      type: `${ctx.itemType(group, owner)}[]`,
      annotations: {},
      notes: [
        `The occurrences of a repeating ${group.kind}, in document order.`,
      ],
    });
    return;
  }
  const inChoice = group.kind === "choice" && group.particles.length > 1;
  for (const particle of group.particles) {
    const inner: Occurs = {
      optional: occurs.optional || inChoice,
      repeated: occurs.repeated,
    };
    if (particle.kind === "element")
      out.push(elementProperty(ctx, particle, inner));
    else if (particle.kind === "any") {
      out.push({
        name: particle.tsName,
        optional: true,
        type: `${ctx.file.refer(RUNTIME_VALUES, "AnyElement")}[]`,
        annotations: {},
        notes: [
          `Wildcard content (${describeNamespaces(particle.namespaces)}, processContents ${particle.processContents}), kept as raw XML.`,
        ],
      });
    } else collect(ctx, owner, particle, inner, out);
  }
}

function elementProperty(
  ctx: PropertyContext,
  particle: ElementParticle,
  outer: Occurs,
): Property {
  const global = particle.ref
    ? ctx.index.elements.get(particle.ref)
    : undefined;
  let type = global
    ? ctx.expressions.ofElement(ctx.file, global)
    : ctx.expressions.ofType(ctx.file, particle.type);
  if (particle.nillable) type = `${type} | null`;
  const repeated = outer.repeated || particle.maxOccurs !== 1;
  if (repeated) type = particle.nillable ? `(${type})[]` : `${type}[]`;
  return {
    name: particle.tsName,
    optional: outer.optional || particle.minOccurs === 0,
    type,
    annotations: particle.annotations,
    xsd: ctx.index.prefixed(particle.name),
    notes: occursNote(particle),
  };
}

function occursNote(particle: ElementParticle): string[] | undefined {
  const notes: string[] = [];
  if (
    particle.maxOccurs !== 1 &&
    (particle.minOccurs > 1 || particle.maxOccurs !== "unbounded")
  ) {
    notes.push(`Occurs ${particle.minOccurs} to ${particle.maxOccurs} times.`);
  }
  if (particle.default !== undefined)
    notes.push(`Default: \`${particle.default}\`.`);
  if (particle.fixed !== undefined) notes.push(`Fixed: \`${particle.fixed}\`.`);
  return notes.length ? notes : undefined;
}

function describeNamespaces(
  namespaces: "##any" | "##other" | string[],
): string {
  if (namespaces === "##any") return "any namespace";
  if (namespaces === "##other") return "any other namespace";
  return `namespaces ${namespaces.map((ns) => ns || "(none)").join(", ")}`;
}

export function isParticleGroup(particle: Particle): particle is ModelGroup {
  return (
    particle.kind === "sequence" ||
    particle.kind === "choice" ||
    particle.kind === "all"
  );
}
