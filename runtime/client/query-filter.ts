/**
 * vcd-codegen runtime, client: the query service's `filter` (vCD's FIQL), built rather than
 * written: `where.eq("name", "web*").and(where.eq("status", "POWERED_ON"))`. A condition is
 * `attribute<op>value` with the operators `==`, `!=`, `=lt=`, `=le=`, `=gt=`, `=ge=`; `;` joins
 * conditions (and), `,` joins them (or, binding looser), parentheses group them (vCloud API
 * Programming Guide, "Query Filter Expressions" and "Grouping Filter Subexpressions"). `*` in a
 * value of `==` is a wildcard, and stays one.
 *
 * Escaping: a value's `(`, `)`, `,`, `;` and `\` are preceded by a backslash (VMware Cloud Director
 * API Programming Guide 10.6, "Query Parameters": "If your filter values contain special
 * characters, such as ( ) , ; \, you must escape the special characters with a backslash (\). For
 * example, in filter=name==VM\,1, the name to search for is VM,1"). `=` needs none: a value ends
 * only at `;`, `,` or `)`. The percent-encoding of the URL (RFC 3986) is the client's, as for every
 * query parameter.
 *
 * A filter records the attribute names it uses (`Filter<"name" | "status">`), so that a query
 * typed by its record type refuses, at compile time, a filter on an attribute the record lacks.
 * Metadata conditions (`metadata:key==STRING:value`, `metadata@SYSTEM:key==NUMBER:5`; the guide's
 * "Specifying Metadata in a Query or a Filter Expression") use no attribute.
 */

/** A value compared with: text (escaped), a number, a boolean, or a date (`2012-05-01T00:00:00.000+00:00`). */
export type FilterValue = string | number | boolean | Date;

/** The comparison operators of a condition. */
export type FilterOperator = "==" | "!=" | "=lt=" | "=le=" | "=gt=" | "=ge=";

/** A filter expression; `F` is the attribute names it compares. */
export interface Filter<F extends string = string> {
  /** The expression, as the `filter` parameter carries it (before percent-encoding). */
  readonly text: string;
  /** The attribute names it compares (what typing checks). */
  readonly fields: readonly F[];
  /** Both this and `other` (`;`); an `or` on either side is put in parentheses. */
  and<G extends string>(other: Filter<G>): Filter<F | G>;
  /** This or `other` (`,`). */
  or<G extends string>(other: Filter<G>): Filter<F | G>;
  toString(): string;
}

/** A condition on one metadata entry's value: its type (`STRING`, `NUMBER`, `BOOLEAN`, `DATETIME`) follows the value's. */
export interface MetadataCondition {
  eq(value: FilterValue): Filter<never>;
  ne(value: FilterValue): Filter<never>;
  lt(value: number | Date): Filter<never>;
  le(value: number | Date): Filter<never>;
  gt(value: number | Date): Filter<never>;
  ge(value: number | Date): Filter<never>;
}

const SPECIAL = /[(),;\\]/g;

/** A text with vCD's filter escaping: `(`, `)`, `,`, `;` and `\` preceded by `\`. */
export function escapeFilterValue(text: string): string {
  return text.replace(SPECIAL, (c) => `\\${c}`);
}

/** A date as vCD's filters compare them: ISO 8601 with milliseconds and a numeric offset (the guide's `2012-05-01T00:00:00.000-04:00`), in UTC. */
export function formatFilterDate(date: Date): string {
  if (Number.isNaN(date.getTime()))
    throw new RangeError("an invalid Date cannot be compared in a filter");
  return date.toISOString().replace(/Z$/, "+00:00");
}

function formatValue(value: FilterValue): string {
  if (value instanceof Date) return formatFilterDate(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new RangeError(`${value} cannot be compared in a filter`);
    return String(value);
  }
  if (typeof value === "boolean") return String(value);
  return escapeFilterValue(value);
}

/** The typed value of a metadata condition: `STRING:web`, `NUMBER:5`, `BOOLEAN:true`, `DATETIME:...`. */
function metadataValue(value: FilterValue): string {
  if (value instanceof Date) return `DATETIME:${formatValue(value)}`;
  if (typeof value === "number") return `NUMBER:${formatValue(value)}`;
  if (typeof value === "boolean") return `BOOLEAN:${value}`;
  return `STRING:${formatValue(value)}`;
}

type Kind = "term" | "and" | "or";

