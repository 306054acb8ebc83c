/** vcd-codegen: writes a JSON file of the build whole or not at all (a temporary file renamed onto it). */
import { renameSync, writeFileSync } from "node:fs";

export function writeJsonFile(file: string, value: unknown): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value));
  renameSync(temporary, file);
}
