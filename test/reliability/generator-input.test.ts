/**
 * The generator handed careless input (issue 16): each is an error at its place (the config key's
 * line and column, the XSD's line), exit 1, the previous output untouched; a missing operations
 * folder is said; SIGTERM leaves no temporary folder; a seed's unknown role is refused at its JSON
 * path.
 */
import { spawn } from "node:child_process";
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  watch,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startSimulator } from "../../simulator/index.js";
import {
  schema,
  schemaSetConfig,
  writeTree,
} from "../helpers/inline-schema.js";
import { defineConfig } from "../../generator/config/define-config.js";
import { runCli } from "../helpers/run-cli.js";
import { schemaSetWithoutCarriedOperations } from "../helpers/schema-set-without-facts.js";
import { snapshotDir } from "../helpers/snapshot-dir.js";
import { PROJECT_ROOT, VCD_API_DIR } from "../helpers/vcd-inputs.js";
import { simulatorBinding } from "../simulator/helpers/binding.js";

/** A project on the 30.0 set with this config (pretty-printed, so keys have their own lines) and a previous output. */
function vcdProject(config: Record<string, unknown>): string {
  return writeTree({
    "package.json": "{}",
    "vcd-codegen.config.json": JSON.stringify(
      { input: VCD_API_DIR, out: "out", ...config },
      null,
      2,
    ),
    "out/.vcd-codegen": "previous\n",
    "out/src/previous.ts": "export const previous = 1;\n",
  });
}

/** Runs `generate` in `dir` and checks what every refusal has in common: exit 1, no stack trace, the previous output as it was. */
async function refused(dir: string): Promise<string> {
  const before = snapshotDir(join(dir, "out"));
  const run = await runCli(["generate", "--no-cache"], { cwd: dir });
  expect(run.code).toBe(1);
  expect(run.err).not.toMatch(/\n\s+at /);
  expect(snapshotDir(join(dir, "out"))).toEqual(before);
  return run.err;
}

/** The line (1-based) on which `text` first holds `needle`. */
function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split("\n").length;
}

