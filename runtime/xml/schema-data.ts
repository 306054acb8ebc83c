/**
 * vcd-codegen runtime: the shape of the schema descriptors a generated package holds (its
 * `schema` module). The reader, writer and validator are generic code driven by these.
 *
 * Names: a type is referred to by its key (`prefix:Name`, `prefix:Owner/Child` for an anonymous
 * type, `xs:name` for a built-in); an element or attribute by `prefix:local` when it is in a
 * namespace, by `local` when not. Occurrences default to 1.
 *
 * `addedIn` is the API version a type, element, particle or attribute first appears in, as a number
 * (`33` for 33.0, `35.2`), set only where it is above the oldest version the package supports (below
 * that, everything the package has is there): a document checked at an older version may not hold it,
 * and it is not required there. Between two public releases of the schemas, a client sends only what
 * both allow: `removedIn` is the version from which a particle or attribute may no longer be sent, and
 * `requiredBelow` the version below which one that became optional must still be sent.
 */

import type { Gap } from "./api-version.js";

export type MaxOccurs = number | "unbounded";

export interface SchemaData {
  /** Prefix and URI of every namespace; the default namespace is written without prefix. */
  readonly namespaces: readonly (readonly [prefix: string, uri: string])[];
  readonly defaultNamespace?: string;
  readonly types: { readonly [key: string]: TypeData };
  readonly elements: { readonly [name: string]: GlobalElementData };
}

export type TypeData = ComplexTypeData | SimpleTypeData;

export interface ComplexTypeData {
  readonly kind: "complex";
  readonly base?: string;
  /** A complexContent restriction: its content replaces the base's. */
  readonly restriction?: boolean;
  readonly abstract?: boolean;
  /** An anonymous type: it can never be named by `xsi:type`. */
  readonly anonymous?: boolean;
  readonly mixed?: boolean;
  /** The simple type of the text, for simple content. */
  readonly text?: string;
  /** Facets a simpleContent restriction adds to the text. */
  readonly textFacets?: FacetsData;
  /** The content this type declares itself (for an extension: what it adds). */
  readonly content?: GroupData;
  readonly attributes?: readonly AttributeData[];
  readonly anyAttribute?: WildcardData;
  /** The versions at which it may not be sent though the releases on both sides have it. */
  readonly gap?: Gap;
  /** The API version the type first appears in (as `$type`), when above the package's oldest. */
  readonly addedIn?: number;
}

export interface SimpleTypeData {
  readonly kind: "simple";
  readonly variety: "atomic" | "list" | "union";
  /** The XSD built-in it comes down to (`int`, `string`, ...), for atomic and list types. */
  readonly builtin?: string;
  readonly item?: string;
  readonly members?: readonly string[];
  readonly facets?: FacetsData;
}

export interface FacetsData {
  readonly enumeration?: readonly string[];
  /** Patterns: each inner list comes from one derivation step (any of it may match); every step must match. */
  readonly patterns?: readonly (readonly string[])[];
  readonly minInclusive?: string;
  readonly maxInclusive?: string;
  readonly minExclusive?: string;
  readonly maxExclusive?: string;
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly totalDigits?: number;
  readonly fractionDigits?: number;
  readonly whiteSpace?: "preserve" | "replace" | "collapse";
}

export interface AttributeData {
  readonly name: string;
  readonly prop: string;
  readonly type: string;
  readonly required?: boolean;
  readonly prohibited?: boolean;
  readonly fixed?: string;
  /** The API version the attribute first appears in, when above the package's oldest. */
  readonly addedIn?: number;
  /** The API version from which it may no longer be sent. */
  readonly removedIn?: number;
  /** Optional, but required when sent at a version below this one. */
  readonly requiredBelow?: number;
}

export type ParticleData = ElementParticleData | GroupData | WildcardData;

export interface ElementParticleData {
  readonly element: string;
  readonly prop: string;
  readonly type: string;
  readonly min?: number;
  readonly max?: MaxOccurs;
  readonly nillable?: boolean;
  /** A reference to a global element: the elements of its substitution group may stand here. */
  readonly ref?: boolean;
  /** The API version the element first appears in here, when above the package's oldest. */
  readonly addedIn?: number;
  /** The API version from which it may no longer be sent here. */
  readonly removedIn?: number;
  /** Optional (`min` 0), but required when sent at a version below this one. */
  readonly requiredBelow?: number;
}

export interface GroupData {
  readonly group: "sequence" | "choice" | "all";
  readonly min?: number;
  readonly max?: MaxOccurs;
  readonly items: readonly ParticleData[];
  /** Set on a repeating group held as one array property of items. */
  readonly prop?: string;
}

export interface WildcardData {
  /** `##any`, `##other` (than `targetNamespace`), or the namespaces allowed (`""`: none). */
  readonly any: "##any" | "##other" | readonly string[];
  readonly targetNamespace?: string;
  readonly process: "strict" | "lax" | "skip";
  readonly prop?: string;
  readonly min?: number;
  readonly max?: MaxOccurs;
}

export interface GlobalElementData {
  readonly type: string;
  readonly abstract?: boolean;
  readonly nillable?: boolean;
  /** Elements that may stand for this one (transitively). */
  readonly substitutes?: readonly string[];
  /** The API version the element (or its type) first appears in, when above the package's oldest. */
  readonly addedIn?: number;
  /** The versions at which it (or its type) may not be sent though the releases on both sides have it. */
  readonly gap?: Gap;
}
