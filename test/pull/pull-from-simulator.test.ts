/**
 * `vcd-codegen pull-schemas` from the simulator, which serves its XSD set under /api/v1.5/schema/
 * as a vCD server does: the pulled folder generates the same package as the input it was served
 * from.
 */
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveOptions } from "../../generator/config/options.js";
import { generate } from "../../generator/generate.js";
import type { Simulator } from "../../simulator/binding.js";
import { loadClientPackage } from "../helpers/generated-packages.js";
import { runCli } from "../helpers/run-cli.js";
import { PROJECT_ROOT, VCD_API_DIR } from "../helpers/vcd-inputs.js";

let work: string;
let sim: Simulator;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "vcd-codegen-pull-sim-"));
  const pkg = await loadClientPackage("30.0");
  sim = await pkg.startSimulator({ schemaDir: join(VCD_API_DIR, "xsd") });
}, 60_000);

afterAll(async () => {
  await sim?.close();
  rmSync(work, { recursive: true, force: true });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split("\\").join("/"))
    .sort();
}

describe("pull-schemas from the simulator", () => {
  it("gives a folder that generates the same package as the simulator's own inputs", async () => {
    const pulled = join(work, "pulled");
    const origin = sim.url.replace(/\/api$/, "");
    const run = await runCli(
      [
        "pull-schemas",
        "--from",
        origin,
        "--out",
        pulled,
        "--catalog",
        join(VCD_API_DIR, "xsd/rest-api/schemas/external/catalog.xml"),
      ],
      { cwd: PROJECT_ROOT },
    );
    expect(run.err).not.toMatch(/error/);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      /^vcd-codegen: pulled \d+ schemas from http:\/\/127\.0\.0\.1:\d+/,
    );
    // The operations come another way (see import-operations): the input's, as the user would add them.
    cpSync(join(VCD_API_DIR, "operations"), join(pulled, "operations"), {
      recursive: true,
    });
    const make = async (input: string, out: string) =>
      generate(
        await resolveOptions(
          { input, out, apiVersion: "30.0" },
          {},
          PROJECT_ROOT,
        ),
        false,
      );
    const a = join(work, "from-input");
    const b = join(work, "from-pulled");
    await make(VCD_API_DIR, a);
    await make(pulled, b);
    const files = listFiles(join(a, "src"));
    expect(listFiles(join(b, "src"))).toEqual(files);
    const differ = files.filter(
      (path) =>
        readFileSync(join(b, "src", path), "utf8") !==
        readFileSync(join(a, "src", path), "utf8"),
    );
    expect(differ).toEqual([]);
  });
});
