/**
 * An input folder that exists but is not laid out like the inputs is said to be so, naming what is
 * missing and what was expected, before anything is read from it.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { SchemaSetConfig } from "../config/schema-set-config.js";
import { GeneratorError } from "../diagnostics.js";

export function checkInputLayout(
  inputDir: string,
  schemaSet: SchemaSetConfig,
): void {
  const expected = [
    ...schemaSet.entryPoints,
    ...(schemaSet.catalog ? [schemaSet.catalog] : []),
  ];
  const missing = expected.filter((path) => !existsSync(join(inputDir, path)));
  if (!missing.length) return;
  const top = expected[0].split("/")[0];
  const layout = `expected a folder laid out like vmware/vcd-api-schemas, with ${expected.join(", ")} (and operations/<version>.openapi.json)`;
  throw new GeneratorError(
    expected.length > 1 && !existsSync(join(inputDir, top))
      ? `no ${top}/ in ${inputDir}: ${layout}`
      : `${inputDir} lacks ${missing.join(", ")}: ${layout}`,
  );
}
