/** Bad input: exit code 1 (2 for a usage error), a message naming the file and line, and the previous output untouched. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import {
  schema,
  schemaSetConfig,
  writeTree,
} from "../helpers/inline-schema.js";
import { snapshotDir } from "../helpers/snapshot-dir.js";
import { VCD_API_36_DIR } from "../helpers/vcd-inputs.js";

/** A project folder: config, schema-set description, inputs, and a previous output. */
function project(files: Record<string, string>, catalog?: string): string {
  const dir = writeTree({
    "package.json": "{}",
    "vcd-codegen.config.json": JSON.stringify({
      input: "inputs",
      out: "out",
      schemaSet: "set.json",
    }),
    "set.json": JSON.stringify({
      ...schemaSetConfig(["main.xsd"]),
      ...(catalog ? { catalog } : {}),
      file: undefined,
    }),
    "out/.vcd-codegen": "previous\n",
    "out/src/previous.ts": "export const previous = 1;\n",
    ...Object.fromEntries(
      Object.entries(files).map(([path, text]) => [`inputs/${path}`, text]),
    ),
  });
  return dir;
}

const cases: [string, Record<string, string>, RegExp, string?][] = [
  [
    "a malformed XSD",
    { "main.xsd": schema(`<xs:complexType name="T">\n</xs:complexTyp>`) },
    /main\.xsd:4:26: malformed XML: Opening and ending tag mismatch: "xs:complexType" != "xs:complexTyp"/,
  ],
  [
    "a missing include",
    { "main.xsd": schema(`<xs:include schemaLocation="nowhere.xsd"/>`) },
    /main\.xsd:4:1: schema file not found: .*nowhere\.xsd/,
  ],
  [
    "an unresolved type reference",
    {
      "main.xsd": schema(
        `<xs:complexType name="T">\n  <xs:sequence><xs:element name="A" type="NoSuchType"/></xs:sequence></xs:complexType>`,
      ),
    },
    /main\.xsd:5:16: unresolved type reference "NoSuchType" in namespace "urn:test"/,
  ],
  [
    "an unresolved element reference",
    {
      "main.xsd": schema(
        `<xs:complexType name="T"><xs:sequence>\n<xs:element ref="Nope"/></xs:sequence></xs:complexType>`,
      ),
    },
    /main\.xsd:5:1: unresolved element reference "Nope"/,
  ],
  [
    "an unknown import namespace",
    { "main.xsd": schema(`\n<xs:import namespace="urn:unknown"/>`) },
    /main\.xsd:5:1: import of namespace "urn:unknown" without schemaLocation/,
  ],
  [
    "a duplicate type name",
    {
      "main.xsd": schema(
        `<xs:include schemaLocation="b.xsd"/>\n<xs:complexType name="Dup"/>`,
      ),
      "b.xsd": schema(`<xs:complexType name="Dup"/>`),
    },
    /b\.xsd:4:1: duplicate type name "Dup" in namespace "urn:test" \(first defined at .*main\.xsd:5:1\)/,
  ],
  [
    "a catalog entry pointing nowhere",
    {
      "main.xsd": schema(
        `<xs:import namespace="urn:x" schemaLocation="http://example.com/x.xsd"/>`,
      ),
      "catalog.xml": `<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">\n  <system systemId="http://example.com/x.xsd" uri="missing/x.xsd"/>\n</catalog>`,
    },
    /catalog\.xml:2:3: catalog entry for "http:\/\/example\.com\/x\.xsd" points to a missing file .*\(used at .*main\.xsd:4:1\)/,
    "catalog.xml",
  ],
  [
    "a remote location the catalog does not map",
    {
      "main.xsd": schema(
        `<xs:import namespace="urn:x" schemaLocation="http://example.com/x.xsd"/>`,
      ),
    },
    /main\.xsd:4:1: remote schemaLocation "http:\/\/example\.com\/x\.xsd" has no entry in the XML catalog/,
  ],
  [
    "an unknown feature alias",
    {
      "main.xsd": schema(
        `<xs:complexType name="T"><xs:annotation><xs:documentation source="since">NOPE</xs:documentation></xs:annotation></xs:complexType>`,
      ),
    },
    /main\.xsd:4:1: unknown feature alias "NOPE"/,
  ],
  [
    "a schema that is not a schema",
    { "main.xsd": `<?xml version="1.0"?>\n<notASchema/>` },
    /main\.xsd:2:1: not an XML Schema/,
  ],
  [
    "an attribute without quotes",
    {
      "main.xsd": schema(
        `<xs:complexType name="T"/>\n<xs:complexType name=U/>`,
      ),
    },
    /main\.xsd:5:\d+: malformed XML/,
  ],
];

