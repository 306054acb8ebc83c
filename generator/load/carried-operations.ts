/**
 * The operations facts vcd-codegen carries (`schemas/vcd-api.carried-operations.json`), for inputs
 * that are only XSDs (pulled from a server with `pull-schemas`): what the operations documents of
 * every release it knows say, in our own form, one line per operation and variant. A variant is
 * what one or more versions say of an operation alike (`"in": "27.0-33.0,35.0"`, over the versions
 * the file lists). It is written from the documents by `npm run carry-operations`
 * (import/carry-operations.ts), and a test reads both and compares them operation by operation.
 *
 * Each version's facts are given back as the facts-only OpenAPI document the loader reads
 * (read-operations.ts), so that carried facts and a folder of documents go through the same code.
 */
import { join } from "node:path";
import { GeneratorError } from "../diagnostics.js";
import { compareVersions } from "../model/api-version.js";
import { parseJson } from "../config/schema-set-config.js";
import { PACKAGE_ROOT } from "../package-root.js";
import {
  chooseOperationsVersion,
  newerWords,
  type OperationsFile,
} from "./find-operations-file.js";

/** Where the generator keeps them. */
export const CARRIED_OPERATIONS_FILE: string = join(
  PACKAGE_ROOT,
  "schemas/vcd-api.carried-operations.json",
);

/** A body: its media type and `prefix:TypeName`. */
export type CarriedBody = readonly [mediaType: string, xsdType: string];

/** A parameter: where it goes (`path`, `query`), its name, whether required (1) or not (0), its JSON schema. */
export type CarriedParameter = readonly [
  where: string,
  name: string,
  required: 0 | 1,
  schema?: unknown,
];

/** What some versions say alike of one operation. */
export interface CarriedVariant {
  /** The versions, as ranges over the file's list: `27.0-33.0,35.0`. */
  readonly in: string;
  readonly tag: string;
  /** The security schemes it names, in order. */
  readonly auth?: readonly string[];
  /** The path's and the operation's parameters, merged as OpenAPI merges them. */
  readonly parameters?: readonly CarriedParameter[];
  readonly request?: readonly CarriedBody[];
  /** The 2xx answers by status, each with its bodies (none for a 204). */
  readonly responses: Readonly<Record<string, readonly CarriedBody[]>>;
  readonly deprecated?: true;
}

export interface CarriedOperations {
  /** The API versions it has facts of, oldest first, each with the sha256 of the document it was taken from. */
  readonly versions: Readonly<Record<string, string>>;
  /** `METHOD /path` -> its variants. */
  readonly operations: Readonly<Record<string, readonly CarriedVariant[]>>;
}

type Json = Record<string, unknown>;

/** The versions `27.0-29.0,31.0` names, from the list of all versions (oldest first). */
export function versionsIn(ranges: string, all: readonly string[]): string[] {
  const out: string[] = [];
  for (const range of ranges.split(",")) {
    const [from, to = from] = range.split("-");
    const a = all.indexOf(from!);
    const b = all.indexOf(to!);
    if (a < 0 || b < a)
      throw new Error(`a version range ${range} outside ${all.join(", ")}`);
    out.push(...all.slice(a, b + 1));
  }
  return out;
}

/** The list of versions, oldest first, as ranges over `all` (the inverse of {@link versionsIn}). */
export function rangesOf(
  versions: readonly string[],
  all: readonly string[],
): string {
  const at = versions.map((v) => all.indexOf(v)).sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < at.length;) {
    let j = i;
    while (j + 1 < at.length && at[j + 1] === at[j]! + 1) j++;
    ranges.push(i === j ? all[at[i]!]! : `${all[at[i]!]}-${all[at[j]!]}`);
    i = j + 1;
  }
  return ranges.join(",");
}

/** The carried facts, read from `text` (the file `file`). */
export function readCarriedOperations(
  file: string,
  text: string,
): CarriedOperations {
  const json = parseJson(file, text) as Json;
  const versions = json.versions;
  const operations = json.operations;
  if (
    typeof versions !== "object" ||
    versions === null ||
    typeof operations !== "object" ||
    operations === null
  )
    throw new GeneratorError(
      `internal: ${file} is not the generator's carried operations facts (no versions or operations)`,
    );
  return json as unknown as CarriedOperations;
}

