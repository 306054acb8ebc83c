/** `vcd-codegen diff` on model files and on the real input folders. */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DiffReport } from "../../generator/diff/change.js";
import { modelOf, writeTree } from "../helpers/inline-schema.js";
import { runCli } from "../helpers/run-cli.js";
import {
  PROJECT_ROOT,
  VCD_API_36_DIR,
  VCD_API_DIR,
  VCD_RELEASE_DIRS,
} from "../helpers/vcd-inputs.js";

const dir = writeTree({});
const a = join(dir, "a.json");
const b = join(dir, "b.json");
writeFileSync(
  a,
  JSON.stringify(
    modelOf(
      `<xs:complexType name="T"><xs:sequence><xs:element name="A" type="xs:string"/></xs:sequence></xs:complexType>`,
    ),
  ),
);
writeFileSync(
  b,
  JSON.stringify(
    modelOf(
      `<xs:complexType name="T"><xs:sequence><xs:element name="A" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType>`,
    ),
  ),
);

describe("vcd-codegen diff", () => {
  it("compares two model files, human-readable", async () => {
    const run = await runCli(["diff", "--from", a, "--to", b], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.out.split("\n")).toEqual([
      "vcd-codegen diff: a.json (all versions, up to 0.0) -> b.json (all versions, up to 0.0)",
      "",
      "Types (1)",
      "  ~ t:T/t:A minOccurs: 1 -> 0  [UNANNOTATED]",
      "",
      "1 changes: 0 added, 0 removed, 1 changed; 0 annotated, 1 unannotated",
    ]);
  });

  it("prints the report as JSON with --json", async () => {
    const run = await runCli(["diff", "--from", a, "--to", b, "--json"], {
      cwd: dir,
    });
    const report = JSON.parse(run.out) as DiffReport;
    expect(report.changes).toEqual([
      expect.objectContaining({
        kind: "changed",
        path: "t:T/t:A",
        aspect: "minOccurs",
        from: "1",
        to: "0",
        annotated: false,
      }),
    ]);
    expect(report.summary).toEqual({
      added: 0,
      removed: 0,
      changed: 1,
      annotated: 0,
      unannotated: 1,
    });
  });

  it("refuses a model file written for another API version, naming the file", async () => {
    const run = await runCli(
      ["diff", "--from", a, "--to", b, "--api-version", "30.0"],
      { cwd: dir },
    );
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /a\.json:1:1: apiVersion: the model was written for API version "all", not "30.0"/,
    );
  });

  it("says when a side does not exist", async () => {
    const run = await runCli(["diff", "--from", join(dir, "nope"), "--to", b], {
      cwd: dir,
    });
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/no such folder or model file: .*nope/);
  });

  it.each(["30.0", "32.0", "33.0", "35.2"])(
    "finds no difference between the %s release and the 36.0 set filtered at it",
    async (release) => {
      const run = await runCli(
        [
          "diff",
          "--from",
          VCD_RELEASE_DIRS[release],
          "--to",
          VCD_API_36_DIR,
          "--api-version",
          release,
        ],
        { cwd: PROJECT_ROOT },
      );
      expect(run.code).toBe(0);
      expect(run.out.split("\n")[0]).toContain(`(API ${release})`);
      expect(run.out.split("\n").at(-1)).toBe("no changes");
    },
  );

  it("finds no difference between the 30.0 and 36.0 sets at 30.0, and annotated changes from 30.0 to 36.0", async () => {
    const at30 = await runCli(
      [
        "diff",
        "--from",
        VCD_API_DIR,
        "--to",
        VCD_API_36_DIR,
        "--api-version",
        "30.0",
      ],
      { cwd: PROJECT_ROOT },
    );
    expect(at30.code).toBe(0);
    expect(at30.out.split("\n").at(-1)).toBe("no changes");
    const upgrade = await runCli(
      ["diff", "--from", VCD_API_DIR, "--to", VCD_API_36_DIR, "--json"],
      { cwd: PROJECT_ROOT },
    );
    const report = JSON.parse(upgrade.out) as DiffReport;
    expect(report.from.version).toBe("30.0");
    const added = report.changes.find(
      (c) => c.path === "vcloud:QueryResultDiskRecordType/@description",
    );
    expect(added).toMatchObject({
      kind: "added",
      annotated: true,
      annotation: "added-in 31.0",
    });
    const operations = report.changes.filter((c) => c.subject === "operation");
    expect(operations.length).toBeGreaterThan(0);
    expect(operations.every((c) => c.annotated)).toBe(true);
  });
});

describe("vcd-codegen diff | head", () => {
  it("a reader that stops reading ends the run quietly, exit 0, no EPIPE stack trace", async () => {
    // 30.0 -> 36.0 prints some 200 KB, more than a pipe holds: the writes after the reader has gone fail.
    const child = spawn(
      process.execPath,
      [
        "bin/vcd-codegen.js",
        "diff",
        "--from",
        VCD_API_DIR,
        "--to",
        VCD_API_36_DIR,
      ],
      { cwd: PROJECT_ROOT },
    );
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error("still running after 60 s")),
        60_000,
      );
      child.on("exit", (exit) => {
        clearTimeout(timer);
        resolve(exit);
      });
    });
    expect(err).toBe("");
    expect(code).toBe(0);
  }, 90_000);
});
