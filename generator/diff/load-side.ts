/**
 * One side of a diff: an input folder (laid out like the inputs: built with the schema-set
 * description, at the API version asked for) or a model file written by `vcd-codegen model`.
 */
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { readJson } from "../config/schema-set-config.js";
import { fileStart, GeneratorError } from "../diagnostics.js";
import type { Model } from "../model/ir.js";
import { buildModel, type ModelOptions } from "../pipeline.js";

export interface LoadedSide {
  readonly model: Model;
  /** Problems in the input that did not stop the build. */
  readonly warnings: string[];
}

/**
 * A folder is built with the options `optionsFor` resolves for it (at the version asked for, or
 * every version); a model file is taken as it was written, and must have been written for
 * `apiVersion` when one is asked for.
 */
export async function loadSide(
  path: string,
  optionsFor: (inputDir: string) => Promise<ModelOptions>,
  apiVersion: string | undefined,
): Promise<LoadedSide> {
  if (!existsSync(path))
    throw new GeneratorError(`no such folder or model file: ${path}`);
  if (statSync(path).isDirectory()) {
    const { model, warnings } = buildModel(await optionsFor(path));
    return { model, warnings: warnings.map((w) => w.format()) };
  }
  return { model: readModelFile(path, apiVersion), warnings: [] };
}

/** A model file, checked to be one and to be filtered at the version asked for. */
export function readModelFile(
  file: string,
  apiVersion: string | undefined,
): Model {
  const json = readJson(resolve(file)) as Partial<Model>;
  const at = fileStart(file);
  if (json.formatVersion !== 1 || !Array.isArray(json.types))
    throw new GeneratorError(
      "not a model file written by vcd-codegen model (formatVersion 1 with types)",
      at,
      "formatVersion",
    );
  for (const key of ["elements", "namespaces", "operations"] as const) {
    if (!Array.isArray(json[key]))
      throw new GeneratorError(`"${key}" must be a list`, at, key);
  }
  if (apiVersion !== undefined && json.apiVersion !== apiVersion)
    throw new GeneratorError(
      `the model was written for API version "${json.apiVersion}", not "${apiVersion}": write it with vcd-codegen model --api-version ${apiVersion}, or give the input folder`,
      at,
      "apiVersion",
    );
  return json as Model;
}