describe("names the config gives", () => {
  it("an operationNames entry that is another stub's name: an error at its key, not a getVApp_2", async () => {
    const dir = vcdProject({
      operationNames: { "GET /org/{id}": "getVApp" },
    });
    const err = await refused(dir);
    expect(err).toContain(
      `error: ${join(dir, "vcd-codegen.config.json")}:5:5: operationNames["GET /org/{id}"]: "getVApp" is the name of the stub of GET /vApp/{id}`,
    );
  });

  it("operationNames: a reserved word, or one name given twice, at its key", async () => {
    const reserved = vcdProject({
      operationNames: { "DELETE /vApp/{id}": "delete" },
    });
    expect(await refused(reserved)).toContain(
      `vcd-codegen.config.json:5:5: operationNames["DELETE /vApp/{id}"]: "delete" cannot name a stub: it is a reserved word`,
    );
    const twice = vcdProject({
      operationNames: {
        "GET /org/{id}": "fetchIt",
        "GET /vdc/{id}": "fetchIt",
      },
    });
    expect(await refused(twice)).toContain(
      `vcd-codegen.config.json:6:5: operationNames["GET /vdc/{id}"]: "fetchIt" is already the name operationNames gives to "GET /org/{id}"`,
    );
  });

  it("a type renamed to a reserved word, or to another type's name: an error at its key", async () => {
    const reserved = vcdProject({ names: { "vcloud:VAppType": "delete" } });
    expect(await refused(reserved)).toContain(
      `vcd-codegen.config.json:5:5: names["vcloud:VAppType"]: "delete" cannot name a type: it is a reserved word or a global type of TypeScript`,
    );
    const taken = vcdProject({ names: { "vcloud:OrgType": "VAppType" } });
    expect(await refused(taken)).toContain(
      `vcd-codegen.config.json:5:5: names["vcloud:OrgType"]: "VAppType" is already the name of type VAppType in its namespace`,
    );
  });

  it("a name that takes nobody's is generated as asked (the refusals above are for their own reason)", async () => {
    const dir = vcdProject({
      operationNames: { "GET /org/{id}": "fetchOrg" },
      names: { "vcloud:OrgType": "Organization" },
    });
    const run = await runCli(["generate", "--no-cache"], { cwd: dir });
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const files = snapshotDir(join(dir, "out"));
    expect(files["src/api/user.ts"]).toMatch(/export function fetchOrg\(/);
    expect(files["src/api/user.ts"]).toMatch(/export function getVApp\(/);
    expect(files["src/vcloud.ts"]).toMatch(/export interface Organization\b/);
  }, 60_000);
});

describe("the config's apiVersion", () => {
  it("not a version: an error at the config key (exit 1), not one naming --api-version", async () => {
    const dir = vcdProject({ apiVersion: "thirty" });
    const err = await refused(dir);
    expect(err).toContain(
      `vcd-codegen.config.json:4:3: apiVersion: must be a version number like 30.0`,
    );
    expect(err).not.toContain("--api-version");
  });

  it("a version the set does not describe: an error at the config key", async () => {
    const dir = vcdProject({ apiVersion: "99.0" });
    const err = await refused(dir);
    expect(err).toContain(
      `vcd-codegen.config.json:4:3: apiVersion: API version 99.0 is not one this schema set describes`,
    );
  });
});

describe("a .ts config", () => {
  it("with a syntax error TypeScript would repair: refused at its line and column", async () => {
    const dir = writeTree({
      "package.json": "{}",
      "vcd-codegen.config.ts": `export default {\n  input: ${JSON.stringify(VCD_API_DIR)},\n  out: "out"\n`,
      "out/.vcd-codegen": "previous\n",
    });
    const err = await refused(dir);
    expect(err).toContain(
      `error: ${join(dir, "vcd-codegen.config.ts")}:3:14: cannot load the config: Expected ',', got '<eof>'`,
    );
    // Nothing of it is left beside the config.
    expect(readdirSync(dir).sort()).toEqual([
      "out",
      "package.json",
      "vcd-codegen.config.ts",
    ]);
  });

  it("defineConfig types a config: a key or value it does not take is a type error (checked by tsc -p tsconfig.test.json)", () => {
    const config = defineConfig({ out: "gen", apiVersion: "36.0" });
    expect(config).toEqual({ out: "gen", apiVersion: "36.0" });
    // @ts-expect-error: no such key
    defineConfig({ outDir: "gen" });
    // @ts-expect-error: names map to strings
    defineConfig({ names: { "vcloud:VAppType": 1 } });
  });

  it("with types and type imports: loaded without TypeScript's compiler, an error of its code at its line, nothing left beside it", async () => {
    const dir = writeTree({
      "package.json": "{}",
      "vcd-codegen.config.ts": [
        `import type { UserConfig } from "vcd-codegen/config";`,
        `interface Extra { readonly note?: string }`,
        `const out: string = "gen" as const;`,
        `const config: UserConfig & Extra = { input: ${JSON.stringify(VCD_API_DIR)}, out, names: { "vcloud:VAppType": "VApp" } satisfies Record<string, string> };`,
        `export default config;`,
        ``,
      ].join("\n"),
    });
    const run = await runCli(["generate", "--no-cache"], { cwd: dir });
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, "gen/src/vcloud.ts"), "utf8")).toContain(
      "export interface VApp extends AbstractVAppType {",
    );
    expect(readdirSync(dir).sort()).toEqual([
      "gen",
      "package.json",
      "vcd-codegen.config.ts",
    ]);
    writeFileSync(
      join(dir, "vcd-codegen.config.ts"),
      `const n: number = 1;\nthrow new Error("no config " + n);\n`,
    );
    const failed = await runCli(["generate", "--no-cache"], { cwd: dir });
    expect(failed.code).toBe(1);
    expect(failed.err).toContain(
      `error: ${join(dir, "vcd-codegen.config.ts")}:1:1: cannot load the config: no config 1`,
    );
    expect(readdirSync(dir)).not.toContainEqual(
      expect.stringMatching(/\.mjs$/),
    );
  });
});

