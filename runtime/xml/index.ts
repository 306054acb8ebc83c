/** vcd-codegen runtime: the entry point generated code imports. */
export type {
  AnyElement,
  DocumentOf,
  ElementInfo,
  ElementOf,
  ElementValue,
  OneOf,
  UnknownAttribute,
  UnknownElement,
  XsiOf,
} from "./values.js";
export type * from "./schema-data.js";
export {
  documentFunctions,
  readFragment,
  validateFragment,
  writeFragment,
  readDocument,
  UnknownRootError,
  ValidationError,
  validateDocument,
  writeDocument,
  type Document,
  type Fragment,
  type DocumentFunctions,
  type FromXml,
  type ToXml,
  type Validate,
  type ReadOptions,
  type WriteOptions,
  type ValidateOptions,
} from "./document.js";
export {
  loadPart,
  type ElementGroupPart,
  type ElementPart,
  type SchemaPart,
  type TypePart,
  type ValueOf,
} from "./schema-parts.js";
export {
  readElement,
  UnexpectedRootError,
  validateElement,
  writeElement,
} from "./element-document.js";
export type { Violation } from "./validate.js";
export { XmlParseError, type ParseLimits } from "./xml-parser.js";
export { XmlCharError } from "./xml-escape.js";
export { valueKind, type ValueKind } from "./simple-values.js";
