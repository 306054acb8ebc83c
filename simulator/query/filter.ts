/**
 * vcd-codegen runtime, simulator: the query service's `filter` (vCD's FIQL): conditions
 * `property==value` (also `!=`, `=lt=`, `=le=`, `=gt=`, `=ge=`; `*` in a value of `==` or `!=` is a
 * wildcard), joined by `;` (and) and `,` (or, binding looser), grouped with parentheses. Properties
 * are the record type's attributes; an unknown one, or a filter that does not parse, is a 400.
 * A backslash escapes the next character of a value (`name==VM\,1` is the name `VM,1`: the guide's
 * Query Parameters, "escape the special characters ( ) , ; \ with a backslash").
 * Comparisons follow the attribute's XSD type: numbers by value, dates (xs:dateTime) by time,
 * booleans without case; `=lt=`, `=le=`, `=gt=` and `=ge=` need a number or a date (the guide's
 * Query Filter Expressions: "Both attribute and value must be of type int, long, or dateTime"),
 * else a 400. Metadata conditions `metadata:key==TYPE:value` (the GENERAL domain) and
 * `metadata@SYSTEM:key==...`, TYPE one of STRING, NUMBER, BOOLEAN, DATETIME, compare the entity's
 * entry of that key and domain by that type (the guide's "Specifying Metadata in a Query or a Filter
 * Expression").
 * Wildcards match in one pass over the value (no backtracking), and groups nest at most
 * MAX_NESTING deep (a 400 beyond, not a stack overflow): a hostile filter costs time in proportion
 * to its length and the rows'.
 */
import { badRequest } from "../fault.js";

export type Cell = string | number | boolean;

/**
 * A row as the filter sees it: each property's value, or its values (a reference: href and URN);
 * a metadata property (`metadata@SYSTEM:key`) its entry's value.
 */
export type Lookup = (property: string) => readonly Cell[];

/** How a property's values compare: the attribute's XSD type, or a metadata value's TYPE. */
export type Kind = "string" | "number" | "boolean" | "date";

const NUMBER_TYPES = new Set([
  "xs:int",
  "xs:long",
  "xs:integer",
  "xs:short",
  "xs:byte",
  "xs:double",
  "xs:float",
  "xs:decimal",
  "xs:nonNegativeInteger",
  "xs:positiveInteger",
  "xs:unsignedInt",
  "xs:unsignedLong",
]);

/** The kind of an attribute of an XSD type. */
export function kindOf(xsdType: string | undefined): Kind {
  if (xsdType === undefined) return "string";
  if (NUMBER_TYPES.has(xsdType)) return "number";
  if (xsdType === "xs:boolean") return "boolean";
  if (xsdType === "xs:dateTime" || xsdType === "xs:date") return "date";
  return "string";
}

const METADATA_TYPES: Readonly<Record<string, Kind>> = {
  STRING: "string",
  NUMBER: "number",
  BOOLEAN: "boolean",
  DATETIME: "date",
};

/** `metadata:key`, `metadata@SYSTEM:key`, `metadata@GENERAL:key`. */
export const METADATA_PROPERTY: RegExp =
  /^metadata(?:@(SYSTEM|GENERAL))?:(.+)$/;

export type Filter = (row: Lookup) => boolean;

const OPERATORS = ["==", "!=", "=lt=", "=le=", "=gt=", "=ge="] as const;
/** How deep parentheses may nest (vCD documents no limit; its request documents nest at most 100 deep). */
export const MAX_NESTING = 100;
type Operator = (typeof OPERATORS)[number];

/** `properties`: each attribute of the record type and its XSD type. */
export function parseFilter(
  text: string,
  properties: ReadonlyMap<string, string>,
  decode: boolean,
): Filter {
  const parser = new Parser(text, properties, decode);
  const filter = parser.or();
  if (parser.pos < text.length) parser.fail("unexpected character");
  return filter;
}

