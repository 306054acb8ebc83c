/**
 * Compares two models (`from` the older, `to` the newer): every type, property, attribute,
 * enumeration value, global element and operation added, removed or changed, each flagged as
 * annotated or not (see explain.ts). Documentation, source positions and TypeScript names are
 * left out: they do not change what a document may contain.
 */
import type { Model } from "../model/ir.js";
import { summarize, type Change, type DiffReport } from "./change.js";
import { compareElements } from "./compare-elements.js";
import { compareOperations } from "./compare-operations.js";
import { compareTypes } from "./compare-types.js";
import type { CompareContext } from "./context.js";
import { sideVersion } from "./explain.js";
import { prefixer, viewOf } from "./model-view.js";

export interface Labels {
  readonly from: string;
  readonly to: string;
}

export function compareModels(
  from: Model,
  to: Model,
  labels: Labels = { from: "from", to: "to" },
): DiffReport {
  const changes: Change[] = [];
  const context: CompareContext = {
    from: viewOf(from),
    to: viewOf(to),
    name: prefixer(to, from),
    fromVersion: sideVersion(from),
    toVersion: sideVersion(to),
    push: (change) => changes.push(change),
  };
  compareTypes(context);
  compareElements(context);
  compareOperations(context);
  changes.sort(byPlace);
  const side = (model: Model, label: string) => ({
    label,
    apiVersion: model.apiVersion,
    version: sideVersion(model),
    ...(model.operationsSource
      ? { operations: model.operationsSource.file }
      : {}),
  });
  return {
    from: side(from, labels.from),
    to: side(to, labels.to),
    changes,
    summary: summarize(changes),
  };
}

const SUBJECT_ORDER = [
  "type",
  "property",
  "attribute",
  "enumeration",
  "element",
  "operation",
];

/** By component, then subject, then path; stable otherwise (aspects keep their order). */
function byPlace(a: Change, b: Change): number {
  const group = (c: Change) =>
    c.subject === "element" ? 1 : c.subject === "operation" ? 2 : 0;
  return (
    group(a) - group(b) ||
    compare(a.component, b.component) ||
    SUBJECT_ORDER.indexOf(a.subject) - SUBJECT_ORDER.indexOf(b.subject) ||
    compare(a.path, b.path)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
