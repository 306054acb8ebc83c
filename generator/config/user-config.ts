/**
 * The consumer's config file: `vcd-codegen.config.json` (or `.ts`, default-exporting the same object)
 * at their project root, or the file given with `--config`.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { GeneratorError, fileStart } from "../diagnostics.js";
import { readJson } from "./schema-set-config.js";

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
};

export async function readUserConfig(file: string): Promise<UserConfig> {
  const value = file.endsWith(".ts")
    ? await importTsConfig(file)
    : readJson(file);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new GeneratorError("the config must be an object", fileStart(file));
  }
  for (const [key, v] of Object.entries(value)) {
    const want = KEYS[key as keyof UserConfig];
    if (!want)
      throw new GeneratorError(
        `unknown option (known: ${Object.keys(KEYS).join(", ")})`,
        fileStart(file),
        key,
      );
    if (typeof v !== want || v === null)
      throw new GeneratorError(`must be a ${want}`, fileStart(file), key);
  }
  for (const [qname, name] of Object.entries(
    (value as UserConfig).names ?? {},
  )) {
    if (typeof name !== "string" || !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) {
      throw new GeneratorError(
        `must be a TypeScript identifier`,
        fileStart(file),
        `names["${qname}"]`,
      );
    }
  }
  for (const [id, name] of Object.entries(
    (value as UserConfig).operationNames ?? {},
  )) {
    if (!/^(GET|PUT|POST|DELETE) \/\S*$/.test(id))
      throw new GeneratorError(
        `must name an operation as "METHOD /path" (e.g. "POST /vApp/{id}/power/action/powerOn")`,
        fileStart(file),
        `operationNames["${id}"]`,
      );
    if (typeof name !== "string" || !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name))
      throw new GeneratorError(
        `must be a TypeScript identifier`,
        fileStart(file),
        `operationNames["${id}"]`,
      );
  }
  return value as UserConfig;
}

export function findUserConfig(projectRoot: string): string | undefined {
  return CONFIG_NAMES.map((name) => join(projectRoot, name)).find((file) =>
    existsSync(file),
  );
}

/** A `.ts` config: transpiled (no type check) to a temporary module and imported. */
async function importTsConfig(file: string): Promise<unknown> {
  const ts = (await import("typescript")).default;
  const source = readFileSync(resolve(file), "utf8");
  const output = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
    },
    fileName: file,
  });
  const dir = mkdtempSync(join(tmpdir(), "vcd-codegen-config-"));
  try {
    const module = join(dir, "config.mjs");
    writeFileSync(module, output.outputText);
    return ((await import(pathToFileURL(module).href)) as { default: unknown })
      .default;
  } catch (error) {
    throw new GeneratorError(
      `cannot load the config: ${(error as Error).message}`,
      fileStart(file),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
