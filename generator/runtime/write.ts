/**
 * vcd-codegen runtime: typed values -> XML. Elements go in the schema's order whatever the order of
 * the object's keys (base content first, through groups and choices); namespaces are declared once
 * on the root with their canonical prefixes; `xsi:type` is written for values of a subtype and the
 * member's name for a substitution group member; `false`, `0` and `""` are written (only absent
 * properties are left out); what was kept from reading is written back where it was.
 */
import type {
  CompiledComplex,
  CompiledElement,
  CompiledGroup,
  CompiledSchema,
} from "./compiled-schema.js";
import { formatBuiltin, type SimpleValue } from "./simple-values.js";
import type { UnknownElement } from "./values.js";
import { escapeAttribute, escapeText } from "./xml-escape.js";

const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

type Value = Record<string, unknown>;

export class Writer {
  private out = "";
  /** Prefixes written in this document, to declare on the root. */
  private readonly used = new Set<string>();
  private readonly defaultPrefix: string | undefined;
  private extraPrefixes = 0;

  constructor(private readonly schema: CompiledSchema) {
    const def = schema.data.defaultNamespace;
    this.defaultPrefix =
      def === undefined ? undefined : schema.prefixByUri.get(def);
  }

  /** The whole document for a root element `name` (`prefix:Local`) of type `typeKey`. */
  document(
    name: string,
    value: unknown,
    typeKey: string,
    declaration: boolean,
  ): string {
    this.out = "";
    this.element(name, value, typeKey);
    const body = this.out;
    const colon = name.indexOf(":");
    const nameEnd =
      1 +
      (colon >= 0 && name.slice(0, colon) === this.defaultPrefix
        ? name.length - colon - 1
        : name.length);
    // The default namespace first, then the prefixes in alphabetical order.
    const declarations = [...this.used]
      .sort((a, b) =>
        a === this.defaultPrefix
          ? -1
          : b === this.defaultPrefix
            ? 1
            : a < b
              ? -1
              : 1,
      )
      .map((prefix) => {
        const uri =
          prefix === "xsi" ? XSI_NS : this.schema.uriByPrefix.get(prefix)!;
        return prefix === this.defaultPrefix
          ? ` xmlns="${escapeAttribute(uri)}"`
          : ` xmlns:${prefix}="${escapeAttribute(uri)}"`;
      })
      .join("");
    const head = declaration ? '<?xml version="1.0" encoding="UTF-8"?>\n' : "";
    return head + body.slice(0, nameEnd) + declarations + body.slice(nameEnd);
  }

  private tag(name: string): string {
    const colon = name.indexOf(":");
    if (colon < 0) return name;
    const prefix = name.slice(0, colon);
    if (prefix === "xml") return name;
    this.used.add(prefix);
    return prefix === this.defaultPrefix ? name.slice(colon + 1) : name;
  }

  /** One element: `name` is `prefix:local`; `typeKey` the type declared for it. */
  element(name: string, value: unknown, typeKey: string): void {
    let tag = this.tag(name);
    if (value === null) {
      this.used.add("xsi");
      if (
        tag.indexOf(":") < 0 &&
        this.defaultPrefix !== undefined &&
        name.indexOf(":") < 0
      )
        tag += ' xmlns=""';
      this.out += `<${tag} xsi:nil="true"/>`;
      return;
    }
    if (name.indexOf(":") < 0 && this.defaultPrefix !== undefined)
      tag += ' xmlns=""';
    if (!this.schema.isComplex(typeKey)) {
      if (typeKey === "xs:anyType") {
        this.out += (value as { $xml: string }).$xml;
        return;
      }
      const text = escapeText(formatBuiltin(value as SimpleValue));
      this.out += text ? `<${tag}>${text}</${tag}>` : `<${tag}/>`;
      return;
    }
    const object = value as Value;
    const xsiType = object.$type as string | undefined;
    const type = this.schema.complex(xsiType ?? typeKey);
    let out = `<${tag}`;
    if (xsiType && xsiType !== typeKey) {
      this.used.add("xsi");
      out += ` xsi:type="${this.qname(xsiType)}"`;
    }
    for (const attribute of type.attributes) {
      const v = object[attribute.prop];
      if (v === undefined) continue;
      out += ` ${this.attributeName(attribute.name)}="${escapeAttribute(formatBuiltin(v as SimpleValue))}"`;
    }
    const extra = object.$attributes as Record<string, string> | undefined;
    if (extra) out += this.extraAttributes(extra);
    if (type.text) {
      const v = object.$value;
      const text =
        v === undefined ? "" : escapeText(formatBuiltin(v as SimpleValue));
      this.out += text ? `${out}>${text}</${tag}>` : `${out}/>`;
      return;
    }
    this.out += out;
    const mark = this.out.length;
    this.out += ">";
    if (type.mixed && typeof object.$text === "string")
      this.out += escapeText(object.$text);
    this.content(type, object);
    if (this.out.length === mark + 1) this.out = `${this.out.slice(0, mark)}/>`;
    else this.out += `</${tag}>`;
  }

