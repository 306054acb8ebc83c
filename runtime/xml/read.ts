/**
 * vcd-codegen runtime: XML -> typed values. Namespace-aware by URI whatever the prefixes; converts
 * values by their XSD type; keeps what the schema does not declare (wildcard content, unknown
 * elements and attributes) where it was, so that writing the value back gives the server everything
 * it sent.
 */
import type {
  CompiledComplex,
  CompiledSimple,
  Slot,
} from "./compiled-types.js";
import type { CompiledSchema } from "./compiled-schema.js";
import { parseBuiltin, type SimpleValue } from "./simple-values.js";
import type { UnknownAttribute, UnknownElement } from "./values.js";
import { rawXml } from "./raw-xml.js";
import { ReusedList } from "./reused-list.js";
import type { XmlElement } from "./xml-parser.js";

export const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

type Value = Record<string, unknown>;

/**
 * The undeclared attributes of the element being read, taken at their number once its attributes
 * are read (an element's attributes are all read before its children, so one list serves them all).
 */
const UNDECLARED = new ReusedList<UnknownAttribute>();

export class Reader {
  private readonly prefixOf: (ns: string) => string | undefined;

  constructor(private readonly schema: CompiledSchema) {
    this.prefixOf = (ns) => schema.prefixByUri.get(ns);
  }

  /** The value of an element declared with type `typeKey` (an `xsi:type` on it may say otherwise). */
  element(node: XmlElement, typeKey: string, nillable: boolean): unknown {
    let type = typeKey;
    let tag: string | undefined;
    let nil = false;
    for (const a of node.attributes) {
      if (a.ns !== XSI_NS) continue;
      if (a.local === "type") {
        const named = this.xsiType(node, a.value);
        if (named && named !== typeKey) {
          // Read as the type named only where it may stand (derived from the declared one): what
          // the schema says, not what else happens to be loaded. Either way it is kept as `$type`.
          if (
            this.schema.isComplex(typeKey) &&
            this.schema.complex(typeKey).subtypes.has(named)
          )
            type = named;
          tag = named;
        }
      } else if (a.local === "nil")
        nil = a.value.trim() === "true" || a.value.trim() === "1";
    }
    if (nil && nillable) return null;
    if (!this.schema.isComplex(type)) {
      if (type === "xs:anyType") return { $xml: rawXml(node, this.prefixOf) };
      return this.simple(textOf(node), this.schema.simple(type));
    }
    const value = this.complex(node, this.schema.complex(type));
    if (tag) value.$type = tag;
    return value;
  }

  simple(text: string, type: CompiledSimple): SimpleValue {
    if (type.variety === "atomic")
      return parseBuiltin(text, type.builtin, type.kind);
    if (type.variety === "list") {
      const item = type.item!;
      return text
        .split(/\s+/)
        .filter(Boolean)
        .map((t) => this.simple(t, item));
    }
    // A union's value is held as its text: which member it belongs to is the validator's question.
    return text;
  }

