/**
 * Line layout for the few declaration shapes the emitters print, exactly as prettier (default
 * options: 80 columns, 2 spaces, double quotes, trailing commas) lays them out, so generated files
 * need no formatting pass. A test runs prettier over the whole output to keep this honest.
 */

export const PRINT_WIDTH = 80;

/** `export type Name = A | B;`, broken one member per line when too long. */
export function typeAlias(
  name: string,
  members: readonly string[],
  exported = true,
): string {
  const head = `${exported ? "export " : ""}type ${name} =`;
  const flat = `${head} ${members.join(" | ")};`;
  if (flat.length <= PRINT_WIDTH) return flat;
  const indented = `  ${members.join(" | ")};`;
  if (members.length === 1 || indented.length <= PRINT_WIDTH)
    return `${head}\n${indented}`;
  return `${head}\n${members.map((m) => `  | ${m}`).join("\n")};`;
}

/**
 * `export type Name<P> = member;` with one type parameter: as {@link typeAlias} lays it out while
 * its head (up to `=`) fits; else prettier breaks the type parameter onto its own line instead.
 */
export function genericTypeAlias(
  name: string,
  parameter: string,
  member: string,
): string {
  if (`export type ${name}<${parameter}> =`.length <= PRINT_WIDTH)
    return typeAlias(`${name}<${parameter}>`, [member]);
  return `export type ${name}<\n  ${parameter},\n> = ${member};`;
}

