/** The main job: from resolved options to a generated package on disk (or a comparison with it). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "./config/schema-set-config.js";
import type { ResolvedOptions } from "./config/options.js";
import { lowestSupportedVersion } from "./emit/client/emit-client-module.js";
import { emitPackage } from "./emit/emit-package.js";
import { operationsVersions } from "./load/find-operations-file.js";
import type { OutputFile } from "./emit/output-file.js";
import type { Model } from "./model/ir.js";
import { inputsLabel } from "./load/identify-release.js";
import type { GeneratorError } from "./diagnostics.js";
import { buildModel, type Timings } from "./pipeline.js";
import { compareOutput, type OutputDifference } from "./write/check-output.js";
import { writeOutput } from "./write/write-output.js";

export const GENERATOR_VERSION: string = (
  JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as {
    version: string;
  }
).version;

/** The generated package's package.json fields unless the config's `package` says otherwise (its version: the generator's). */
export const GENERATED_PACKAGE_NAME = "@vcd-codegen/vcloud";
/** vcd-codegen's own license, which covers the runtime it copies in; the XSDs it is generated from are BSD-2 too. */
export const GENERATED_PACKAGE_LICENSE = "BSD-2-Clause";

export interface GenerateResult {
  readonly model: Model;
  readonly files: OutputFile[];
  readonly timings: Timings;
  /** With `check`: how the output on disk differs from what would be generated. */
  readonly difference?: OutputDifference;
  /** Problems in the input that did not stop generation. */
  readonly warnings: readonly GeneratorError[];
}

export function generatePackage(options: ResolvedOptions): {
  model: Model;
  files: OutputFile[];
  timings: Timings;
  warnings: readonly GeneratorError[];
} {
  const { model, timings, warnings } = buildModel(options);
  const start = performance.now();
  const files = emitPackage(model, {
    generatorVersion: GENERATOR_VERSION,
    schemaSet: options.schemaSet,
    name: options.package.name ?? GENERATED_PACKAGE_NAME,
    version: options.package.version ?? GENERATOR_VERSION,
    license: options.package.license ?? GENERATED_PACKAGE_LICENSE,
    inputs: inputsLabel(options.release, options.schemaSet),
    lowestApiVersion: lowestSupportedVersion(
      model.apiVersion,
      options.schemaSet.operations
        ? operationsVersions(options.inputDir, options.schemaSet.operations)
        : [],
    ),
  });
  timings.emit = performance.now() - start;
  return { model, files, timings, warnings };
}

export function generate(
  options: ResolvedOptions,
  check: boolean,
): GenerateResult {
  const result = generatePackage(options);
  const stamp = {
    apiVersion: result.model.apiVersion,
    inputs: inputsLabel(options.release, options.schemaSet),
  };
  if (check)
    return {
      ...result,
      difference: compareOutput(options.outDir, result.files, stamp),
    };
  const start = performance.now();
  writeOutput(options.outDir, result.files, stamp);
  result.timings.write = performance.now() - start;
  return result;
}
