/**
 * Resolves what one run of the generator works with, from the command line, the config file and the
 * environment. Every default is decided here and nowhere else.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { GeneratorError, UsageError } from "../diagnostics.js";
import { ALL_VERSIONS, isNumericVersion } from "../model/api-version.js";
import { clark, type ClarkName } from "../model/qname.js";
import {
  DEFAULT_SCHEMA_SET,
  readSchemaSetConfig,
  type SchemaSetConfig,
} from "./schema-set-config.js";
import type { ConfigKey, ConfigKeys } from "./config-keys.js";
import {
  findUserConfig,
  readUserConfig,
  type LoadedConfig,
  type PackageFields,
  type UserConfig,
} from "./user-config.js";

export interface CommandLineOptions {
  readonly input?: string;
  readonly out?: string;
  readonly config?: string;
  readonly apiVersion?: string;
}

export interface ResolvedOptions {
  readonly projectRoot: string;
  readonly inputDir: string;
  readonly outDir: string;
  /**
   * The API version asked for (a feature alias resolved), or undefined for the newest the inputs
   * describe (which reading them tells: load/read-inputs.ts).
   */
  readonly apiVersion?: string;
  readonly schemaSet: SchemaSetConfig;
  readonly nameOverrides: ReadonlyMap<ClarkName, string>;
  /** Stub names forced by the user, by operation id (`METHOD /path`). */
  readonly operationNameOverrides: ReadonlyMap<string, string>;
  /** The API version must be one the schema set describes (when the command line or config names one). */
  readonly checkApiVersion: boolean;
  /** The generated package's name, version and license as the config gives them (generate.ts fills in the defaults). */
  readonly package: PackageFields;
  /** Where the config file's values stand, for errors found in the model (not part of the cache key: errors only). */
  readonly configKeys?: ConfigKeys;
}

export const DEFAULT_OUT = "generated/vcloud";
export const INPUT_ENV = "VCD_API_DIR";
/** Where the inputs are looked for last, relative to the project root: the newest set first. */
export const DEFAULT_INPUTS = ["../shared/vcd-api-36.0", "../shared/vcd-api"];

