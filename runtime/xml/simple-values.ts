/**
 * vcd-codegen runtime: values of XSD simple types, read from text, written to text and checked
 * against their type. Booleans and the integer types that fit a double are numbers or booleans;
 * `long`, `integer`, `decimal` and their kin keep their digits as strings; everything else is text.
 */
/* eslint-disable no-control-regex -- XML 1.0's characters are defined by code points, control characters included */
import type { FacetsData } from "./schema-data.js";

export type SimpleValue = string | number | boolean | SimpleValue[];

export type ValueKind = "string" | "number" | "boolean" | "decimal";

const NUMBER_TYPES = new Set([
  "int",
  "short",
  "byte",
  "unsignedShort",
  "unsignedByte",
  "float",
  "double",
]);
const DECIMAL_TYPES = new Set([
  "decimal",
  "integer",
  "long",
  "unsignedLong",
  "unsignedInt",
  "nonNegativeInteger",
  "positiveInteger",
  "nonPositiveInteger",
  "negativeInteger",
]);
/** Built-ins whose white space collapses: their text is trimmed on reading. */
const COLLAPSED = new Set([
  "token",
  "language",
  "Name",
  "NCName",
  "NMTOKEN",
  "NMTOKENS",
  "ID",
  "IDREF",
  "IDREFS",
  "ENTITY",
  "ENTITIES",
  "QName",
  "anyURI",
  "boolean",
  "dateTime",
  "date",
  "time",
  "duration",
  "gYear",
  "gYearMonth",
  "gMonth",
  "gMonthDay",
  "gDay",
  "base64Binary",
  "hexBinary",
]);

/** The simple types XSD builds in (`anyType`, not simple, aside). */
export const BUILTIN_NAMES: readonly string[] = [
  ...COLLAPSED,
  ...NUMBER_TYPES,
  ...DECIMAL_TYPES,
  "string",
  "normalizedString",
  "NOTATION",
  "anySimpleType",
];

export function valueKind(builtin: string): ValueKind {
  if (builtin === "boolean") return "boolean";
  if (NUMBER_TYPES.has(builtin)) return "number";
  if (DECIMAL_TYPES.has(builtin)) return "decimal";
  return "string";
}

/** Integer ranges of the bounded built-ins. */
const RANGES: Record<string, [bigint, bigint]> = {
  byte: [-128n, 127n],
  short: [-32768n, 32767n],
  int: [-2147483648n, 2147483647n],
  long: [-9223372036854775808n, 9223372036854775807n],
  unsignedByte: [0n, 255n],
  unsignedShort: [0n, 65535n],
  unsignedInt: [0n, 4294967295n],
  unsignedLong: [0n, 18446744073709551615n],
};

const LEXICAL: Record<string, RegExp> = {
  boolean: /^(true|false|1|0)$/,
  decimal: /^[+-]?(\d+(\.\d*)?|\.\d+)$/,
  integer: /^[+-]?\d+$/,
  float: /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|-?INF|NaN)$/,
  dateTime: /^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/,
  date: /^-?\d{4,}-\d\d-\d\d(Z|[+-]\d\d:\d\d)?$/,
  time: /^\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/,
  duration:
    /^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/,
  hexBinary: /^([0-9a-fA-F]{2})*$/,
  base64Binary: /^[A-Za-z0-9+/= \n]*$/,
  NCName: /^[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7-\uFFFF]*$/,
  Name: /^[A-Za-z_:\u00C0-\uFFFF][\w.:\-\u00B7-\uFFFF]*$/,
  QName:
    /^([A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7-\uFFFF]*:)?[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7-\uFFFF]*$/,
  language: /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/,
  // RFC 3986 characters and percent-escapes, as libxml2 checks them (beyond ASCII is allowed: it is escaped).
  anyURI:
    /^([A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;= ]|%[0-9A-Fa-f]{2}|[^\x00-\x7f])*$/,
};
const LEXICAL_OF: Record<string, string> = {
  double: "float",
  ID: "NCName",
  IDREF: "NCName",
  ENTITY: "NCName",
  long: "integer",
  int: "integer",
  short: "integer",
  byte: "integer",
  unsignedLong: "integer",
  unsignedInt: "integer",
  unsignedShort: "integer",
  unsignedByte: "integer",
  nonNegativeInteger: "integer",
  positiveInteger: "integer",
  nonPositiveInteger: "integer",
  negativeInteger: "integer",
};

/** Reads the text of a value of a built-in type; text that is not a valid value is kept as it is. */
export function parseBuiltin(
  text: string,
  builtin: string,
  kind: ValueKind = valueKind(builtin),
): SimpleValue {
  if (kind === "string") return COLLAPSED.has(builtin) ? text.trim() : text;
  const trimmed = text.trim();
  if (kind === "boolean") {
    if (trimmed === "true" || trimmed === "1") return true;
    if (trimmed === "false" || trimmed === "0") return false;
    return text;
  }
  if (kind === "decimal") return trimmed;
  if (trimmed === "INF") return Infinity;
  if (trimmed === "-INF") return -Infinity;
  if (trimmed === "NaN") return NaN;
  const lexical = LEXICAL[LEXICAL_OF[builtin] ?? builtin];
  return lexical.test(trimmed) ? Number(trimmed) : text;
}

/** Writes a value of a built-in type as text. */
export function formatBuiltin(value: SimpleValue): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (value === Infinity) return "INF";
    if (value === -Infinity) return "-INF";
    // String(-0) is "0": negative zero is a value of float and double of its own.
    return Object.is(value, -0) ? "-0" : String(value);
  }
  return value.map(formatBuiltin).join(" ");
}

