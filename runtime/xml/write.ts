/**
 * vcd-codegen runtime: typed values -> XML. Elements go in the schema's order whatever the order of
 * the object's keys (base content first, through groups and choices); every namespace the document
 * uses is declared once, on the root, with its canonical prefix (one the schema does not know, kept
 * from reading, with a generated `extN`; raw XML kept whole carries its own); `xsi:type` is written for values of a subtype and the
 * member's name for a substitution group member; `false`, `0` and `""` are written (only absent
 * properties are left out); what was kept from reading is written back where it was. Written at an
 * API version (`new Writer(schema, 32)`), it notes (`tooNew`) any property, `$type` or `$element`
 * that version does not have (added later, or no longer sent at it), for the caller to refuse the
 * document; or, told to (`omitNewer`), leaves them out, as a server speaking that version answers;
 * and it notes (`incomplete`) a missing property that a client must still send at that version.
 */
import type {
  CompiledComplex,
  CompiledElement,
  CompiledGroup,
  CompiledWildcard,
  ElementName,
} from "./compiled-types.js";
import { inGap, isRemovedAt, type Gap } from "./api-version.js";
import type { CompiledSchema } from "./compiled-schema.js";
import { formatBuiltin, type SimpleValue } from "./simple-values.js";
import type { UnknownAttribute, UnknownElement } from "./values.js";
import { escapeAttribute, escapeText } from "./xml-escape.js";
import { XML_NS } from "./xml-parser.js";

const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

type Value = Record<string, unknown>;
type Unknowns = Map<string | null, string[]>;

export class Writer {
  private out = "";
  /**
   * Canonical prefixes of the namespaces written in this document, to declare on the root. The
   * default namespace's prefix stands for its use without a prefix (element names, `xsi:type`).
   */
  private readonly used = new Set<string>();
  /** Set when the default namespace is also written with its prefix (an attribute in it: `vcloud:href`). */
  private defaultPrefixed = false;
  /** Namespaces the schema does not know, by URI, with the prefix generated for them in this document. */
  private readonly foreign = new Map<string, string>();
  private foreignCount = 0;
  /** The prefix each namespace of an attribute kept from reading is written with, once per document. */
  private readonly extraPrefixes = new Map<string, string>();
  /** Set while the root element is written: its `<name` is written last, with the declarations. */
  private atRoot = false;

  /** Set when something was written that the version written at does not have (see `document`). */
  tooNew = false;
  /**
   * Set when something a client must still send at `version` (optional only from a later one,
   * `requiredBelow`) was not there: the caller checks the document for what is missing.
   */
  incomplete = false;

  /** `version`: the API version written at, as a number (`Infinity`: no check). */
  constructor(
    private readonly schema: CompiledSchema,
    private readonly version: number = Infinity,
    /** Leave out what `version` does not have (as a server speaking it answers), rather than note it. */
    private readonly omitNewer = false,
  ) {}

  /** Whether what first appears in `addedIn` (and, if given, may be sent below `removedIn`) is left out; else, when the version lacks it, it is noted. */
  private leftOut(addedIn: number, removedIn = Infinity, gap?: Gap): boolean {
    if (
      addedIn <= this.version &&
      !isRemovedAt(removedIn, this.version) &&
      !inGap(gap, this.version)
    )
      return false;
    if (this.omitNewer) return true;
    this.tooNew = true;
    return false;
  }

  /** The whole document for a root element `name` (`prefix:Local`) of type `typeKey`. */
  document(
    name: string,
    value: unknown,
    typeKey: string,
    declaration: boolean,
  ): string {
    const head = declaration ? '<?xml version="1.0" encoding="UTF-8"?>\n' : "";
    // Raw XML at the root is a whole element already.
    if (typeKey === "xs:anyType" && value !== null)
      return head + (value as { $xml: string }).$xml;
    this.out = "";
    this.atRoot = true;
    const root = this.schema.elementName(name);
    this.element(root, value, typeKey);
    // Joined, not sliced: the body is never copied here.
    return `${head}<${root.startTag}${this.declarations()}${this.out}`;
  }

