/**
 * A run whose output folder already holds exactly what it would write leaves the folder as it is
 * (its files keep their inodes and times, so that a consumer's build sees no change), with or
 * without the cache; any difference (a file changed, missing or extra) rewrites the whole folder.
 */
import {
  existsSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeTree } from "../helpers/inline-schema.js";
import { runCli } from "../helpers/run-cli.js";
import { VCD_API_DIR } from "../helpers/vcd-inputs.js";

let work: string;
let out: string;
const generate = async (...extra: string[]) => {
  const run = await runCli(
    ["generate", "--input", VCD_API_DIR, "--out", out, ...extra],
    { cwd: work },
  );
  expect(run.err).toBe("");
  expect(run.code).toBe(0);
};
const identity = (path: string) => {
  const stat = statSync(join(out, path));
  return `${stat.ino}:${stat.mtimeMs}`;
};
const FILES = [
  "package.json",
  "src/vcloud.ts",
  "dist/schema.js",
  ".vcd-codegen",
];

beforeAll(async () => {
  work = writeTree({ "package.json": "{}" });
  out = join(work, "out");
  await generate("--no-cache");
}, 60_000);

describe("an output already up to date", () => {
  it("is left as it is by a run without the cache, and by one from it", async () => {
    const before = FILES.map(identity);
    await generate("--no-cache");
    expect(FILES.map(identity)).toEqual(before);
    await generate();
    await generate();
    expect(FILES.map(identity)).toEqual(before);
  });

  it("is rewritten whole when a file differs, is missing, or is extra", async () => {
    const source = join(out, "src/vcloud.ts");
    const original = readFileSync(source, "utf8");
    writeFileSync(source, `${original}// edited\n`);
    const other = identity("package.json");
    await generate("--no-cache");
    expect(readFileSync(source, "utf8")).toBe(original);
    expect(identity("package.json")).not.toBe(other);

    rmSync(join(out, "dist/schema.js"));
    await generate("--no-cache");
    expect(existsSync(join(out, "dist/schema.js"))).toBe(true);

    writeFileSync(join(out, "src/extra.ts"), "export {};\n");
    await generate();
    expect(existsSync(join(out, "src/extra.ts"))).toBe(false);
  });
});
