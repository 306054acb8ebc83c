/** What the CLI says of a model and its package: counts and sources, without the whole model. */
import type { Model } from "./ir.js";

export interface PackageSummary {
  readonly apiVersion: string;
  readonly inputs: string;
  readonly types: number;
  readonly elements: number;
  readonly namespaces: number;
  readonly operations: number;
  /** How many operations the document lists that were left out at the version, and the document. */
  readonly operationsSource?: {
    readonly file: string;
    readonly leftOut: number;
  };
}

export function summaryOf(model: Model): PackageSummary {
  const source = model.operationsSource;
  return {
    apiVersion: model.apiVersion,
    inputs: model.inputs,
    types: model.types.length,
    elements: model.elements.length,
    namespaces: model.namespaces.length,
    operations: model.operations.length,
    ...(source
      ? {
          operationsSource: {
            file: source.file,
            leftOut: source.leftOut.length,
          },
        }
      : {}),
  };
}