  /**
   * Every namespace the document uses, declared once (for the root): the default namespace first,
   * then the canonical prefixes in alphabetical order (with the default namespace's own prefix when
   * an attribute in it needs one), then the namespaces the schema does not know, in order of first use.
   */
  private declarations(): string {
    const schema = this.schema;
    const defaultPrefix = schema.defaultPrefix;
    let out = "";
    const prefixes: string[] = [];
    for (const prefix of this.used) {
      if (prefix === defaultPrefix)
        out = ` xmlns="${escapeAttribute(schema.uriByPrefix.get(prefix)!)}"`;
      else prefixes.push(prefix);
    }
    if (this.defaultPrefixed && defaultPrefix !== undefined)
      prefixes.push(defaultPrefix);
    prefixes.sort();
    for (const prefix of prefixes) {
      const uri = prefix === "xsi" ? XSI_NS : schema.uriByPrefix.get(prefix)!;
      out += ` xmlns:${prefix}="${escapeAttribute(uri)}"`;
    }
    for (const [uri, prefix] of this.foreign)
      out += ` xmlns:${prefix}="${escapeAttribute(uri)}"`;
    return out;
  }

  /** One element of the type declared `typeKey` (a `$type` on the value may name a subtype). */
  private element(name: ElementName, value: unknown, typeKey: string): void {
    if (name.prefix !== undefined) this.used.add(name.prefix);
    const open = this.atRoot ? "" : `<${name.startTag}`;
    this.atRoot = false;
    if (value === null) {
      this.used.add("xsi");
      this.out += `${open} xsi:nil="true"/>`;
      return;
    }
    if (!this.schema.isComplex(typeKey)) {
      if (typeKey === "xs:anyType") {
        this.out += (value as { $xml: string }).$xml;
        return;
      }
      const text = escapeText(formatBuiltin(value as SimpleValue));
      this.out += text ? `${open}>${text}</${name.endTag}>` : `${open}/>`;
      return;
    }
    const object = value as Value;
    const xsiType = object.$type as string | undefined;
    const declared = this.schema.complex(typeKey);
    // A `$type` that may not stand here (not derived from the declared type) is written as it is,
    // over the declared type's content: what the schema says, not what else is loaded.
    const derived = xsiType !== undefined && declared.subtypes.has(xsiType);
    let type = derived ? this.schema.complex(xsiType) : declared;
    let typed = xsiType !== undefined && xsiType !== typeKey;
    // A subtype the version does not have, left out: written as the declared type.
    if (derived && this.leftOut(type.addedIn, Infinity, type.gap)) {
      type = declared;
      typed = false;
    }
    let out = open;
    if (typed && xsiType !== undefined) {
      const prefix = xsiType.slice(0, Math.max(0, xsiType.indexOf(":")));
      this.used.add("xsi");
      if (this.schema.uriByPrefix.has(prefix)) this.used.add(prefix);
      out += ` xsi:type="${escapeAttribute(this.schema.xsiName(xsiType))}"`;
    }
    for (const attribute of type.attributes) {
      const v = object[attribute.prop];
      if (v === undefined) {
        if (attribute.requiredBelow > this.version) this.incomplete = true;
        continue;
      }
      if (this.leftOut(attribute.addedIn, attribute.removedIn)) continue;
      if (attribute.prefix !== undefined) this.usePrefixed(attribute.prefix);
      out += ` ${attribute.name}="${escapeAttribute(formatBuiltin(v as SimpleValue))}"`;
    }
    const extra = object.$attributes as readonly UnknownAttribute[] | undefined;
    if (extra) out += this.extraAttributes(extra);
    if (type.text) {
      const v = object.$value;
      const text =
        v === undefined ? "" : escapeText(formatBuiltin(v as SimpleValue));
      this.out += text ? `${out}>${text}</${name.endTag}>` : `${out}/>`;
      return;
    }
    const text =
      type.mixed && typeof object.$text === "string"
        ? escapeText(object.$text)
        : "";
    if (!text && !hasContent(type, object)) {
      this.out += `${out}/>`;
      return;
    }
    this.out += `${out}>${text}`;
    this.content(type, object);
    this.out += `</${name.endTag}>`;
  }

