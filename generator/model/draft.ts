/**
 * The working model that the passes refine into a {@link Model}. It is the IR plus what only exists
 * before the passes have run: group and attribute group references, attribute references, raw
 * annotations, and the tables those references point into. It holds no XSD syntax.
 */
import type { SourceLocation } from "../diagnostics.js";
import type { RawAnnotation } from "../load/raw-schema.js";
import type {
  Annotations,
  AttributeUse,
  BodyDecl,
  ClarkName,
  ElementDecl,
  Facets,
  MaxOccurs,
  QueryParameterValue,
  SimpleTypeDef,
  Wildcard,
  ComplexTypeDef,
} from "./ir.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface DraftElementParticle {
  kind: "element";
  name: ClarkName;
  ref?: ClarkName;
  /** Unknown until a ref is resolved. */
  type: ClarkName;
  minOccurs: number;
  maxOccurs: MaxOccurs;
  nillable: boolean;
  default?: string;
  fixed?: string;
  tsName: string;
  raw: RawAnnotation;
  annotations: Annotations;
  source: SourceLocation;
}

export interface DraftGroupRef {
  kind: "groupRef";
  ref: ClarkName;
  minOccurs: number;
  maxOccurs: MaxOccurs;
  source: SourceLocation;
}

export interface DraftModelGroup {
  kind: "sequence" | "choice" | "all";
  minOccurs: number;
  maxOccurs: MaxOccurs;
  particles: DraftParticle[];
  tsName?: string;
  itemTsName?: string;
}

export type DraftWildcard = Mutable<Wildcard>;

export type DraftParticle =
  DraftElementParticle | DraftModelGroup | DraftWildcard | DraftGroupRef;

export interface DraftAttribute extends Omit<Mutable<AttributeUse>, "source"> {
  kind: "attribute";
  raw: RawAnnotation;
  source: SourceLocation;
}

export interface DraftAttributeRef {
  kind: "attributeRef";
  ref: ClarkName;
  use: AttributeUse["use"];
  default?: string;
  fixed?: string;
  raw: RawAnnotation;
  source: SourceLocation;
}

export interface DraftAttributeGroupRef {
  kind: "attributeGroupRef";
  ref: ClarkName;
  source: SourceLocation;
}

export type DraftAttributeMember =
  DraftAttribute | DraftAttributeRef | DraftAttributeGroupRef;

export interface DraftComplexType extends Omit<
  Mutable<ComplexTypeDef>,
  "particle" | "attributes" | "anyAttribute" | "source"
> {
  particle: DraftModelGroup | null;
  attributes: DraftAttributeMember[];
  anyAttribute?: DraftWildcard;
  /** The annotation as read, until resolve-annotations turns it into `annotations`. */
  raw: RawAnnotation;
  source: SourceLocation;
}

export interface DraftSimpleType extends Omit<
  Mutable<SimpleTypeDef>,
  "facets" | "source"
> {
  /** The facets declared on this type only; merged with the base's by a pass. */
  ownFacets: Facets;
  facets: Facets;
  raw: RawAnnotation;
  source: SourceLocation;
}

export type DraftType = DraftComplexType | DraftSimpleType;

export interface DraftElement extends Omit<Mutable<ElementDecl>, "source"> {
  raw: RawAnnotation;
  source: SourceLocation;
}

export interface DraftGroup {
  name: ClarkName;
  particle: DraftModelGroup | null;
  source: SourceLocation;
}

export interface DraftAttributeGroup {
  name: ClarkName;
  attributes: DraftAttributeMember[];
  anyAttribute?: DraftWildcard;
  source: SourceLocation;
}

/** A body of an operation while it is linked to the schema model. */
export interface DraftBody {
  mediaType: string;
  /** The XSD type (Clark name), once the document's prefix is resolved. */
  type: ClarkName;
  /** Where the operations document (or our override) names it. */
  jsonPath: string;
  location: SourceLocation;
}

/** An operation of the XML REST API, from the operations document and our overrides. */
export interface DraftOperation {
  /** `METHOD /path`. */
  id: string;
  /** The first API version whose operations document lists it (absent: the oldest document does). */
  addedIn?: string;
  /** For an operation older documents list and the target's does not: the first version whose document lacks it. */
  removedIn?: string;
  /** The paths older documents listed it at (a rename: see load/operation-history.ts). */
  formerPaths?: {
    id: string;
    path: string;
    from: string;
    until: string;
  }[];
  method: "GET" | "PUT" | "POST" | "DELETE";
  path: string;
  tag: "user" | "admin" | "extension";
  auth: "basic" | "bearer";
  pathParameters: string[];
  queryParameters: {
    name: string;
    required: boolean;
    value?: QueryParameterValue;
  }[];
  request: DraftBody[];
  responses: DraftBody[];
  /** The global elements of each body's type, filled in by link-operations. */
  linked?: { request: BodyDecl[]; responses: BodyDecl[] };
  deprecated: boolean;
  /** For a deprecated operation: what vCD recommends instead, or why it stays (our overrides). */
  replacement?: string;
  jsonPath: string;
  location: SourceLocation;
  /** Evidence of each fact our overrides added. */
  overrides: string[];
  /** Set when our overrides leave the operation out: why. */
  leaveOut?: string;
  /** The stub's name, set by name-operations. */
  name?: string;
}

export interface Draft {
  apiVersion: string;
  /** Namespace URI -> canonical prefix, for every namespace with components. */
  namespaces: Map<string, string>;
  types: Map<ClarkName, DraftType>;
  elements: Map<ClarkName, DraftElement>;
  groups: Map<ClarkName, DraftGroup>;
  attributeGroups: Map<ClarkName, DraftAttributeGroup>;
  attributes: Map<ClarkName, DraftAttribute>;
  /** The operations, in the document's order; operations left out at the target version are removed by link-operations. */
  operations: DraftOperation[];
  /** Operations left out at the target version, with why. */
  leftOutOperations: { id: string; reason: string }[];
}

/** Calls `visit` on every element particle and wildcard under a group, depth first, in order. */
export function walkParticles(
  group: DraftModelGroup | null,
  visit: (particle: DraftParticle, parent: DraftModelGroup) => void,
): void {
  if (!group) return;
  for (const particle of group.particles) {
    visit(particle, group);
    if (
      particle.kind === "sequence" ||
      particle.kind === "choice" ||
      particle.kind === "all"
    ) {
      walkParticles(particle, visit);
    }
  }
}
