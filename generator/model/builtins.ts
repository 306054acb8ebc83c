/**
 * The XSD built-in types: for each, the primitive it comes down to and how its values are held in
 * TypeScript. The mapping loses nothing: a value read from XML and written back is the same text,
 * up to XSD's own whitespace rules.
 *
 * | XSD                                              | TypeScript | why |
 * |--------------------------------------------------|------------|-----|
 * | string and its derivatives, anyURI, QName, ...  | `string`   | |
 * | boolean                                          | `boolean`  | `true`/`false`/`1`/`0` read; `true`/`false` written |
 * | int, short, byte, unsignedShort, unsignedByte, float, double | `number` | exact in a double |
 * | long, integer, unsignedLong, unsignedInt, nonNegativeInteger, ... , decimal | `string` | beyond 2^53 or arbitrary precision: the digits are kept as written |
 * | dateTime, date, time, duration, gYear, ...       | `string`   | keeps the offset and precision as written |
 * | base64Binary, hexBinary                          | `string`   | the encoded text |
 * | anyType (element content)                        | raw XML    | see the runtime's `AnyElement` |
 */
import { XSD_NS, clark, type ClarkName } from "./qname.js";

export type ValueKind = "string" | "boolean" | "number" | "decimal";

interface Builtin {
  /** The type it is derived from (its primitive for primitives). */
  readonly primitive: string;
  readonly kind: ValueKind;
}

const STRINGS = [
  "string",
  "normalizedString",
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
  "anyURI",
  "QName",
  "NOTATION",
  "base64Binary",
  "hexBinary",
  "dateTime",
  "date",
  "time",
  "duration",
  "gYear",
  "gYearMonth",
  "gMonth",
  "gMonthDay",
  "gDay",
  "anySimpleType",
];
const NUMBERS = [
  "int",
  "short",
  "byte",
  "unsignedShort",
  "unsignedByte",
  "float",
  "double",
];
const DECIMALS = [
  "decimal",
  "integer",
  "long",
  "unsignedLong",
  "unsignedInt",
  "nonNegativeInteger",
  "positiveInteger",
  "nonPositiveInteger",
  "negativeInteger",
];
const PRIMITIVE_OF: Record<string, string> = {
  normalizedString: "string",
  token: "string",
  language: "string",
  Name: "string",
  NCName: "string",
  NMTOKEN: "string",
  NMTOKENS: "string",
  ID: "string",
  IDREF: "string",
  IDREFS: "string",
  ENTITY: "string",
  ENTITIES: "string",
  integer: "decimal",
  long: "decimal",
  int: "decimal",
  short: "decimal",
  byte: "decimal",
  nonNegativeInteger: "decimal",
  positiveInteger: "decimal",
  nonPositiveInteger: "decimal",
  negativeInteger: "decimal",
  unsignedLong: "decimal",
  unsignedInt: "decimal",
  unsignedShort: "decimal",
  unsignedByte: "decimal",
};

const BUILTINS = new Map<ClarkName, Builtin>();
for (const [names, kind] of [
  [STRINGS, "string"],
  [NUMBERS, "number"],
  [DECIMALS, "decimal"],
  [["boolean"], "boolean"],
] as const) {
  for (const name of names)
    BUILTINS.set(clark(XSD_NS, name), {
      primitive: PRIMITIVE_OF[name] ?? name,
      kind,
    });
}
// float and double are primitives of their own in XSD.
BUILTINS.set(clark(XSD_NS, "float"), { primitive: "float", kind: "number" });
BUILTINS.set(clark(XSD_NS, "double"), { primitive: "double", kind: "number" });

export const ANY_TYPE: ClarkName = clark(XSD_NS, "anyType");

export function isBuiltin(id: ClarkName): boolean {
  return BUILTINS.has(id) || id === ANY_TYPE;
}

/** How values of a built-in simple type are held in TypeScript. */
export function valueKindOf(id: ClarkName): ValueKind {
  return BUILTINS.get(id)?.kind ?? "string";
}

/** The XSD local names of every built-in simple type. */
export function builtinNames(): string[] {
  return [...BUILTINS.keys()].map((id) => id.slice(XSD_NS.length + 2));
}
