/** Reads an input file (a schema, a catalog, a config) as text; a file that cannot be read is a GeneratorError naming it. */
import { readFileSync } from "node:fs";
import { GeneratorError, fileStart } from "./diagnostics.js";

/** How a reader gets a file's text: `readInputFile`, or the run's record of its inputs (load/input-files.ts). */
export type ReadText = (file: string) => string;

export function readInputFile(file: string): string {
  return readInputBytes(file).toString("utf8");
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
