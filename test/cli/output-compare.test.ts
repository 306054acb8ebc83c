/**
 * The comparison of the output on disk with what a run would write (generator/write/check-output.ts)
 * byte for byte, whether the text is all ASCII (compared as read, without decoding UTF-8) or not:
 * a file of the same size and other bytes is never taken for up to date.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { OutputFile } from "../../generator/emit/output-file.js";
import {
  compareOutput,
  isUpToDate,
} from "../../generator/write/check-output.js";
import { writeOutput } from "../../generator/write/write-output.js";

const work = mkdtempSync(join(tmpdir(), "vcd-codegen-output-compare-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the output on disk against the files of a run", () => {
  const files: OutputFile[] = [
    { path: "a.txt", content: "plain ASCII text\n" },
    { path: "b.txt", content: "caf\u00e9 \u2014 \ud83d\ude00\n" },
  ];

  it("is up to date when every file has the same bytes", () => {
    const out = join(work, "same");
    writeOutput(out, files);
    expect(isUpToDate(out, files)).toBe(true);
    expect(compareOutput(out, files).changed).toEqual([]);
  });

  // Same sizes in bytes, other bytes: ASCII on disk for non-ASCII text, and the other way round.
  it.each([
    ["ASCII text, other ASCII bytes", "a.txt", "plain ASCII tExt\n"],
    ["ASCII text, non-ASCII bytes", "a.txt", "plain ASCII t\u00e9t\n"],
    ["non-ASCII text, ASCII bytes", "b.txt", "cafe! --- xxxx\n"],
    [
      "non-ASCII text, other non-ASCII bytes",
      "b.txt",
      "caf\u00e8 \u2014 \ud83d\ude01\n",
    ],
  ])("is not up to date for a file of the same size: %s", (_, path, onDisk) => {
    const out = join(work, `changed-${path}-${onDisk.length}`);
    writeOutput(out, files);
    const content = files.find((f) => f.path === path)!.content;
    expect(Buffer.byteLength(onDisk)).toBe(Buffer.byteLength(content));
    writeFileSync(join(out, path), onDisk);
    expect(isUpToDate(out, files)).toBe(false);
    expect(compareOutput(out, files).changed).toEqual([path]);
  });
});
