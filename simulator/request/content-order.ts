/**
 * vcd-codegen runtime, simulator: the structure check vCD's XML binding does before anything else
 * (Xerces, through JAXB): elements out of schema order, elements the schema does not have there, and
 * required elements missing. The reader is lenient about order (it reads by name), so this walks the
 * body as sent. Messages are Xerces' own (`cvc-complex-type.2.4.a: Invalid content was found starting
 * with element 'X'. One of '{...}' is expected.`).
 */
import type { ContentModels, Slot } from "./content-model.js";
import type { XmlNode } from "./xml-tree.js";

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
  if (!models.isComplex(type)) return undefined;
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

function xsiType(models: ContentModels, node: XmlNode): string | undefined {
  if (!node.xsiType) return undefined;
  const name = models.name(node.xsiType.ns, node.xsiType.local);
  return name && models.schema.types[name] ? name : undefined;
}
