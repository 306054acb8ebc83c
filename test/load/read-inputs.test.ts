/** The inputs of a run, read once into one record; nothing after load reads them again. */
import { rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { readSchemaSetConfig } from "../../generator/config/schema-set-config.js";
import { emitPackage } from "../../generator/emit/emit-package.js";
import { InputFiles, sha256Of } from "../../generator/load/input-files.js";
import { readInputs } from "../../generator/load/read-inputs.js";
import { buildModelFrom } from "../../generator/pipeline.js";
import {
  schema,
  schemaSetConfig,
  writeTree,
} from "../helpers/inline-schema.js";
import { VCD_API_36_DIR } from "../helpers/vcd-inputs.js";

const naming = { nameOverrides: new Map(), operationNameOverrides: new Map() };
const info = { generatorVersion: "0.0.0", name: "test" };

describe("readInputs on the 36.0 set", () => {
  const schemaSet = readSchemaSetConfig();
  const inputs = readInputs({ inputDir: VCD_API_36_DIR, schemaSet });
  const read = inputs.files.map((f) => relative(VCD_API_36_DIR, f.path));

  it("tells the release, its newest version and every operations document's version", () => {
    expect(inputs.label).toMatch(/^vmware\/vcd-api-schemas@[0-9a-f]{12}$/);
    expect(inputs.apiVersion).toBe("36.0");
    expect(inputs.operationsVersions[0]).toBe("27.0");
    expect(inputs.operationsVersions.at(-1)).toBe("36.0");
    expect(inputs.operationsVersions).toContain("35.2");
    expect(inputs.operations?.document.file).toBe(
      join(VCD_API_36_DIR, "operations/36.0.openapi.json"),
    );
    const history = inputs.operations!.history;
    expect(history.addedIn.get("POST /disk/{id}/action/moveDisk")).toBe("36.0");
    expect(
      history.formerPaths.get("POST /vApp/{id}/action/reconfigureVm"),
    ).toEqual([
      {
        id: "POST /vApp/vm-{id}/action/reconfigureVm",
        path: "/vApp/vm-{id}/action/reconfigureVm",
        from: "27.0",
        until: "29.0",
      },
    ]);
    expect(history.dropped.length).toBe(38);
    expect(inputs.versionFacts.length).toBeGreaterThan(100);
    expect(inputs.operationOverrides.length).toBeGreaterThan(0);
    expect(inputs.namespaces.map((ns) => ns.prefix)).toContain("vcloud");
  });

  it("records every file it read, once, with the sha256 of what it read", () => {
    expect(new Set(read).size).toBe(read.length);
    // In the order of their absolute paths (wherever the project and the inputs lie).
    const paths = inputs.files.map((f) => f.path);
    expect([...paths].sort()).toEqual(paths);
    for (const entry of schemaSet.entryPoints) expect(read).toContain(entry);
    expect(read).toContain(schemaSet.catalog);
    for (const schema of inputs.schemas.schemas)
      expect(read).toContain(relative(VCD_API_36_DIR, schema.file));
    // Every operations document up to 36.0 (for when each operation first appears), and our facts.
    for (const version of inputs.operationsVersions)
      expect(read).toContain(`operations/${version}.openapi.json`);
    expect(
      read.some((p) => p.endsWith("schemas/vcd-api.version-facts.json")),
    ).toBe(true);
    expect(
      read.some((p) => p.endsWith("schemas/vcd-api.operations.json")),
    ).toBe(true);
    expect(inputs.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(
      true,
    );
  });

  it("at an older version, reads the documents up to it only", () => {
    const at30 = readInputs({
      inputDir: VCD_API_36_DIR,
      schemaSet,
      apiVersion: "30.0",
    });
    const docs = at30.files
      .map((f) => relative(VCD_API_36_DIR, f.path))
      .filter((p) => p.startsWith("operations/"));
    expect(docs).toEqual([
      "operations/27.0.openapi.json",
      "operations/29.0.openapi.json",
      "operations/30.0.openapi.json",
    ]);
  });
});

describe("after load", () => {
  it("nothing reads the inputs: the model and the package come out the same with the folder gone", () => {
    const files = {
      "main.xsd": schema(`
        <xs:element name="Thing" type="ThingType"/>
        <xs:complexType name="ThingType"><xs:sequence>
          <xs:element name="Name" type="xs:string"/>
        </xs:sequence></xs:complexType>`),
    };
    const options = {
      schemaSet: schemaSetConfig(["main.xsd"]),
      apiVersion: "30.0",
    };
    const kept = readInputs({ inputDir: writeTree(files), ...options });
    const gone = writeTree(files);
    const inputs = readInputs({ inputDir: gone, ...options });
    rmSync(gone, { recursive: true, force: true });
    const package1 = emitPackage(buildModelFrom(kept, naming).model, info);
    const package2 = emitPackage(buildModelFrom(inputs, naming).model, info);
    expect(package2.length).toBeGreaterThan(10);
    // Same content: the folder's own path is in no generated file.
    expect(package2.map((f) => f.content)).toEqual(
      package1.map((f) => f.content),
    );
  });
});

describe("InputFiles", () => {
  it("reads a file once: its text and sha256 are of what was first read", () => {
    const dir = writeTree({ "a.txt": "first" });
    const file = join(dir, "a.txt");
    const files = new InputFiles();
    expect(files.text(file)).toBe("first");
    writeFileSync(file, "second");
    expect(files.text(file)).toBe("first");
    expect(files.sha256(file)).toBe(sha256Of("first"));
    expect(files.files()).toEqual([{ path: file, sha256: sha256Of("first") }]);
  });

  it("a missing file has no sha256 and is not recorded; reading it is an error naming it", () => {
    const files = new InputFiles();
    const missing = join(writeTree({}), "none.xsd");
    expect(files.sha256(missing)).toBeUndefined();
    expect(files.files()).toEqual([]);
    expect(() => files.text(missing)).toThrow(/none\.xsd/);
  });
});
