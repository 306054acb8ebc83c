/** Qualified names, written in Clark notation (`{namespace}local`) wherever they serve as keys. */

export const XSD_NS = "http://www.w3.org/2001/XMLSchema";
export const XML_NS = "http://www.w3.org/XML/1998/namespace";
export const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

/** `{ns}local`; the namespace part is empty for names in no namespace. */
export type ClarkName = string;

export function clark(ns: string, local: string): ClarkName {
  return `{${ns}}${local}`;
}

export function localOf(name: ClarkName): string {
  return name.slice(name.indexOf("}") + 1);
}

export function namespaceOf(name: ClarkName): string {
  return name.slice(1, name.indexOf("}"));
}
