/**
 * vcd-codegen runtime: the documents of one element, by its part (`readElement(TaskElement, xml)`):
 * what a bundle that reads and writes a few kinds of document uses, so that it holds only their
 * descriptors. The same reader, writer and validator as `fromXml`, `toXml` and `validate`.
 */
import {
  readDocument,
  validateDocument,
  writeDocument,
  type ReadOptions,
  type ValidateOptions,
  type WriteOptions,
} from "./document.js";
export { UnexpectedRootError } from "./document.js";
import { loadPart, type ElementPart, type ValueOf } from "./schema-parts.js";
import type { Violation } from "./validate.js";

/**
 * Reads a document whose root is the element of `part` and returns its value; throws
 * `XmlParseError`, or `UnexpectedRootError` for another root element.
 */
export function readElement<P extends ElementPart>(
  part: P,
  xml: string,
  options?: ReadOptions,
): ValueOf<P> {
  const registry = loadPart(part);
  const doc = readDocument(registry, xml, options, part.name);
  return doc.value as ValueOf<P>;
}

/** Writes a value as a document of the element of `part` (see `toXml` for the options). */
export function writeElement<P extends ElementPart>(
  part: P,
  value: ValueOf<P>,
  options?: WriteOptions,
): string {
  return writeDocument(loadPart(part), { element: part.name, value }, options);
}

/** Every violation of the schema in a value as a document of the element of `part`. */
export function validateElement<P extends ElementPart>(
  part: P,
  value: ValueOf<P>,
  options?: ValidateOptions,
): Violation[] {
  return validateDocument(
    loadPart(part),
    { element: part.name, value },
    options,
  );
}
