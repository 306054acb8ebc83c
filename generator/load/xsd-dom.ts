/** Small, typed access to the XSD DOM: children in the XSD namespace, attributes, QNames. */
import type { XmlElement } from "./xml-tree.js";
import { GeneratorError } from "../diagnostics.js";
import { clark, XSD_NS, type ClarkName } from "../model/qname.js";
import { locationOf } from "./xml-document.js";

/** What every reading function needs to know about the schema document it reads. */
export interface SchemaContext {
  readonly file: string;
  readonly targetNamespace: string;
  readonly elementFormQualified: boolean;
  readonly attributeFormQualified: boolean;
}

export function xsdChildren(
  node: XmlElement,
  localName?: string,
): XmlElement[] {
  const out: XmlElement[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== 1 || child.namespaceURI !== XSD_NS) continue;
    if (localName === undefined || child.localName === localName)
      out.push(child);
  }
  return out;
}

export function firstXsdChild(
  node: XmlElement,
  localNames: readonly string[],
): XmlElement | undefined {
  return xsdChildren(node).find((child) =>
    localNames.includes(child.localName ?? ""),
  );
}

export function attr(node: XmlElement, name: string): string | undefined {
  return node.getAttribute(name) ?? undefined;
}

/** Resolves a `prefix:local` attribute value against the namespaces in scope at the node. */
export function qnameAttr(
  ctx: SchemaContext,
  node: XmlElement,
  name: string,
): ClarkName | undefined {
  const value = attr(node, name);
  return value === undefined
    ? undefined
    : resolveQName(ctx, node, value.trim());
}

export function resolveQName(
  ctx: SchemaContext,
  node: XmlElement,
  value: string,
): ClarkName {
  const colon = value.indexOf(":");
  const prefix = colon < 0 ? null : value.slice(0, colon);
  const local = colon < 0 ? value : value.slice(colon + 1);
  const ns = lookupNamespace(node, prefix);
  if (prefix !== null && ns === null) {
    if (prefix === "xml")
      return clark("http://www.w3.org/XML/1998/namespace", local);
    throw new GeneratorError(
      `unknown namespace prefix "${prefix}" in "${value}"`,
      locationOf(ctx.file, node),
    );
  }
  return clark(ns ?? "", local);
}

export function occursAttr(
  ctx: SchemaContext,
  node: XmlElement,
  name: "minOccurs" | "maxOccurs",
): number | "unbounded" {
  const value = attr(node, name)?.trim();
  if (value === undefined) return 1;
  if (name === "maxOccurs" && value === "unbounded") return "unbounded";
  if (!/^\d+$/.test(value)) {
    throw new GeneratorError(
      `invalid ${name} "${value}"`,
      locationOf(ctx.file, node),
    );
  }
  return Number(value);
}

export function minOccursAttr(ctx: SchemaContext, node: XmlElement): number {
  return occursAttr(ctx, node, "minOccurs") as number;
}

export function booleanAttr(node: XmlElement, name: string): boolean {
  const value = attr(node, name)?.trim();
  return value === "true" || value === "1";
}

/** The namespace URI bound to `prefix` (null: the default namespace) where `node` stands. */
function lookupNamespace(
  node: XmlElement,
  prefix: string | null,
): string | null {
  const attribute = prefix === null ? "xmlns" : `xmlns:${prefix}`;
  for (
    let current: XmlElement | null = node;
    current;
    current = current.parentNode
  ) {
    const value = current.getAttribute(attribute);
    if (value !== null) return value || null;
  }
  return null;
}
