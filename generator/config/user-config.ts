/**
 * The consumer's config file: `vcd-codegen.config.json` (or `.ts`, default-exporting the same object)
 * at their project root, or the file given with `--config`.
 */
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  GeneratorError,
  fileStart,
  type SourceLocation,
} from "../diagnostics.js";
import { locateJsonPath } from "../load/json-location.js";
import { isReservedName } from "../model/naming.js";
import { isReservedStubName } from "../model/operation-naming.js";
import { readJson } from "./schema-set-config.js";
import { importModule } from "../dynamic-import.js";

export interface UserConfig {
  /** The input folder (laid out like vmware/vcd-api-schemas), relative to the config file. */
  readonly input?: string;
  /** The output folder of the generated package, relative to the config file. */
  readonly out?: string;
  /** The API version to generate for. */
  readonly apiVersion?: string;
  /** Our schema-set description to use instead of the built-in `schemas/vcd-api.json`. */
  readonly schemaSet?: string;
  /** TypeScript names by QName (`prefix:Local` with a canonical prefix, or `{uri}Local`). */
  readonly names?: Record<string, string>;
  /** Stub names by operation (`"POST /vApp/{id}/power/action/powerOn": "powerOnVApp"`). */
  readonly operationNames?: Record<string, string>;
  /** The generated package's own package.json fields (default: `@vcd-codegen/vcloud`, the generator's version, BSD-2-Clause). */
  readonly package?: PackageFields;
}

/** The fields of the generated package's package.json that the config may set. */
export interface PackageFields {
  /** Its npm name (`@acme/vcloud`). */
  readonly name?: string;
  /** Its version (semver: `1.2.3`). */
  readonly version?: string;
  /** Its license (an SPDX expression such as `MIT`, or `UNLICENSED`). */
  readonly license?: string;
}

export const CONFIG_NAMES = [
  "vcd-codegen.config.json",
  "vcd-codegen.config.ts",
];

const KEYS: Record<keyof UserConfig, string> = {
  input: "string",
  out: "string",
  apiVersion: "string",
  schemaSet: "string",
  names: "object",
  operationNames: "object",
  package: "object",
};

/** The config, and where each of its keys stands (a `.ts` config: its start). */
export interface LoadedConfig {
  readonly value: UserConfig;
  at(...keys: string[]): SourceLocation;
}

export async function readUserConfig(file: string): Promise<LoadedConfig> {
  const isTs = file.endsWith(".ts");
  const value = isTs ? await importTsConfig(file) : readJson(file);
  // A key's own line and column in a JSON config; a .ts config is named as a whole.
  const text = isTs ? undefined : readFileSync(file, "utf8");
  const at = (...keys: string[]) =>
    text === undefined ? fileStart(file) : locateJsonPath(file, text, keys);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new GeneratorError("the config must be an object", fileStart(file));
  }
  for (const [key, v] of Object.entries(value)) {
    const want = KEYS[key as keyof UserConfig];
    if (!want)
      throw new GeneratorError(
        `unknown option (known: ${Object.keys(KEYS).join(", ")})`,
        at(key),
        key,
      );
    if (typeof v !== want || v === null || Array.isArray(v))
      throw new GeneratorError(WHAT[key as keyof UserConfig], at(key), key);
  }
  for (const [qname, name] of Object.entries(
    (value as UserConfig).names ?? {},
  )) {
    if (typeof name !== "string" || !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) {
      throw new GeneratorError(
        `must be a TypeScript identifier (a name like VApp), not ${JSON.stringify(name)}`,
        at("names", qname),
        `names["${qname}"]`,
      );
    }
    // `export interface delete` does not compile; `Array` or `Date` would shadow what the emitted code uses.
    if (isReservedName(name))
      throw new GeneratorError(
        `"${name}" cannot name a type: it is a reserved word or a global type of TypeScript`,
        at("names", qname),
        `names["${qname}"]`,
      );
  }
  const stubNames = new Map<string, string>();
  for (const [id, name] of Object.entries(
    (value as UserConfig).operationNames ?? {},
  )) {
    if (!/^(GET|PUT|POST|DELETE) \/\S*$/.test(id))
      throw new GeneratorError(
        `must name an operation as "METHOD /path" (e.g. "POST /vApp/{id}/power/action/powerOn")`,
        at("operationNames", id),
        `operationNames["${id}"]`,
      );
    if (typeof name !== "string" || !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name))
      throw new GeneratorError(
        `must be a TypeScript identifier (a name like powerOnVApp), not ${JSON.stringify(name)}`,
        at("operationNames", id),
        `operationNames["${id}"]`,
      );
    if (isReservedStubName(name))
      throw new GeneratorError(
        `"${name}" cannot name a stub: it is a reserved word (or the name of the operations table)`,
        at("operationNames", id),
        `operationNames["${id}"]`,
      );
    const first = stubNames.get(name);
    if (first !== undefined)
      throw new GeneratorError(
        `"${name}" is already the name operationNames gives to "${first}"`,
        at("operationNames", id),
        `operationNames["${id}"]`,
      );
    stubNames.set(name, id);
  }
  checkPackageFields((value as UserConfig).package ?? {}, at);
  return { value: value as UserConfig, at };
}

