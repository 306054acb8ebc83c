/**
 * Maps the raw schema objects of a loaded schema set onto the working model: one entry per named or
 * anonymous type, global element, group, attribute group and global attribute. References stay
 * unresolved here; the passes resolve them.
 */
import { GeneratorError, formatLocation } from "../diagnostics.js";
import type {
  RawAttribute,
  RawAttributeMember,
  RawComplexType,
  RawElement,
  RawParticle,
  RawSimpleType,
  RawWildcard,
} from "../load/raw-schema.js";
import type { SchemaSet } from "../load/schema-set.js";
import { buildFacets } from "./build-facets.js";
import type {
  Draft,
  DraftAttributeMember,
  DraftModelGroup,
  DraftParticle,
  DraftType,
  DraftWildcard,
  DraftAttribute,
} from "./draft.js";
import {
  XSD_NS,
  clark,
  localOf,
  namespaceOf,
  type ClarkName,
} from "./qname.js";

const ANY_TYPE = clark(XSD_NS, "anyType");
const ANY_SIMPLE_TYPE = clark(XSD_NS, "anySimpleType");

export function buildDraft(
  set: SchemaSet,
  apiVersion: string,
  prefixes: Map<string, string>,
): Draft {
  const draft: Draft = {
    apiVersion,
    namespaces: prefixes,
    types: new Map(),
    elements: new Map(),
    groups: new Map(),
    attributeGroups: new Map(),
    attributes: new Map(),
    operations: [],
    leftOutOperations: [],
  };
  for (const schema of set.schemas) {
    for (const type of schema.types) addType(draft, type, type.name!);
    for (const element of schema.elements) addGlobalElement(draft, element);
    for (const group of schema.groups) {
      claim(draft.groups, group.name, group.location, "group");
      draft.groups.set(group.name, {
        name: group.name,
        particle: group.particle
          ? toGroup(draft, group.particle, group.name)
          : null,
        source: group.location,
      });
    }
    for (const group of schema.attributeGroups) {
      claim(
        draft.attributeGroups,
        group.name,
        group.location,
        "attribute group",
      );
      draft.attributeGroups.set(group.name, {
        name: group.name,
        attributes: toAttributes(draft, group.attributes, group.name),
        anyAttribute: group.anyAttribute && toWildcard(group.anyAttribute),
        source: group.location,
      });
    }
    for (const attribute of schema.attributes) {
      claim(draft.attributes, attribute.name!, attribute.location, "attribute");
      const owner = `{${namespaceOf(attribute.name!)}}attribute(${localOf(attribute.name!)})`;
      draft.attributes.set(
        attribute.name!,
        toAttribute(draft, attribute, owner) as DraftAttribute,
      );
    }
  }
  return draft;
}

function claim(
  table: Map<
    ClarkName,
    { source: { file: string; line: number; column: number } }
  >,
  name: ClarkName,
  location: { file: string; line: number; column: number },
  what: string,
): void {
  const existing = table.get(name);
  if (existing) {
    throw new GeneratorError(
      `duplicate ${what} name "${localOf(name)}" in namespace "${namespaceOf(name)}" (first defined at ${formatLocation(existing.source)})`,
      location,
    );
  }
}

function addType(
  draft: Draft,
  raw: RawComplexType | RawSimpleType,
  id: ClarkName,
): ClarkName {
  claim(draft.types, id, raw.location, "type");
  const common = {
    id,
    qname: raw.name,
    namespace: namespaceOf(id),
    tsName: "",
    annotations: {},
    raw: raw.annotation,
    source: raw.location,
  };
  // Reserve the id before descending, so nested anonymous types see it taken.
  draft.types.set(id, undefined as unknown as DraftType);
  const type: DraftType =
    raw.kind === "complexType"
      ? complexType(draft, raw, id, common)
      : simpleType(draft, raw, id, common);
  draft.types.set(id, type);
  return id;
}

function complexType(
  draft: Draft,
  raw: RawComplexType,
  id: ClarkName,
  common: object,
): DraftType {
  const base = raw.base === ANY_TYPE ? undefined : raw.base;
  return {
    ...(common as Omit<DraftType, "kind">),
    kind: "complex",
    abstract: raw.abstract,
    mixed: raw.mixed,
    base,
    derivation: base ? raw.derivation : undefined,
    simpleContent:
      raw.contentKind !== "simple"
        ? undefined
        : raw.anonymousContentType
          ? addType(draft, raw.anonymousContentType, `${id}#content`)
          : base,
    facets: raw.facets.length ? buildFacets(raw.facets) : undefined,
    particle: raw.particle ? toGroup(draft, raw.particle, id) : null,
    attributes: toAttributes(draft, raw.attributes, id),
    anyAttribute: raw.anyAttribute && toWildcard(raw.anyAttribute),
    subtypes: [],
  } as DraftType;
}