export async function resolveOptions(
  cli: CommandLineOptions,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Promise<ResolvedOptions> {
  const configFile = cli.config
    ? resolve(cwd, cli.config)
    : findUserConfig(findProjectRoot(cwd));
  if (cli.config && !existsSync(configFile!))
    throw new GeneratorError(`config file not found: ${configFile}`);
  const loaded: LoadedConfig | undefined = configFile
    ? await readUserConfig(configFile)
    : undefined;
  const config: UserConfig = loaded?.value ?? {};
  const projectRoot = configFile ? dirname(configFile) : findProjectRoot(cwd);
  const schemaSet = readSchemaSetConfig(
    config.schemaSet
      ? resolve(projectRoot, config.schemaSet)
      : DEFAULT_SCHEMA_SET,
  );
  const inputDir = findInputDir(cli, config, env, cwd, projectRoot);
  const given = cli.apiVersion ?? config.apiVersion;
  const apiVersion =
    given === undefined
      ? undefined
      : (schemaSet.featureAliases[given] ?? given);
  // The config's apiVersion, when the command line does not override it: errors name its key.
  const apiVersionKey: ConfigKey | undefined =
    loaded && cli.apiVersion === undefined && config.apiVersion !== undefined
      ? { path: "apiVersion", location: loaded.at("apiVersion") }
      : undefined;
  if (
    apiVersion !== undefined &&
    !isNumericVersion(apiVersion) &&
    apiVersion !== ALL_VERSIONS
  ) {
    const what = `must be a version number like 30.0 (or "all"), or a feature alias such as MULTI_SITE, not "${apiVersion}"`;
    if (apiVersionKey)
      throw new GeneratorError(
        what,
        apiVersionKey.location,
        apiVersionKey.path,
      );
    throw new UsageError(`--api-version ${what}`);
  }
  const names = nameOverrides(config.names ?? {}, schemaSet, loaded);
  return {
    projectRoot,
    inputDir,
    outDir: cli.out
      ? resolve(cwd, cli.out)
      : resolve(projectRoot, config.out ?? DEFAULT_OUT),
    apiVersion,
    schemaSet,
    nameOverrides: new Map([...names].map(([id, { name }]) => [id, name])),
    operationNameOverrides: new Map(
      Object.entries(config.operationNames ?? {}),
    ),
    checkApiVersion: given !== undefined,
    package: config.package ?? {},
    ...(loaded
      ? {
          configKeys: {
            ...(apiVersionKey ? { apiVersion: apiVersionKey } : {}),
            names: new Map(
              [...names].map(([id, { qname }]) => [
                id,
                {
                  path: `names["${qname}"]`,
                  location: loaded.at("names", qname),
                },
              ]),
            ),
            operationNames: new Map(
              Object.keys(config.operationNames ?? {}).map((id) => [
                id,
                {
                  path: `operationNames["${id}"]`,
                  location: loaded.at("operationNames", id),
                },
              ]),
            ),
          },
        }
      : {}),
  };
}

/** The nearest folder from `cwd` up that holds a package.json (else `cwd`). */
export function findProjectRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(resolve(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}

function findInputDir(
  cli: CommandLineOptions,
  config: UserConfig,
  env: NodeJS.ProcessEnv,
  cwd: string,
  projectRoot: string,
): string {
  const given: [string, string | undefined][] = [
    ["--input", cli.input && resolve(cwd, cli.input)],
    [
      'the config file\'s "input"',
      config.input && resolve(projectRoot, config.input),
    ],
    [
      `the environment variable ${INPUT_ENV}`,
      env[INPUT_ENV] && resolve(cwd, env[INPUT_ENV]!),
    ],
  ];
  for (const [how, dir] of given) {
    if (!dir) continue;
    if (!isDirectory(dir))
      throw new GeneratorError(
        `the input folder given by ${how} does not exist: ${dir}`,
      );
    return dir;
  }
  const fallbacks = DEFAULT_INPUTS.map((dir) => resolve(projectRoot, dir));
  const fallback = fallbacks.find(isDirectory);
  if (fallback) return fallback;
  throw new GeneratorError(
    [
      'no input folder found. Looked for: --input, "input" in vcd-codegen.config.json, ' +
        `the environment variable ${INPUT_ENV}, and ${fallbacks.join(", ")}.`,
      "Where each input comes from: the XSD set (xsd/) from the public repository vmware/vcd-api-schemas " +
        "(its schemas/ laid out as xsd/), or from your own server with `vcd-codegen pull-schemas --from URL --out DIR`; " +
        "the operations (operations/<version>.openapi.json) converted from ccouzens/vcloud-rest-openapi with " +
        "`vcd-codegen import-operations FILE --out DIR/operations/<version>.openapi.json`. " +
        "Then pass the folder with --input DIR or VCD_API_DIR.",
    ].join("\n"),
  );
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** `prefix:Local` (canonical prefixes) or `{uri}Local` -> Clark name, with the name and the config's key. */
function nameOverrides(
  names: Record<string, string>,
  schemaSet: SchemaSetConfig,
  loaded: LoadedConfig | undefined,
): Map<ClarkName, { name: string; qname: string }> {
  const byPrefix = new Map(
    Object.entries(schemaSet.namespaces).map(([uri, ns]) => [ns.prefix, uri]),
  );
  const out = new Map<ClarkName, { name: string; qname: string }>();
  for (const [qname, tsName] of Object.entries(names)) {
    if (qname.startsWith("{")) {
      out.set(qname, { name: tsName, qname });
      continue;
    }
    const [prefix, local] = qname.includes(":")
      ? qname.split(":", 2)
      : ["", qname];
    const uri = prefix ? byPrefix.get(prefix) : schemaSet.defaultNamespace;
    if (uri === undefined) {
      throw new GeneratorError(
        `unknown prefix "${prefix}" (known: ${[...byPrefix.keys()].join(", ")})`,
        loaded?.at("names", qname),
        `names["${qname}"]`,
      );
    }
    out.set(clark(uri, local), { name: tsName, qname });
  }
  return out;
}
