/** `verify-inputs`: compares the input folder with the pins of the upstream files in the schema-set config. */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SchemaSetConfig } from "./config/schema-set-config.js";

export interface InputReport {
  readonly missing: string[];
  readonly changed: string[];
  readonly checked: number;
}

export function verifyInputs(
  inputDir: string,
  schemaSet: SchemaSetConfig,
): InputReport {
  const missing: string[] = [];
  const changed: string[] = [];
  const pins = schemaSet.pins ?? {};
  for (const [path, sha256] of Object.entries(pins)) {
    const file = join(inputDir, path);
    if (!existsSync(file)) missing.push(path);
    else if (
      createHash("sha256").update(readFileSync(file)).digest("hex") !== sha256
    )
      changed.push(path);
  }
  return { missing, changed, checked: Object.keys(pins).length };
}
