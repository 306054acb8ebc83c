/**
 * The main job, each step called once: options -> load (the inputs, read once) -> model (mapped and
 * refined by the passes) -> emit (files in memory) -> write (or a comparison with what is on disk).
 * With a package cache, unchanged inputs and options give the package from it instead (the same
 * bytes: a test compares them).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generationKey } from "./cache/generation-key.js";
import type { PackageCache } from "./cache/package-cache.js";
import type { ResolvedOptions } from "./config/options.js";
import { GeneratorError } from "./diagnostics.js";
import { emitPackage, type PackageInfo } from "./emit/emit-package.js";
import type { OutputFile } from "./emit/output-file.js";
import { readInputs, type Inputs } from "./load/read-inputs.js";
import type { Model } from "./model/ir.js";
import { summaryOf, type PackageSummary } from "./model/summary.js";
import { PACKAGE_ROOT } from "./package-root.js";
import { buildModel, buildModelFrom } from "./pipeline.js";
import { timed, type Timings } from "./timings.js";
import {
  compareOutput,
  isUpToDate,
  type OutputDifference,
} from "./write/check-output.js";
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
  /** The inputs it was generated from. */
  readonly inputs: Inputs;
}

export interface GenerateResult {
  /** The model (for a package from the cache, built from the inputs at the first use). */
  readonly model: Model;
  readonly summary: PackageSummary;
  readonly files: OutputFile[];
  readonly timings: Timings;
  /** Problems in the input that did not stop generation. */
  readonly warnings: readonly GeneratorError[];
  /** Whether the package came from the cache. */
  readonly cached: boolean;
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
  return { model, files, timings, warnings, inputs };
}

/** Generates the package (or takes it from `cache`), then writes it, or with `check` compares it with what is on disk. */
export function generate(
  options: ResolvedOptions,
  check: boolean,
  cache?: PackageCache,
): GenerateResult {
  const timings: Timings = {};
  const info = packageInfo(options);
  const key = cache && timed(timings, "cache", () => keyOrNone(options, info));
  const hit = key
    ? timed(timings, "cache", () => cache!.lookup(key))
    : undefined;
  let result: { -readonly [K in keyof GenerateResult]: GenerateResult[K] };
  if (hit) {
    let model: Model | undefined;
    result = {
      get model() {
        return (model ??= buildModel(options).model);
      },
      summary: hit.summary,
      files: hit.files,
      timings,
      warnings: hit.warnings.map((text) => new GeneratorError(text)),
      cached: true,
    };
  } else {
    const made = generatePackage(options);
    const summary = summaryOf(made.model);
    Object.assign(timings, made.timings);
    // `--check` writes nothing, in the cache neither.
    if (key && !check)
      timed(timings, "cache", () =>
        cache!.store(key, {
          summary,
          files: made.files,
          warnings: made.warnings.map((w) => w.format()),
          inputs: made.inputs,
        }),
      );
    result = {
      model: made.model,
      summary,
      files: made.files,
      timings,
      warnings: made.warnings,
      cached: false,
    };
  }
  const stamp = {
    apiVersion: result.summary.apiVersion,
    inputs: result.summary.inputs,
  };
  if (check) {
    result.difference = timed(timings, "check", () =>
      compareOutput(options.outDir, result.files, stamp),
    );
    return result;
  }
  timed(timings, "write", () => {
    // An output already the same is left as it is (its files keep their times, so that the
    // consumer's build sees no change).
    if (isUpToDate(options.outDir, result.files, stamp)) return;
    writeOutput(options.outDir, result.files, stamp);
  });
  return result;
}

/** The cache key, or none when the generator's own files cannot be looked at (then no cache). */
function keyOrNone(
  options: ResolvedOptions,
  info: PackageInfo,
): string | undefined {
  try {
    return generationKey(options, info);
  } catch {
    return undefined;
  }
}
