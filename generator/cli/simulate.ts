/**
 * `vcd-codegen simulate`: generates the package for one API version into a temporary folder, starts
 * its simulator (`dist/simulator.js`) on 127.0.0.1, prints the base URL and the seeded users (with
 * `--json`: one line of JSON once it listens), and serves until SIGINT or SIGTERM (or until the
 * process that started it is gone); then it closes
 * the server and removes the temporary folder.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { resolveOptions, type CommandLineOptions } from "../config/options.js";
import { GeneratorError } from "../diagnostics.js";
import { generate } from "../generate.js";
import { withInputOptions } from "./input-options.js";
import { importModule } from "../dynamic-import.js";
import type { Simulator, SimulatorOptions } from "../../simulator/index.js";

interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

interface SimulateOptions extends CommandLineOptions {
  readonly port?: string;
  readonly seed?: string;
  readonly scaleVapps?: string;
  readonly vmsPerVapp?: string;
  readonly static?: string;
  readonly json?: boolean;
}

/** What a generated package's `dist/simulator.js` exports. */
interface SimulatorModule {
  startSimulator(options?: SimulatorOptions): Promise<Simulator>;
}

/** Adds the `simulate` command; `setExit` receives its exit code. */
export function registerSimulate(
  program: Command,
  io: Io,
  setExit: (code: number) => void,
): void {
  withInputOptions(program.command("simulate"))
    .description(
      "run a schema-strict vCD simulator on 127.0.0.1 until stopped (Ctrl-C or SIGTERM)",
    )
    .option("--port <n>", "the port (0, the default: a free one)")
    .option(
      "--api-version <version>",
      "the API version it speaks (default: the newest the set describes)",
    )
    .option("--seed <file>", "a JSON seed file (default: the built-in seed)")
    .option(
      "--scale-vapps <n>",
      "also build n vApps straight into the store (in the first VDC of the seed), for tests at scale",
    )
    .option("--vms-per-vapp <k>", "the VMs of each of those vApps (default 1)")
    .option(
      "--static <dir>",
      "serve this folder's files beside the API (outside /api), as vCD serves UI plugins: a browser app on the same origin",
    )
    .option(
      "--json",
      "print one line of JSON ({url, users}) once it listens, and nothing else",
    )
    .action(async (opts: SimulateOptions) => {
      setExit(await runSimulate(opts, io, waitForStop));
    });
}

export async function runSimulate(
  opts: SimulateOptions,
  io: Io,
  stopped: () => Promise<string>,
): Promise<number> {
  const port = parsePort(opts.port);
  const scale = parseScale(opts.scaleVapps, opts.vmsPerVapp);
  const seed = opts.seed === undefined ? undefined : resolve(io.cwd, opts.seed);
  if (seed !== undefined && !existsSync(seed))
    throw new GeneratorError(`seed file not found: ${seed}`);
  const staticDir =
    opts.static === undefined ? undefined : resolve(io.cwd, opts.static);
  if (
    staticDir !== undefined &&
    !statSync(staticDir, { throwIfNoEntry: false })?.isDirectory()
  )
    throw new GeneratorError(`--static: no such folder: ${staticDir}`);
  const work = mkdtempSync(join(tmpdir(), "vcd-codegen-simulate-"));
  let sim: Simulator | undefined;
  try {
    const options = await resolveOptions(
      { ...opts, out: join(work, "vcloud") },
      io.env,
      io.cwd,
    );
    const result = generate(options, false);
    for (const warning of result.warnings)
      io.err(`warning: ${warning.format()}`);
    const module = (await importModule(
      pathToFileURL(join(options.outDir, "dist/simulator.js")).href
    )) as SimulatorModule;
    try {
      sim = await module.startSimulator({
        port,
        ...(seed !== undefined ? { seed } : {}),
        ...(scale !== undefined ? { scale } : {}),
        ...(staticDir !== undefined ? { staticDir } : {}),
        schemaDir: join(options.inputDir, "xsd"),
      });
    } catch (error) {
      throw new GeneratorError(
        `the simulator could not start: ${(error as Error).message}`,
      );
    }
    report(sim, result.model.apiVersion, !!opts.json, io);
    const signal = await stopped();
    if (!opts.json) io.err(`vcd-codegen: ${signal}, stopping the simulator`);
    return 0;
  } finally {
    await sim?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function report(sim: Simulator, apiVersion: string, json: boolean, io: Io) {
  if (json) {
    io.out(JSON.stringify({ url: sim.url, users: sim.users }));
    return;
  }
  io.out(
    `vcd-codegen: simulating vCD API ${apiVersion} at ${sim.url} (Ctrl-C to stop)`,
  );
  for (const u of sim.users)
    io.out(`  ${u.name}@${u.org}  password ${u.password}  (${u.role})`);
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new GeneratorError(
      `--port must be a port number (0 for a free one), not "${text}"`,
    );
  return port;
}

function parseScale(
  vapps: string | undefined,
  perVApp: string | undefined,
): { vapps: number; vmsPerVApp?: number } | undefined {
  if (vapps === undefined) {
    if (perVApp !== undefined)
      throw new GeneratorError("--vms-per-vapp needs --scale-vapps");
    return undefined;
  }
  const count = (text: string, flag: string) => {
    if (!/^\d+$/.test(text))
      throw new GeneratorError(`${flag} must be a whole number, not "${text}"`);
    return Number(text);
  };
  return {
    vapps: count(vapps, "--scale-vapps"),
    ...(perVApp !== undefined
      ? { vmsPerVApp: count(perVApp, "--vms-per-vapp") }
      : {}),
  };
}

/**
 * Resolves with why it stops: the signal's name at the first SIGINT or SIGTERM, or the parent
 * process gone. `npx vcd-codegen simulate` runs it under npm and a shell: a SIGTERM to npx ends npx
 * and the shell but does not reach this process, which would go on serving as an orphan; so it
 * also stops when its parent is gone (it is then re-parented, and its parent's pid changes).
 */
function waitForStop(): Promise<string> {
  return new Promise((done) => {
    const parent = process.ppid;
    const finish = (why: string) => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
      clearInterval(watch);
      done(why);
    };
    const on = (signal: NodeJS.Signals) => finish(signal);
    const watch = setInterval(() => {
      if (process.ppid !== parent)
        finish(`the process that started it (pid ${parent}) is gone`);
    }, PARENT_CHECK_MS);
    process.on("SIGINT", on);
    process.on("SIGTERM", on);
  });
}

/** How often it looks whether its parent is still there. */
const PARENT_CHECK_MS = 250;
