/**
 * `vcd-codegen diff --from A --to B [--api-version X] [--json]`: what was added, removed and
 * changed from A (the older) to B (the newer), each input folder or model file, flagged as
 * annotated or not. With `--api-version X` both are built filtered at X, so what remains is what
 * the schemas changed without saying so.
 */
import { relative, resolve } from "node:path";
import type { Command } from "commander";
import { resolveOptions } from "../config/options.js";
import { compareModels } from "../diff/compare-models.js";
import { loadSide } from "../diff/load-side.js";
import { ALL_VERSIONS } from "../model/api-version.js";
import { formatReport } from "../diff/report.js";

interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

interface DiffOptions {
  readonly from: string;
  readonly to: string;
  readonly apiVersion?: string;
  readonly config?: string;
  readonly json?: boolean;
}

/** Adds the `diff` command; `setExit` receives its exit code (0: the report was printed). */
export function registerDiff(
  program: Command,
  io: Io,
  setExit: (code: number) => void,
): void {
  program
    .command("diff")
    .description(
      "report what was added, removed and changed between two schema sets (folders or model files)",
    )
    .requiredOption(
      "--from <path>",
      "the older side: an input folder or a model file",
    )
    .requiredOption(
      "--to <path>",
      "the newer side: an input folder or a model file",
    )
    .option(
      "--api-version <version>",
      "build both sides filtered at this API version (default: every version, nothing left out)",
    )
    .option(
      "--config <file>",
      "the config file naming the schema-set description",
    )
    .option("--json", "print the report as JSON")
    .action(async (opts: DiffOptions) => {
      setExit(await runDiff(opts, io));
    });
}

async function runDiff(opts: DiffOptions, io: Io): Promise<number> {
  const from = resolve(io.cwd, opts.from);
  const to = resolve(io.cwd, opts.to);
  // Each folder is resolved on its own: its release decides its operations and newest version.
  const optionsFor = (input: string) =>
    resolveOptions(
      {
        input,
        config: opts.config,
        apiVersion: opts.apiVersion ?? ALL_VERSIONS,
      },
      io.env,
      io.cwd,
    );
  const a = await loadSide(from, optionsFor, opts.apiVersion);
  const b = await loadSide(to, optionsFor, opts.apiVersion);
  for (const warning of [...a.warnings, ...b.warnings])
    io.err(`warning: ${warning}`);
  const label = (path: string) => relative(io.cwd, path) || ".";
  const report = compareModels(a.model, b.model, {
    from: label(from),
    to: label(to),
  });
  if (opts.json) io.out(JSON.stringify(report, null, 2));
  else for (const line of formatReport(report)) io.out(line);
  return 0;
}
