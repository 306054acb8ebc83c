/**
 * The operations facts vcd-codegen carries (schemas/vcd-api.carried-operations.json) for inputs that
 * are only XSDs: they say what the 36.0 set's documents (27.0 to 36.0) say, as the loader reads them;
 * an input without operations/ gets the same package as one with them, bar the name of the source;
 * the input's own documents win; a version the facts do not have is said in a warning.
 */
import { readFileSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { carryOperations } from "../../generator/import/carry-operations.js";
import {
  carriedOperations,
  CARRIED_OPERATIONS_FILE,
  rangesOf,
  versionsIn,
} from "../../generator/load/carried-operations.js";
import {
  listOperations,
  operationsOf,
  type RawOperation,
} from "../../generator/load/read-operations.js";
import { writeTree } from "../helpers/inline-schema.js";
import { runCli } from "../helpers/run-cli.js";
import { snapshotDir } from "../helpers/snapshot-dir.js";
import { VCD_API_36_DIR } from "../helpers/vcd-inputs.js";

const OPERATIONS_DIR = join(VCD_API_36_DIR, "operations");

/** What the loader reads of an operation, without where it was read. */
function facts(op: RawOperation): object {
  const { location: _at, request, responses, ...rest } = op;
  const body = ({
    mediaType,
    xsdType,
    jsonPath,
  }: RawOperation["request"][0]) => ({ mediaType, xsdType, jsonPath });
  return {
    ...rest,
    request: request.map(body),
    responses: responses.map(body),
  };
}

/** An input folder with the 36.0 set's XSDs (a link to them, not a copy) and, if given, operations documents (links too). */
function xsdOnlyInput(documents: string[] = []): string {
  const input = writeTree(documents.length ? { "operations/.keep": "" } : {});
  symlinkSync(join(VCD_API_36_DIR, "xsd"), join(input, "xsd"), "dir");
  for (const name of documents)
    symlinkSync(join(OPERATIONS_DIR, name), join(input, "operations", name));
  return input;
}

describe("the carried operations facts", () => {
  const carried = carriedOperations(CARRIED_OPERATIONS_FILE, (file) =>
    readFileSync(file, "utf8"),
  );
  const documents = readdirSync(OPERATIONS_DIR)
    .filter((name) => name.endsWith(".openapi.json"))
    .sort();

  it("are what `npm run carry-operations` writes from the 36.0 set's documents (not edited by hand)", () => {
    expect(readFileSync(CARRIED_OPERATIONS_FILE, "utf8")).toBe(
      carryOperations(OPERATIONS_DIR),
    );
  });

  it("say of every operation of every version what its document says, as the loader reads it", () => {
    expect(carried.versions).toEqual(
      documents.map((name) => name.replace(".openapi.json", "")),
    );
    let compared = 0;
    for (const name of documents) {
      const version = name.replace(".openapi.json", "");
      const file = join(OPERATIONS_DIR, name);
      const text = readFileSync(file, "utf8");
      const json = JSON.parse(text) as unknown;
      const document = carried.document(version);
      const want = operationsOf(file, text, json).operations.map(facts);
      const got = operationsOf(
        document.file,
        document.text,
        document.json,
      ).operations.map(facts);
      expect(got, version).toEqual(want);
      expect(listOperations(document.json), version).toEqual(
        listOperations(json),
      );
      compared += want.length;
    }
    // Ten documents of some 400 to 480 operations each.
    expect(compared).toBeGreaterThan(4_000);
  });

  it("name versions by ranges over the versions they have", () => {
    const all = ["27.0", "29.0", "30.0", "31.0", "35.2"];
    expect(rangesOf(["27.0", "29.0", "30.0", "35.2"], all)).toBe(
      "27.0-30.0,35.2",
    );
    expect(versionsIn("27.0-30.0,35.2", all)).toEqual([
      "27.0",
      "29.0",
      "30.0",
      "35.2",
    ]);
    expect(versionsIn(rangesOf(["31.0"], all), all)).toEqual(["31.0"]);
    expect(() => versionsIn("30.0-27.0", all)).toThrow(/outside/);
  });
});

describe("an input with XSDs only", () => {
  it("gets the package of the full input, stubs and client included, with the carried facts named as its source", async () => {
    const input = xsdOnlyInput();
    const work = writeTree({});
    const fromFacts = await runCli(
      ["generate", "--no-cache", "--input", input, "--out", join(work, "a")],
      { cwd: work },
    );
    expect(fromFacts.code, fromFacts.err).toBe(0);
    expect(fromFacts.err).toBe("");
    expect(fromFacts.out).toMatch(
      /704 operations \(2 left out at API 36\.0\) from vcd-codegen's operations facts of 36\.0,/,
    );
    const full = await runCli(
      [
        "generate",
        "--no-cache",
        "--input",
        VCD_API_36_DIR,
        "--out",
        join(work, "b"),
      ],
      { cwd: work },
    );
    expect(full.code, full.err).toBe(0);
    const a = snapshotDir(join(work, "a"));
    const b = snapshotDir(join(work, "b"));
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(Object.keys(a)).toContain("src/api/user.ts");
    let named = 0;
    for (const [path, text] of Object.entries(a)) {
      named += text.split("vcd-codegen's operations facts of").length - 1;
      const renamed = text.replace(
        /vcd-codegen's operations facts of (\d+\.\d+)/g,
        "operations/$1.openapi.json",
      );
      expect(renamed, path).toBe(b[path]);
    }
    // The README, and the stubs of operations the newer documents dropped.
    expect(named).toBeGreaterThan(10);
  }, 120_000);

  it("with operations documents of its own uses those", async () => {
    const input = xsdOnlyInput(["30.0.openapi.json"]);
    const work = writeTree({});
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
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/ from operations\/30\.0\.openapi\.json,/);
    expect(run.out).not.toContain("vcd-codegen's operations facts");
  }, 60_000);

  it("at a version older than all the carried ones (or between them) says which facts it used", async () => {
    const input = xsdOnlyInput();
    const work = writeTree({});
    // No schema set has a version between two carried ones (28.0 is none); the choice itself:
    const carried = carriedOperations(CARRIED_OPERATIONS_FILE, (file) =>
      readFileSync(file, "utf8"),
    );
    const between = carried.find("28.0", input);
    expect(between.version).toBe("27.0");
    expect(between.warning?.message).toBe(
      `no operations/ folder in ${input}, and vcd-codegen carries no operations facts of API 28.0: using those of 27.0, the newest below it`,
    );
    expect(carried.find("36.0", input).warning).toBeUndefined();
    const older = await runCli(
      [
        "generate",
        "--no-cache",
        "--input",
        input,
        "--out",
        join(work, "b"),
        "--api-version",
        "5.5",
      ],
      { cwd: work },
    );
    expect(older.code, older.err).toBe(0);
    expect(older.err).toContain(
      `warning: no operations/ folder in ${input}, and vcd-codegen carries the operations of 27.0 to 36.0: the operations are those of vcd-codegen's operations facts of 27.0 that API 5.5 has`,
    );
    expect(older.out).not.toMatch(/ 0 operations/);
  }, 120_000);
});
