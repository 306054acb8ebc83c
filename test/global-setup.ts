/** Generates the vCD package once for the whole test run (API 30.0 and all versions, from the 30.0 set), into a temporary folder. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { resolveOptions } from "../generator/config/options.js";
import { generate } from "../generator/generate.js";
import { VCD_API_DIR } from "./helpers/vcd-inputs.js";

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), "vcd-codegen-packages-"));
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
  return () => rmSync(dir, { recursive: true, force: true });
}
