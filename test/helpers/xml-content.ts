/**
 * The content of an XML document, independent of prefixes, namespace declarations, attribute order,
 * insignificant white space between elements, and how a number or boolean is spelled: two documents
 * "carry the same content" when their canonical forms are equal. Parsed with @xmldom/xmldom, not
 * with the code under test.
 */
import { DOMParser, type Element } from "@xmldom/xmldom";

const XSI = "http://www.w3.org/2001/XMLSchema-instance";

export interface ContentNode {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly text: string;
  readonly children: ContentNode[];
}

export function contentOf(xml: string): ContentNode {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  return node(doc.documentElement!);
}

function node(element: Element): ContentNode {
  const attributes: Record<string, string> = {};
  for (let i = 0; i < element.attributes.length; i++) {
    const a = element.attributes.item(i)!;
    if (a.name === "xmlns" || a.name.startsWith("xmlns:")) continue;
    const key = `{${a.namespaceURI ?? ""}}${a.localName}`;
    attributes[key] =
      a.namespaceURI === XSI && a.localName === "type"
        ? resolveQName(element, a.value)
        : canonical(a.value);
  }
  const children: ContentNode[] = [];
  let text = "";
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1) children.push(node(child as Element));
    else if (child.nodeType === 3 || child.nodeType === 4)
      text += child.nodeValue ?? "";
  }
  return {
    name: `{${element.namespaceURI ?? ""}}${element.localName}`,
    attributes,
    text: children.length && !text.trim() ? "" : canonical(text),
    children,
  };
}

/** One spelling per value: trimmed, numbers by value, `1`/`0` as booleans. */
function canonical(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "1" || trimmed === "true") return "true";
  if (trimmed === "0" || trimmed === "false") return "false";
  if (
    /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed) &&
    trimmed.length < 16
  )
    return String(Number(trimmed));
  return trimmed;
}

function resolveQName(element: Element, value: string): string {
  const [prefix, local] = value.includes(":")
    ? value.split(":")
    : [null, value];
  return `{${element.lookupNamespaceURI(prefix) ?? ""}}${local}`;
}

/** A value with its raw XML (`$xml`) compared by content (its namespace declarations are the writer's business). */
export function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = k === "$xml" ? contentOf(v as string) : comparable(v);
  return out;
}

/** The root element of a document as `prefix:Local` with the prefixes of `namespaces` (found with xmldom, not the code under test). */
export function rootElementOf(
  namespaces: readonly (readonly [prefix: string, uri: string])[],
  xml: string,
): string {
  const root = new DOMParser().parseFromString(
    xml,
    "text/xml",
  ).documentElement!;
  const prefix = namespaces.find(([, uri]) => uri === root.namespaceURI)?.[0];
  return `${prefix}:${root.localName}`;
}
