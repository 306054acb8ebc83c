/**
 * vcd-codegen runtime: the shapes every generated value shares. Generated types modules import
 * this file as `$`. Keys that start with `$` never clash with XML names.
 */

/** Raw XML kept as it was read: wildcard content, or an element the schema does not declare. */
export interface AnyElement {
  /** One whole element, namespace declarations included, e.g. `<x:Foo xmlns:x="urn:x">..</x:Foo>`. */
  $xml: string;
}

/** An element the schema does not declare where it was found, kept so that it can be written back. */
export interface UnknownElement extends AnyElement {
  /** The property of the element it followed (`null`: it came first), so it is written back in place. */
  after: string | null;
}

/** An attribute the schema does not declare where it was found, kept so that it can be written back. */
export interface UnknownAttribute {
  /** Its namespace URI; `""` for none (an attribute without a prefix). */
  ns: string;
  /** Its local name (without the prefix). */
  local: string;
  value: string;
}

/** What every complex value may carry beyond its declared properties. */
export interface ElementValue {
  /**
   * Attributes the schema does not declare here (an attribute wildcard, or a newer server's): as
   * read, those without a prefix first, then the prefixed ones, each in document order. A list rather than an object keyed by name: reading an element of thousands of
   * them costs no new property key each (see the README's XML throughput).
   */
  $attributes?: UnknownAttribute[];
  /** Elements the schema does not declare here, in document order. */
  $unknown?: UnknownElement[];
}

/** A value of one of the types in `M` (by `xsi:type` name), tagged with that name. */
export type XsiOf<M> = { [K in keyof M]: M[K] & { $type: K } }[keyof M];

/** A value standing for one of the elements in `M` (by element name), tagged with that name. */
export type ElementOf<M> = { [K in keyof M]: M[K] & { $element: K } }[keyof M];

/** An object with exactly one of the properties of `M`. */
export type OneOf<M> = {
  [K in keyof M]: { [P in K]: M[P] } & { [P in Exclude<keyof M, K>]?: never };
}[keyof M];

/** A row of the generated `elements` table. */
export interface ElementInfo {
  /** `prefix:LocalName`, with the canonical prefix. */
  readonly element: string;
  readonly namespace: string;
  readonly localName: string;
  /** The element's type, `prefix:TypeName`. */
  readonly type: string;
  /** The generated TypeScript type, `module.TypeName`. */
  readonly tsType: string;
  /** The media type as the schema's annotation gives it (`application/vnd.vmware.vcloud.vApp`). */
  readonly mediaType?: string;
  /** The media type as sent over HTTP (`application/vnd.vmware.vcloud.vApp+xml`). */
  readonly xmlMediaType?: string;
  readonly abstract?: boolean;
  /** The generated module holding its type. */
  readonly module: string;
}

/** The documents whose root elements (`prefix:Local`) and values `M` lists. */
export type DocumentOf<M> = {
  [K in keyof M]: { element: K; value: M[K] };
}[keyof M];