function simpleType(
  draft: Draft,
  raw: RawSimpleType,
  id: ClarkName,
  common: object,
): DraftType {
  const anonymous = (child: RawSimpleType | undefined, suffix: string) =>
    child ? addType(draft, child, `${id}#${suffix}`) : undefined;
  const ownFacets = buildFacets(raw.facets);
  return {
    ...(common as Omit<DraftType, "kind">),
    kind: "simple",
    variety: raw.variety === "restriction" ? "atomic" : raw.variety,
    base:
      raw.variety === "restriction"
        ? (raw.base ?? anonymous(raw.anonymousBase, "base") ?? ANY_SIMPLE_TYPE)
        : undefined,
    builtin: "",
    itemType:
      raw.variety === "list"
        ? (raw.itemType ?? anonymous(raw.anonymousItemType, "item"))
        : undefined,
    memberTypes:
      raw.variety === "union"
        ? [
            ...raw.memberTypes,
            ...raw.anonymousMemberTypes.map((member, i) =>
              anonymous(member, `member${i + 1}`)!,
            ),
          ]
        : undefined,
    ownFacets,
    facets: ownFacets,
  } as DraftType;
}

function addGlobalElement(draft: Draft, raw: RawElement): void {
  const id = raw.name!;
  claim(draft.elements, id, raw.location, "element");
  draft.elements.set(id, {
    id,
    namespace: namespaceOf(id),
    type: elementType(
      draft,
      raw,
      `{${namespaceOf(id)}}element(${localOf(id)})`,
    ),
    abstract: raw.abstract,
    nillable: raw.nillable,
    substitutionGroup: raw.substitutionGroup,
    substitutes: [],
    annotations: {},
    raw: raw.annotation,
    source: raw.location,
  });
}

/** The type of an element: named, anonymous (given an id under its owner), or anyType. */
function elementType(
  draft: Draft,
  raw: RawElement,
  anonymousId: ClarkName,
): ClarkName {
  if (raw.type) return raw.type;
  if (raw.anonymousType) return addType(draft, raw.anonymousType, anonymousId);
  if (raw.ref) return "";
  return ANY_TYPE;
}

function toGroup(
  draft: Draft,
  raw: RawParticle,
  owner: ClarkName,
): DraftModelGroup {
  const particle = toParticle(draft, raw, owner);
  if (
    particle.kind === "sequence" ||
    particle.kind === "choice" ||
    particle.kind === "all"
  )
    return particle;
  return {
    kind: "sequence",
    minOccurs: 1,
    maxOccurs: 1,
    particles: [particle],
  };
}

function toParticle(
  draft: Draft,
  raw: RawParticle,
  owner: ClarkName,
): DraftParticle {
  switch (raw.kind) {
    case "element":
      return {
        kind: "element",
        name: raw.name ?? raw.ref!,
        ref: raw.ref,
        type: elementType(
          draft,
          raw,
          `${owner}/${localOf(raw.name ?? raw.ref!)}`,
        ),
        minOccurs: raw.minOccurs,
        maxOccurs: raw.maxOccurs,
        nillable: raw.nillable,
        default: raw.default,
        fixed: raw.fixed,
        tsName: "",
        raw: raw.annotation,
        annotations: {},
        source: raw.location,
      };
    case "groupRef":
      return {
        kind: "groupRef",
        ref: raw.ref,
        minOccurs: raw.minOccurs,
        maxOccurs: raw.maxOccurs,
        source: raw.location,
      };
    case "any":
      return toWildcard(raw);
    default:
      return {
        kind: raw.kind,
        minOccurs: raw.minOccurs,
        maxOccurs: raw.maxOccurs,
        particles: raw.particles.map((child) =>
          toParticle(draft, child, owner),
        ),
      };
  }
}

export function toWildcard(raw: RawWildcard): DraftWildcard {
  const tokens = raw.namespace.split(/\s+/).filter(Boolean);
  let namespaces: DraftWildcard["namespaces"];
  if (tokens.includes("##any") || tokens.length === 0) namespaces = "##any";
  else if (tokens.includes("##other")) namespaces = "##other";
  else {
    namespaces = tokens.map((token) =>
      token === "##targetNamespace"
        ? raw.targetNamespace
        : token === "##local"
          ? ""
          : token,
    );
  }
  return {
    kind: "any",
    namespaces,
    targetNamespace: raw.targetNamespace,
    processContents: raw.processContents,
    minOccurs: raw.minOccurs,
    maxOccurs: raw.maxOccurs,
    tsName: "",
    source: raw.location,
  };
}

function toAttributes(
  draft: Draft,
  raw: RawAttributeMember[],
  owner: ClarkName,
): DraftAttributeMember[] {
  return raw.map((member) =>
    member.kind === "attributeGroupRef"
      ? { kind: "attributeGroupRef", ref: member.ref, source: member.location }
      : toAttribute(draft, member, owner),
  );
}

function toAttribute(
  draft: Draft,
  raw: RawAttribute,
  owner: ClarkName,
): DraftAttributeMember {
  if (raw.ref) {
    return {
      kind: "attributeRef",
      ref: raw.ref,
      use: raw.use,
      default: raw.default,
      fixed: raw.fixed,
      raw: raw.annotation,
      source: raw.location,
    };
  }
  const name = raw.name!;
  return {
    kind: "attribute",
    name,
    type:
      raw.type ??
      (raw.anonymousType
        ? addType(draft, raw.anonymousType, anonymousAttributeType(owner, name))
        : ANY_SIMPLE_TYPE),
    use: raw.use,
    default: raw.default,
    fixed: raw.fixed,
    tsName: "",
    annotations: {},
    raw: raw.annotation,
    source: raw.location,
  };
}

/** A global attribute's anonymous type is named after it; a local one after its owner and itself. */
function anonymousAttributeType(owner: ClarkName, name: ClarkName): ClarkName {
  return localOf(owner).startsWith("attribute(")
    ? owner
    : `${owner}/@${localOf(name)}`;
}
