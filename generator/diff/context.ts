/** What every comparison step shares: both models, naming, the older side's version, and the output. */
import type { Change } from "./change.js";
import type { Annotations } from "../model/ir.js";
import { announcedRemoval, UNANNOTATED, type Explanation } from "./explain.js";
import type { ModelView } from "./model-view.js";

export interface CompareContext {
  readonly from: ModelView;
  readonly to: ModelView;
  /** Clark name -> `prefix:Local`. */
  readonly name: (id: string) => string;
  /** The older side's version: an `added-in` after it explains an addition. */
  readonly fromVersion: string;
  /** The newer side's version: a `removed-in` not after it means removed. */
  readonly toVersion: string;
  readonly push: (change: Change) => void;
}

/** Text for a value in a report: absent values as `-`, lists joined, objects as JSON. */
export function text(value: unknown): string {
  if (value === undefined || value === null) return "-";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean")
    return String(value);
  return JSON.stringify(value);
}

/** Pushes a `changed` entry when `a` and `b` differ (compared as text). */
export function compareAspect(
  context: CompareContext,
  at: Pick<Change, "subject" | "path" | "component" | "member">,
  aspect: string,
  a: unknown,
  b: unknown,
  why: Explanation = UNANNOTATED,
): void {
  const from = text(a);
  const to = text(b);
  if (from === to) return;
  context.push({ kind: "changed", ...at, aspect, from, to, ...why });
}

/** A component both sides have that the newer side says was removed in between. */
export function removedBetween(
  context: CompareContext,
  from: Annotations | undefined,
  to: Annotations | undefined,
): boolean {
  return announcedRemoval(from, to, context.fromVersion, context.toVersion);
}