describe("bad input", () => {
  it.each(cases)("%s", async (_name, files, message, catalog) => {
    const dir = project(files, catalog);
    const before = snapshotDir(join(dir, "out"));
    const run = await runCli(["generate"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.err).toMatch(message);
    expect(snapshotDir(join(dir, "out"))).toEqual(before);
  });

  it("an input folder that does not exist", async () => {
    const dir = project({ "main.xsd": schema("") });
    const before = snapshotDir(join(dir, "out"));
    const run = await runCli(["generate", "--input", "no/such/folder"], {
      cwd: dir,
    });
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /the input folder given by --input does not exist: .*no\/such\/folder/,
    );
    expect(snapshotDir(join(dir, "out"))).toEqual(before);
  });

  it("no input folder anywhere: says where it looked and how to get the inputs", async () => {
    // The project lies in a folder of the test's own, so that no ../shared beside it can be found.
    const base = writeTree({ "project/package.json": "{}" });
    const dir = join(base, "project");
    const run = await runCli(["generate"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /Looked for: --input, "input" in vcd-codegen\.config\.json, the environment variable VCD_API_DIR/,
    );
    expect(run.err).toContain(join(base, "shared/vcd-api-36.0"));
    expect(run.err).toMatch(/vmware\/vcd-api-schemas/);
    expect(run.err).toMatch(
      /the XSD set \(xsd\/\) from the public repository vmware\/vcd-api-schemas/,
    );
    expect(run.err).toMatch(/vcd-codegen pull-schemas --from URL/);
    expect(run.err).toMatch(
      /the operations \(operations\/<version>\.openapi\.json\) converted from ccouzens\/vcloud-rest-openapi/,
    );
  });

  it("an unknown config option names its path, with the line and column of its key", async () => {
    const dir = project({ "main.xsd": schema("") });
    writeFileSync(
      join(dir, "vcd-codegen.config.json"),
      JSON.stringify({ out: "out", inptu: "x" }, null, 2),
    );
    const run = await runCli(["generate"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /vcd-codegen\.config\.json:3:3: inptu: unknown option/,
    );
  });

  it("a config value of the wrong kind says what it must be, in plain words, at its key", async () => {
    const dir = project({ "main.xsd": schema("") });
    writeFileSync(
      join(dir, "vcd-codegen.config.json"),
      `{\n  "out": "out",\n  "names": ["vcloud:VAppType"]\n}\n`,
    );
    const run = await runCli(["generate"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      "vcd-codegen.config.json:3:3: names: must be an object mapping QNames to names",
    );
    writeFileSync(
      join(dir, "vcd-codegen.config.json"),
      `{\n  "names": {\n    "vcloud:VAppType": "not a name"\n  }\n}\n`,
    );
    const name = await runCli(["generate"], { cwd: dir });
    expect(name.err).toContain(
      'vcd-codegen.config.json:3:5: names["vcloud:VAppType"]: must be a TypeScript identifier',
    );
  });

  it("an input folder not laid out like the inputs says so, before reading anything", async () => {
    const input = writeTree({ "README.md": "not the inputs\n" });
    const work = writeTree({ "package.json": "{}" });
    const run = await runCli(
      ["generate", "--input", input, "--out", join(work, "out")],
      {
        cwd: work,
      },
    );
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      `error: no xsd/ in ${input}: expected a folder laid out like vmware/vcd-api-schemas, with xsd/rest-api/1.5/schemas/master/master.xsd`,
    );
    expect(existsSync(join(work, "out"))).toBe(false);
  });

  it("both vcd-codegen.config.json and .ts: an error naming both", async () => {
    const dir = project({ "main.xsd": schema("") });
    writeFileSync(join(dir, "vcd-codegen.config.ts"), "export default {};\n");
    const run = await runCli(["generate"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      `two config files: ${join(dir, "vcd-codegen.config.json")} and ${join(dir, "vcd-codegen.config.ts")}`,
    );
  });

  it("refuses to replace a folder it did not generate", async () => {
    const dir = project({ "main.xsd": schema(`<xs:complexType name="T"/>`) });
    const run = await runCli(["generate", "--out", "."], {
      cwd: join(dir, "inputs"),
    });
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /refusing to replace .*inputs: it is not empty and was not generated by vcd-codegen/,
    );
  });

  it("--out naming a file is a message, not a stack trace, and the file is left as it is", async () => {
    const dir = project({ "main.xsd": schema(`<xs:complexType name="T"/>`) });
    writeFileSync(join(dir, "a-file"), "mine\n");
    const run = await runCli(["generate", "--no-cache", "--out", "a-file"], {
      cwd: dir,
    });
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /^error: cannot write the output to .*a-file: it is a file, not a folder$/m,
    );
    expect(run.err).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dir, "a-file"), "utf8")).toBe("mine\n");
  });

  it("a good schema in the same project generates (the cases above fail for their own reason)", async () => {
    const dir = project({
      "main.xsd": schema(
        `<xs:complexType name="T"><xs:sequence><xs:element name="A" type="xs:string"/></xs:sequence></xs:complexType>`,
      ),
    });
    const run = await runCli(["generate"], { cwd: dir });
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(Object.keys(snapshotDir(join(dir, "out")))).toContain("src/test.ts");
  });

  it.each(["99.0", "0.1", "30.0.1", "28.0"])(
    "--api-version %s: a usage error (exit 2) that lists the versions the set has",
    async (version) => {
      const work = writeTree({ "package.json": "{}" });
      const run = await runCli(
        [
          "generate",
          "--input",
          VCD_API_36_DIR,
          "--out",
          join(work, "out"),
          "--api-version",
          version,
        ],
        { cwd: work },
      );
      expect(run.code).toBe(2);
      expect(run.err).toContain(
        `API version ${version} is not one this schema set describes`,
      );
      expect(run.err).toMatch(
        /it has 1\.5, 5\.1, .*, 29\.0, 30\.0, .*, 35\.2, 36\.0 /,
      );
      expect(existsSync(join(work, "out"))).toBe(false);
    },
  );

  it("--api-version abc is a usage error too (exit 2), and a feature alias names its version", async () => {
    const work = writeTree({ "package.json": "{}" });
    const bad = await runCli(
      [
        "generate",
        "--input",
        VCD_API_36_DIR,
        "--out",
        join(work, "out"),
        "--api-version",
        "abc",
      ],
      {
        cwd: work,
      },
    );
    expect(bad.code).toBe(2);
    const alias = await runCli(
      [
        "model",
        "--input",
        VCD_API_36_DIR,
        "--out",
        join(work, "m.json"),
        "--api-version",
        "MULTI_SITE",
      ],
      { cwd: work },
    );
    expect(alias.code).toBe(0);
    expect(
      JSON.parse(readFileSync(join(work, "m.json"), "utf8")).apiVersion,
    ).toBe("29.0");
  });
});
