/**
 * vcd-codegen runtime: a small, strict, namespace-aware XML parser. It builds a light tree and
 * refuses what a client must never process from a server: any DTD (so no external entities and no
 * entity expansion beyond the five predefined entities and character references), documents
 * larger than a bound, nesting deeper than a bound, and more attributes on an element than a bound.
 * Errors carry line and column.
 */
import { AttributeNames } from "./attribute-names.js";
import { ReusedList } from "./reused-list.js";

/* eslint-disable no-control-regex -- XML 1.0's characters are defined by code points, control characters included */

/**
 * An attribute. One without a prefix is exactly `{ ns: "", local, value }` (the shape of a value's
 * `$attributes` entries, so that the reader can keep it as it is); one with a prefix also has it.
 */
export interface XmlAttribute {
  readonly ns: string;
  readonly local: string;
  readonly value: string;
  /** The prefix as written (`ovf` of `ovf:id`); absent for an attribute without one. */
  readonly prefix?: string;
}

export interface XmlElement {
  readonly name: string;
  readonly ns: string;
  readonly local: string;
  readonly attributes: XmlAttribute[];
  /** Child elements and text, in order. */
  readonly children: (XmlElement | string)[];
  /** Namespace bindings declared on this element (prefix, `""` for the default). */
  readonly declared: [prefix: string, uri: string][];
  /** Where the element starts in the source (an offset), for messages. */
  readonly start: number;
  readonly parent: XmlElement | undefined;
}

export interface ParseLimits {
  /** Largest input accepted, in characters (default 64 MiB). */
  readonly maxLength?: number;
  /** Deepest nesting of elements accepted (default 200). */
  readonly maxDepth?: number;
  /**
   * Most attributes (namespace declarations included) accepted on one element (default 10,000: the
   * JDK's `jdk.xml.elementAttributeLimit`, which the Java XML parser of vCD applies to requests).
   */
  readonly maxAttributes?: number;
  /** Most elements in the whole document (default: no limit). */
  readonly maxElements?: number;
}

