/**
 * Our description of the vCD schema set without the operations facts the generator carries, written
 * into `dir` (its own files named by absolute path): for tests of an input with no operations at all.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DEFAULT_SCHEMA_SET } from "../../generator/config/schema-set-config.js";

export function schemaSetWithoutCarriedOperations(dir: string): string {
  const set = JSON.parse(readFileSync(DEFAULT_SCHEMA_SET, "utf8")) as Record<
    string,
    unknown
  >;
  const here = (name: string) => resolve(dirname(DEFAULT_SCHEMA_SET), name);
  delete set.carriedOperations;
  set.releases = (set.releases as string[]).map(here);
  set.operationOverrides = here(set.operationOverrides as string);
  const file = join(dir, "schema-set-without-operations.json");
  writeFileSync(file, JSON.stringify(set, null, 2));
  return file;
}
