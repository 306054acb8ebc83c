/**
 * The naming rules, in one place.
 *
 * Types: a named type keeps its XSD local name (`VAppType`, `VirtualHardwareSection_Type`). An
 * anonymous type is named after where it stands: the owner's name, then `_` and the element or
 * attribute name (`ProductSection_Type_Property`); the anonymous type of a global element or attribute
 * is named after it. Characters that cannot stand in an identifier become `_`; a name that would
 * shadow a TypeScript keyword or global type gets a trailing `_`. Within one namespace's module a
 * name is taken by the first type in order of id (named types before anonymous ones); a later type
 * wanting it gets `_2`, `_3`, ... Overrides by QName in the config file win over all of this.
 *
 * Unions: a type with subtypes also gets `Any<Name>`, the union of every concrete type that may
 * stand where it is declared (each subtype tagged with its `$type`); the head of a substitution
 * group gets `<Element>Element`, the union of the elements that may stand for it (each tagged with
 * its `$element`). Both take their names after all types have theirs, by the same rule.
 *
 * Properties: an element or attribute keeps its XSD local name as the property name (quoted in
 * TypeScript where it is not an identifier). When a name is already taken in the type or the types
 * it derives from, an attribute becomes `<name>Attr`, and anything else gets `_2`, `_3`, ...
 * The items of a repeating group with more than one element are held in one array property named
 * after its elements joined with `Or` (`CategoryOrProperty`); the type of
 * one item is `<Owner>_<Property>Item`. Wildcard content is held in `$any`
 * (`$any2`, ...); names with `$` never clash with XSD names.
 */
import { localOf } from "./qname.js";

const RESERVED = new Set([
  "break",
  "case",
  "catch",
  "class",
  "const",
  "continue",
  "debugger",
  "default",
  "delete",
  "do",
  "else",
  "enum",
  "export",
  "extends",
  "false",
  "finally",
  "for",
  "function",
  "if",
  "import",
  "in",
  "instanceof",
  "new",
  "null",
  "return",
  "super",
  "switch",
  "this",
  "throw",
  "true",
  "try",
  "typeof",
  "var",
  "void",
  "while",
  "with",
  "as",
  "implements",
  "interface",
  "let",
  "package",
  "private",
  "protected",
  "public",
  "static",
  "yield",
  "any",
  "boolean",
  "number",
  "string",
  "symbol",
  "type",
  "never",
  "unknown",
  "object",
  "undefined",
  "Object",
  "String",
  "Number",
  "Boolean",
  "Array",
  "Date",
  "Error",
  "Function",
  "Symbol",
  "Promise",
  "Record",
  "Partial",
  "Required",
  "Readonly",
  "Pick",
  "Omit",
  "Map",
  "Set",
  "RegExp",
  "JSON",
  "Math",
  "BigInt",
]);

/** Whether `name` is a TypeScript keyword or a global type a generated module must not shadow. */
export function isReservedName(name: string): boolean {
  return RESERVED.has(name);
}

/** A valid, non-reserved TypeScript identifier made from `text`. */
export function toIdentifier(text: string): string {
  let id = text.replace(/[^A-Za-z0-9_$]/g, "_");
  if (!id || /^[0-9]/.test(id)) id = `_${id}`;
  return RESERVED.has(id) ? `${id}_` : id;
}

/** The wished-for TypeScript name of a type, from its id (see the rules above). */
export function typeNameFromId(id: string): string {
  const local = localOf(id);
  const element = /^(?:element|attribute)\(([^)]*)\)/.exec(local);
  const path = element ? element[1] + local.slice(element[0].length) : local;
  return toIdentifier(path.replace(/\/@?|#/g, "_"));
}

/** Takes `wanted` if free in `used`, else the first free `wanted<suffix>`; records the name taken. */
export function claimName(
  used: Set<string>,
  wanted: string,
  firstSuffix?: string,
): string {
  let name =
    used.has(wanted) && firstSuffix ? `${wanted}${firstSuffix}` : wanted;
  for (let i = 2; used.has(name); i++) name = `${wanted}_${i}`;
  used.add(name);
  return name;
}
