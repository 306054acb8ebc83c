/**
 * The intermediate model (IR): everything the emitters need to know about a schema set, as plain,
 * JSON-serialisable data. This file is part of the package's public API (`vcd-codegen/model`):
 * `vcd-codegen model --out FILE` writes a {@link Model} as JSON, for other SDK packages to consume.
 *
 * Conventions:
 * - Names of schema components are Clark names, `{namespace}local` (see {@link ClarkName}).
 * - A type is referred to by its `id`: the Clark name of a named type, or for an anonymous type a
 *   path from its nearest named owner (`{ns}Owner/Element`). XSD built-in types are referred to by
 *   their Clark name in the XSD namespace (`{http://www.w3.org/2001/XMLSchema}string`) and have no
 *   entry in `types`.
 * - Content models keep the schema's order: `particles` arrays are in document order, and a derived
 *   type's content comes after its base type's.
 * - Occurrence bounds are numbers; `maxOccurs` is `"unbounded"` where the schema says so.
 */

import type { FacetsData } from "../../runtime/xml/schema-data.js";

/** `{namespace}local`. */
export type ClarkName = string;

/** A place in a schema file (1-based). */
export interface Source {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface Model {
  /** The version of this document's shape; bumped on incompatible changes. */
  readonly formatVersion: 1;
  /**
   * The API version the model was filtered for (e.g. `"30.0"`): what was added after it, or removed at
   * or before it, is left out. `"all"` for the model of every version, with nothing left out.
   */
  readonly apiVersion: string;
  /** Where the inputs come from, as generated files name them: `vmware/vcd-api-schemas@756f3abb415b`, or `unpinned inputs`. */
  readonly inputs: string;
  /**
   * The oldest API version a package of this model supports: that of the oldest operations document
   * the inputs have at or below `apiVersion` (the baseline every `addedIn` is counted from), else
   * `apiVersion` itself; for the model of every version, the oldest document's.
   */
  readonly lowestApiVersion: string;
  /** The namespace the schema set's description names as the default one (unprefixed names), if any. */
  readonly defaultNamespace?: string;
  readonly namespaces: Namespace[];
  /** Every named and anonymous type, sorted by `id`. */
  readonly types: TypeDef[];
  /** Every global element, sorted by `id`. */
  readonly elements: ElementDecl[];
  /**
   * Every operation of the XML REST API at this version, sorted by `path` then `method`: what the
   * generated stubs call and the simulator serves. Empty when the schema set names no operations
   * document.
   */
  readonly operations: Operation[];
  /** What became of the operations document: its file, and how many operations were left out at this version. */
  readonly operationsSource?: OperationsSource;
  /**
   * With operations: the rel values of vCD's links we know, sorted (`schemas/vcd-api.link-rels.json`,
   * each group with its evidence; the XSDs leave them to the Programming Guide).
   */
  readonly linkRels?: readonly string[];
  /**
   * The query service's types (`GET /query?type=vm`), sorted by name: each with its record element
   * and, where the set has them, its references elements (see generator/model/query-types.ts).
   * Absent for a schema set without query records.
   */
  readonly queryTypes?: QueryTypeInfo[];
}

/** One query type of the query service. */
export interface QueryTypeInfo {
  /** The `type` parameter's value (`vm`, `adminOrgVdc`). */
  readonly name: string;
  /** The record element of the `records` and `idrecords` formats (`{vcloud}VMRecord`). */
  readonly record: ClarkName;
  /** Its type (`{vcloud}QueryResultVMRecordType`). */
  readonly recordType: ClarkName;
  /** The root and item elements of the `references` format, where the set has both. */
  readonly references?: { readonly root: ClarkName; readonly item: ClarkName };
  /** The record element's `addedIn`, if any. */
  readonly addedIn?: string;
  /** The packaged queries answering its records (`GET /vApps/query`), by operation id. */
  readonly packaged?: string[];
}

export interface Namespace {
  readonly uri: string;
  /** The canonical prefix (`vcloud`, `vmext`, `ovf`, ...). */
  readonly prefix: string;
  /** The generated module's file name without extension (`vcloud`, `vcloud-ext`, ...). */
  readonly module: string;
}

/** vCD's annotations and the documentation of a component. */
export interface Annotations {
  /** `xs:documentation` text (paragraphs separated by blank lines). */
  readonly documentation?: string;
  /** The API version the component first appeared in (`since`, `added-in`), numeric (`"5.1"`). */
  readonly addedIn?: string;
  /** The API version in which the component was removed, numeric. */
  readonly removedIn?: string;
  /**
   * Sending, where it differs from reading (a change between two public releases: a client reads
   * what either release has and sends what both have; see schemas/vcd-api.version-facts.json):
   * the version from which a client may send the component (later than `addedIn`), ...
   */
  readonly sendAddedIn?: string;
  /** ... the version from which it may no longer send it (earlier than `removedIn`), ... */
  readonly sendRemovedIn?: string;
  /** ... and, for a property or attribute that became optional, the version below which a client must still send it. */
  readonly requiredBelow?: string;
  /** For a type or global element that one release lacked but the releases on both sides have: the versions (`from` up to, not including, `until`) at which a client may not send it. */
  readonly sendGap?: { readonly from: string; readonly until: string };
  /** The feature alias the version was given as (`"MULTI_SITE"`), if any. */
  readonly addedInAlias?: string;
  /** Deprecation note (the API version or text given by `source="deprecated"`). */
  readonly deprecated?: string;
  /** When the value may be changed by a client: `create`, `update`, `always` or `none`. */
  readonly modifiable?: string;
  /** vCD's `source="required"` note (what the server requires, beyond minOccurs). */
  readonly required?: boolean;
  /** Marked internal to vCD. */
  readonly internal?: boolean;
  /** The media type of a type (`application/vnd.vmware.vcloud.vApp`, without `+xml`). */
  readonly mediaType?: string;
}

export type TypeDef = ComplexTypeDef | SimpleTypeDef;

interface TypeCommon {
  readonly id: ClarkName;
  /** The XSD name, absent for anonymous types. */
  readonly qname?: ClarkName;
  /** The namespace the type belongs to (its module). */
  readonly namespace: string;
  /** The TypeScript name: unique within the namespace's module. */
  readonly tsName: string;
  readonly annotations: Annotations;
  readonly source: Source;
}

export interface ComplexTypeDef extends TypeCommon {
  readonly kind: "complex";
  readonly abstract: boolean;
  readonly mixed: boolean;
  /** The base type, if derived (`{http://www.w3.org/2001/XMLSchema}anyType` is left out). */
  readonly base?: ClarkName;
  readonly derivation?: "extension" | "restriction";
  /** The type of the text content, for simple content (a built-in or simple type id). */
  readonly simpleContent?: ClarkName;
  /** Facets of a simpleContent restriction. */
  readonly facets?: Facets;
  /**
   * The content this type declares itself: for an extension, only what it adds to its base; for a
   * restriction, its whole content model. Null when it declares no element content.
   */
  readonly particle: ModelGroup | null;
  /** The attributes this type declares itself (attribute groups and refs already inlined). */
  readonly attributes: AttributeUse[];
  readonly anyAttribute?: Wildcard;
  /** Types derived from this one directly or indirectly, sorted (filled in by a pass). */
  readonly subtypes: ClarkName[];
  /** For a type with subtypes: the TypeScript name of the union of everything that may stand for it. */
  readonly unionTsName?: string;
}

export interface SimpleTypeDef extends TypeCommon {
  readonly kind: "simple";
  readonly variety: "atomic" | "list" | "union";
  /** The type it restricts (atomic), a built-in or simple type id. */
  readonly base?: ClarkName;
  /** The XSD primitive (or built-in) type it comes down to, for value mapping (atomic and list). */
  readonly builtin: ClarkName;
  readonly itemType?: ClarkName;
  readonly memberTypes?: ClarkName[];
  /** The facets of this type and everything it restricts, merged (patterns per derivation step). */
  readonly facets: Facets;
}

/** The facets of a simple type (the same shape the runtime's descriptors use). */
export type Facets = FacetsData;

export type MaxOccurs = number | "unbounded";

export type Particle = ElementParticle | ModelGroup | Wildcard;

export interface ModelGroup {
  readonly kind: "sequence" | "choice" | "all";
  readonly minOccurs: number;
  readonly maxOccurs: MaxOccurs;
  readonly particles: Particle[];
  /**
   * Set on a repeating group (maxOccurs > 1) with more than one element: its occurrences are held,
   * in document order, as the items of one array property of this name.
   */
  readonly tsName?: string;
  /** With `tsName`: the TypeScript name of the type of one item (`<Owner>_<tsName>Item`). */
  readonly itemTsName?: string;
}

export interface ElementParticle {
  readonly kind: "element";
  /** The element's Clark name (namespace per its form, or the referenced global element's). */
  readonly name: ClarkName;
  /** The global element this particle refers to (`ref=`), if any. */
  readonly ref?: ClarkName;
  readonly type: ClarkName;
  readonly minOccurs: number;
  readonly maxOccurs: MaxOccurs;
  readonly nillable: boolean;
  readonly default?: string;
  readonly fixed?: string;
  /** The property name in the generated TypeScript. */
  readonly tsName: string;
  readonly annotations: Annotations;
  readonly source: Source;
}

export interface Wildcard {
  readonly kind: "any";
  /** `##any`, `##other` (relative to `targetNamespace`), or a list of URIs (`""` for no namespace). */
  readonly namespaces: "##any" | "##other" | string[];
  readonly targetNamespace: string;
  readonly processContents: "strict" | "lax" | "skip";
  readonly minOccurs: number;
  readonly maxOccurs: MaxOccurs;
  /** The property name holding the wildcard's content in the generated TypeScript. */
  readonly tsName: string;
  readonly source: Source;
}

export interface AttributeUse {
  readonly name: ClarkName;
  readonly type: ClarkName;
  readonly use: "optional" | "required" | "prohibited";
  readonly default?: string;
  readonly fixed?: string;
  readonly tsName: string;
  readonly annotations: Annotations;
  readonly source: Source;
}

export interface ElementDecl {
  readonly id: ClarkName;
  readonly namespace: string;
  readonly type: ClarkName;
  readonly abstract: boolean;
  readonly nillable: boolean;
  /** The head of the substitution group it belongs to. */
  readonly substitutionGroup?: ClarkName;
  /** The elements that may stand for this one, directly or indirectly, sorted (filled in by a pass). */
  readonly substitutes: ClarkName[];
  /** For a substitution group head: the TypeScript name of the union of the elements that may stand for it. */
  readonly groupTsName?: string;
  /** For an element that may be a document's root (not abstract): the name its namespace's module exports its schema part under (`TaskSchema`). */
  readonly schemaTsName?: string;
  readonly annotations: Annotations;
  readonly source: Source;
}

/** The operations document the model's operations come from. */
export interface OperationsSource {
  /** The file, relative to the input folder (or `vcd-codegen's operations facts of 36.0`, for the carried ones). */
  readonly file: string;
  /** The API version it is of. */
  readonly version: string;
  /** How many operations it lists. */
  readonly listed: number;
  /** The operations left out because a type they send or answer is left out at this API version. */
  readonly leftOut: { readonly id: string; readonly reason: string }[];
}

/** One shape a request or response body may take. */
export interface BodyDecl {
  /** As sent over HTTP: `application/vnd.vmware.vcloud.vApp+xml`. */
  readonly mediaType: string;
  /** The body's XSD type. */
  readonly type: ClarkName;
  /** The global element of that type (and media type) the body is written as. */
  readonly element: ClarkName;
}

/** One operation of the XML REST API (one method on one path). */
export interface Operation {
  /** `METHOD /path`, e.g. `POST /vApp/{id}/power/action/powerOn`: what overrides and names refer to. */
  readonly id: string;
  /** The stub's name: unique in the package (see `generator/model/operation-naming.ts`). */
  readonly name: string;
  readonly method: "GET" | "PUT" | "POST" | "DELETE";
  /** The path template below the API root, as in the operations document. */
  readonly path: string;
  /** `user`, `admin` (organization or system administrator) or `extension` (system administrator). */
  readonly tag: "user" | "admin" | "extension";
  /** `basic` for the login operations, `bearer` otherwise. */
  readonly auth: "basic" | "bearer";
  /** The path template's parameters, in order. */
  readonly pathParameters: string[];
  readonly queryParameters: {
    readonly name: string;
    readonly required: boolean;
    /** What vCD takes in it (our facts; absent: any string, number or boolean). */
    readonly value?: QueryParameterValue;
  }[];
  /** Every shape the request body may take; empty for an operation without a body. */
  readonly request: BodyDecl[];
  /** Every shape a successful answer may take; empty when the document declares none (open). */
  readonly responses: BodyDecl[];
  readonly deprecated: boolean;
  /**
   * For a deprecated operation: what vCD recommends instead, or why it stays, from our facts
   * (`schemas/vcd-api.operations.json`, `deprecated`, each with its evidence).
   */
  readonly replacement?: string;
  /**
   * The first API version whose operations document lists it; absent when the oldest document the
   * inputs have lists it already (or the inputs have one document only).
   */
  readonly addedIn?: string;
  /**
   * For an operation an older document lists and the target version's does not (its stub is kept,
   * for the older servers the package speaks to): the first version whose document lacks it.
   */
  readonly removedIn?: string;
  /**
   * The paths older documents listed it at, each with the first and last versions that did (a
   * rename: the same method, media types and URL for the ids it takes; see
   * `generator/load/operation-history.ts`).
   */
  readonly formerPaths?: {
    readonly path: string;
    readonly from: string;
    readonly until: string;
  }[];
  /** Where it is described: the operations file and the JSON path of the operation in it. */
  readonly source: { readonly file: string; readonly path: string };
  /** Facts our schema-set description adds to the operations document, each with its evidence. */
  readonly overrides?: string[];
}

/** The value a query parameter takes: text, a whole number, a boolean, or one of some words. */
export type QueryParameterValue =
  | { readonly kind: "string" | "integer" | "boolean" }
  | { readonly kind: "enumeration"; readonly values: readonly string[] };
