/**
 * vcd-codegen runtime, simulator: the structure check vCD's XML binding does before anything else
 * (Xerces, through JAXB): elements out of schema order, elements the schema does not have there,
 * required elements missing, elements inside an element of a simple type (`xs:string`), and
 * attributes the type does not declare (nor allows by a wildcard). The reader is lenient about order
 * (it reads by name) and leaves out what it does not know, so this walks the body as sent. Messages
 * are Xerces' own (`cvc-complex-type.2.4.a: Invalid content was found starting with element 'X'. One
 * of '{...}' is expected.`, `cvc-complex-type.3.2.2: Attribute 'x' is not allowed to appear in element
 * 'y'.`, `cvc-type.3.1.2: Element 'x' is a simple type, so it must have no element information item
 * [children].`).
 */
import type { ContentModels, Slot } from "./content-model.js";
import type { XmlName, XmlNode } from "./xml-tree.js";

const XSI = "http://www.w3.org/2001/XMLSchema-instance";
/** The `xsi:` attributes every element may carry (XML Schema, 3.2.7). */
const XSI_ATTRIBUTES = new Set([
  "type",
  "nil",
  "schemaLocation",
  "noNamespaceSchemaLocation",
]);
const isXsi = (a: XmlName) => a.ns === XSI && XSI_ATTRIBUTES.has(a.local);

/** The first structure problem in document order, as Xerces words it, or undefined. */
export function checkContentOrder(
  models: ContentModels,
  root: XmlNode,
  rootType: string,
): string | undefined {
  return checkNode(models, root, rootType);
}

function checkNode(
  models: ContentModels,
  node: XmlNode,
  declared: string,
): string | undefined {
  const type = xsiType(models, node) ?? declared;
  if (!models.isComplex(type)) {
    if (type === "xs:anyType") return undefined;
    const attribute = node.attributes.find((a) => !isXsi(a));
    if (attribute)
      return `cvc-type.3.1.1: Element '${node.qname}' is a simple type, so it cannot have attributes, excepting those whose namespace name is identical to '${XSI}' and whose [local name] is one of 'type', 'nil', 'schemaLocation' or 'noNamespaceSchemaLocation'. However, the attribute, '${attribute.qname}' was found.`;
    if (node.children.length)
      return `cvc-type.3.1.2: Element '${node.qname}' is a simple type, so it must have no element information item [children].`;
    return undefined;
  }
  const unknown = unknownAttribute(models, node, type);
  if (unknown)
    return `cvc-complex-type.3.2.2: Attribute '${unknown.qname}' is not allowed to appear in element '${node.qname}'.`;
  const slots = models.slots(type);
  const seen = new Set<Slot>();
  let last = -1;
  for (const child of node.children) {
    const name = models.name(child.ns, child.local);
    const match = matchSlot(models, slots, child, name, last, seen);
    if (!match) {
      const later = slots.filter((s) => s.index > last);
      if (later.length === 0)
        return `cvc-complex-type.2.4.d: Invalid content was found starting with element '${child.qname}'. No child element is expected at this point.`;
      return invalidContent(models, child, expectedAfter(slots, last));
    }
    const missing = slots.find(
      (s) =>
        s.required &&
        s.index > last &&
        s.index < match.slot.index &&
        !seen.has(s),
    );
    if (missing)
      return invalidContent(models, child, expectedAfter(slots, last));
    seen.add(match.slot);
    last = match.slot.index;
    if (match.type) {
      const inner = checkNode(models, child, match.type);
      if (inner) return inner;
    }
  }
  const missing = slots.find(
    (s) => s.required && s.index > last && !seen.has(s),
  );
  if (missing)
    return `cvc-complex-type.2.4.b: The content of element '${node.qname}' is not complete. One of '${formatExpected(models, expectedAfter(slots, last))}' is expected.`;
  return undefined;
}

function invalidContent(
  models: ContentModels,
  child: XmlNode,
  expected: readonly Slot[],
): string {
  return `cvc-complex-type.2.4.a: Invalid content was found starting with element '${child.qname}'. One of '${formatExpected(models, expected)}' is expected.`;
}

/** What may come after position `last`: every slot up to and including the first required one. */
function expectedAfter(slots: readonly Slot[], last: number): Slot[] {
  const out: Slot[] = [];
  for (const s of slots) {
    if (s.index <= last) continue;
    out.push(s);
    if (s.required) break;
  }
  return out;
}

function formatExpected(models: ContentModels, slots: readonly Slot[]): string {
  const names = slots.map((s) => {
    if (!s.element) {
      const w = s.wildcard!;
      const ns = typeof w.any === "string" ? w.any : w.any.join(",");
      return `WC[${ns}${w.targetNamespace ? `:"${w.targetNamespace}"` : ""}]`;
    }
    const colon = s.element.indexOf(":");
    if (colon < 0) return s.element;
    const uri = models.uriByPrefix.get(s.element.slice(0, colon)) ?? "";
    return `"${uri}":${s.element.slice(colon + 1)}`;
  });
  return `{${names.join(", ")}}`;
}

function matchSlot(
  models: ContentModels,
  slots: readonly Slot[],
  child: XmlNode,
  name: string | undefined,
  last: number,
  seen: ReadonlySet<Slot>,
): { slot: Slot; type?: string } | undefined {
  for (const slot of slots) {
    if (slot.index < last || (seen.has(slot) && !slot.repeats)) continue;
    if (slot.element && name !== undefined) {
      if (slot.element === name) return { slot, type: slot.type };
      if (slot.ref) {
        const subs = models.schema.elements[slot.element]?.substitutes;
        if (subs?.includes(name))
          return { slot, type: models.schema.elements[name]?.type };
      }
    } else if (slot.wildcard && wildcardMatches(slot.wildcard, child.ns)) {
      return { slot };
    }
  }
  return undefined;
}

function wildcardMatches(
  w: NonNullable<Slot["wildcard"]>,
  ns: string,
): boolean {
  if (w.any === "##any") return true;
  if (w.any === "##other") return ns !== "" && ns !== (w.targetNamespace ?? "");
  return w.any.includes(ns);
}

/** The first attribute the type neither declares nor allows by a wildcard. */
function unknownAttribute(
  models: ContentModels,
  node: XmlNode,
  type: string,
): XmlName | undefined {
  if (node.attributes.length === 0) return undefined;
  const use = models.attributes(type);
  return node.attributes.find((a) => {
    if (isXsi(a)) return false;
    const name = models.name(a.ns, a.local);
    if (name !== undefined && use.names.has(name)) return false;
    return !use.wildcards.some((w) => wildcardMatches(w, a.ns));
  });
}

function xsiType(models: ContentModels, node: XmlNode): string | undefined {
  if (!node.xsiType) return undefined;
  const name = models.name(node.xsiType.ns, node.xsiType.local);
  return name && models.schema.types[name] ? name : undefined;
}
