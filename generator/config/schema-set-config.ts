/**
 * Our own description of the schema set (`schemas/vcd-api.json`): entry points, catalog, the
 * operations document, canonical namespace prefixes, feature aliases, and the pins of the
 * upstream files. Paths in it are relative to the input folder.
 */
import { readInputFile } from "../read-input-file.js";
import { dirname, resolve } from "node:path";
import { GeneratorError, fileStart } from "../diagnostics.js";
import { PACKAGE_ROOT } from "../package-root.js";

/** Where a release of the schema set comes from. */
export interface Upstream {
  readonly repository: string;
  readonly commit: string;
  readonly release?: string;
}

/** One known release of the schema set: its upstream, newest API version and the sha256 of its files. */
export interface Release {
  /** The file that describes it. */
  readonly file: string;
  readonly upstream: Upstream;
  readonly newestApiVersion: string;
  /** sha256 of each upstream file by path (relative to the input folder). */
  readonly files: Record<string, string>;
}

export interface SchemaSetConfig {
  readonly file: string;
  /** The releases it knows, recognised by their entry points' sha256 (see identify-release.ts). */
  readonly releases?: readonly Release[];
  /** For a description without `releases`: the one upstream it describes. */
  readonly upstream?: Upstream;
  readonly entryPoints: string[];
  readonly catalog?: string;
  /** The operations document, relative to the input folder; `{version}` stands for the API version. */
  readonly operations?: string;
  /** The prefixes the operations document's `x-xsd-type`s use -> namespace URI. */
  readonly operationPrefixes?: Record<string, string>;
  /** Our file of facts the operations document lacks (relative to this config file). */
  readonly operationOverrides?: string;
  /**
   * The operations facts the generator carries for inputs without operations documents (relative
   * to this config file; see load/carried-operations.ts).
   */
  readonly carriedOperations?: string;
  /** For a description without `releases`: the newest API version the set describes. */
  readonly newestApiVersion?: string;
  readonly namespaces: Record<
    string,
    { readonly prefix: string; readonly module: string }
  >;
  readonly defaultNamespace?: string;
  readonly featureAliases: Record<string, string>;
  /** sha256 of each upstream file by path, or undefined when the config pins nothing. */
  readonly pins?: Record<string, string>;
}

export const DEFAULT_SCHEMA_SET = resolve(PACKAGE_ROOT, "schemas/vcd-api.json");

export function readSchemaSetConfig(
  file = DEFAULT_SCHEMA_SET,
): SchemaSetConfig {
  const json = readJson(file) as Record<string, unknown>;
  const need = (key: string, check: (v: unknown) => boolean, what: string) => {
    if (!check(json[key]))
      throw new GeneratorError(
        `"${key}" must be ${what}`,
        fileStart(file),
        key,
      );
    return json[key];
  };
  const isStringArray = (v: unknown) =>
    Array.isArray(v) && v.every((x) => typeof x === "string");
  const isObject = (v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  need("entryPoints", isStringArray, "a list of schema paths");
  if (json.newestApiVersion !== undefined)
    need("newestApiVersion", (v) => typeof v === "string", "a version string");
  need(
    "namespaces",
    isObject,
    "an object of namespace URI -> { prefix, module }",
  );
  need("featureAliases", isObject, "an object of alias -> version");
  if (json.upstream !== undefined)
    need(
      "upstream",
      isObject,
      "an object naming the upstream repository and commit",
    );
  if (json.releases !== undefined)
    need("releases", isStringArray, "a list of release description files");
  const releases = ((json.releases as string[] | undefined) ?? []).map((name) =>
    readRelease(resolve(dirname(file), name)),
  );
  const pinsFile = json.pins as string | undefined;
  const pins = pinsFile
    ? ((
        readJson(resolve(dirname(file), pinsFile)) as {
          files: Record<string, string>;
        }
      ).files ?? {})
    : undefined;
  return {
    ...(json as unknown as SchemaSetConfig),
    file,
    releases,
    pins,
  };
}

function readRelease(file: string): Release {
  const json = readJson(file) as Record<string, unknown>;
  const upstream = json.upstream as Upstream | undefined;
  if (
    typeof upstream?.repository !== "string" ||
    typeof upstream.commit !== "string"
  )
    throw new GeneratorError(
      "must name the release's upstream repository and commit",
      fileStart(file),
      "upstream",
    );
  if (typeof json.newestApiVersion !== "string")
    throw new GeneratorError(
      "must give the release's newest API version",
      fileStart(file),
      "newestApiVersion",
    );
  return {
    file,
    upstream,
    newestApiVersion: json.newestApiVersion,
    files: (json.files as Record<string, string> | undefined) ?? {},
  };
}

export function readJson(file: string): unknown {
  return parseJson(file, readInputFile(file));
}

/** JSON text read from `file`; invalid JSON is a GeneratorError at its line and column. */
export function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : 0;
    const before = text.slice(0, offset).split("\n");
    throw new GeneratorError(`invalid JSON: ${message}`, {
      file,
      line: before.length,
      column: before[before.length - 1].length + 1,
    });
  }
}
