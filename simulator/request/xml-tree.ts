/**
 * vcd-codegen runtime, simulator: the element structure of a request body that `fromXml` has already
 * read (so it is well formed and has no DTD): names resolved to namespaces and written as sent,
 * `xsi:type`, the attributes' names (namespace declarations aside), children in document order.
 * Only what the content-order check needs.
 */

export interface XmlNode {
  /** The name as written (`rasd:InstanceID`): vCD's messages quote it so. */
  readonly qname: string;
  readonly ns: string;
  readonly local: string;
  /** `xsi:type`, resolved. */
  readonly xsiType?: { readonly ns: string; readonly local: string };
  /** The attributes' names, as written and resolved (an unprefixed one is in no namespace). */
  readonly attributes: readonly XmlName[];
  readonly children: XmlNode[];
}

export interface XmlName {
  readonly qname: string;
  readonly ns: string;
  readonly local: string;
}

const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<\/[^>]*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

type Scope = ReadonlyMap<string, string>;

function resolve(qname: string, scope: Scope, isElement: boolean) {
  const colon = qname.indexOf(":");
  const prefix = colon < 0 ? "" : qname.slice(0, colon);
  const local = colon < 0 ? qname : qname.slice(colon + 1);
  const ns = prefix === "" && !isElement ? "" : (scope.get(prefix) ?? "");
  return { ns, local };
}

export function parseTree(xml: string): XmlNode {
  const stack: { node: XmlNode; scope: Scope }[] = [];
  let root: XmlNode | undefined;
  const base: Scope = new Map([
    ["xml", "http://www.w3.org/XML/1998/namespace"],
  ]);
  for (const m of xml.matchAll(TOKEN)) {
    const token = m[0];
    if (token.startsWith("</")) {
      stack.pop();
      continue;
    }
    if (m[1] === undefined) continue;
    const outer = stack.length ? stack[stack.length - 1].scope : base;
    const attributes: [string, string][] = [];
    let scope: Map<string, string> | undefined;
    for (const a of (m[2] ?? "").matchAll(ATTRIBUTE)) {
      const [name, value] = [a[1], a[2] ?? a[3] ?? ""];
      if (name === "xmlns" || name.startsWith("xmlns:")) {
        scope ??= new Map(outer);
        scope.set(name === "xmlns" ? "" : name.slice(6), value);
      } else attributes.push([name, value]);
    }
    const inScope = scope ?? outer;
    let xsiType: XmlNode["xsiType"];
    const names: XmlName[] = [];
    for (const [name, value] of attributes) {
      const at = resolve(name, inScope, false);
      names.push({ qname: name, ...at });
      if (at.ns === XSI && at.local === "type")
        xsiType = resolve(value.trim(), inScope, true);
    }
    const node: XmlNode = {
      qname: m[1],
      ...resolve(m[1], inScope, true),
      ...(xsiType ? { xsiType } : {}),
      attributes: names,
      children: [],
    };
    if (stack.length) stack[stack.length - 1].node.children.push(node);
    else root ??= node;
    if (m[3] !== "/") stack.push({ node, scope: inScope });
  }
  if (!root) throw new Error("no root element");
  return root;
}