describe("the inputs", () => {
  /** An inline project (one schema, main.xsd) whose schema is these bytes. */
  function inlineProject(xsd: Buffer): string {
    const dir = writeTree({
      "package.json": "{}",
      "vcd-codegen.config.json": JSON.stringify({
        input: "inputs",
        out: "out",
        schemaSet: "set.json",
      }),
      "set.json": JSON.stringify({
        ...schemaSetConfig(["main.xsd"]),
        file: undefined,
      }),
      "out/.vcd-codegen": "previous\n",
    });
    mkdirSync(join(dir, "inputs"));
    writeFileSync(join(dir, "inputs/main.xsd"), xsd);
    return dir;
  }

  it("an XSD that is not UTF-8: reported at the line and column of the bad byte", async () => {
    const text = schema(
      `<xs:complexType name="T">\n  <xs:annotation><xs:documentation>caf\u00e9</xs:documentation></xs:annotation>\n</xs:complexType>`,
    );
    const dir = inlineProject(Buffer.from(text, "latin1"));
    const line = lineOf(text, "caf");
    const column = text.split("\n")[line - 1].indexOf("\u00e9") + 1;
    expect(await refused(dir)).toContain(
      `${join(dir, "inputs/main.xsd")}:${line}:${column}: not UTF-8: byte 0xE9`,
    );
  });

  it("an XSD declaring another encoding: refused at its declaration", async () => {
    const text = schema(`<xs:complexType name="T"/>`).replace(
      `<?xml version="1.0"?>`,
      `<?xml version="1.0" encoding="ISO-8859-1"?>`,
    );
    const dir = inlineProject(Buffer.from(text, "latin1"));
    expect(await refused(dir)).toContain(
      `${join(dir, "inputs/main.xsd")}:1:21: the XML declaration says encoding="ISO-8859-1"`,
    );
  });

  it("an input folder without operations/, and a schema set without carried operations facts: generated, with a warning saying the package has no stubs", async () => {
    const input = writeTree({});
    symlinkSync(join(VCD_API_DIR, "xsd"), join(input, "xsd"));
    const work = writeTree({ "package.json": "{}" });
    // The vCD set's own description carries the operations of 27.0 to 36.0 for such inputs
    // (test/operations/carried-operations.test.ts); without them there is nothing to make stubs of.
    writeFileSync(
      join(work, "vcd-codegen.config.json"),
      JSON.stringify({ schemaSet: schemaSetWithoutCarriedOperations(work) }),
    );
    const run = await runCli(
      [
        "generate",
        "--no-cache",
        "--input",
        input,
        "--out",
        join(work, "out"),
        "--api-version",
        "30.0",
      ],
      { cwd: work },
    );
    expect(run.code).toBe(0);
    expect(run.err).toContain(
      `warning: no operations/ folder in ${input} (expected operations/<version>.openapi.json): the package has the types and no stubs and no client`,
    );
    expect(run.out).toContain("0 operations");
    mkdirSync(join(input, "operations"));
    const empty = await runCli(
      ["generate", "--no-cache", "--input", input, "--out", join(work, "out")],
      { cwd: work },
    );
    expect(empty.err).toContain(
      `warning: no operations document in ${join(input, "operations")}`,
    );
  }, 60_000);
});

describe("SIGTERM", () => {
  /**
   * One run of the CLI, sent SIGTERM the moment its temporary folder appears (in the middle of
   * writing it); answers its exit code (null: ended by the signal itself) and its stderr.
   */
  async function terminated(
    parent: string,
  ): Promise<{ exit: number | null; sent: boolean; stderr: string }> {
    const child = spawn(
      process.execPath,
      [
        join(PROJECT_ROOT, "bin/vcd-codegen.js"),
        "generate",
        "--no-cache",
        "--input",
        VCD_API_DIR,
        "--out",
        join(parent, "pkg"),
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    let sent = false;
    const watcher = watch(parent, (_event, name) => {
      if (!sent && name?.includes(".vcd-codegen-tmp-")) {
        sent = true;
        child.kill("SIGTERM");
      }
    });
    const exit = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error("the CLI did not end within 60 s"));
      }, 60_000);
      child.on("exit", (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    watcher.close();
    return { exit, sent, stderr };
  }

  it("while the output is being written: the process stops, and no .vcd-codegen-tmp-* folder is left", async () => {
    // On a loaded machine the signal may land after the write has ended (the run then ends 0, or
    // by the signal): whatever the timing, no temporary folder is left; and in a few tries at
    // most, one lands while the write is under way and is handled: 143, with its message.
    const outcomes: (number | null)[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const parent = writeTree({});
      const { exit, sent, stderr } = await terminated(parent);
      expect(sent).toBe(true);
      expect(
        readdirSync(parent).filter((n) => n.includes("vcd-codegen-")),
      ).toEqual([]);
      outcomes.push(exit);
      if (exit === 143) {
        expect(stderr).toContain("vcd-codegen: stopped by SIGTERM");
        break;
      }
      expect([0, null]).toContain(exit);
    }
    expect(outcomes).toContain(143);
  }, 300_000);
});

describe("a seed file", () => {
  it("with a role the simulator does not know: refused with its JSON path", async () => {
    const { binding } = await simulatorBinding();
    const dir = writeTree({
      "seed.json": JSON.stringify({
        orgs: [
          {
            name: "System",
            fullName: "System",
            users: [
              {
                name: "administrator",
                password: "p",
                role: "System Administrator",
              },
            ],
          },
          {
            name: "acme",
            fullName: "Acme",
            users: [
              { name: "a", password: "p", role: "vApp User" },
              { name: "b", password: "p", role: "Administrator" },
            ],
          },
        ],
      }),
    });
    await expect(
      startSimulator(binding, { seed: join(dir, "seed.json") }),
    ).rejects.toThrow(
      'seed: orgs[1].users[1].role: unknown role "Administrator" (the simulator knows System Administrator, Organization Administrator',
    );
  });
});