/** The API versions the facts are of, oldest first. */
export function carriedVersions(carried: CarriedOperations): string[] {
  return Object.keys(carried.versions).sort(compareVersions);
}

/** The facts of one version as the facts-only OpenAPI document the loader reads. */
export function carriedDocument(
  carried: CarriedOperations,
  version: string,
): Json {
  const all = carriedVersions(carried);
  const paths: Record<string, Json> = {};
  for (const key of Object.keys(carried.operations).sort(byPath)) {
    const space = key.indexOf(" ");
    const method = key.slice(0, space).toLowerCase();
    const path = key.slice(space + 1);
    const variant = carried.operations[key]!.find((v) =>
      versionsIn(v.in, all).includes(version),
    );
    if (!variant) continue;
    (paths[path] ??= {})[method] = openApiOperation(variant);
  }
  return {
    openapi: "3.0.3",
    info: { title: "the operations facts vcd-codegen carries", version },
    paths,
  };
}

/** Paths in the documents' order (code units), the methods of one path in any order. */
function byPath(a: string, b: string): number {
  const pa = a.slice(a.indexOf(" ") + 1);
  const pb = b.slice(b.indexOf(" ") + 1);
  return pa < pb ? -1 : pa > pb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function openApiOperation(variant: CarriedVariant): Json {
  const content = (bodies: readonly CarriedBody[]) =>
    Object.fromEntries(
      bodies.map(([mediaType, xsdType]) => [
        mediaType,
        { schema: { "x-xsd-type": xsdType } },
      ]),
    );
  return {
    tags: [variant.tag],
    ...(variant.parameters
      ? {
          parameters: variant.parameters.map(
            ([where, name, required, schema]) => ({
              in: where,
              name,
              required: required === 1,
              ...(schema === undefined ? {} : { schema }),
            }),
          ),
        }
      : {}),
    ...(variant.request
      ? { requestBody: { required: true, content: content(variant.request) } }
      : {}),
    responses: Object.fromEntries(
      Object.entries(variant.responses).map(([status, bodies]) => [
        status,
        bodies.length
          ? { description: "", content: content(bodies) }
          : { description: "" },
      ]),
    ),
    ...(variant.auth
      ? { security: variant.auth.map((scheme) => ({ [scheme]: [] })) }
      : {}),
    ...(variant.deprecated ? { deprecated: true } : {}),
  };
}

/** The carried facts as the documents of an input that has none of its own. */
export interface CarriedInput {
  /** The versions they are of, oldest first. */
  readonly versions: readonly string[];
  /** The one that serves `target` (see find-operations-file.ts), said in a warning when it is not the target's own. */
  find(target: string, inputDir: string): OperationsFile;
  /** How files, errors and generated text name the facts of `version`. */
  name(version: string): string;
  /** The facts of `version` as a document to read (no text: an error in them is located by its JSON path). */
  document(version: string): { file: string; text: string; json: unknown };
}

/** The carried facts in `file` (read through `read`, so that the package cache knows them). */
export function carriedOperations(
  file: string,
  read: (file: string) => string,
): CarriedInput {
  const carried = readCarriedOperations(file, read(file));
  const versions = carriedVersions(carried);
  const name = (version: string) =>
    `vcd-codegen's operations facts of ${version}`;
  return {
    versions,
    name,
    find(target, inputDir) {
      const chosen = chooseOperationsVersion(target, versions);
      const none = `no operations/ folder in ${inputDir}`;
      return {
        path: name(chosen.version),
        version: chosen.version,
        ...(chosen.newer ? { newer: true } : {}),
        ...(chosen.exact
          ? {}
          : {
              warning: new GeneratorError(
                chosen.newer
                  ? `${none}, and vcd-codegen carries the operations of ${versions[0]} to ${versions[versions.length - 1]}: ${newerWords(target, name(chosen.version))}`
                  : `${none}, and vcd-codegen carries no operations facts of API ${target}: using those of ${chosen.version}, the newest below it`,
              ),
            }),
      };
    },
    document: (version) => ({
      file: name(version),
      text: "",
      json: carriedDocument(carried, version),
    }),
  };
}
