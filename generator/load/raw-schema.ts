/**
 * Raw schema objects: what the XSD files say, shaped like XSD syntax, with every reference already
 * turned into a Clark name and every object knowing where in which file it stands. The model is
 * built from these; no later stage reads XSD syntax.
 */
import type { SourceLocation } from "../diagnostics.js";
import type { ClarkName } from "../model/qname.js";

export interface RawAnnotation {
  /** `xs:documentation` without a `source` attribute, in order. */
  readonly documentation: string[];
  /** `xs:documentation source="X"` values by source (since, modifiable, required, ...). */
  readonly sources: Record<string, string>;
  /** `meta:version added-in` / `removed-in`. */
  readonly versionAddedIn?: string;
  readonly versionRemovedIn?: string;
  /** `meta:content-type` (media type without `+xml`). */
  readonly contentType?: string;
}

export type MaxOccurs = number | "unbounded";

interface Located {
  readonly location: SourceLocation;
  readonly annotation: RawAnnotation;
}

export interface RawElement extends Located {
  readonly kind: "element";
  /** Clark name of a local or global declaration (namespace per form), absent for refs. */
  readonly name?: ClarkName;
  readonly ref?: ClarkName;
  readonly type?: ClarkName;
  readonly anonymousType?: RawComplexType | RawSimpleType;
  readonly minOccurs: number;
  readonly maxOccurs: MaxOccurs;
  readonly nillable: boolean;
  readonly abstract: boolean;
  readonly default?: string;
  readonly fixed?: string;
  readonly substitutionGroup?: ClarkName;
}

export interface RawModelGroup extends Located {
  readonly kind: "sequence" | "choice" | "all";
  readonly minOccurs: number;
  readonly maxOccurs: MaxOccurs;
  readonly particles: RawParticle[];
}

export interface RawGroupRef extends Located {
  readonly kind: "groupRef";
  readonly ref: ClarkName;
  readonly minOccurs: number;
  readonly maxOccurs: MaxOccurs;
}

export interface RawWildcard extends Located {
  readonly kind: "any";
  /** The namespace constraint as written (`##any`, `##other`, a list of URIs, `##targetNamespace`, `##local`). */
  readonly namespace: string;
  readonly processContents: "strict" | "lax" | "skip";
  readonly minOccurs: number;
  readonly maxOccurs: MaxOccurs;
  /** The target namespace of the schema the wildcard stands in (to resolve `##other`). */
  readonly targetNamespace: string;
}

export type RawParticle =
  RawElement | RawModelGroup | RawGroupRef | RawWildcard;

export interface RawAttribute extends Located {
  readonly kind: "attribute";
  readonly name?: ClarkName;
  readonly ref?: ClarkName;
  readonly type?: ClarkName;
  readonly anonymousType?: RawSimpleType;
  readonly use: "optional" | "required" | "prohibited";
  readonly default?: string;
  readonly fixed?: string;
}

export interface RawAttributeGroupRef extends Located {
  readonly kind: "attributeGroupRef";
  readonly ref: ClarkName;
}

export type RawAttributeMember = RawAttribute | RawAttributeGroupRef;

export interface RawFacet {
  readonly name: string;
  readonly value: string;
  readonly location: SourceLocation;
}

export interface RawComplexType extends Located {
  readonly kind: "complexType";
  /** Absent for anonymous types. */
  readonly name?: ClarkName;
  readonly abstract: boolean;
  readonly mixed: boolean;
  /** `simpleContent`, `complexContent`, or neither (`implicit`: a restriction of anyType). */
  readonly contentKind: "simple" | "complex" | "implicit";
  readonly derivation?: "extension" | "restriction";
  readonly base?: ClarkName;
  readonly particle?: RawParticle;
  readonly attributes: RawAttributeMember[];
  readonly anyAttribute?: RawWildcard;
  /** Facets of a simpleContent restriction. */
  readonly facets: RawFacet[];
  /** The anonymous simple type a simpleContent restriction may give its text. */
  readonly anonymousContentType?: RawSimpleType;
}

export interface RawSimpleType extends Located {
  readonly kind: "simpleType";
  readonly name?: ClarkName;
  readonly variety: "restriction" | "list" | "union";
  readonly base?: ClarkName;
  readonly anonymousBase?: RawSimpleType;
  readonly itemType?: ClarkName;
  readonly anonymousItemType?: RawSimpleType;
  readonly memberTypes: ClarkName[];
  readonly anonymousMemberTypes: RawSimpleType[];
  readonly facets: RawFacet[];
}

export interface RawGroup extends Located {
  readonly kind: "group";
  readonly name: ClarkName;
  readonly particle?: RawParticle;
}

export interface RawAttributeGroup extends Located {
  readonly kind: "attributeGroup";
  readonly name: ClarkName;
  readonly attributes: RawAttributeMember[];
  readonly anyAttribute?: RawWildcard;
}

export interface RawSchema {
  readonly file: string;
  readonly targetNamespace: string;
  readonly types: (RawComplexType | RawSimpleType)[];
  readonly elements: RawElement[];
  readonly attributes: RawAttribute[];
  readonly groups: RawGroup[];
  readonly attributeGroups: RawAttributeGroup[];
  /** Namespace prefixes declared on the schema element (prefix -> URI), for naming. */
  readonly prefixes: Record<string, string>;
}
