/**
 * The main job, each step called once: options -> load (the inputs, read once) -> model (mapped and
 * refined by the passes) -> emit (files in memory) -> write (or a comparison with what is on disk).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ResolvedOptions } from "./config/options.js";
import type { GeneratorError } from "./diagnostics.js";
import { emitPackage, type PackageInfo } from "./emit/emit-package.js";
import type { OutputFile } from "./emit/output-file.js";
import { readInputs } from "./load/read-inputs.js";
import type { Model } from "./model/ir.js";
import { PACKAGE_ROOT } from "./package-root.js";
import { buildModelFrom } from "./pipeline.js";
import { timed, type Timings } from "./timings.js";
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

export interface GeneratedPackage {
  readonly model: Model;
  readonly files: OutputFile[];
  readonly timings: Timings;
  /** Problems in the input that did not stop generation. */
  readonly warnings: readonly GeneratorError[];
}

export interface GenerateResult extends GeneratedPackage {
  /** With `check`: how the output on disk differs from what would be generated. */
  readonly difference?: OutputDifference;
}

/** The package's own fields: the config's `package`, else the defaults above. */
export function packageInfo(options: ResolvedOptions): PackageInfo {
  return {
    generatorVersion: GENERATOR_VERSION,
    name: options.package.name ?? GENERATED_PACKAGE_NAME,
    version: options.package.version ?? GENERATOR_VERSION,
    license: options.package.license ?? GENERATED_PACKAGE_LICENSE,
  };
}

/** The package in memory: load, model, emit. */
export function generatePackage(options: ResolvedOptions): GeneratedPackage {
  const timings: Timings = {};
  const inputs = readInputs(options, timings);
  const { model, warnings } = buildModelFrom(inputs, options, timings);
  const files = timed(timings, "emit", () =>
    emitPackage(model, packageInfo(options)),
  );
  return { model, files, timings, warnings };
}

export function generate(
  options: ResolvedOptions,
  check: boolean,
): GenerateResult {
  const result = generatePackage(options);
  const stamp = {
    apiVersion: result.model.apiVersion,
    inputs: result.model.inputs,
  };
  if (check)
    return {
      ...result,
      difference: compareOutput(options.outDir, result.files, stamp),
    };
  timed(result.timings, "write", () =>
    writeOutput(options.outDir, result.files, stamp),
  );
  return result;
}
