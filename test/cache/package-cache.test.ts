/** The package cache: the same bytes as a generation from the inputs, rebuilt on any change, never inside the package. */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  MAX_ENTRIES,
  PackageCache,
} from "../../generator/cache/package-cache.js";
import { runCli } from "../helpers/run-cli.js";
import {
  schema,
  schemaSetConfig,
  writeTree,
} from "../helpers/inline-schema.js";
import { snapshotDir } from "../helpers/snapshot-dir.js";
import { VCD_API_36_DIR } from "../helpers/vcd-inputs.js";

/** The versions the inline set describes (a property added in each). */
const VERSIONS = ["20.0", "21.0", "22.0", "23.0", "24.0", "25.0", "27.0"];

/** A project of the inline set (its inputs in `inputs/`), without node_modules: its cache sits beside the output. */
function project(extra: Record<string, string> = {}): string {
  return writeTree({
    "package.json": "{}",
    "vcd-codegen.config.json": JSON.stringify({
      input: "inputs",
      out: "gen/out",
      schemaSet: "set.json",
    }),
    "set.json": JSON.stringify({
      ...schemaSetConfig(["main.xsd"]),
      operations: "operations/{version}.openapi.json",
      file: undefined,
    }),
    "inputs/main.xsd": schema(`
      <xs:element name="Thing" type="ThingType"/>
      <xs:complexType name="ThingType"><xs:sequence>
        <xs:element name="Name" type="xs:string"/>
        ${VERSIONS.map(
          (
            v,
            i,
          ) => `<xs:element name="Since${i}" type="xs:string" minOccurs="0">
            <xs:annotation><xs:appinfo><meta:version added-in="${v}"/></xs:appinfo></xs:annotation>
          </xs:element>`,
        ).join("")}
      </xs:sequence></xs:complexType>`),
    ...extra,
  });
}

const cacheDir = (dir: string) => join(dir, "gen/.vcd-codegen-cache");
const entries = (dir: string) =>
  existsSync(cacheDir(dir))
    ? readdirSync(cacheDir(dir)).filter((name) => name.endsWith(".pkg"))
    : [];

async function generate(dir: string, ...args: string[]) {
  const run = await runCli(["generate", ...args], { cwd: dir });
  // The inline set has no operations/ until a test adds a document: said, and nothing else.
  expect(
    run.err.replace(/^warning: no operations\/ folder in .*\n?/m, ""),
  ).toBe("");
  expect(run.code).toBe(0);
  return { ...run, cached: run.out.includes(" from the cache in ") };
}

