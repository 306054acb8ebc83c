/**
 * vcd-codegen runtime: the compiled form of the schema descriptors, as the reader, writer and
 * validator walk it (built by compiled-schema.ts).
 */
import type { Gap } from "./api-version.js";
import type { FacetsData, MaxOccurs } from "./schema-data.js";
import type { ValueKind } from "./simple-values.js";

export interface CompiledSimple {
  readonly key: string;
  readonly variety: "atomic" | "list" | "union";
  readonly builtin: string;
  readonly kind: ValueKind;
  readonly facets: FacetsData | undefined;
  readonly item: CompiledSimple | undefined;
  readonly members: readonly CompiledSimple[];
}

/** An element name and how the writer writes it. */
export interface ElementName {
  /** `prefix:local` (canonical prefix), or `local` in no namespace. */
  readonly name: string;
  /** `{ns}local`. */
  readonly clark: string;
  /** What follows `<` in the start tag (the default namespace's prefix left out; `xmlns=""` where needed). */
  readonly startTag: string;
  /** What follows `</` in the end tag. */
  readonly endTag: string;
  /** The prefix to declare on the root, if any. */
  readonly prefix: string | undefined;
}

export interface SubstituteElement extends ElementName {
  readonly type: string;
  /** The API version the element first appears in (0: as old as the package's oldest). */
  readonly addedIn: number;
  /** The versions at which it may not be sent though the releases on both sides have it. */
  readonly gap: Gap | undefined;
}

export interface CompiledElement extends ElementName {
  readonly kind: "element";
  readonly prop: string;
  readonly type: string;
  readonly min: number;
  readonly max: MaxOccurs;
  readonly nillable: boolean;
  /** Elements that may stand here (a substitution group) by name, when this refers to a head. */
  readonly substitutes: ReadonlyMap<string, SubstituteElement> | undefined;
  /** Held in an array (it or an enclosing group repeats). */
  readonly repeated: boolean;
  /** How many times it may occur in all, through the groups it stands in. */
  readonly minTotal: number;
  readonly maxTotal: MaxOccurs;
  /** The API version it first appears in here (0: as old as the package's oldest). */
  readonly addedIn: number;
  /** The API version from which it may no longer be sent (Infinity: never). */
  readonly removedIn: number;
  /** Required when sent below this version though `min` is 0 (0: never). */
  readonly requiredBelow: number;
}

export interface CompiledWildcard {
  readonly kind: "any";
  readonly prop: string;
  readonly min: number;
  readonly max: MaxOccurs;
  readonly accepts: (ns: string) => boolean;
}

export interface CompiledGroup {
  readonly kind: "group";
  readonly group: "sequence" | "choice" | "all";
  readonly min: number;
  readonly max: MaxOccurs;
  readonly items: readonly CompiledParticle[];
  /** Set when the group's occurrences are held as items of one array property. */
  readonly prop: string | undefined;
}

export type CompiledParticle =
  CompiledElement | CompiledGroup | CompiledWildcard;

export interface CompiledAttribute {
  readonly clark: string;
  /** The attribute name as written (`prefix:local`, `xml:lang`, or `local`). */
  readonly name: string;
  /** The prefix to declare on the root, if any. */
  readonly prefix: string | undefined;
  readonly prop: string;
  readonly type: CompiledSimple;
  readonly required: boolean;
  readonly fixed: string | undefined;
  /** The API version it first appears in (0: as old as the package's oldest). */
  readonly addedIn: number;
  /** The API version from which it may no longer be sent (Infinity: never). */
  readonly removedIn: number;
  /** Required when sent below this version though optional (0: never). */
  readonly requiredBelow: number;
}

/** Where a child element found in a document goes. */
export interface Slot {
  readonly particle: CompiledElement;
  /** The repeating group it belongs to, when that group is held as items. */
  readonly itemGroup: CompiledGroup | undefined;
  /** Its place in the content model, to keep document order. */
  readonly order: number;
  /** The element name when it stands for a substitution group head. */
  readonly element: string | undefined;
  readonly type: string;
}

export interface CompiledComplex {
  readonly key: string;
  /** The `prefix:Name` written as `xsi:type`, for named types. */
  readonly name: string;
  readonly abstract: boolean;
  readonly mixed: boolean;
  /** The text type, for simple content. */
  readonly text: CompiledSimple | undefined;
  /** The content model, base content first. */
  readonly content: readonly CompiledGroup[];
  readonly attributes: readonly CompiledAttribute[];
  readonly attributesByClark: ReadonlyMap<string, CompiledAttribute>;
  /** The attributes in no namespace (most of them), by local name. */
  readonly attributesByLocal: ReadonlyMap<string, CompiledAttribute>;
  readonly anyAttribute: ((ns: string) => boolean) | undefined;
  /** Where each child element goes, by namespace, then local name. */
  readonly slots: ReadonlyMap<string, ReadonlyMap<string, readonly Slot[]>>;
  readonly wildcards: readonly {
    readonly wildcard: CompiledWildcard;
    readonly order: number;
  }[];
  /** Every property a value of this type may have. */
  readonly props: ReadonlySet<string>;
  /** The properties that hold element content (to tell an empty element at once). */
  readonly contentProps: readonly string[];
  /** The type's name as `xsi:type` content (the default namespace's prefix left out). */
  readonly xsiName: string;
  /** Keys of the types derived from this one (for `$type`). */
  readonly subtypes: ReadonlySet<string>;
  /** The API version the type first appears in (0: as old as the package's oldest). */
  readonly addedIn: number;
  /** The versions at which it may not be sent (as `$type`) though the releases on both sides have it. */
  readonly gap: Gap | undefined;
}
