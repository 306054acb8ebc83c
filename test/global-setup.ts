/**
 * Before the test files run: one temporary folder for the whole run, made the OS temp folder of every
 * test process and of what they spawn (`TMPDIR`), and removed at the end, so that a run leaves
 * nothing in the OS temp folder whatever a test forgets to remove (nor a process started there);
 * then the vCD package generated once for the whole run (API 30.0 and all versions, from the 30.0
 * set), into it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { resolveOptions } from "../generator/config/options.js";
import { generate } from "../generator/generate.js";
import { VCD_API_DIR } from "./helpers/vcd-inputs.js";

export default async function setup(project: TestProject): Promise<() => void> {
  const run = mkdtempSync(join(tmpdir(), "vcd-codegen-run-"));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = run;
  const dir = mkdtempSync(join(run, "vcd-codegen-packages-"));
  const root = resolve(import.meta.dirname, "..");
  for (const apiVersion of ["30.0", "all"]) {
    const options = await resolveOptions(
      { input: VCD_API_DIR, out: join(dir, apiVersion), apiVersion },
      process.env,
      root,
    );
    generate(options, false);
  }
  project.provide("generatedDir", dir);
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    // A process left running by a test worker that was terminated (a broker whose folder is in
    // the run's): killed, so that a run leaves nothing behind.
    spawnSync("pkill", ["-KILL", "-f", run], {
      stdio: "ignore",
      timeout: 5000,
    });
    rmSync(run, { recursive: true, force: true });
  };
}
