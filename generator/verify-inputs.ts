/** `verify-inputs`: compares the input folder with the pins of the upstream files in the schema-set config. */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Release, SchemaSetConfig } from "./config/schema-set-config.js";

export interface InputReport {
  /** The release compared with (the one the folder matches best), if the description has any. */
  readonly release: Release | undefined;
  readonly missing: string[];
  readonly changed: string[];
  readonly checked: number;
}

/** Compares the folder with every known release and reports on the one it matches best. */
export function verifyInputs(
  inputDir: string,
  schemaSet: SchemaSetConfig,
): InputReport {
  const releases: (Release | undefined)[] = schemaSet.releases?.length
    ? [...schemaSet.releases]
    : [undefined];
  const reports = releases.map((release) =>
    compare(inputDir, release, release?.files ?? schemaSet.pins ?? {}),
  );
  const score = (r: InputReport) =>
    r.checked - r.missing.length - r.changed.length;
  return reports.reduce((best, r) => (score(r) > score(best) ? r : best));
}

function compare(
  inputDir: string,
  release: Release | undefined,
  pins: Record<string, string>,
): InputReport {
  const missing: string[] = [];
  const changed: string[] = [];
  for (const [path, sha256] of Object.entries(pins)) {
    const file = join(inputDir, path);
    if (!existsSync(file)) missing.push(path);
    else if (
      createHash("sha256").update(readFileSync(file)).digest("hex") !== sha256
    )
      changed.push(path);
  }
  return { release, missing, changed, checked: Object.keys(pins).length };
}
