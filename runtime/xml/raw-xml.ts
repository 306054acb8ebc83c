/**
 * vcd-codegen runtime: an element of a parsed document as standalone XML, for content the schema
 * does not declare. Namespaces the schema knows get their canonical prefixes; others keep the
 * prefix they had (renamed only on a clash). Every namespace used is declared on the element itself.
 */
import { escapeAttribute, escapeText } from "./xml-escape.js";
import { XML_NS, type XmlElement } from "./xml-parser.js";

export function rawXml(
  element: XmlElement,
  canonicalPrefix: (ns: string) => string | undefined,
): string {
  const prefixes = new Map<string, string>();
  const taken = new Set<string>();
  const prefixOf = (ns: string, wanted: string): string => {
    let prefix = prefixes.get(ns);
    if (prefix !== undefined) return prefix;
    prefix = canonicalPrefix(ns) ?? wanted;
    for (let i = 1; !prefix || taken.has(prefix); i++) prefix = `ns${i}`;
    prefixes.set(ns, prefix);
    taken.add(prefix);
    return prefix;
  };
  const nameOf = (ns: string, local: string, written: string): string => {
    if (!ns) return local;
    if (ns === XML_NS) return `xml:${local}`;
    return `${prefixOf(ns, written)}:${local}`;
  };
  let hasUnqualified = false;
  const write = (node: XmlElement): string => {
    const colon = node.name.indexOf(":");
    const name = nameOf(
      node.ns,
      node.local,
      colon < 0 ? "" : node.name.slice(0, colon),
    );
    if (!node.ns) hasUnqualified = true;
    let out = `<${name}`;
    for (const a of node.attributes)
      out += ` ${nameOf(a.ns, a.local, a.prefix ?? "")}="${escapeAttribute(a.value)}"`;
    if (!node.children.length) return `${out}/>`;
    out += ">";
    for (const child of node.children)
      out += typeof child === "string" ? escapeText(child) : write(child);
    return `${out}</${name}>`;
  };
  const body = write(element);
  const nameEnd = body.search(/[\s/>]/);
  let declarations = "";
  for (const [ns, prefix] of prefixes)
    declarations += ` xmlns:${prefix}="${escapeAttribute(ns)}"`;
  if (hasUnqualified) declarations += ' xmlns=""';
  return body.slice(0, nameEnd) + declarations + body.slice(nameEnd);
}
