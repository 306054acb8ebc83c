/**
 * vcd-codegen runtime, simulator: a repeated element of a read document as a list. The XML reader
 * gives an element that may repeat as an array, one that occurs once as its value and none as
 * `undefined`; handlers and rules read all three the same way.
 */
import type { Value } from "./model.js";

export const listOf = (v: unknown): Value[] =>
  Array.isArray(v) ? (v as Value[]) : v === undefined ? [] : [v as Value];