/** What is wrong with a value of a built-in type, or undefined. */
export function checkBuiltin(
  value: SimpleValue,
  builtin: string,
): string | undefined {
  const kind = valueKind(builtin);
  if (Array.isArray(value)) return `a ${builtin}, not a list`;
  if (kind === "boolean")
    return typeof value === "boolean" ? undefined : "true or false";
  if (kind === "number") {
    if (typeof value !== "number") return `a number (${builtin})`;
    if (builtin === "float" || builtin === "double") return undefined;
    if (!Number.isInteger(value)) return `an integer (${builtin})`;
    return inRange(BigInt(value), builtin);
  }
  if (typeof value !== "string") return `a string (${builtin})`;
  const lexical = LEXICAL[LEXICAL_OF[builtin] ?? builtin];
  if (lexical && !lexical.test(value)) return `a valid ${builtin}`;
  if (kind === "decimal" && lexical === LEXICAL.integer)
    return inRange(BigInt(value), builtin);
  return undefined;
}

function inRange(value: bigint, builtin: string): string | undefined {
  const range = RANGES[builtin];
  if (builtin === "nonNegativeInteger" && value < 0n) return "at least 0";
  if (builtin === "positiveInteger" && value < 1n) return "at least 1";
  if (builtin === "nonPositiveInteger" && value > 0n) return "at most 0";
  if (builtin === "negativeInteger" && value > -1n) return "at most -1";
  if (range && (value < range[0] || value > range[1]))
    return `a ${builtin} from ${range[0]} to ${range[1]}`;
  return undefined;
}

/** A facet broken by a value: the rule and what was expected. */
export interface FacetViolation {
  readonly rule: string;
  readonly expected: string;
}

const patternCache = new Map<string, RegExp>();

/** XSD regular expressions are anchored and know `\i` and `\c`: translated to JavaScript. */
export function xsdPattern(pattern: string): RegExp {
  let regex = patternCache.get(pattern);
  if (!regex) {
    const source = pattern
      .replace(/\\i/g, "[A-Za-z_:\\u00C0-\\uFFFF]")
      .replace(/\\c/g, "[-.0-9A-Za-z_:\\u00B7-\\uFFFF]")
      .replace(/\\I/g, "[^A-Za-z_:\\u00C0-\\uFFFF]")
      .replace(/\\C/g, "[^-.0-9A-Za-z_:\\u00B7-\\uFFFF]")
      // XSD escapes "-" anywhere; a JavaScript unicode pattern only inside a class.
      .replace(/\\-/g, "\\x2D");
    regex = new RegExp(`^(?:${source})$`, "u");
    patternCache.set(pattern, regex);
  }
  return regex;
}

export function checkFacets(
  value: SimpleValue,
  text: string,
  facets: FacetsData,
  kind: ValueKind,
): FacetViolation | undefined {
  if (facets.enumeration && !facets.enumeration.includes(text)) {
    const numeric =
      kind === "number" && facets.enumeration.some((e) => Number(e) === value);
    if (!numeric)
      return {
        rule: "enumeration",
        expected: `one of ${facets.enumeration.map((e) => JSON.stringify(e)).join(", ")}`,
      };
  }
  for (const step of facets.patterns ?? []) {
    if (!step.some((p) => xsdPattern(p).test(text)))
      return {
        rule: "pattern",
        expected: `a value matching ${step.join(" or ")}`,
      };
  }
  const length = Array.isArray(value) ? value.length : [...text].length;
  if (facets.length !== undefined && length !== facets.length)
    return { rule: "length", expected: `length ${facets.length}` };
  if (facets.minLength !== undefined && length < facets.minLength)
    return {
      rule: "minLength",
      expected: `length at least ${facets.minLength}`,
    };
  if (facets.maxLength !== undefined && length > facets.maxLength)
    return {
      rule: "maxLength",
      expected: `length at most ${facets.maxLength}`,
    };
  if (kind === "number" || kind === "decimal") {
    const n = Number(text);
    if (
      facets.minInclusive !== undefined &&
      !(n >= Number(facets.minInclusive))
    )
      return {
        rule: "minInclusive",
        expected: `at least ${facets.minInclusive}`,
      };
    if (
      facets.maxInclusive !== undefined &&
      !(n <= Number(facets.maxInclusive))
    )
      return {
        rule: "maxInclusive",
        expected: `at most ${facets.maxInclusive}`,
      };
    if (facets.minExclusive !== undefined && !(n > Number(facets.minExclusive)))
      return {
        rule: "minExclusive",
        expected: `more than ${facets.minExclusive}`,
      };
    if (facets.maxExclusive !== undefined && !(n < Number(facets.maxExclusive)))
      return {
        rule: "maxExclusive",
        expected: `less than ${facets.maxExclusive}`,
      };
    const digits = text.replace(/^[+-]/, "").replace(/^0+(?=\d)/, "");
    const [whole, fraction = ""] = digits.split(".");
    const fractionDigits = fraction.replace(/0+$/, "").length;
    if (
      facets.totalDigits !== undefined &&
      whole.replace(/^0+/, "").length + fractionDigits > facets.totalDigits
    ) {
      return {
        rule: "totalDigits",
        expected: `at most ${facets.totalDigits} digits`,
      };
    }
    if (
      facets.fractionDigits !== undefined &&
      fractionDigits > facets.fractionDigits
    ) {
      return {
        rule: "fractionDigits",
        expected: `at most ${facets.fractionDigits} fraction digits`,
      };
    }
  }
  return undefined;
}