class Parser {
  pos = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly properties: ReadonlyMap<string, string>,
    private readonly decode: boolean,
  ) {}

  or(): Filter {
    const parts = [this.and()];
    while (this.text[this.pos] === ",") {
      this.pos++;
      parts.push(this.and());
    }
    return parts.length === 1 ? parts[0] : (row) => parts.some((p) => p(row));
  }

  private and(): Filter {
    const parts = [this.term()];
    while (this.text[this.pos] === ";") {
      this.pos++;
      parts.push(this.term());
    }
    return parts.length === 1 ? parts[0] : (row) => parts.every((p) => p(row));
  }

  private term(): Filter {
    if (this.text[this.pos] === "(") {
      if (++this.depth > MAX_NESTING)
        this.fail(`parentheses nested deeper than ${MAX_NESTING}`);
      this.pos++;
      const inner = this.or();
      if (this.text[this.pos] !== ")") this.fail("missing )");
      this.pos++;
      this.depth--;
      return inner;
    }
    const metadata =
      this.text.startsWith("metadata", this.pos) &&
      (this.text[this.pos + 8] === ":" || this.text[this.pos + 8] === "@");
    const name = metadata
      ? this.metadataName()
      : /^[A-Za-z_][\w.]*/.exec(this.text.slice(this.pos))?.[0];
    if (!name) this.fail("expected a property name");
    if (!metadata) this.pos += name.length;
    const op = OPERATORS.find((o) => this.text.startsWith(o, this.pos));
    if (!op) this.fail(`expected an operator after ${name}`);
    this.pos += op.length;
    const raw = this.rawValue();
    if (!metadata && !this.properties.has(name))
      throw badRequest(
        `Bad request: the property "${name}" of the filter is not a property of this query type.`,
      );
    let value = this.decode ? safeDecode(raw) : raw;
    let kind = kindOf(this.properties.get(name));
    if (metadata) {
      const colon = value.indexOf(":");
      const typed = METADATA_TYPES[value.slice(0, colon)];
      if (colon < 0 || !typed)
        throw badRequest(
          `Bad request: the value "${value}" of the metadata condition on "${name}" must be typed: STRING:, NUMBER:, BOOLEAN: or DATETIME: before it.`,
        );
      kind = typed;
      value = value.slice(colon + 1);
    }
    if (op !== "==" && op !== "!=" && kind !== "number" && kind !== "date")
      throw badRequest(
        `Bad request: the filter "${this.text}" compares "${name}" with ${op}, which needs a number or a date (int, long or dateTime).`,
      );
    if (kind === "number" && !value.includes("*") && !isNumber(value))
      throw badRequest(
        `Bad request: the value "${value}" for "${name}" in the filter is not a number.`,
      );
    if (
      kind === "date" &&
      !value.includes("*") &&
      Number.isNaN(Date.parse(value))
    )
      throw badRequest(
        `Bad request: the value "${value}" for "${name}" in the filter is not a date.`,
      );
    const test = condition(op, kind, value);
    return (row) => test(row(name));
  }

  /** `metadata@SYSTEM:key`: the key runs to the operator (the first one after it). */
  private metadataName(): string {
    let end = -1;
    for (const o of OPERATORS) {
      const at = this.text.indexOf(o, this.pos);
      if (at >= 0 && (end < 0 || at < end)) end = at;
    }
    if (end < 0) this.fail("expected an operator after the metadata key");
    const name = this.text.slice(this.pos, end);
    const m = METADATA_PROPERTY.exec(name);
    if (!m) this.fail(`"${name}" is not metadata:key or metadata@SYSTEM:key`);
    this.pos = end;
    return this.decode ? safeDecode(name) : name;
  }

  /** A value: up to the next `;`, `,`, `(` or `)` not escaped by a backslash. */
  private rawValue(): string {
    let out = "";
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === ";" || c === "," || c === "(" || c === ")") break;
      if (c === "\\" && this.pos + 1 < this.text.length) {
        out += this.text[this.pos + 1];
        this.pos += 2;
        continue;
      }
      out += c;
      this.pos++;
    }
    return out;
  }

  fail(why: string): never {
    throw badRequest(
      `Bad request: the filter "${this.text}" is not valid (${why} at position ${this.pos + 1}).`,
    );
  }
}

interface Match {
  readonly value: string;
  readonly test: (text: string) => boolean;
}

/** The test of one condition on a property's values. */
function condition(
  op: Operator,
  kind: Kind,
  value: string,
): (cells: readonly Cell[]) => boolean {
  if (op === "==" || op === "!=") {
    const match =
      value.includes("*") || kind === "string"
        ? matcher(value).test
        : (text: string) => compareAs(kind, text, value) === 0;
    const any = (cells: readonly Cell[]) => cells.some((c) => match(String(c)));
    return op === "==" ? any : (cells) => !any(cells);
  }
  return (cells) =>
    cells.some((c) => {
      const order = compareAs(kind, c, value);
      if (Number.isNaN(order)) return false;
      if (op === "=lt=") return order < 0;
      if (op === "=le=") return order <= 0;
      if (op === "=gt=") return order > 0;
      return order >= 0;
    });
}

const isNumber = (text: string): boolean =>
  text.trim() !== "" && !Number.isNaN(Number(text));

/** Two values compared as the kind says (NaN: one of them is not of that kind). */
export function compareAs(kind: Kind, a: Cell, b: Cell): number {
  switch (kind) {
    case "number":
      return isNumber(String(a)) && isNumber(String(b))
        ? Number(a) - Number(b)
        : NaN;
    case "date":
      return Date.parse(String(a)) - Date.parse(String(b));
    case "boolean":
      return String(a).toLowerCase() === String(b).toLowerCase()
        ? 0
        : String(a).toLowerCase() < String(b).toLowerCase()
          ? -1
          : 1;
    default:
      return String(a).localeCompare(String(b));
  }
}

/**
 * Case-insensitive equality, or with `*`: the value's first part a prefix, its last a suffix, and
 * the parts between found in order, each at its leftmost place after the one before (which is
 * enough for `*` alone: a later place never leaves more room). One pass, no backtracking.
 */
function matcher(value: string): Match {
  const lower = value.toLowerCase();
  if (!lower.includes("*"))
    return { value, test: (text) => text.toLowerCase() === lower };
  const parts = lower.split("*");
  const first = parts[0];
  const last = parts[parts.length - 1];
  const middle = parts.slice(1, -1).filter((p) => p !== "");
  const least = parts.reduce((n, p) => n + p.length, 0);
  return {
    value,
    test: (cell) => {
      const text = cell.toLowerCase();
      if (text.length < least) return false;
      if (!text.startsWith(first) || !text.endsWith(last)) return false;
      let at = first.length;
      const end = text.length - last.length;
      for (const part of middle) {
        const found = text.indexOf(part, at);
        if (found < 0 || found + part.length > end) return false;
        at = found + part.length;
      }
      return true;
    },
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