/** A character that a string literal writes escaped or that may change its quotes. */
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const NEEDS_ESCAPE = /["'\\\n\r\t\u0000-\u001f\u2028\u2029]/;

/** A string literal as prettier writes it: double quotes unless the text holds more of them than single ones. */
export function stringLiteral(text: string): string {
  // Most texts need no escape at all: one look at them.
  if (!NEEDS_ESCAPE.test(text)) return `"${text}"`;
  const doubles = (text.match(/"/g) ?? []).length;
  const singles = (text.match(/'/g) ?? []).length;
  const quote = doubles > singles ? "'" : '"';
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x2028 || code === 0x2029)
      out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

/** A property key: bare where it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : stringLiteral(name);
}

export type Literal =
  | string
  | number
  | boolean
  | null
  | Code
  | Arrow
  | readonly Literal[]
  | { readonly [key: string]: Literal | undefined };

/** Code inside a literal, printed as it is (an identifier, a reference to another constant). */
export class Code {
  constructor(readonly text: string) {}
}

/** An arrow function without parameters inside a literal, `() => body` (a thunk). */
export class Arrow {
  constructor(readonly body: Literal) {}
}

/**
 * A literal value laid out as prettier would: an array or object stays on one line when it fits
 * in the room left (`used` columns taken before it, `after` after it), else one item per line.
 * Objects are always broken when they hold objects (prettier keeps a broken object broken).
 */
export function literal(
  value: Literal,
  indent: string,
  used: number,
  after: number,
): string {
  return new LiteralPrinter().print(value, indent, used, after);
}

/** Prints one literal; remembers the one-line form of each part so that no part is flattened twice. */
class LiteralPrinter {
  private readonly flatCache = new Map<object, string | null>();

  print(value: Literal, indent: string, used: number, after: number): string {
    if (value instanceof Code) return value.text;
    if (value instanceof Arrow)
      return `() => ${this.print(value.body, indent, used + 6, after)}`;
    if (value === null || typeof value !== "object") {
      return typeof value === "string" ? stringLiteral(value) : String(value);
    }
    const isArray = Array.isArray(value);
    const entries: [string | undefined, Literal][] = isArray
      ? (value as readonly Literal[]).map((v) => [undefined, v])
      : Object.entries(value as Record<string, Literal | undefined>)
          .filter((entry): entry is [string, Literal] => entry[1] !== undefined)
          .map(([k, v]) => [propertyKey(k), v]);
    const [open, close] = isArray ? ["[", "]"] : ["{", "}"];
    if (entries.length === 0) return `${open}${close}`;
    const keepBroken = isArray
      ? isMatrix(value as readonly Literal[])
      : entries.some(([, v]) => isObject(v));
    if (!keepBroken) {
      const flatText = this.flat(value, PRINT_WIDTH - used - after);
      if (flatText !== null) return flatText;
    }
    const inner = `${indent}  `;
    if (
      isArray &&
      entries.length > 1 &&
      entries.every(([, v]) => typeof v === "number")
    ) {
      return `[\n${fill(
        entries.map(([, v]) => String(v)),
        inner,
      )}\n${indent}]`;
    }
    const lines = entries.map(([key, v]) => {
      const prefix = key ? `${key}: ` : "";
      const text = this.print(v, inner, inner.length + prefix.length, 1);
      // A key whose string value does not fit beside it gets the value on the next line, unless the
      // key is short (under 5 columns), as prettier's assignment layout has it.
      if (
        key &&
        typeof v === "string" &&
        key.length >= 5 &&
        inner.length + prefix.length + text.length + 1 > PRINT_WIDTH
      ) {
        return `${inner}${key}:\n${inner}  ${text},`;
      }
      return `${inner}${prefix}${text},`;
    });
    return `${open}\n${lines.join("\n")}\n${indent}${close}`;
  }

  /** The one-line form, or null when it would be longer than `room` (or hold a line break). */
  private flat(value: Literal, room: number): string | null {
    if (value instanceof Code)
      return value.text.length <= room ? value.text : null;
    if (value instanceof Arrow) {
      const body = this.flat(value.body, room - 6);
      return body === null ? null : `() => ${body}`;
    }
    if (value === null || typeof value !== "object") {
      const text =
        typeof value === "string" ? stringLiteral(value) : String(value);
      return text.length <= room && !text.includes("\n") ? text : null;
    }
    const cached = this.flatCache.get(value);
    if (cached !== undefined)
      return cached !== null && cached.length <= room ? cached : null;
    const isArray = Array.isArray(value);
    const parts: string[] = [];
    let width = isArray ? 2 : 4;
    const entries = isArray
      ? (value as readonly Literal[]).map((v) => ["", v] as const)
      : Object.entries(value)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [`${propertyKey(k)}: `, v as Literal] as const);
    for (const [prefix, v] of entries) {
      const part = this.flat(v, room - width - prefix.length);
      if (part === null) return null;
      parts.push(prefix + part);
      width += prefix.length + part.length + 2;
    }
    const text = isArray
      ? `[${parts.join(", ")}]`
      : parts.length
        ? `{ ${parts.join(", ")} }`
        : "{}";
    this.flatCache.set(value, text);
    return text.length <= room ? text : null;
  }
}

/** Prettier's "fill" for arrays of numbers: as many items on a line as fit. */
function fill(items: readonly string[], indent: string): string {
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    if (!line) line = `${indent}${item},`;
    else if (line.length + 1 + item.length <= PRINT_WIDTH) line += ` ${item},`;
    else {
      lines.push(line);
      line = `${indent}${item},`;
    }
  }
  lines.push(line);
  return lines.join("\n");
}

function isObject(value: Literal): boolean {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    !(value instanceof Code) &&
    !(value instanceof Arrow)
  );
}

/** Prettier always breaks an array of 2+ objects (or 2+ arrays) that each have 2+ entries. */
function isMatrix(items: readonly Literal[]): boolean {
  if (items.length < 2) return false;
  const first = items[0];
  const firstIsArray = Array.isArray(first);
  return items.every((item) => {
    if (
      item === null ||
      typeof item !== "object" ||
      Array.isArray(item) !== firstIsArray
    )
      return false;
    const size = Array.isArray(item)
      ? item.length
      : Object.values(item).filter((v) => v !== undefined).length;
    return size > 1;
  });
}

/** `export interface Name extends Base` (the ` {` follows), broken before `extends` where prettier breaks it. */
export function interfaceHead(name: string, base: string | undefined): string {
  if (!base) return `export interface ${name}`;
  const flatHead = `export interface ${name} extends ${base}`;
  // Prettier breaks the heritage clause only for a qualified name (`ns.Type`) that does not fit.
  if (flatHead.length + 2 <= PRINT_WIDTH || !base.includes("."))
    return flatHead;
  return `export interface ${name}\n  extends ${base}`;
}

/**
 * `head<T extends X = Y>` of a generic declaration (`export function name`, `export interface
 * Name`): prettier breaks the type parameters onto lines of their own (each with a trailing comma)
 * when the head up to its closing `>` and what must stay on its line (`follows`: an interface's
 * ` {`, a function's `(`) does not fit.
 */
export function withTypeParameter(
  head: string,
  parameter: string | readonly string[],
  follows = "",
): string {
  const parameters = typeof parameter === "string" ? [parameter] : parameter;
  const flat = `${head}<${parameters.join(", ")}>`;
  if (flat.length + follows.length <= PRINT_WIDTH) return flat;
  return `${head}<\n${parameters.map((p) => `${typeParameterLine(p)}\n`).join("")}>`;
}

/** One type parameter on a line of its own; one too long breaks before its default (`=`). */
function typeParameterLine(parameter: string): string {
  const line = `  ${parameter},`;
  const equals = parameter.indexOf(" = ");
  if (line.length <= PRINT_WIDTH || equals < 0) return line;
  return `  ${parameter.slice(0, equals)} =\n    ${parameter.slice(equals + 3)},`;
}