describe("the package cache", () => {
  it("gives the 36.0 package byte for byte as generating it does, --check included", async () => {
    const dir = writeTree({
      "package.json": "{}",
      "vcd-codegen.config.json": JSON.stringify({
        input: VCD_API_36_DIR,
        out: "gen/a",
      }),
    });
    const fresh = await generate(dir, "--no-cache");
    expect(fresh.cached).toBe(false);
    expect(entries(dir)).toEqual([]);
    const stored = await generate(dir, "--out", "gen/b");
    expect(stored.cached).toBe(false);
    expect(entries(dir)).toHaveLength(1);
    const hit = await generate(dir, "--out", "gen/c");
    expect(hit.cached).toBe(true);
    // The same summary line, but for where and how long.
    const line = (out: string) =>
      out.replace(/( from the cache)? in [\d.]+ s -> .*$/, "");
    expect(line(hit.out)).toBe(line(fresh.out));
    const a = snapshotDir(join(dir, "gen/a"));
    expect(Object.keys(a).length).toBeGreaterThan(300);
    expect(snapshotDir(join(dir, "gen/b"))).toEqual(a);
    expect(snapshotDir(join(dir, "gen/c"))).toEqual(a);
    const check = await runCli(["generate", "--check", "--out", "gen/a"], {
      cwd: dir,
    });
    expect(check.code).toBe(0);
    expect(check.out).toMatch(/up to date .* from the cache in/);
    // The cache is beside the packages, never in one, and git ignores it.
    expect(readFileSync(join(cacheDir(dir), ".gitignore"), "utf8")).toBe("*\n");
    for (const out of ["gen/a", "gen/b", "gen/c"])
      expect(readdirSync(join(dir, out))).not.toContain(".vcd-codegen-cache");
  });

  it("rebuilds when an input file changes, and when a folder it listed gains a file", async () => {
    const dir = project();
    expect((await generate(dir)).cached).toBe(false);
    expect((await generate(dir)).cached).toBe(true);
    const xsd = join(dir, "inputs/main.xsd");
    writeFileSync(
      xsd,
      readFileSync(xsd, "utf8").replace(
        "</xs:sequence>",
        `<xs:element name="Size" type="xs:int"/></xs:sequence>`,
      ),
    );
    const changed = await generate(dir);
    expect(changed.cached).toBe(false);
    expect(readFileSync(join(dir, "gen/out/src/test.ts"), "utf8")).toMatch(
      /Size: number/,
    );
    expect((await generate(dir)).cached).toBe(true);
    // A new operations document changes what the package is made from: not from the cache.
    const ops = join(dir, "inputs/operations");
    rmSync(ops, { recursive: true, force: true });
    mkdirSync(ops, { recursive: true });
    writeFileSync(
      join(ops, "29.0.openapi.json"),
      JSON.stringify({
        openapi: "3.0.0",
        info: { version: "29.0" },
        paths: {},
      }),
    );
    expect((await generate(dir)).cached).toBe(false);
  });

  it("--check writes nothing, in the cache neither; a cache folder that cannot be made fails nothing", async () => {
    const dir = project();
    const check = await runCli(["generate", "--check"], { cwd: dir });
    expect(check.code).toBe(1);
    expect(entries(dir)).toEqual([]);
    mkdirSync(join(dir, "gen"), { recursive: true });
    writeFileSync(join(dir, "gen/.vcd-codegen-cache"), "in the way\n");
    const run = await generate(dir);
    expect(run.cached).toBe(false);
    expect(existsSync(join(dir, "gen/out/src/test.ts"))).toBe(true);
  });

  it("keys by the options: another API version is another entry", async () => {
    const dir = project();
    await generate(dir);
    expect((await generate(dir, "--api-version", "27.0")).cached).toBe(false);
    expect(entries(dir)).toHaveLength(2);
    expect((await generate(dir, "--api-version", "27.0")).cached).toBe(true);
    expect((await generate(dir)).cached).toBe(true);
  });

  it("rewrites an output that was changed by hand, and --check from the cache sees the change", async () => {
    const dir = project();
    await generate(dir);
    const file = join(dir, "gen/out/src/test.ts");
    const original = readFileSync(file, "utf8");
    writeFileSync(file, "// edited\n");
    const check = await runCli(["generate", "--check"], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.err).toContain("src/test.ts: would change");
    expect(check.out).toContain("from the cache");
    expect((await generate(dir)).cached).toBe(true);
    expect(readFileSync(file, "utf8")).toBe(original);
  });

  it("takes a broken entry for none, and keeps at most MAX_ENTRIES", async () => {
    const dir = project();
    await generate(dir);
    const [entry] = entries(dir);
    const path = join(cacheDir(dir), entry);
    writeFileSync(path, readFileSync(path).subarray(0, 1000));
    expect((await generate(dir)).cached).toBe(false);
    expect((await generate(dir)).cached).toBe(true);
    for (const version of VERSIONS)
      await generate(dir, "--api-version", version);
    expect(entries(dir)).toHaveLength(MAX_ENTRIES);
  });

  it("lives in node_modules/.cache/vcd-codegen where the project has node_modules, else beside the output", () => {
    const withModules = writeTree({ "node_modules/.keep": "" });
    expect(
      PackageCache.forProject(withModules, join(withModules, "out/pkg")).dir,
    ).toBe(join(withModules, "node_modules/.cache/vcd-codegen"));
    const without = writeTree({});
    expect(PackageCache.forProject(without, join(without, "out/pkg")).dir).toBe(
      join(without, "out/.vcd-codegen-cache"),
    );
  });
});
