/**
 * The XSD built-in types, and how their values are held in TypeScript. The mapping loses nothing:
 * a value read from XML and written back is the same value, and the same text up to XSD's own
 * white space rules. The runtime's `simple-values.ts` holds the mapping (the generator uses the
 * very same), and the README has the table.
 */
import {
  BUILTIN_NAMES,
  valueKind,
  type ValueKind,
} from "../../runtime/xml/simple-values.js";
import { XSD_NS, clark, type ClarkName } from "./qname.js";

const BUILTINS = new Set<ClarkName>(
  BUILTIN_NAMES.map((name) => clark(XSD_NS, name)),
);

export const ANY_TYPE: ClarkName = clark(XSD_NS, "anyType");

export function isBuiltin(id: ClarkName): boolean {
  return BUILTINS.has(id) || id === ANY_TYPE;
}

/** How values of a built-in simple type are held in TypeScript. */
export function valueKindOf(id: ClarkName): ValueKind {
  return valueKind(id.slice(id.indexOf("}") + 1));
}