  private content(type: CompiledComplex, value: Value): void {
    const unknown = value.$unknown as UnknownElement[] | undefined;
    let after: Map<string | null, string[]> | undefined;
    if (unknown?.length) {
      after = new Map();
      for (const u of unknown) {
        const list = after.get(u.after) ?? [];
        list.push(u.$xml);
        after.set(u.after, list);
      }
      this.flush(after, null);
    }
    for (const group of type.content) this.group(group, value, after);
    if (after)
      for (const rest of after.values())
        for (const xml of rest) this.out += xml;
  }

  private group(
    group: CompiledGroup,
    value: Value,
    after: Map<string | null, string[]> | undefined,
  ): void {
    if (group.prop) {
      const items = value[group.prop] as Value[] | undefined;
      if (items)
        for (const item of items)
          for (const p of group.items) this.particle(p, item, undefined);
      if (after) this.flush(after, group.prop);
      return;
    }
    for (const p of group.items) this.particle(p, value, after);
  }

  private particle(
    p: CompiledElement | CompiledGroup | { kind: "any"; prop: string },
    value: Value,
    after: Map<string | null, string[]> | undefined,
  ): void {
    if (p.kind === "group") {
      this.group(p, value, after);
      return;
    }
    const v = value[p.prop];
    if (v !== undefined) {
      if (p.kind === "any")
        for (const raw of v as { $xml: string }[]) this.out += raw.$xml;
      else if (Array.isArray(v) && p.repeated)
        for (const item of v) this.child(p, item);
      else this.child(p, v);
    }
    if (after) this.flush(after, p.prop);
  }

  private child(p: CompiledElement, item: unknown): void {
    if (p.substitutes && item !== null && typeof item === "object") {
      const elementName = (item as Value).$element as string | undefined;
      const member = elementName
        ? p.substitutes.find((s) => s.name === elementName)
        : undefined;
      if (member) {
        this.element(member.name, item, member.type);
        return;
      }
    }
    this.element(p.name, item, p.type);
  }

  private flush(
    after: Map<string | null, string[]>,
    prop: string | null,
  ): void {
    const list = after.get(prop);
    if (!list) return;
    for (const xml of list) this.out += xml;
    after.delete(prop);
  }

  private attributeName(name: string): string {
    const colon = name.indexOf(":");
    if (colon < 0) return name;
    const prefix = name.slice(0, colon);
    if (prefix !== "xml") this.used.add(prefix);
    return name;
  }

  /** A type's QName as attribute content: the default namespace's types go without prefix. */
  private qname(key: string): string {
    const colon = key.indexOf(":");
    const prefix = key.slice(0, colon);
    this.used.add(prefix);
    return prefix === this.defaultPrefix ? key.slice(colon + 1) : key;
  }

  /** Attributes kept from reading, by `{ns}local`; a namespace the schema does not know is declared in place. */
  private extraAttributes(extra: Record<string, string>): string {
    let out = "";
    for (const [clark, v] of Object.entries(extra)) {
      const end = clark.indexOf("}");
      const ns = clark.slice(1, end);
      const local = clark.slice(end + 1);
      if (!ns) out += ` ${local}="${escapeAttribute(v)}"`;
      else if (ns === "http://www.w3.org/XML/1998/namespace")
        out += ` xml:${local}="${escapeAttribute(v)}"`;
      else {
        const prefix = this.schema.prefixByUri.get(ns);
        if (prefix && prefix !== this.defaultPrefix) {
          this.used.add(prefix);
          out += ` ${prefix}:${local}="${escapeAttribute(v)}"`;
        } else {
          const p = `ns${++this.extraPrefixes}`;
          out += ` xmlns:${p}="${escapeAttribute(ns)}" ${p}:${local}="${escapeAttribute(v)}"`;
        }
      }
    }
    return out;
  }
}
