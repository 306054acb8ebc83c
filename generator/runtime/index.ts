/** vcd-codegen runtime: the entry point generated code imports. */
export type {
  AnyElement,
  ElementInfo,
  ElementOf,
  ElementValue,
  OneOf,
  UnknownElement,
  XsiOf,
} from "./values.js";