/** npm's rules for a package name: lowercase, URL-safe, no leading `.` or `_`, optionally `@scope/`. */
const NPM_NAME = /^(?:@[a-z0-9-*~][a-z0-9-*._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;
/** A semantic version (semver.org's own expression). */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

const PACKAGE_FIELDS: Record<
  keyof PackageFields,
  { valid: (v: string) => boolean; what: string }
> = {
  name: {
    valid: (v) =>
      v.length <= 214 &&
      NPM_NAME.test(v) &&
      !["node_modules", "favicon.ico"].includes(v),
    what: "must be a valid npm package name (lowercase letters, digits, -, ., _ and ~, at most 214 characters, optionally scoped as @scope/name)",
  },
  version: {
    valid: (v) => SEMVER.test(v),
    what: 'must be a semantic version such as "1.2.3"',
  },
  license: {
    valid: (v) => v.trim() !== "" && !/[\r\n]/.test(v),
    what: 'must be a license: an SPDX expression such as "MIT" or "Apache-2.0", or "UNLICENSED"',
  },
};

function checkPackageFields(
  fields: PackageFields,
  at: (...keys: string[]) => SourceLocation,
): void {
  for (const [key, v] of Object.entries(fields)) {
    const field = PACKAGE_FIELDS[key as keyof PackageFields];
    if (!field)
      throw new GeneratorError(
        `unknown option (known: ${Object.keys(PACKAGE_FIELDS).join(", ")})`,
        at("package", key),
        `package.${key}`,
      );
    if (typeof v !== "string" || !field.valid(v))
      throw new GeneratorError(
        `${field.what}, not ${JSON.stringify(v)}`,
        at("package", key),
        `package.${key}`,
      );
  }
}

/** What each option must be, in plain words. */
const WHAT: Record<keyof UserConfig, string> = {
  input: "must be a string: the input folder, relative to the config file",
  out: "must be a string: the output folder, relative to the config file",
  apiVersion:
    'must be a string: an API version such as "36.0", or a feature alias',
  schemaSet: "must be a string: the path of a schema-set description",
  names: "must be an object mapping QNames to names",
  operationNames:
    'must be an object mapping operations ("METHOD /path") to names',
  package:
    'must be an object with the generated package\'s "name", "version" and "license"',
};

export function findUserConfig(projectRoot: string): string | undefined {
  const found = CONFIG_NAMES.map((name) => join(projectRoot, name)).filter(
    (file) => existsSync(file),
  );
  if (found.length > 1)
    throw new GeneratorError(
      `two config files: ${found.join(" and ")}; keep one (or name one with --config)`,
    );
  return found[0];
}

/**
 * A `.ts` config: its types stripped (no type check; a syntax error is refused at its place) into a
 * module beside it, imported and removed. Beside it, so that what it imports resolves from the
 * project (`import { defineConfig } from "vcd-codegen/config"`); stripped by
 * `@swc/wasm-typescript`, the stripper Node's own type stripping uses (a WebAssembly build, no
 * native code), so that it needs no TypeScript installed and does not depend on any version's
 * compiler API (TypeScript 7's has none of 5's). Types are replaced by white space: an error of the
 * config's own code names its line and column.
 */
async function importTsConfig(file: string): Promise<unknown> {
  const source = readFileSync(resolve(file), "utf8");
  const { transformSync } = (
    (await importModule("@swc/wasm-typescript")) as {
      default: typeof import("@swc/wasm-typescript");
    }
  ).default;
  let code: string;
  try {
    code = transformSync(source, { mode: "strip-only", filename: file }).code;
  } catch (error) {
    const problem = error as {
      message?: string;
      startLine?: number;
      startColumn?: number;
    };
    throw new GeneratorError(
      `cannot load the config: ${problem.message ?? String(error)}`,
      {
        file,
        line: problem.startLine ?? 1,
        column: (problem.startColumn ?? 0) + 1,
      },
    );
  }
  const module = join(
    dirname(resolve(file)),
    `.${basename(file)}.${process.pid}.${Date.now()}.mjs`,
  );
  try {
    writeFileSync(module, code);
    return ((await importModule(pathToFileURL(module).href)) as {
      default: unknown;
    })
      .default;
  } catch (error) {
    if (error instanceof GeneratorError) throw error;
    throw new GeneratorError(
      `cannot load the config: ${(error as Error).message}`,
      fileStart(file),
    );
  } finally {
    rmSync(module, { force: true });
  }
}