export class XmlParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} (line ${line}, column ${column})`);
    this.name = "XmlParseError";
  }
}

export const XML_NS = "http://www.w3.org/XML/1998/namespace";

const PREDEFINED: Record<string, string> = {
  lt: "<",
  gt: ">",
  amp: "&",
  quot: '"',
  apos: "'",
};
const NO_DECLARATIONS: [string, string][] = [];
/**
 * The namespace bindings in scope: those an element declares, over its ancestors'. An element that
 * declares none shares its parent's scope, so a look-up walks at most one level per declaring
 * ancestor (bounded by the depth limit), and nothing is copied per element.
 */
interface Scope {
  readonly bindings: ReadonlyMap<string, string>;
  readonly parent: Scope | undefined;
}

const ROOT_SCOPE: Scope = {
  bindings: new Map([["xml", XML_NS]]),
  parent: undefined,
};
/** What text or an attribute value may hold that needs more than taking it as it is. */
const TEXT_SPECIAL =
  /[&\]\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ATTRIBUTE_SPECIAL =
  /[<&\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
/** The longest attribute value tested character by character rather than by `ATTRIBUTE_SPECIAL`. */
const SHORT_VALUE = 16;
/** A quick test for the characters INVALID_CHAR looks at closely (no surrogate pairing yet). */
const SUSPECT_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
/** Characters XML 1.0 does not allow, and unpaired surrogates. */
export const INVALID_CHAR: RegExp =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The duplicate-attribute table of every document this module parses. A document is parsed to its
 * end synchronously, so one table serves them one after another (a start tag's slots are cleared
 * when the next begins); kept, it is not allocated and grown again per document (for 80,000
 * attributes that was a third of the parse). It holds no names, only numbers: 4 bytes a slot, 2 to
 * 4 slots per attribute of the largest start tag parsed so far, and 4 bytes an attribute of its
 * hashes (192 KiB under the default limit of 10,000 attributes); a table of more than `KEPT_SLOTS`
 * slots (1 MiB, about 130,000 attributes) is let go after its document.
 */
const NAMES = new AttributeNames();
const KEPT_SLOTS = 1 << 18;
/** The attributes of the start tag being read (one list for every document, like the table). */
const TAG_ATTRIBUTES = new ReusedList<XmlAttribute>();

/**
 * Makes an attribute without a prefix, `{ ns: "", local, value }`, a plain object (its prototype is
 * `Object.prototype`). A constructor rather than an object literal: V8 tracks each literal's objects
 * to decide whether to allocate them in the old generation, and for the tens of thousands of
 * attributes one element may have, the tracking and the decisions cost about a fifth of reading it
 * (CPU time, 80,000 attributes).
 */
const UnprefixedAttribute = function (
  this: { ns: string; local: string; value: string },
  local: string,
  value: string,
) {
  this.ns = "";
  this.local = local;
  this.value = value;
} as unknown as new (local: string, value: string) => XmlAttribute;
UnprefixedAttribute.prototype = Object.prototype;

/** Parses a whole document and returns its root element. */
export function parseXml(text: string, limits: ParseLimits = {}): XmlElement {
  return new Parser(text, limits).document();
}

class Parser {
  private pos = 0;
  private readonly maxDepth: number;
  private readonly maxAttributes: number;
  private readonly maxElements: number;
  private elements = 0;
  private readonly names = NAMES;

  constructor(
    private readonly text: string,
    limits: ParseLimits,
  ) {
    const maxLength = limits.maxLength ?? 64 * 1024 * 1024;
    this.maxDepth = limits.maxDepth ?? 200;
    this.maxAttributes = limits.maxAttributes ?? 10_000;
    this.maxElements = limits.maxElements ?? Infinity;
    if (text.length > maxLength) {
      throw new XmlParseError(
        `document too large: ${text.length} characters, the limit is ${maxLength}`,
        1,
        1,
      );
    }
  }

  document(): XmlElement {
    try {
      return this.root();
    } catch (error) {
      // A start tag refused half-way leaves its attributes in the list: they are let go.
      TAG_ATTRIBUTES.clear();
      throw error;
    } finally {
      this.names.trim(KEPT_SLOTS);
    }
  }

  private root(): XmlElement {
    const text = this.text;
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
    let root: XmlElement | undefined;
    while (this.pos < text.length) {
      const lt = text.indexOf("<", this.pos);
      if (lt < 0) {
        this.requireSpace(this.pos, text.length);
        break;
      }
      this.requireSpace(this.pos, lt);
      this.pos = lt;
      if (text.startsWith("<?", lt)) this.skipProcessingInstruction();
      else if (text.startsWith("<!--", lt)) this.skipComment();
      else if (text.startsWith("<!DOCTYPE", lt) || text.startsWith("<!", lt)) {
        this.fail(
          "a DTD is not allowed (no DOCTYPE, entity declarations or external entities)",
          lt,
        );
      } else {
        if (root) this.fail("content after the root element", lt);
        root = this.element(undefined, ROOT_SCOPE, 1);
      }
    }
    if (!root) this.fail("no root element", this.pos);
    return root!;
  }

  private requireSpace(from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const c = this.text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x9 && c !== 0xa && c !== 0xd)
        this.fail("text outside the root element", i);
    }
  }

  private element(
    parent: XmlElement | undefined,
    scope: Scope,
    depth: number,
  ): XmlElement {
    if (depth > this.maxDepth)
      this.fail(`elements nested deeper than ${this.maxDepth}`, this.pos);
    if (++this.elements > this.maxElements)
      this.fail(`more than ${this.maxElements} XML elements`, this.pos);
    const text = this.text;
    const start = this.pos;
    this.pos++;
    const name = this.name();
    // Unprefixed attributes (most of them) are in no namespace whatever is declared: they are
    // done at once; prefixed ones and namespace declarations wait until the start tag is read.
    const list = TAG_ATTRIBUTES;
    this.names.startTag();
    const prefixed: [string, string, number][] = [];
    let selfClosing = false;
    for (;;) {
      const hadSpace = this.skipSpace();
      const c = text.charCodeAt(this.pos);
      if (c === 0x3e /* > */) {
        this.pos++;
        break;
      }
      if (c === 0x2f /* / */ && text.charCodeAt(this.pos + 1) === 0x3e) {
        this.pos += 2;
        selfClosing = true;
        break;
      }
      if (this.pos >= text.length)
        this.fail(`unclosed start tag <${name}>`, start);
      if (!hadSpace)
        this.fail("expected white space, '>' or '/>' in a start tag", this.pos);
      const at = this.pos;
      if (list.count + prefixed.length >= this.maxAttributes)
        this.fail(
          `element ${name} has more than ${this.maxAttributes} attributes, the limit`,
          at,
        );
      const attrName = this.name();
      this.skipSpace();
      if (text.charCodeAt(this.pos) !== 0x3d /* = */)
        this.fail(`expected '=' after attribute ${attrName}`, this.pos);
      this.pos++;
      this.skipSpace();
      const value = this.attributeValue();
      if (attrName.indexOf(":") < 0 && attrName !== "xmlns") {
        if (!this.names.add(list.items, list.count, "", attrName))
          this.fail(`duplicate attribute ${attrName}`, at);
        list.push(new UnprefixedAttribute(attrName, value));
      } else prefixed.push([attrName, value, at]);
    }
    let declared: [string, string][] = NO_DECLARATIONS;
    let bindings: Map<string, string> | undefined;
    for (const [attrName, value, at] of prefixed) {
      let prefix: string;
      if (attrName === "xmlns") prefix = "";
      else if (attrName.startsWith("xmlns:")) {
        prefix = attrName.slice(6);
        if (!value)
          this.fail(
            `the prefix ${prefix} cannot be bound to the empty namespace`,
            at,
          );
      } else continue;
      bindings ??= new Map();
      if (bindings.has(prefix))
        this.fail(`duplicate attribute ${attrName}`, at);
      bindings.set(prefix, value);
      if (declared === NO_DECLARATIONS) declared = [];
      declared.push([prefix, value]);
    }
    const inScope: Scope = bindings ? { bindings, parent: scope } : scope;
    const colon = name.indexOf(":");
    const ns = this.lookup(
      inScope,
      colon < 0 ? "" : name.slice(0, colon),
      start,
    );
    for (const [attrName, value, at] of prefixed) {
      if (attrName === "xmlns" || attrName.startsWith("xmlns:")) continue;
      const c2 = attrName.indexOf(":");
      const prefix = attrName.slice(0, c2);
      const attrNs = this.lookup(inScope, prefix, at);
      const local = attrName.slice(c2 + 1);
      if (!this.names.add(list.items, list.count, attrNs, local))
        this.fail(`duplicate attribute ${attrName}`, at);
      list.push({ ns: attrNs, local, value, prefix });
    }
    const attributes = list.take();
    const element: XmlElement = {
      name,
      ns,
      local: colon < 0 ? name : name.slice(colon + 1),
      attributes,
      children: [],
      declared,
      start,
      parent,
    };
    if (!selfClosing) this.content(element, inScope, depth);
    return element;
  }

  private content(element: XmlElement, scope: Scope, depth: number): void {
    const text = this.text;
    for (;;) {
      const lt = text.indexOf("<", this.pos);
      if (lt < 0)
        this.fail(`missing end tag </${element.name}>`, element.start);
      if (lt > this.pos) element.children.push(this.characters(this.pos, lt));
      this.pos = lt;
      const next = text.charCodeAt(lt + 1);
      if (next === 0x2f /* / */) {
        this.pos = lt + 2;
        const name = this.name();
        if (name !== element.name)
          this.fail(`end tag </${name}> does not match <${element.name}>`, lt);
        this.skipSpace();
        if (text.charCodeAt(this.pos) !== 0x3e)
          this.fail("expected '>'", this.pos);
        this.pos++;
        return;
      }
      if (next === 0x21 /* ! */) {
        if (text.startsWith("<!--", lt)) this.skipComment();
        else if (text.startsWith("<![CDATA[", lt)) {
          const end = text.indexOf("]]>", lt + 9);
          if (end < 0) this.fail("unclosed CDATA section", lt);
          element.children.push(text.slice(lt + 9, end));
          this.pos = end + 3;
        } else
          this.fail(
            "a DTD is not allowed (no DOCTYPE, entity declarations or external entities)",
            lt,
          );
      } else if (next === 0x3f /* ? */) this.skipProcessingInstruction();
      else element.children.push(this.element(element, scope, depth + 1));
    }
  }

  private characters(from: number, to: number): string {
    const raw = this.text.slice(from, to);
    // Most text has nothing to decode, normalise or refuse: one test says so.
    if (!TEXT_SPECIAL.test(raw)) return raw;
    const gt = raw.indexOf("]]>");
    if (gt >= 0) this.fail("']]>' is not allowed in text", from + gt);
    this.checkChars(raw, from);
    return raw.indexOf("&") < 0
      ? normalizeNewlines(raw)
      : this.decode(normalizeNewlines(raw), from);
  }

  private attributeValue(): string {
    const text = this.text;
    const quote = text[this.pos];
    if (quote !== '"' && quote !== "'")
      this.fail("attribute values must be quoted", this.pos);
    const end = text.indexOf(quote, this.pos + 1);
    if (end < 0) this.fail("unclosed attribute value", this.pos);
    const from = this.pos + 1;
    const raw = text.slice(from, end);
    this.pos = end + 1;
    if (
      end - from <= SHORT_VALUE
        ? !this.mayBeSpecial(from, end)
        : !ATTRIBUTE_SPECIAL.test(raw)
    )
      return raw;
    this.checkChars(raw, from);
    if (raw.indexOf("<") >= 0)
      this.fail(
        "'<' is not allowed in an attribute value",
        from + raw.indexOf("<"),
      );
    // Attribute value normalisation: white space characters become spaces (character references excepted).
    const spaced = /[\t\n\r]/.test(raw)
      ? normalizeNewlines(raw).replace(/[\t\n]/g, " ")
      : raw;
    return spaced.indexOf("&") < 0 ? spaced : this.decode(spaced, from);
  }

  /**
   * What `ATTRIBUTE_SPECIAL` finds, without a regular expression (which costs more than the rest for
   * a short value): true for a character it may match (anything from U+D800 up is looked at closely).
   */
  private mayBeSpecial(from: number, to: number): boolean {
    const text = this.text;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 || c === 0x3c || c === 0x26 || c >= 0xd800) return true;
    }
    return false;
  }

  private checkChars(raw: string, offset: number): void {
    if (!SUSPECT_CHAR.test(raw)) return;
    const bad = INVALID_CHAR.exec(raw);
    if (bad)
      this.fail(
        `character U+${bad[0].charCodeAt(0).toString(16).padStart(4, "0")} is not allowed in XML`,
        offset + bad.index,
      );
  }

  private decode(raw: string, offset: number): string {
    return raw.replace(/&([^;&\s]*);?/g, (match, ref: string, at: number) => {
      if (!match.endsWith(";"))
        this.fail(
          "'&' must start an entity or character reference",
          offset + at,
        );
      if (ref.startsWith("#")) {
        const code =
          ref[1] === "x"
            ? parseInt(ref.slice(2), 16)
            : parseInt(ref.slice(1), 10);
        if (!isXmlChar(code) || !/^#(x[0-9a-fA-F]+|[0-9]+)$/.test(ref)) {
          this.fail(`invalid character reference &${ref};`, offset + at);
        }
        return String.fromCodePoint(code);
      }
      const value = PREDEFINED[ref];
      if (value === undefined)
        this.fail(
          `unknown entity &${ref}; (only the five predefined entities are allowed)`,
          offset + at,
        );
      return value;
    });
  }

  private name(): string {
    const text = this.text;
    const from = this.pos;
    if (!isNameStart(text.charCodeAt(from))) this.fail("expected a name", from);
    let i = from + 1;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (
        c <= 0x20 ||
        c === 0x3e ||
        c === 0x2f ||
        c === 0x3d ||
        c === 0x22 ||
        c === 0x27 ||
        c === 0x3c
      )
        break;
    }
    this.pos = i;
    return text.slice(from, i);
  }

  private skipSpace(): boolean {
    const from = this.pos;
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x9 && c !== 0xa && c !== 0xd)
        return this.pos > from;
      this.pos++;
    }
  }

  private skipComment(): void {
    const end = this.text.indexOf("-->", this.pos + 4);
    if (end < 0) this.fail("unclosed comment", this.pos);
    this.pos = end + 3;
  }

  private skipProcessingInstruction(): void {
    const end = this.text.indexOf("?>", this.pos + 2);
    if (end < 0) this.fail("unclosed processing instruction", this.pos);
    this.pos = end + 2;
  }

  private lookup(scope: Scope, prefix: string, at: number): string {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const uri = s.bindings.get(prefix);
      if (uri !== undefined) return uri;
    }
    if (prefix) this.fail(`namespace prefix ${prefix} is not declared`, at);
    return "";
  }

  private fail(message: string, at: number): never {
    let line = 1;
    let lineStart = 0;
    for (
      let i = this.text.indexOf("\n");
      i >= 0 && i < at;
      i = this.text.indexOf("\n", i + 1)
    ) {
      line++;
      lineStart = i + 1;
    }
    throw new XmlParseError(message, line, at - lineStart + 1);
  }
}

function normalizeNewlines(text: string): string {
  return text.indexOf("\r") < 0 ? text : text.replace(/\r\n?/g, "\n");
}

/** True for a code point XML 1.0 allows in a document. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** A letter, `_`, `:` or any character from U+00C0 up: what a name may start with. */
function isNameStart(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    c === 0x5f ||
    c === 0x3a ||
    c >= 0xc0
  );
}
