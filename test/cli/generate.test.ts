/** `vcd-codegen generate` on the real vCD set: deterministic, formatted, compiling, atomic, checkable. */
import { execFileSync } from "node:child_process";
import {
  appendFileSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import js from "@eslint/js";
import { ESLint } from "eslint";
import * as prettier from "prettier";
import tseslint from "typescript-eslint";
import { beforeAll, describe, expect, it } from "vitest";
import { writeTree } from "../helpers/inline-schema.js";
import { runCli } from "../helpers/run-cli.js";
import { snapshotDir } from "../helpers/snapshot-dir.js";
import {
  PROJECT_ROOT,
  VCD_API_36_DIR,
  VCD_API_DIR,
  VCD_RELEASE_DIRS,
} from "../helpers/vcd-inputs.js";

const TSC = resolve(PROJECT_ROOT, "node_modules/typescript/bin/tsc");
/** A tsconfig for a strict consumer of the generated package. */
function strictConfig(files: string[], extra: object = {}): string {
  return JSON.stringify({
    compilerOptions: {
      strict: true,
      module: "NodeNext",
      moduleResolution: "NodeNext",
      target: "ES2022",
      noEmit: true,
      ...extra,
    },
    files,
  });
}

let work: string;
let out: string;
let first: Record<string, string>;

beforeAll(async () => {
  work = writeTree({ "package.json": "{}" });
  // What building the package needs (its simulator is Node code: @types/node), as `npm install` would give it.
  symlinkSync(
    resolve(PROJECT_ROOT, "node_modules"),
    join(work, "node_modules"),
    "dir",
  );
  out = join(work, "out");
  // Built, not taken from the cache that an earlier run left in the shared node_modules.
  const run = await runCli(
    ["generate", "--no-cache", "--input", VCD_API_DIR, "--out", out],
    { cwd: work },
  );
  expect(run.err).toBe("");
  expect(run.code).toBe(0);
  expect(run.out).toMatch(
    /^vcd-codegen: 715 types, 564 elements, 655 operations from operations\/30\.0\.openapi\.json, 10 namespaces, \d+ files \(API 30\.0\) in [\d.]+ s -> out$/,
  );
  first = snapshotDir(out);
});

describe("generate", () => {
  it("writes one module per namespace, the elements table, the runtime and the package files", () => {
    for (const module of [
      "vcloud",
      "vcloud-ext",
      "ovf",
      "ovfenv",
      "rasd",
      "vssd",
      "cim",
      "vmw",
      "xml",
      "versioning",
      "elements",
      "index",
    ]) {
      expect(first[`src/${module}.ts`], module).toBeDefined();
      expect(first[`dist/${module}.js`], module).toBeDefined();
      expect(first[`dist/${module}.d.ts`], module).toBeDefined();
    }
    expect(JSON.parse(first["package.json"]).exports["./vcloud"]).toEqual({
      types: "./dist/vcloud.d.ts",
      default: "./dist/vcloud.js",
    });
  });

  it("names its generator and inputs at the top of every generated module", () => {
    for (const [path, text] of Object.entries(first)) {
      if (!/\.(ts|js)$/.test(path)) continue;
      expect(text.split("\n")[0], path).toMatch(
        /^\/\/ (Generated|Copied) by vcd-codegen \d+\.\d+\.\d+ /,
      );
    }
  });

  it("tags vCD's internal types @vcdInternal, and nothing @internal (a consumer's stripInternal keeps its .d.ts whole)", () => {
    const all = Object.entries(first).filter(([path]) => path.endsWith(".ts"));
    expect(
      all.filter(([, text]) => /@internal\b/.test(text)).map(([path]) => path),
    ).toEqual([]);
    expect(
      first["src/vcloud.ts"].match(/@vcdInternal/g)?.length,
    ).toBeGreaterThan(10);
  });

  it("documents every type and every property with TSDoc", () => {
    for (const module of ["vcloud", "vcloud-ext", "ovf", "rasd", "cim"]) {
      const lines = first[`src/${module}.ts`].split("\n");
      // The tables of subtypes, substitution group members and item choices are documented as a whole.
      let inTable = false;
      lines.forEach((line, i) => {
        if (/^export interface /.test(line))
          inTable = /(Subtypes|Members|Items) \{$/.test(line);
        const declaration = /^export (interface|type) /.test(line);
        const property = !inTable && /^ {2}("[^"]+"|[\w$]+)\??: /.test(line);
        if (declaration || property)
          expect(
            lines[i - 1]?.trim(),
            `${module}.ts:${i + 1}: ${line}`,
          ).toMatch(/\*\/$/);
      });
    }
  });

  it("is byte-identical when run again", async () => {
    const run = await runCli(
      ["generate", "--input", VCD_API_DIR, "--out", out],
      { cwd: work },
    );
    expect(run.code).toBe(0);
    expect(snapshotDir(out)).toEqual(first);
  });

  it("--check exits 0 when up to date, 1 after a file was touched, and writes nothing", async () => {
    const upToDate = await runCli(
      ["generate", "--check", "--input", VCD_API_DIR, "--out", out],
      { cwd: work },
    );
    expect(upToDate.code).toBe(0);
    expect(upToDate.out).toMatch(/up to date/);
    appendFileSync(join(out, "src/vcloud.ts"), "// touched\n");
    writeFileSync(join(out, "src/extra.ts"), "export {};\n");
    rmSync(join(out, "dist/ovf.js"));
    const touched = snapshotDir(out);
    const stale = await runCli(
      ["generate", "--check", "--input", VCD_API_DIR, "--out", out],
      { cwd: work },
    );
    expect(stale.code).toBe(1);
    expect(stale.err).toContain("out/src/vcloud.ts: would change");
    expect(stale.err).toContain("out/dist/ovf.js: would be added");
    expect(stale.err).toContain("out/src/extra.ts: would be removed");
    expect(snapshotDir(out)).toEqual(touched);
    await runCli(["generate", "--input", VCD_API_DIR, "--out", out], {
      cwd: work,
    });
    expect(snapshotDir(out)).toEqual(first);
  });

  it("--check says first when the output on disk was made for another API version or from other inputs", async () => {
    expect(first[".vcd-codegen"]).toMatch(
      /api-version: 30\.0\ninputs: vmware\/vcd-api-schemas@355a58177624\n$/,
    );
    const other = await runCli(
      ["generate", "--check", "--input", VCD_API_36_DIR, "--out", out],
      { cwd: work },
    );
    expect(other.code).toBe(1);
    expect(other.err.split("\n")[0]).toBe(
      "out: generated for API 30.0 from vmware/vcd-api-schemas@355a58177624; this run is for API 36.0 from vmware/vcd-api-schemas@756f3abb415b",
    );
    expect(snapshotDir(out)).toEqual(first);
  });

  it("passes typescript-eslint's recommended rules (one documented exception, where it cannot apply)", async () => {
    const eslint = new ESLint({
      cwd: out,
      overrideConfigFile: true,
      overrideConfig: [js.configs.recommended, ...tseslint.configs.recommended],
    });
    const results = await eslint.lintFiles(["src/**/*.ts"]);
    const problems = results.flatMap((r) =>
      r.messages.map(
        (m) =>
          `${relative(out, r.filePath)}:${m.line}: ${m.ruleId ?? ""} ${m.message}`,
      ),
    );
    expect(results.length).toBeGreaterThan(50);
    expect(problems).toEqual([]);
    // The one exception, documented where it is made: empty extensions of XSD types.
    expect(first["src/vcloud.ts"].split("\n")[2]).toBe(
      "/* eslint-disable @typescript-eslint/no-empty-object-type -- generated code: an XSD type that adds nothing to its base keeps a name of its own */",
    );
  });

  it("is formatted exactly as prettier formats it", async () => {
    const unformatted: string[] = [];
    for (const [path, text] of Object.entries(first)) {
      if (!/\.(ts|js|json|md)$/.test(path)) continue;
      const formatted = await prettier.format(text, { filepath: path });
      if (formatted !== text) unformatted.push(path);
    }
    expect(unformatted).toEqual([]);
  });

  it("compiles under tsc --strict with no errors, and its .d.ts serve a strict consumer", () => {
    execFileSync(process.execPath, [TSC, "-p", out, "--noEmit"], {
      encoding: "utf8",
    });
    writeFileSync(
      join(work, "consumer.ts"),
      `
      import { vcloud, ovf, elements, readElement, writeElement } from "./out/dist/index.js";
      const vapp: vcloud.VAppType = { name: "web", Children: { Vm: [{ name: "vm1", needsCustomization: false }] } };
      // An element's schema types what readElement gives and writeElement takes.
      const task: vcloud.TaskType = readElement(vcloud.TaskSchema, "<Task/>");
      const written: string = writeElement(vcloud.VAppSchema, vapp);
      // @ts-expect-error a VApp is no Task (a Task's status is required)
      writeElement(vcloud.TaskSchema, vapp);
      const status: vcloud.TaskType["status"] = "running";
      const section: ovf.SectionElement = { $element: "ovf:VirtualHardwareSection", Info: { $value: "hw" } };
      // @ts-expect-error href is required on a ReferenceType
      const ref: vcloud.ReferenceType = { name: "x" };
      export const all = [vapp, status, section, ref, elements.length, task, written];
    `,
    );
    writeFileSync(join(work, "tsconfig.json"), strictConfig(["consumer.ts"]));
    execFileSync(process.execPath, [TSC, "-p", work], { encoding: "utf8" });
  });

  it("the README's examples compile against it", () => {
    const readme = readFileSync(resolve(PROJECT_ROOT, "README.md"), "utf8");
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map(
      (m) => m[1],
    );
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    blocks.forEach((block, i) =>
      writeFileSync(join(work, `readme-${i}.ts`), `${block}\nexport {};\n`),
    );
    const files = blocks.map((_, i) => `readme-${i}.ts`);
    const paths = {
      "@vcd-codegen/vcloud": ["./out/dist/index.d.ts"],
      "@vcd-codegen/vcloud/runtime": ["./out/dist/runtime/index.d.ts"],
      "@vcd-codegen/vcloud/transfer": [
        "./out/dist/runtime/transfer/index.d.ts",
      ],
      "@vcd-codegen/vcloud/transfer/node": [
        "./out/dist/runtime/transfer/node/index.d.ts",
      ],
      "@vcd-codegen/vcloud/amqp": ["./out/dist/runtime/amqp/index.d.ts"],
      "@vcd-codegen/vcloud/*": ["./out/dist/*.d.ts"],
      "vcd-codegen/config": [
        resolve(PROJECT_ROOT, "dist/generator/config/define-config.d.ts"),
      ],
    };
    writeFileSync(
      join(work, "tsconfig.readme.json"),
      strictConfig(files, { paths }),
    );
    execFileSync(
      process.execPath,
      [TSC, "-p", join(work, "tsconfig.readme.json")],
      { encoding: "utf8" },
    );
  });

  it("its .js loads in Node and exposes the elements table", async () => {
    const pkg = (await import(
      pathToFileURL(join(out, "dist/index.js")).href
    )) as {
      elements: { element: string; type: string; xmlMediaType?: string }[];
      vcloud: Record<string, unknown>;
    };
    expect(pkg.elements).toHaveLength(564);
    expect(pkg.elements.find((e) => e.element === "vcloud:VApp")).toMatchObject(
      {
        type: "vcloud:VAppType",
        xmlMediaType: "application/vnd.vmware.vcloud.vApp+xml",
      },
    );
    expect(pkg.vcloud.SmtpSecureModeTypeValues).toEqual([
      "none",
      "startTls",
      "ssl",
    ]);
  });

  it("--api-version 5.1 leaves out what came later", async () => {
    const older = join(work, "older");
    const run = await runCli(
      [
        "generate",
        "--input",
        VCD_API_DIR,
        "--out",
        older,
        "--api-version",
        "5.1",
      ],
      { cwd: work },
    );
    expect(run.code).toBe(0);
    const vapp =
      /export interface VAppType extends AbstractVAppType \{[\s\S]*?\n\}/.exec(
        readFileSync(join(older, "src/vcloud.ts"), "utf8"),
      )![0];
    expect(vapp).not.toContain("autoNature");
    expect(vapp).toContain("Owner?: OwnerType;");
    expect(first["src/vcloud.ts"]).toMatch(/autoNature\?: boolean;/);
  });
});

describe("model and verify-inputs", () => {
  it("model --out writes the whole model as JSON", async () => {
    const file = join(work, "model.json");
    const run = await runCli(["model", "--input", VCD_API_DIR, "--out", file], {
      cwd: work,
    });
    expect(run.code).toBe(0);
    const model = JSON.parse(readFileSync(file, "utf8")) as {
      apiVersion: string;
      types: { qname?: string }[];
      operations: { id: string; name: string }[];
      operationsSource: {
        file: string;
        version: string;
        listed: number;
        leftOut: unknown[];
      };
    };
    expect(model.apiVersion).toBe("all");
    expect(model.types.filter((t) => t.qname)).toHaveLength(664);
    expect(run.out).toMatch(
      /655 operations from operations\/30\.0\.openapi\.json/,
    );
    expect(model.operationsSource).toEqual({
      file: "operations/30.0.openapi.json",
      version: "30.0",
      listed: 655,
      leftOut: [],
    });
    expect(model.operations).toHaveLength(655);
    expect(model.operations.find((o) => o.name === "powerOn")?.id).toBe(
      "POST /vApp/{id}/power/action/powerOn",
    );
  });

  it.each([
    ["30.0", "355a58177624", 74],
    ["32.0", "439972f65b12", 74],
    ["33.0", "d1516bb08666", 74],
    ["35.2", "8bd85ad8aa07", 71],
    ["36.0", "756f3abb415b", 83],
  ])(
    "verify-inputs recognises the %s release by its pins",
    async (version, commit, count) => {
      const run = await runCli(
        ["verify-inputs", "--input", VCD_RELEASE_DIRS[version]],
        { cwd: work },
      );
      expect(run.code).toBe(0);
      expect(run.out).toContain(`${count} of ${count} input files match`);
      expect(run.out).toContain(
        `schemas/vcd-api-${version}.pins.json (vmware/vcd-api-schemas@${commit}, API ${version})`,
      );
    },
  );

  it("generates the 35.2 release, leaving out with a warning the two operations whose types its XSDs lack", async () => {
    const out = join(work, "pkg-35.2");
    const run = await runCli(
      [
        "generate",
        "--no-cache",
        "--input",
        VCD_RELEASE_DIRS["35.2"],
        "--out",
        out,
      ],
      { cwd: work },
    );
    expect(run.code).toBe(0);
    const warnings = run.err
      .split("\n")
      .filter((l) => l.startsWith("warning:"));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /35\.2\.openapi\.json:\d+:\d+: .*POST \/admin\/org\/\{id\}\/settings\/oauth\/openIdProviderConfig: the schema set has no type "OpenIdProviderInfoType" .*; the operation is left out$/,
    );
    expect(warnings[1]).toMatch(
      /GET \/admin\/extension\/resourcePool\/\{rpId\}: no global element has the type VMWProviderVdcResourcePoolType, so its body cannot be written or read; the operation is left out$/,
    );
    expect(run.out).toMatch(/operations \(\d+ left out at API 35\.2\)/);
    const operations = readFileSync(join(out, "src/operations.ts"), "utf8");
    expect(operations).not.toContain("openIdProviderConfig");
    expect(operations).not.toMatch(/resourcePool\/\{rpId\}"/);
    // The other operations of the same paths stay.
    expect(operations).toContain("/admin/org/{id}/settings/oauth");
    expect(operations).toContain(
      "/admin/extension/resourcePool/{rpId}/hostGroups",
    );
  });

  it("verify-inputs passes on the pinned inputs and names missing and changed files", async () => {
    const ok = await runCli(["verify-inputs", "--input", VCD_API_DIR], {
      cwd: work,
    });
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/74 of 74 input files match the pins/);
    const partial = writeTree({ "operations/30.0.openapi.json": "{}" });
    const bad = await runCli(["verify-inputs", "--input", partial], {
      cwd: work,
    });
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(
      "operations/30.0.openapi.json: differs from the pinned upstream file",
    );
    expect(bad.err).toContain(
      "xsd/rest-api/1.5/schemas/vcloud/vApp.xsd: missing",
    );
  });
});

describe("where the inputs and options come from", () => {
  it("takes the input folder from VCD_API_DIR, and names from a .ts config", async () => {
    const dir = writeTree({
      "package.json": "{}",
      "vcd-codegen.config.ts": `const config: { out: string; names: Record<string, string> } = { out: "gen", names: { "vcloud:VAppType": "VApp" } };\nexport default config;\n`,
    });
    const run = await runCli(["generate"], { cwd: dir, env: { VCD_API_DIR } });
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const source = readFileSync(join(dir, "gen/src/vcloud.ts"), "utf8");
    expect(source).toContain(
      "export interface VApp extends AbstractVAppType {",
    );
    expect(source).not.toContain("export interface VAppType ");
  });
});
