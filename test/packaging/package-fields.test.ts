/** The generated package's name, version and license from the config's `package`, and its README for the consumer. */
import { existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GENERATOR_VERSION } from "../../generator/generate.js";
import { writeTree } from "../helpers/inline-schema.js";
import { runCli } from "../helpers/run-cli.js";
import { schemaSetWithoutCarriedOperations } from "../helpers/schema-set-without-facts.js";
import { VCD_API_36_DIR } from "../helpers/vcd-inputs.js";

/** A consumer's project with this config file (as JSON text), generating from the 36.0 set into `out`. */
function project(config: object | string): string {
  return writeTree({
    "package.json": "{}",
    "vcd-codegen.config.json":
      typeof config === "string"
        ? config
        : JSON.stringify(
            { input: VCD_API_36_DIR, out: "out", ...config },
            null,
            2,
          ),
  });
}

function generated(dir: string, file: string): string {
  return readFileSync(join(dir, "out", file), "utf8");
}

describe("the config's package", () => {
  it("names, versions and licenses the generated package", async () => {
    const dir = project({
      package: { name: "@acme/vcloud", version: "2.3.4-rc.1", license: "MIT" },
    });
    const run = await runCli(["generate"], { cwd: dir });
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const pkg = JSON.parse(generated(dir, "package.json")) as Record<
      string,
      unknown
    >;
    expect(pkg).toMatchObject({
      name: "@acme/vcloud",
      version: "2.3.4-rc.1",
      license: "MIT",
      type: "module",
    });
    // The runtime still says which vcd-codegen it came from.
    expect(generated(dir, "src/runtime/version.ts")).toContain(
      `"${GENERATOR_VERSION}"`,
    );
    const readme = generated(dir, "README.md");
    expect(readme.split("\n")[0]).toBe("# @acme/vcloud");
    expect(readme).toContain('import * as vcd from "@acme/vcloud";');
    expect(readme).toContain('"name": "@acme/vcloud",');
    expect(readme).toContain('"version": "2.3.4-rc.1"');
  });

  it("defaults: @vcd-codegen/vcloud, the generator's version, BSD-2-Clause", async () => {
    const dir = project({});
    const run = await runCli(["generate"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(generated(dir, "package.json"))).toMatchObject({
      name: "@vcd-codegen/vcloud",
      version: GENERATOR_VERSION,
      license: "BSD-2-Clause",
      // The ./amqp entry loads amqplib; nothing else does, so it is an optional peer.
      peerDependencies: { amqplib: ">=0.10" },
      peerDependenciesMeta: { amqplib: { optional: true } },
      exports: {
        "./amqp": {
          types: "./dist/runtime/amqp/index.d.ts",
          default: "./dist/runtime/amqp/index.js",
        },
      },
    });
  });

  it("a license with quotes stays valid JSON", async () => {
    const dir = project({
      package: { license: 'SEE LICENSE IN "LICENSE.txt"' },
    });
    expect((await runCli(["generate"], { cwd: dir })).code).toBe(0);
    expect(JSON.parse(generated(dir, "package.json")).license).toBe(
      'SEE LICENSE IN "LICENSE.txt"',
    );
  });

  it("a bad package.name is a config error at its key, and nothing is written", async () => {
    const dir = project(
      `{\n  "input": ${JSON.stringify(VCD_API_36_DIR)},\n  "out": "out",\n  "package": {\n    "version": "1.0.0",\n    "name": "My Package"\n  }\n}\n`,
    );
    const run = await runCli(["generate"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      `${join(dir, "vcd-codegen.config.json")}:6:5: package.name: must be a valid npm package name (lowercase letters, digits, -, ., _ and ~, at most 214 characters, optionally scoped as @scope/name), not "My Package"`,
    );
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it.each([
    ["name", "_private", "must be a valid npm package name"],
    ["name", "@acme/", "must be a valid npm package name"],
    ["name", "Acme", "must be a valid npm package name"],
    ["name", "a".repeat(215), "must be a valid npm package name"],
    ["version", "1.2", 'must be a semantic version such as "1.2.3", not "1.2"'],
    ["version", "v1.2.3", "must be a semantic version"],
    ["license", "", "must be a license"],
    ["license", 2, "must be a license"],
  ])("package.%s %j is refused", async (key, value, message) => {
    const dir = project({ package: { [key]: value } });
    const run = await runCli(["generate"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/vcd-codegen\.config\.json:5:5: package\./);
    expect(run.err).toContain(`package.${key}: ${message}`);
  });

  it("an unknown key of package, or a package that is not an object, is named at its key", async () => {
    const dir = project({ package: { nmae: "x" } });
    const unknown = await runCli(["generate"], { cwd: dir });
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain(
      "vcd-codegen.config.json:5:5: package.nmae: unknown option (known: name, version, license)",
    );
    writeFileSync(
      join(dir, "vcd-codegen.config.json"),
      `{\n  "out": "out",\n  "package": "@acme/vcloud"\n}\n`,
    );
    const notObject = await runCli(["generate"], { cwd: dir });
    expect(notObject.code).toBe(1);
    expect(notObject.err).toContain(
      `vcd-codegen.config.json:3:3: package: must be an object with the generated package's "name", "version" and "license"`,
    );
  });
});

describe("the generated package's README", () => {
  it("tells the consumer how it was made, how to regenerate it and what it holds", async () => {
    const dir = project({ apiVersion: "33.0" });
    expect((await runCli(["generate"], { cwd: dir })).code).toBe(0);
    const readme = generated(dir, "README.md");
    for (const line of [
      "# @vcd-codegen/vcloud",
      `Generated by [vcd-codegen](https://www.npmjs.com/package/vcd-codegen) ${GENERATOR_VERSION}:`,
      "- from: vmware/vcd-api-schemas@756f3abb415b",
      "- API version: 33.0: what vCD added after it, or removed at or before it, is left out",
      '  "apiVersion": "33.0",',
      "npx vcd-codegen generate --check",
      "- `./vcloud`: the types of `http://www.vmware.com/vcloud/v1.5` (prefix `vcloud`).",
      "- `./simulator` (Node only): `startSimulator`, a schema-strict vCD server for tests (its types need `@types/node`, an optional peer dependency).",
      "- `./transfer/node` (Node only): the same with files on disk (`{ path }`, a folder to download into) and `node:crypto` digests.",
      "- `./amqp`: vCD's AMQP side: `readNotification` (both forms), routing keys and binding patterns, `connectSubscriber` and `onNotification` (a subscriber that acknowledges after its handler and survives broker restarts; it needs `amqplib`, an optional peer dependency).",
    ])
      expect(readme).toContain(line);
    expect(readme).toMatch(
      /^- operations: \d+, from `operations\/33\.0\.openapi\.json`; its client speaks API 27\.0 to 33\.0 with a server$/m,
    );
    // Written for the consumer, not for developers of vcd-codegen.
    expect(readme).not.toMatch(/npm run generate|in vcd-codegen\b/);
  });

  it("below the oldest operations document: the oldest document's operations, and a client that speaks the version", async () => {
    const dir = project({ apiVersion: "5.1" });
    const run = await runCli(["generate"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.err).toContain(
      "the operations are those of operations/27.0.openapi.json that API 5.1 has",
    );
    const readme = generated(dir, "README.md");
    expect(readme).toMatch(
      /^- operations: \d+, from `operations\/27\.0\.openapi\.json`; its client speaks API 5\.1 to 5\.1 with a server$/m,
    );
    expect(readme).toContain("./client");
  });

  it("without operations: says the package has types and documents only, and lists no client", async () => {
    // An input folder with the 36.0 set's XSDs (a link to them, not a copy) and no operations
    // document, described without the operations facts the generator carries.
    const inputs = writeTree({});
    symlinkSync(join(VCD_API_36_DIR, "xsd"), join(inputs, "xsd"), "dir");
    const dir = project({
      input: inputs,
      apiVersion: "5.1",
      schemaSet: schemaSetWithoutCarriedOperations(inputs),
    });
    const run = await runCli(["generate"], { cwd: dir });
    expect(run.code).toBe(0);
    const readme = generated(dir, "README.md");
    expect(readme).toContain(
      "- operations: none (the inputs have no operations document): types and XML documents only",
    );
    expect(readme).not.toContain("./client");
    expect(readme).not.toContain("./simulator");
    expect(readme).not.toContain("./transfer");
    expect(readme).not.toContain("./amqp");
    const pkg = JSON.parse(generated(dir, "package.json")) as {
      peerDependencies: Record<string, string>;
      exports: Record<string, unknown>;
    };
    expect(Object.keys(pkg.peerDependencies)).toEqual(["@types/node"]);
    expect(pkg.exports["./amqp"]).toBeUndefined();
  });
});
