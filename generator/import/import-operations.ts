/**
 * `vcd-codegen import-operations FILE --out DIR/operations/X.openapi.json`: reads a per-version
 * OpenAPI document of ccouzens/vcloud-rest-openapi, converts it (convert-document.ts), checks that
 * the generator's own loader reads the result (load/read-operations.ts), and writes it atomically.
 * The API version is `--api-version`, else the document's own (`info.version`); the output's file
 * name must agree with it, since the generator finds operations files by name.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { GeneratorError } from "../diagnostics.js";
import { locateJsonPath } from "../load/json-location.js";
import { jsonPath, readOperations } from "../load/read-operations.js";
import { readInputFile } from "../read-input-file.js";
import { convertDocument } from "./convert-document.js";

export interface ImportOptions {
  readonly file: string;
  readonly out: string;
  readonly apiVersion?: string;
  /** Our operations prefixes (schemas/vcd-api.json `operationPrefixes`). */
  readonly prefixes: Readonly<Record<string, string>>;
}

export interface ImportResult {
  readonly version: string;
  readonly operations: number;
  readonly paths: number;
  /** Said when the output's name is not `<version>.openapi.json`. */
  readonly warning?: string;
}

const NAME = /^(.+)\.openapi\.json$/;

export function importOperations(options: ImportOptions): ImportResult {
  const { file, out } = options;
  const text = readInputFile(file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new GeneratorError(
      `invalid JSON: ${(error as Error).message}`,
      locateJsonPath(file, text, []),
    );
  }
  const converted = convertDocument(json, options.prefixes, (keys, message) => {
    throw new GeneratorError(
      message,
      locateJsonPath(file, text, keys),
      jsonPath(keys),
    );
  });
  const named = NAME.exec(basename(out))?.[1];
  const version = options.apiVersion ?? converted.version ?? named;
  if (!version)
    throw new GeneratorError(
      `cannot tell the API version: info.version does not end with one, and the output is not named <version>.openapi.json; give --api-version`,
      locateJsonPath(file, text, ["info", "version"]),
      "info.version",
    );
  if (named !== undefined && named !== version)
    throw new GeneratorError(
      `--out ${out} names API ${named}, but the document is for API ${version} (the generator finds operations/<version>.openapi.json by name)`,
    );
  const info = converted.document.info as Record<string, unknown>;
  info.version = version;
  write(out, `${JSON.stringify(converted.document, null, 2)}\n`);
  return {
    version,
    operations: converted.operations,
    paths: converted.paths,
    warning:
      named === undefined
        ? `${out}: the generator only reads operations/<version>.openapi.json; name it ${version}.openapi.json`
        : undefined,
  };
}

/** Writes beside `out`, has the generator's loader read it, then moves it into place. */
function write(out: string, text: string): void {
  mkdirSync(dirname(out), { recursive: true });
  const temp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text);
    readOperations(temp);
    renameSync(temp, out);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
