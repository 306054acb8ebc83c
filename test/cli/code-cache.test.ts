/**
 * The bin (bin/vcd-codegen.js) runs the bundle from V8's code cache of the last run of the same
 * command: the first run writes it, the next reads it, and what the bundle loads with `import()` (a
 * `.ts` config, the TypeScript stripper) still loads (Node 20 drops a cached script's own handler).
 */
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT, VCD_API_36_DIR } from "../helpers/vcd-inputs.js";

const work = mkdtempSync(join(tmpdir(), "vcd-codegen-code-cache-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CACHE = join(
  PROJECT_ROOT,
  "dist",
  `.cli-generate-${process.version}-${process.arch}.v8cache`,
);

function generate(out: string) {
  return spawnSync(
    process.execPath,
    [
      join(PROJECT_ROOT, "bin/vcd-codegen.js"),
      "generate",
      "--no-cache",
      "--out",
      out,
    ],
    { cwd: work, encoding: "utf8", timeout: 120_000 },
  );
}

describe("the bin's code cache", () => {
  it("is written by a run and read by the next, which still loads a .ts config", () => {
    writeFileSync(join(work, "package.json"), '{ "name": "consumer" }\n');
    writeFileSync(
      join(work, "vcd-codegen.config.ts"),
      `const config: { input: string; apiVersion: string } = {\n  input: ${JSON.stringify(VCD_API_36_DIR)},\n  apiVersion: "30.0",\n};\nexport default config;\n`,
    );
    rmSync(CACHE, { force: true });
    const first = generate(join(work, "first"));
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(existsSync(CACHE)).toBe(true);
    const second = generate(join(work, "second"));
    expect(second.stderr).toBe("");
    expect(second.status).toBe(0);
    // The config's API version, read through the bundle's import() of the stripped config.
    expect(second.stdout).toContain("(API 30.0)");
    const read = (run: string) =>
      readFileSync(join(work, run, "src/index.ts"), "utf8");
    expect(read("second")).toBe(read("first"));
  }, 240_000);
});
