/**
 * vcd-codegen runtime, simulator: reading the values of a read document. The XML reader gives an
 * element that may repeat as an array, one that occurs once as its value and none as `undefined`;
 * handlers and rules read all three as a list. A simple content or attribute is a string when it is
 * there.
 */
import type { Value } from "./model.js";

export const listOf = (v: unknown): Value[] =>
  Array.isArray(v) ? (v as Value[]) : v === undefined ? [] : [v as Value];

/** A string value, or undefined when it is absent (or not a string). */
export const textOf = (v: unknown): string | undefined =>
  typeof v === "string" ? v : undefined;