  private complex(node: XmlElement, type: CompiledComplex): Value {
    const value: Value = {};
    try {
      for (const a of node.attributes) {
        if (a.ns === XSI_NS && (a.local === "type" || a.local === "nil"))
          continue;
        const attribute =
          a.ns === ""
            ? type.attributesByLocal.get(a.local)
            : type.attributesByClark.get(`{${a.ns}}${a.local}`);
        if (attribute)
          value[attribute.prop] = this.simple(a.value, attribute.type);
        else {
          // The key takes its place among the properties now, its list once all are read.
          if (UNDECLARED.count === 0) value.$attributes = undefined;
          // An attribute without a prefix is already an `UnknownAttribute` and is kept as it is: a
          // copy per attribute cost a third of reading an element of 80,000 of them.
          UNDECLARED.push(
            a.prefix === undefined
              ? a
              : { ns: a.ns, local: a.local, value: a.value },
          );
        }
      }
    } catch (error) {
      UNDECLARED.clear();
      throw error;
    }
    if (UNDECLARED.count) value.$attributes = UNDECLARED.take();
    if (type.text) {
      value.$value = this.simple(textOf(node), type.text);
      return value;
    }
    let text = "";
    let lastProp: string | null = null;
    let lastOrder = 0;
    let item: Value | undefined;
    let itemGroupProp: string | undefined;
    for (const child of node.children) {
      if (typeof child === "string") {
        if (type.mixed) text += child;
        continue;
      }
      const slot = pickSlot(
        type.slots.get(child.ns)?.get(child.local),
        lastOrder,
      );
      if (!slot) {
        const wildcard =
          type.wildcards.find(
            (w) => w.wildcard.accepts(child.ns) && w.order >= lastOrder,
          ) ?? type.wildcards.find((w) => w.wildcard.accepts(child.ns));
        if (wildcard) {
          push(value, wildcard.wildcard.prop, {
            $xml: rawXml(child, this.prefixOf),
          });
          lastOrder = wildcard.order;
          lastProp = wildcard.wildcard.prop;
        } else {
          const unknown: UnknownElement = {
            after: lastProp,
            $xml: rawXml(child, this.prefixOf),
          };
          push(value, "$unknown", unknown);
        }
        continue;
      }
      const particle = slot.particle;
      const child$ = this.element(child, slot.type, particle.nillable);
      if (slot.element && child$ !== null && typeof child$ === "object")
        (child$ as Value).$element = slot.element;
      if (slot.itemGroup) {
        const group = slot.itemGroup;
        const startNew =
          !item ||
          itemGroupProp !== group.prop ||
          group.group === "choice" ||
          slot.order <= lastOrder ||
          (!particle.repeated && particle.prop in item);
        if (startNew) {
          item = {};
          itemGroupProp = group.prop;
          push(value, group.prop!, item);
        }
        if (particle.repeated) push(item!, particle.prop, child$);
        else item![particle.prop] = child$;
        lastProp = group.prop!;
      } else {
        item = undefined;
        if (particle.repeated) push(value, particle.prop, child$);
        else value[particle.prop] = child$;
        lastProp = particle.prop;
      }
      lastOrder = slot.order;
    }
    if (type.mixed && text) value.$text = text;
    return value;
  }

  /** The schema key (`prefix:Name`) of the type an `xsi:type` names, resolving its prefix where it stands; undefined in a namespace the schema does not know. */
  private xsiType(node: XmlElement, qname: string): string | undefined {
    const trimmed = qname.trim();
    const colon = trimmed.indexOf(":");
    const prefix = colon < 0 ? "" : trimmed.slice(0, colon);
    const local = colon < 0 ? trimmed : trimmed.slice(colon + 1);
    const ns = lookupNamespace(node, prefix);
    return ns ? this.schema.prefixed(ns, local) : undefined;
  }
}

/** The first slot at or after the current place in the content model, else the first. */
function pickSlot(
  slots: readonly Slot[] | undefined,
  lastOrder: number,
): Slot | undefined {
  if (!slots) return undefined;
  if (slots.length === 1) return slots[0];
  for (const slot of slots) if (slot.order >= lastOrder) return slot;
  return slots[0];
}

function push(target: Value, prop: string, item: unknown): void {
  const list = target[prop] as unknown[] | undefined;
  if (list) list.push(item);
  else target[prop] = [item];
}

function textOf(node: XmlElement): string {
  if (node.children.length === 1 && typeof node.children[0] === "string")
    return node.children[0];
  let text = "";
  for (const child of node.children)
    if (typeof child === "string") text += child;
  return text;
}

function lookupNamespace(node: XmlElement, prefix: string): string {
  for (let n: XmlElement | undefined = node; n; n = n.parent) {
    for (const [p, uri] of n.declared) if (p === prefix) return uri;
  }
  return prefix === "xml" ? "http://www.w3.org/XML/1998/namespace" : "";
}
