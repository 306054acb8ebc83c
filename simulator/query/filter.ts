/**
 * vcd-codegen runtime, simulator: the query service's `filter` (vCD's FIQL): conditions
 * `property==value` (also `!=`, `=lt=`, `=le=`, `=gt=`, `=ge=`; `*` in a value of `==` or `!=` is a
 * wildcard), joined by `;` (and) and `,` (or, binding looser), grouped with parentheses. Properties
 * are the record type's attributes; an unknown one, or a filter that does not parse, is a 400.
 */
import { badRequest } from "../fault.js";

export type Cell = string | number | boolean;

/** A row as the filter sees it: each property's value, or its values (a reference: href and URN). */
export type Lookup = (property: string) => readonly Cell[];

export type Filter = (row: Lookup) => boolean;

const OPERATORS = ["==", "!=", "=lt=", "=le=", "=gt=", "=ge="] as const;
type Operator = (typeof OPERATORS)[number];

export function parseFilter(
  text: string,
  properties: ReadonlySet<string>,
  decode: boolean,
): Filter {
  const parser = new Parser(text, properties, decode);
  const filter = parser.or();
  if (parser.pos < text.length) parser.fail("unexpected character");
  return filter;
}

class Parser {
  pos = 0;

  constructor(
    private readonly text: string,
    private readonly properties: ReadonlySet<string>,
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
      this.pos++;
      const inner = this.or();
      if (this.text[this.pos] !== ")") this.fail("missing )");
      this.pos++;
      return inner;
    }
    const name = /^[A-Za-z_][\w.]*/.exec(this.text.slice(this.pos))?.[0];
    if (!name) this.fail("expected a property name");
    this.pos += name.length;
    const op = OPERATORS.find((o) => this.text.startsWith(o, this.pos));
    if (!op) this.fail(`expected an operator after ${name}`);
    this.pos += op.length;
    const raw = /^[^;,()]*/.exec(this.text.slice(this.pos))![0];
    this.pos += raw.length;
    if (!this.properties.has(name))
      throw badRequest(
        `Bad request: the property "${name}" of the filter is not a property of this query type.`,
      );
    const value = this.decode ? safeDecode(raw) : raw;
    return (row) => compare(row(name), op, value);
  }

  fail(why: string): never {
    throw badRequest(
      `Bad request: the filter "${this.text}" is not valid (${why} at position ${this.pos + 1}).`,
    );
  }
}

function compare(cells: readonly Cell[], op: Operator, value: string): boolean {
  if (op === "==") return cells.some((c) => matches(c, value));
  if (op === "!=") return !cells.some((c) => matches(c, value));
  return cells.some((c) => {
    const order = ordering(c, value);
    if (op === "=lt=") return order < 0;
    if (op === "=le=") return order <= 0;
    if (op === "=gt=") return order > 0;
    return order >= 0;
  });
}

function matches(cell: Cell, value: string): boolean {
  const text = String(cell);
  if (!value.includes("*")) return text.toLowerCase() === value.toLowerCase();
  const pattern = value
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${pattern}$`, "is").test(text);
}

/** Numbers by value, everything else as text (ISO dates sort as text). */
export function ordering(cell: Cell, value: Cell): number {
  const a = Number(cell);
  const b = Number(value);
  if (
    typeof cell !== "boolean" &&
    String(cell).trim() !== "" &&
    String(value).trim() !== "" &&
    !Number.isNaN(a) &&
    !Number.isNaN(b)
  )
    return a - b;
  return String(cell).localeCompare(String(value));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