class Expression<F extends string> implements Filter<F> {
  constructor(
    readonly text: string,
    readonly fields: readonly F[],
    private readonly kind: Kind,
  ) {}

  and<G extends string>(other: Filter<G>): Filter<F | G> {
    return new Expression<F | G>(
      `${grouped(this, "and")};${grouped(other, "and")}`,
      [...this.fields, ...other.fields],
      "and",
    );
  }

  or<G extends string>(other: Filter<G>): Filter<F | G> {
    return new Expression<F | G>(
      `${this.text},${other.text}`,
      [...this.fields, ...other.fields],
      "or",
    );
  }

  /** How it joins its parts (a raw filter counts as an `or`: it is always put in parentheses under `and`). */
  get joins(): Kind {
    return this.kind;
  }

  toString(): string {
    return this.text;
  }
}

function grouped(filter: Filter<string>, within: Kind): string {
  const kind = filter instanceof Expression ? filter.joins : "or";
  return within === "and" && kind === "or" ? `(${filter.text})` : filter.text;
}

function condition<K extends string>(
  field: K,
  op: FilterOperator,
  value: FilterValue,
): Filter<K> {
  if (!/^[A-Za-z_][\w.]*$/.test(field))
    throw new RangeError(`"${field}" is not an attribute name`);
  return new Expression<K>(
    `${field}${op}${formatValue(value)}`,
    [field],
    "term",
  );
}

function metadata(key: string, system: boolean): MetadataCondition {
  if (key === "") throw new RangeError("a metadata key cannot be empty");
  const left = `metadata${system ? "@SYSTEM" : ""}:${escapeFilterValue(key)}`;
  const make = (op: FilterOperator) => (value: FilterValue) =>
    new Expression<never>(`${left}${op}${metadataValue(value)}`, [], "term");
  return {
    eq: make("=="),
    ne: make("!="),
    lt: make("=lt="),
    le: make("=le="),
    gt: make("=gt="),
    ge: make("=ge="),
  };
}

/** The builder of filters. */
export interface Where {
  /** `field==value` (case-insensitive; `*` in a text is a wildcard). */
  eq<K extends string>(field: K, value: FilterValue): Filter<K>;
  /** `field!=value`. */
  ne<K extends string>(field: K, value: FilterValue): Filter<K>;
  /** `field=lt=value`. */
  lt<K extends string>(field: K, value: FilterValue): Filter<K>;
  /** `field=le=value`. */
  le<K extends string>(field: K, value: FilterValue): Filter<K>;
  /** `field=gt=value`. */
  gt<K extends string>(field: K, value: FilterValue): Filter<K>;
  /** `field=ge=value`. */
  ge<K extends string>(field: K, value: FilterValue): Filter<K>;
  /** A condition on the metadata entry `key`: `metadata:key`, or `metadata@SYSTEM:key` with `{ system: true }`. */
  metadata(
    key: string,
    options?: { readonly system?: boolean },
  ): MetadataCondition;
  /** Every filter given, joined by `;`. */
  all<K extends string>(...filters: readonly Filter<K>[]): Filter<K>;
  /** Any of the filters given, joined by `,`. */
  any<K extends string>(...filters: readonly Filter<K>[]): Filter<K>;
  /** A filter written by hand, sent as it is (it names no attribute the compiler can check). */
  raw(text: string): Filter<never>;
}

function joined<K extends string>(
  filters: readonly Filter<K>[],
  how: "and" | "or",
): Filter<K> {
  if (filters.length === 0)
    throw new RangeError(
      `where.${how === "and" ? "all" : "any"}() needs a filter`,
    );
  return filters
    .slice(1)
    .reduce<Filter<K>>(
      (a, b) => (how === "and" ? a.and(b) : a.or(b)),
      filters[0]!,
    );
}

/** Builds filters: `where.eq("name", "web*").and(where.eq("status", "POWERED_ON"))`. */
export const where: Where = {
  eq: (field, value) => condition(field, "==", value),
  ne: (field, value) => condition(field, "!=", value),
  lt: (field, value) => condition(field, "=lt=", value),
  le: (field, value) => condition(field, "=le=", value),
  gt: (field, value) => condition(field, "=gt=", value),
  ge: (field, value) => condition(field, "=ge=", value),
  metadata: (key, options) => metadata(key, options?.system === true),
  all: (...filters) => joined(filters, "and"),
  any: (...filters) => joined(filters, "or"),
  raw: (text) => new Expression<never>(text, [], "or"),
};
