/** The command line: `vcd-codegen generate | model | verify-inputs`. Returns the exit code. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { performance as nodePerformance } from "node:perf_hooks";
import { Command, CommanderError } from "commander";
import { resolveOptions, type CommandLineOptions } from "../config/options.js";
import { GeneratorError, UsageError } from "../diagnostics.js";
import { generate, GENERATOR_VERSION } from "../generate.js";
import { ALL_VERSIONS } from "../model/api-version.js";
import { PackageCache } from "../cache/package-cache.js";
import { summaryOf, type PackageSummary } from "../model/summary.js";
import { buildModel } from "../pipeline.js";
import { isSame } from "../write/check-output.js";
import { verifyInputs } from "../verify-inputs.js";
import { withInputOptions } from "./input-options.js";
import { interruptible } from "./interruptible.js";
import { registerSimulate } from "./simulate.js";
import { registerDiff } from "./diff.js";
import { registerPullSchemas } from "./pull-schemas.js";
import { registerImportOperations } from "./import-operations.js";

/** For the CLI's loader (bin/vcd-codegen.js), which runs the bundle as a script: see dynamic-import.ts. */
export { setImporter } from "../dynamic-import.js";

/** When this module was ready: with the CLI bundled, when every module of the generator was loaded. */
const LOADED_AT = performance.now();

/** The environment variable that makes `generate` print its timings (the bench's profile). */
export const TIMINGS_ENV = "VCD_CODEGEN_TIMINGS";

interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

const defaultIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
  env: process.env,
};

export async function main(
  argv: readonly string[],
  io: Io = defaultIo,
): Promise<number> {
  let exitCode = 0;
  const program = new Command("vcd-codegen")
    .description(
      "Generates a TypeScript client for the vCloud Director XML API from its XSD schemas.",
    )
    .version(GENERATOR_VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.err(s.trimEnd()),
    });
  const common = withInputOptions;
  common(
    program.command("generate").description("generate the TypeScript package"),
  )
    .option("--out <dir>", "the output folder (default: generated/vcloud)")
    .option(
      "--api-version <version>",
      "the API version to generate for (default: the newest the set describes)",
    )
    .option(
      "--check",
      "write nothing; exit 1 if the output on disk differs from what would be generated",
    )
    .option(
      "--no-cache",
      "generate from the inputs even when the package cache has this generation",
    )
    .action(
      async (
        opts: CommandLineOptions & { check?: boolean; cache?: boolean },
      ) => {
        exitCode = await interruptible(() => runGenerate(opts, io), io.err);
      },
    );
  common(
    program
      .command("model")
      .description("write the intermediate model as JSON"),
  )
    .requiredOption("--out <file>", "the JSON file to write")
    .option(
      "--api-version <version>",
      `the API version to select for (default: "${ALL_VERSIONS}", nothing left out)`,
    )
    .action(async (opts: CommandLineOptions & { out: string }) => {
      const options = await resolveOptions(
        {
          ...opts,
          out: undefined,
          apiVersion: opts.apiVersion ?? ALL_VERSIONS,
        },
        io.env,
        io.cwd,
      );
      const { model, warnings } = buildModel(options);
      for (const warning of warnings) io.err(`warning: ${warning.format()}`);
      const file = resolve(io.cwd, opts.out);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(model, null, 2)}\n`);
      io.out(
        `vcd-codegen: model of ${model.types.length} types, ${model.elements.length} elements and ${operationCounts(summaryOf(model))} -> ${opts.out}`,
      );
    });
  common(
    program
      .command("verify-inputs")
      .description("check the input folder against the pinned upstream files"),
  ).action(async (opts: CommandLineOptions) => {
    const options = await resolveOptions(opts, io.env, io.cwd);
    const report = verifyInputs(options.inputDir, options.schemaSet);
    for (const path of report.missing) io.err(`${path}: missing`);
    for (const path of report.changed)
      io.err(`${path}: differs from the pinned upstream file`);
    const bad = report.missing.length + report.changed.length;
    io.out(
      `vcd-codegen: ${report.checked - bad} of ${report.checked} input files match the pins in ${relative(io.cwd, report.release?.file ?? options.schemaSet.file)}${report.release ? ` (${report.release.upstream.repository}@${report.release.upstream.commit.slice(0, 12)}, API ${report.release.newestApiVersion})` : ""}`,
    );
    exitCode = bad ? 1 : 0;
  });
  registerSimulate(program, io, (code) => (exitCode = code));
  registerDiff(program, io, (code) => (exitCode = code));
  registerPullSchemas(program, io, (code) => (exitCode = code));
  registerImportOperations(program, io, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof GeneratorError) {
      io.err(`error: ${error.format()}`);
      return error instanceof UsageError ? 2 : 1;
    }
    throw error;
  }
}

/** `653 operations (2 left out at API 30.0) from operations/30.0.openapi.json`. */
function operationCounts(summary: PackageSummary): string {
  const source = summary.operationsSource;
  if (!source) return "0 operations";
  const left = source.leftOut
    ? ` (${source.leftOut} left out at API ${summary.apiVersion})`
    : "";
  return `${summary.operations} operations${left} from ${source.file}`;
}

async function runGenerate(
  opts: CommandLineOptions & { check?: boolean; cache?: boolean },
  io: Io,
): Promise<number> {
  const start = performance.now();
  const options = await resolveOptions(opts, io.env, io.cwd);
  const optionsMs = performance.now() - start;
  const cache =
    opts.cache === false
      ? undefined
      : PackageCache.forProject(options.projectRoot, options.outDir);
  const result = generate(options, !!opts.check, cache);
  const seconds = ((performance.now() - start) / 1000).toFixed(2);
  const { summary } = result;
  for (const warning of result.warnings) io.err(`warning: ${warning.format()}`);
  const counts = `${summary.types} types, ${summary.elements} elements, ${operationCounts(summary)}, ${summary.namespaces} namespaces, ${result.files.length} files`;
  const from = result.cached ? " from the cache" : "";
  if (io.env[TIMINGS_ENV]) {
    const startup = nodePerformance.nodeTiming.bootstrapComplete;
    io.err(
      `timings: ${JSON.stringify({
        startup,
        modules: LOADED_AT - startup,
        options: optionsMs,
        ...result.timings,
      })}`,
    );
  }
  const where = relative(io.cwd, options.outDir) || ".";
  if (result.difference) {
    const { changed, missing, extra, otherRun } = result.difference;
    if (otherRun)
      io.err(
        `${where}: generated for API ${otherRun.onDisk.apiVersion ?? "?"} from ${otherRun.onDisk.inputs ?? "unrecorded inputs"}; this run is for API ${otherRun.now.apiVersion} from ${otherRun.now.inputs}`,
      );
    for (const path of changed) io.err(`${where}/${path}: would change`);
    for (const path of missing) io.err(`${where}/${path}: would be added`);
    for (const path of extra) io.err(`${where}/${path}: would be removed`);
    const same = isSame(result.difference);
    io.out(
      `vcd-codegen: ${same ? "up to date" : "out of date"} (${counts}, API ${summary.apiVersion})${from} in ${seconds} s: ${where}`,
    );
    return same ? 0 : 1;
  }
  io.out(
    `vcd-codegen: ${counts} (API ${summary.apiVersion})${from} in ${seconds} s -> ${where}`,
  );
  return 0;
}
