/** Reads an input file (a schema, a catalog, a config) as text; a file that cannot be read is a GeneratorError naming it. */
import { readFileSync } from "node:fs";
import { GeneratorError, fileStart } from "./diagnostics.js";

/** How a reader gets a file's text: `readInputFile`, or the run's record of its inputs (load/input-files.ts). */
export type ReadText = (file: string) => string;

export function readInputFile(file: string): string {
  return decodeInput(file, readInputBytes(file));
}

/**
 * An input file's text: its bytes must be UTF-8 (what the schemas and the JSON documents are). A
 * byte sequence that is not is an error at its line and column, not a U+FFFD that would end up in
 * the generated names and documentation.
 */
export function decodeInput(file: string, bytes: Uint8Array): string {
  const text = Buffer.from(
    bytes.buffer,
    bytes.byteOffset,
    bytes.length,
  ).toString("utf8");
  // Decoding replaced a bad sequence with U+FFFD (or the file holds that character itself).
  if (!text.includes("\uFFFD")) return text;
  const strict = new TextDecoder("utf-8", { fatal: true });
  try {
    strict.decode(bytes);
    return text;
  } catch {
    // The longest prefix that decodes: the bad sequence starts right after it.
    let good = 0;
    let bad = bytes.length;
    while (bad - good > 1) {
      const middle = (good + bad) >> 1;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(
          bytes.subarray(0, middle),
          { stream: true },
        );
        good = middle;
      } catch {
        bad = middle;
      }
    }
    // The decoder may hold the start of the bad sequence (a lead byte waiting for more).
    let start = good;
    for (let k = good - 1; k >= Math.max(0, good - 3); k--) {
      const lead = bytes[k];
      if ((lead & 0xc0) === 0x80) continue;
      const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
      if (k + length > good) start = k;
      break;
    }
    const before = new TextDecoder()
      .decode(bytes.subarray(0, start))
      .split("\n");
    const byte = bytes[start];
    throw new GeneratorError(
      `not UTF-8: byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")} starts no UTF-8 character here (inputs are read as UTF-8; convert the file, e.g. iconv -f ISO-8859-1 -t UTF-8)`,
      {
        file,
        line: before.length,
        column: before[before.length - 1].length + 1,
      },
    );
  }
}

/** The bytes of an input file; a file that cannot be read is a GeneratorError naming it. */
export function readInputBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new GeneratorError(
      `cannot read file: ${(error as Error).message}`,
      fileStart(file),
    );
  }
}
