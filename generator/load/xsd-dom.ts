/** Small, typed access to the XSD DOM: children in the XSD namespace, attributes, QNames. */
import type { Element } from "@xmldom/xmldom";
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

export function xsdChildren(node: Element, localName?: string): Element[] {
  const out: Element[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== 1) continue;
    const element = child as Element;
    if (element.namespaceURI !== XSD_NS) continue;
    if (localName === undefined || element.localName === localName)
      out.push(element);
  }
  return out;
}

export function firstXsdChild(
  node: Element,
  localNames: readonly string[],
): Element | undefined {
  return xsdChildren(node).find((child) =>
    localNames.includes(child.localName ?? ""),
  );
}

export function attr(node: Element, name: string): string | undefined {
  return node.hasAttribute(name)
    ? (node.getAttribute(name) ?? undefined)
    : undefined;
}

/** Resolves a `prefix:local` attribute value against the namespaces in scope at the node. */
export function qnameAttr(
  ctx: SchemaContext,
  node: Element,
  name: string,
): ClarkName | undefined {
  const value = attr(node, name);
  return value === undefined
    ? undefined
    : resolveQName(ctx, node, value.trim());
}

export function resolveQName(
  ctx: SchemaContext,
  node: Element,
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
  node: Element,
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

export function minOccursAttr(ctx: SchemaContext, node: Element): number {
  return occursAttr(ctx, node, "minOccurs") as number;
}

export function booleanAttr(node: Element, name: string): boolean {
  const value = attr(node, name)?.trim();
  return value === "true" || value === "1";
}

/** The namespace URI bound to `prefix` (null: the default namespace) where `node` stands. */
function lookupNamespace(node: Element, prefix: string | null): string | null {
  const attribute = prefix === null ? "xmlns" : `xmlns:${prefix}`;
  for (
    let current: Element | null = node;
    current;
    current = current.parentNode as Element | null
  ) {
    if (current.nodeType !== 1) break;
    if (current.hasAttribute(attribute))
      return current.getAttribute(attribute) || null;
  }
  return null;
}
