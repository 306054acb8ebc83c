/**
 * A light element tree for xmldom to build while it reads a schema or a catalog (its DOMParser's
 * `domHandler` option): xmldom's parser checks the XML as before, but where its DOM validates every
 * insertion, keeps live node lists and a NamedNodeMap per element, this tree holds what the readers
 * use and nothing more: elements with their namespace, names, attributes, children and position,
 * and text. Reading the 36.0 set's 2.7 MB of XSD takes a third of the time its DOM took. The
 * properties are named as the DOM names them, so the readers read it as they would read a DOM.
 * What xmldom's DOM refuses while building (a second root, a prefix bound to no namespace) is refused
 * here with the same DOMException, which xmldom reports as a fatal error as it did.
 */
import { DOMException, ParseError } from "@xmldom/xmldom";

/** An attribute: its qualified name and value. */
export interface XmlAttribute {
  readonly name: string;
  readonly value: string;
}

export class XmlText {
  readonly nodeType = 3;
  nextSibling: XmlNode | null = null;
  constructor(readonly data: string) {}
}

export type XmlNode = XmlElement | XmlText;

export class XmlElement {
  readonly nodeType = 1;
  firstChild: XmlNode | null = null;
  nextSibling: XmlNode | null = null;
  /** The last child, for appending. */
  lastChild: XmlNode | null = null;

  constructor(
    readonly namespaceURI: string | null,
    readonly localName: string,
    /** The qualified name, as written (`xs:element`). */
    readonly tagName: string,
    readonly attributes: readonly XmlAttribute[],
    readonly parentNode: XmlElement | null,
    readonly lineNumber: number,
    readonly columnNumber: number,
  ) {}

  getAttribute(name: string): string | null {
    for (const attribute of this.attributes)
      if (attribute.name === name) return attribute.value;
    return null;
  }

  hasAttribute(name: string): boolean {
    return this.getAttribute(name) !== null;
  }

  /** The text of every text node below it, in document order. */
  get textContent(): string {
    let text = "";
    for (let child = this.firstChild; child; child = child.nextSibling)
      text += child.nodeType === 3 ? child.data : child.textContent;
    return text;
  }

  append(child: XmlNode): void {
    if (this.lastChild) this.lastChild.nextSibling = child;
    else this.firstChild = child;
    this.lastChild = child;
  }
}

const XML_NS = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

/**
 * What the DOM's createElementNS and createAttributeNS refuse of a qualified name in a namespace
 * (DOM's "validate and extract"): a prefix in no namespace, `xml` bound elsewhere than the XML
 * namespace, `xmlns` elsewhere than the XMLNS namespace, and that namespace on anything else.
 */
function checkName(namespace: string | null, qName: string): void {
  const colon = qName.indexOf(":");
  const prefix = colon < 0 ? null : qName.slice(0, colon);
  const refused =
    (prefix !== null && namespace === null) ||
    (prefix === "xml" && namespace !== XML_NS) ||
    ((prefix === "xmlns" || qName === "xmlns") && namespace !== XMLNS_NS) ||
    (namespace === XMLNS_NS && prefix !== "xmlns" && qName !== "xmlns");
  if (!refused) return;
  throw new DOMException(
    prefix !== null && namespace === null
      ? "prefix is non-null and namespace is null"
      : `the name ${qName} cannot be in the namespace ${namespace ?? "(none)"}`,
    "NamespaceError",
  );
}

/** What xmldom's parser reports positions through (it moves the numbers as it reads). */
interface Locator {
  lineNumber: number;
  columnNumber: number;
}

/** The attributes xmldom's parser hands to `startElement`. */
interface SaxAttributes {
  readonly length: number;
  getQName(i: number): string;
  getValue(i: number): string;
  getURI(i: number): string | undefined;
}

/** How xmldom's DOMParser reports a problem (our `onError`). */
type OnError = (level: string, message: string, context: unknown) => void;

/**
 * The handler xmldom's parser drives (a subset of its own DOMHandler's interface: the SAX content,
 * lexical and error handler methods it calls). `doc.documentElement` is the root once read.
 */
export class XmlTreeBuilder {
  /** The document: its root once read; text outside the root is made (for xmldom's checks) and not kept. */
  readonly doc = {
    nodeType: 9 as const,
    tagName: undefined,
    documentElement: null as XmlElement | null,
    createTextNode: (data: string) => new XmlText(data),
    appendChild: (node: XmlNode) => node,
  };
  currentElement: XmlElement | XmlText | XmlTreeBuilder["doc"] | null = null;
  locator: Locator | undefined;
  private readonly onError: OnError | undefined;

  constructor(options: { onError?: OnError }) {
    this.onError = options.onError;
  }

  setDocumentLocator(locator: Locator | undefined): void {
    if (locator) locator.lineNumber = 0;
    this.locator = locator;
  }

  startDocument(): void {}
  endDocument(): void {}

  startElement(
    namespaceURI: string | null,
    localName: string,
    qName: string,
    attrs: SaxAttributes,
  ): void {
    const parent =
      this.currentElement?.nodeType === 1 ? this.currentElement : null;
    if (!parent && this.doc.documentElement)
      throw new DOMException(
        "Only one element can be added and only after doctype",
        "HierarchyRequestError",
      );
    checkName(namespaceURI || null, qName);
    const attributes: XmlAttribute[] = [];
    for (let i = 0; i < attrs.length; i++) {
      const name = attrs.getQName(i);
      checkName(attrs.getURI(i) || null, name);
      attributes.push({ name, value: attrs.getValue(i) });
    }
    const element = new XmlElement(
      namespaceURI || null,
      localName,
      qName || localName,
      attributes,
      parent,
      this.locator?.lineNumber ?? 1,
      this.locator?.columnNumber ?? 1,
    );
    if (parent) parent.append(element);
    else this.doc.documentElement = element;
    this.currentElement = element;
  }

  endElement(): void {
    const current = this.currentElement;
    // Past the root, the document stands where the DOM's Document stood (xmldom reads its tag name).
    this.currentElement =
      current?.nodeType === 1 ? (current.parentNode ?? this.doc) : null;
  }

  characters(chars: string, start: number, length: number): void {
    const current = this.currentElement;
    if (current?.nodeType !== 1) return;
    const text = chars.substring(start, start + length);
    if (text) current.append(new XmlText(text));
  }

  // CDATA's text comes to `characters` like any other; comments, processing instructions and the
  // DTD are not kept.
  startCDATA(): void {}
  endCDATA(): void {}
  startPrefixMapping(): void {}
  endPrefixMapping(): void {}
  processingInstruction(): void {}
  ignorableWhitespace(): void {}
  skippedEntity(): void {}
  comment(): void {}
  startDTD(): void {}
  endDTD(): void {}

  warning(message: string): void {
    this.report("warning", message);
  }

  error(message: string): void {
    this.report("error", message);
  }

  /** Stops the parse: xmldom's parser lets only a ParseError through. */
  fatalError(message: string, cause?: Error): never {
    this.report("fatalError", message);
    throw new ParseError(message, this.locator, cause);
  }

  /** As xmldom's own handler does: whatever `onError` throws stops the parse as a ParseError. */
  private report(level: string, message: string): void {
    try {
      this.onError?.(level, message, this);
    } catch (error) {
      throw new ParseError(
        `Reporting ${level} "${message}" caused ${String(error)}`,
        this.locator,
      );
    }
  }
}