  private content(type: CompiledComplex, value: Value): void {
    const unknown = value.$unknown as UnknownElement[] | undefined;
    let after: Unknowns | undefined;
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
    after: Unknowns | undefined,
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
    p: CompiledElement | CompiledGroup | CompiledWildcard,
    value: Value,
    after: Unknowns | undefined,
  ): void {
    if (p.kind === "group") {
      this.group(p, value, after);
      return;
    }
    const v = value[p.prop];
    if (
      v === undefined &&
      p.kind === "element" &&
      p.requiredBelow > this.version
    )
      this.incomplete = true;
    if (v !== undefined) {
      if (p.kind === "any")
        for (const raw of v as { $xml: string }[]) this.out += raw.$xml;
      else if (!this.leftOut(p.addedIn, p.removedIn)) {
        if (p.repeated && Array.isArray(v))
          for (const item of v) this.child(p, item);
        else this.child(p, v);
      }
    }
    if (after) this.flush(after, p.prop);
  }

  private child(p: CompiledElement, item: unknown): void {
    if (
      p.substitutes !== undefined &&
      item !== null &&
      typeof item === "object"
    ) {
      const member = p.substitutes.get((item as Value).$element as string);
      if (member) {
        if (!this.leftOut(member.addedIn, Infinity, member.gap))
          this.element(member, item, member.type);
        return;
      }
    }
    this.element(p, item, p.type);
  }

  private flush(after: Unknowns, prop: string | null): void {
    const list = after.get(prop);
    if (!list) return;
    for (const xml of list) this.out += xml;
    after.delete(prop);
  }

  /** A canonical prefix written before a colon (the default namespace's too: an attribute in it needs one). */
  private usePrefixed(prefix: string): void {
    if (prefix === this.schema.defaultPrefix) this.defaultPrefixed = true;
    else this.used.add(prefix);
  }

  /** Attributes kept from reading, in their order, with the prefixes declared on the root. */
  private extraAttributes(extra: readonly UnknownAttribute[]): string {
    let out = "";
    for (const { ns, local, value } of extra) {
      const name = ns ? `${this.extraPrefix(ns)}:${local}` : local;
      out += ` ${name}="${escapeAttribute(value)}"`;
    }
    return out;
  }

  /** The prefix of an attribute kept from reading (`xml`, `xsi`, a canonical or a generated one), noted for the root once per document. */
  private extraPrefix(ns: string): string {
    let prefix = this.extraPrefixes.get(ns);
    if (prefix !== undefined) return prefix;
    if (ns === XML_NS) prefix = "xml";
    else if (ns === XSI_NS) {
      this.used.add("xsi");
      prefix = "xsi";
    } else {
      prefix = this.schema.prefixByUri.get(ns);
      if (prefix !== undefined) this.usePrefixed(prefix);
      else prefix = this.foreignPrefix(ns);
    }
    this.extraPrefixes.set(ns, prefix);
    return prefix;
  }

  /** The prefix of a namespace the schema does not know: generated once per document (`ext1`, `ext2`, ...), clear of every prefix the schema has. */
  private foreignPrefix(ns: string): string {
    let prefix = this.foreign.get(ns);
    if (prefix !== undefined) return prefix;
    do prefix = `ext${++this.foreignCount}`;
    while (this.schema.uriByPrefix.has(prefix));
    this.foreign.set(ns, prefix);
    return prefix;
  }
}

function hasContent(type: CompiledComplex, value: Value): boolean {
  if (value.$unknown !== undefined) return true;
  for (const prop of type.contentProps)
    if (value[prop] !== undefined) return true;
  return false;
}
