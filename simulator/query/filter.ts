/**
 * vcd-codegen runtime, simulator: the query service's `filter` (vCD's FIQL): conditions
 * `property==value` (also `!=`, `=lt=`, `=le=`, `=gt=`, `=ge=`; `*` in a value of `==` or `!=` is a
 * wildcard), joined by `;` (and) and `,` (or, binding looser), grouped with parentheses. Properties
 * are the record type's attributes; an unknown one, or a filter that does not parse, is a 400.
 * Wildcards match in one pass over the value (no backtracking), and groups nest at most
 * MAX_NESTING deep (a 400 beyond, not a stack overflow): a hostile filter costs time in proportion
 * to its length and the rows'.
 */
import { badRequest } from "../fault.js";

export type Cell = string | number | boolean;

/** A row as the filter sees it: each property's value, or its values (a reference: href and URN). */
export type Lookup = (property: string) => readonly Cell[];

export type Filter = (row: Lookup) => boolean;

const OPERATORS = ["==", "!=", "=lt=", "=le=", "=gt=", "=ge="] as const;
/** How deep parentheses may nest (vCD documents no limit; its request documents nest at most 100 deep). */
export const MAX_NESTING = 100;
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
  private depth = 0;

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
      if (++this.depth > MAX_NESTING)
        this.fail(`parentheses nested deeper than ${MAX_NESTING}`);
      this.pos++;
      const inner = this.or();
      if (this.text[this.pos] !== ")") this.fail("missing )");
      this.pos++;
      this.depth--;
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
    const match = matcher(value);
    return (row) => compare(row(name), op, match);
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

function compare(cells: readonly Cell[], op: Operator, match: Match): boolean {
  if (op === "==") return cells.some((c) => match.test(String(c)));
  if (op === "!=") return !cells.some((c) => match.test(String(c)));
  const value = match.value;
  return cells.some((c) => {
    const order = ordering(c, value);
    if (op === "=lt=") return order < 0;
    if (op === "=le=") return order <= 0;
    if (op === "=gt=") return order > 0;
    return order >= 0;
  });
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
