/**
 * vcd-codegen runtime: documents. A document is its root element's name (`prefix:Local`) and the
 * typed value it holds; `fromXml`, `toXml` and `validate` work over every global element of a schema.
 */
import { formatVersion, inGap, versionNumber } from "./api-version.js";
import { compile } from "./compiled-schema.js";
import { Reader } from "./read.js";
import type { SchemaData } from "./schema-data.js";
import { Validator, type Violation } from "./validate.js";
import { Writer } from "./write.js";
import { rawXml } from "./raw-xml.js";
import { parseXml, type ParseLimits } from "./xml-parser.js";

export interface Document {
  /** The root element, `prefix:Local` with the canonical prefix. */
  readonly element: string;
  readonly value: unknown;
}

export type ReadOptions = ParseLimits;

export interface WriteOptions {
  /** Validate first, and throw the violations instead of writing an invalid document. */
  readonly strict?: boolean;
  /** Start with `<?xml version="1.0" encoding="UTF-8"?>` (default true). */
  readonly declaration?: boolean;
  /**
   * The API version the document is for (`"32.0"`; none: no check by version, everything the
   * package has may be written): a document holding
   * what that version does not have (a property added after it, or that a client no longer sends at
   * it) is refused (`ValidationError` with its `version` violations), and so is one lacking what a
   * client must still send at it (`required`), strict or not; with `strict`, it is validated at that
   * version.
   */
  readonly apiVersion?: string;
  /**
   * Leave out what the version does not have (properties, `$type`, `$element` added later or no
   * longer sent), as a server speaking it answers, instead of refusing the document.
   */
  readonly omitNewer?: boolean;
}

export interface ValidateOptions {
  /**
   * The API version to check at (`"32.0"`; none: no check by version, everything the package has
   * is allowed, as when reading): a property added after it,
   * or that a client no longer sends at it, is a violation (rule `version`,
   * `VApp.Children.Vm[0].ComputePolicy: version: added in 33.0`), what was added after it is not
   * required, and what a client must still send at it is. Exact from the oldest version the package supports
   * (the descriptors know nothing older); a version that is not numeric checks nothing more.
   */
  readonly apiVersion?: string;
}

/** Thrown by `toXml(doc, { strict: true })` for a document that breaks the schema. */
export class ValidationError extends Error {
  constructor(readonly violations: readonly Violation[]) {
    super(
      `the document breaks the schema:\n${violations.map((v) => `  ${v.message}`).join("\n")}`,
    );
    this.name = "ValidationError";
  }
}

/** Thrown by `fromXml` for a well-formed document whose root element the schema does not declare. */
export class UnknownRootError extends Error {
  /** The root element: `prefix:Local` where the namespace is the schema's, else `{namespace}local`. */
  readonly element: string;

  constructor(
    readonly namespace: string,
    readonly localName: string,
    element?: string,
  ) {
    super(
      `the schema has no global element {${namespace}}${localName} (fromXmlFragment also reads local elements)`,
    );
    this.name = "UnknownRootError";
    this.element = element ?? `{${namespace}}${localName}`;
  }
}

/** Thrown by `readElement` (and `readDocument` given the element) for a well-formed document whose root is another element. */
export class UnexpectedRootError extends Error {
  constructor(
    readonly expected: string,
    /** The root element found: `prefix:Local`, or `{namespace}local` for one the schema does not know. */
    readonly found: string,
  ) {
    super(`the document's root element is ${found}, expected ${expected}`);
    this.name = "UnexpectedRootError";
  }
}

export function readDocument(
  data: SchemaData,
  xml: string,
  options?: ReadOptions,
  /** The root element the document must have (`prefix:Local`). */
  expected?: string,
): Document {
  const { schema, root, element, global: decl } = parseRoot(data, xml, options);
  if (expected !== undefined && element !== expected)
    throw new UnexpectedRootError(
      expected,
      element ?? `{${root.ns}}${root.local}`,
    );
  if (!decl || element === undefined)
    throw new UnknownRootError(root.ns, root.local, element);
  return {
    element,
    value: new Reader(schema).element(root, decl.type, !!decl.nillable),
  };
}

/** Parses a document and finds its root element among the schema's global elements. */
function parseRoot(
  data: SchemaData,
  xml: string,
  options: ReadOptions | undefined,
) {
  const schema = compile(data);
  const root = parseXml(xml, options);
  const element = schema.prefixed(root.ns, root.local);
  const global = element === undefined ? undefined : data.elements[element];
  return { schema, root, element, global };
}

/** A document whose root is any element the schema declares, global or local, with the type it was read as. */
export interface Fragment {
  readonly element: string;
  /** The type key the value was read as (`prefix:Name`). */
  readonly type: string;
  readonly value: unknown;
}

/**
 * Reads a document whose root may also be a local element (a fragment, such as a JAXB template of
 * `IpScope`): a global element is read as its type; a local element as the type every declaration
 * of that name has. An element the schema does not declare, or declares with different types, is
 * kept whole as raw XML (type `xs:anyType`).
 */
export function readFragment(
  data: SchemaData,
  xml: string,
  options?: ReadOptions,
): Fragment {
  const { schema, root, element, global } = parseRoot(data, xml, options);
  const types = global
    ? new Set([global.type])
    : schema.localElementTypes(`{${root.ns}}${root.local}`);
  if (types.size !== 1) {
    // An element the schema does not declare (or declares with several types): kept whole, as raw XML.
    const name = element ?? `{${root.ns}}${root.local}`;
    return {
      element: name,
      type: "xs:anyType",
      value: { $xml: rawXml(root, (ns) => schema.prefixByUri.get(ns)) },
    };
  }
  const [type] = types;
  return {
    element: element!,
    type,
    value: new Reader(schema).element(root, type, !!global?.nillable),
  };
}

/** Writes a fragment read by `readFragment` (or built alike). */
export function writeFragment(
  data: SchemaData,
  fragment: Fragment,
  options: WriteOptions = {},
): string {
  if (options.strict) {
    const violations = validateFragment(data, fragment, options);
    if (violations.length) throw new ValidationError(violations);
  }
  const version = versionFor(options.apiVersion);
  const writer = new Writer(compile(data), version, !!options.omitNewer);
  const xml = writer.document(
    fragment.element,
    fragment.value,
    fragment.type,
    options.declaration ?? true,
  );
  if (writer.tooNew)
    refuseTooNew(validateFragment(data, fragment, options), version);
  if (writer.incomplete)
    refuseIncomplete(validateFragment(data, fragment, options));
  return xml;
}

export function validateFragment(
  data: SchemaData,
  fragment: Fragment,
  options: ValidateOptions = {},
): Violation[] {
  const validator = new Validator(
    compile(data),
    versionFor(options.apiVersion),
  );
  validator.value(
    fragment.element.slice(fragment.element.indexOf(":") + 1),
    fragment.value,
    fragment.type,
    false,
  );
  return validator.violations;
}

export function validateDocument(
  data: SchemaData,
  doc: Document,
  options: ValidateOptions = {},
): Violation[] {
  const schema = compile(data);
  const decl = data.elements[doc.element];
  if (!decl || decl.abstract) {
    return [
      {
        path: "element",
        rule: "element",
        expected: "a global element of the schema",
        message: `element: unknown root element ${doc.element}`,
      },
    ];
  }
  const version = versionFor(options.apiVersion);
  const validator = new Validator(schema, version);
  const path = doc.element.slice(doc.element.indexOf(":") + 1);
  if (decl.addedIn !== undefined && decl.addedIn > version)
    validator.tooNew(path, decl.addedIn);
  else if (inGap(decl.gap, version)) validator.lacking(path, decl.gap!);
  else validator.value(path, doc.value, decl.type, !!decl.nillable);
  return validator.violations;
}

/**
 * The version to check or write at: the one given, else none (`Infinity`: no check by version; a
 * package generated between two releases reads more than a client may send at its version, so the
 * client always gives the session's).
 */
function versionFor(apiVersion: string | undefined): number {
  return versionNumber(apiVersion);
}

/** Throws the `required` violations of a document that lacks what a client must still send at its version (if it does). */
function refuseIncomplete(violations: Violation[]): void {
  const required = violations.filter((v) => v.rule === "required");
  if (required.length) throw new ValidationError(required);
}

/** Throws the `version` violations of a document the writer found too new for its version. */
function refuseTooNew(violations: Violation[], version: number): void {
  const tooNew = violations.filter((v) => v.rule === "version");
  throw new ValidationError(
    tooNew.length
      ? tooNew
      : violations.length
        ? violations
        : [
            {
              path: "",
              rule: "version",
              expected: `what API version ${formatVersion(version)} has`,
              message: `version: the document holds what API version ${formatVersion(version)} does not have`,
            },
          ],
  );
}

export function writeDocument(
  data: SchemaData,
  doc: Document,
  options: WriteOptions = {},
): string {
  if (options.strict) {
    const violations = validateDocument(data, doc, options);
    if (violations.length) throw new ValidationError(violations);
  }
  const decl = data.elements[doc.element];
  if (!decl) throw new ValidationError(validateDocument(data, doc));
  const version = versionFor(options.apiVersion);
  const writer = new Writer(compile(data), version, !!options.omitNewer);
  const xml = writer.document(
    doc.element,
    doc.value,
    decl.type,
    options.declaration ?? true,
  );
  if (
    writer.tooNew ||
    (decl.addedIn !== undefined && decl.addedIn > version) ||
    inGap(decl.gap, version)
  )
    refuseTooNew(validateDocument(data, doc, options), version);
  if (writer.incomplete) refuseIncomplete(validateDocument(data, doc, options));
  return xml;
}

export type FromXml<D> = (xml: string, options?: ReadOptions) => D;
export type ToXml<D> = (doc: D, options?: WriteOptions) => string;
export type Validate<D> = (doc: D, options?: ValidateOptions) => Violation[];

/** The three document functions of a generated package, bound to its schema and typed by its documents. */
export interface DocumentFunctions<D extends Document> {
  fromXml: FromXml<D>;
  toXml: ToXml<D>;
  validate: Validate<D>;
  fromXmlFragment: FromXml<Fragment>;
  toXmlFragment: ToXml<Fragment>;
  validateFragment: Validate<Fragment>;
}

export function documentFunctions<D extends Document>(
  data: SchemaData,
): DocumentFunctions<D> {
  return {
    fromXml: (xml, options) => readDocument(data, xml, options) as D,
    toXml: (doc, options) => writeDocument(data, doc, options),
    validate: (doc, options) => validateDocument(data, doc, options),
    fromXmlFragment: (xml, options) => readFragment(data, xml, options),
    toXmlFragment: (fragment, options) =>
      writeFragment(data, fragment, options),
    validateFragment: (fragment, options) =>
      validateFragment(data, fragment, options),
  };
}
