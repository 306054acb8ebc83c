/**
 * `vcd-codegen pull-schemas --from URL --out DIR [--ca FILE] [--insecure] [--api-version X]
 * [--timeout SECONDS] [--catalog FILE] [--input DIR] [--config FILE]`: fetches the XSD set a vCD
 * server serves into a folder laid out like the inputs (see generator/pull/). Progress goes to
 * stderr, one line per file; the summary to stdout.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { findProjectRoot, resolveOptions } from "../config/options.js";
import {
  DEFAULT_SCHEMA_SET,
  readSchemaSetConfig,
  type SchemaSetConfig,
} from "../config/schema-set-config.js";
import { findUserConfig, readUserConfig } from "../config/user-config.js";
import { GeneratorError } from "../diagnostics.js";
import {
  missingLocalCatalog,
  openLocalCatalog,
  type LocalCatalog,
} from "../pull/local-catalog.js";
import { pullSchemas } from "../pull/pull-schemas.js";

interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

interface PullCommandOptions {
  readonly from: string;
  readonly out: string;
  readonly ca?: string;
  readonly insecure?: boolean;
  readonly apiVersion?: string;
  readonly timeout?: string;
  readonly catalog?: string;
  readonly input?: string;
  readonly config?: string;
}

/** Adds the `pull-schemas` command; `setExit` receives its exit code. */
export function registerPullSchemas(
  program: Command,
  io: Io,
  setExit: (code: number) => void,
): void {
  program
    .command("pull-schemas")
    .description(
      "fetch the XSD set a vCD server serves (/api/v1.5/schema/) into a folder laid out like the inputs",
    )
    .requiredOption("--from <url>", "the server, e.g. https://vcd.example.com")
    .requiredOption("--out <dir>", "the folder to write (replaced whole)")
    .option(
      "--ca <file>",
      "a PEM file of the CA to trust for the server's certificate",
    )
    .option(
      "--insecure",
      "do not verify the server's certificate (explicit opt-in)",
    )
    .option(
      "--api-version <version>",
      "the API version to ask for (default: the newest the server lists)",
    )
    .option("--timeout <seconds>", "the timeout of each request (default: 30)")
    .option(
      "--catalog <file>",
      "the local OASIS catalog of the external (OVF, CIM, xml.xsd) schemas (default: that of the input folder)",
    )
    .option("--input <dir>", "an input folder whose catalog to use")
    .option("--config <file>", "the config file (for its schemaSet)")
    .action(async (opts: PullCommandOptions) => {
      setExit(await runPullSchemas(opts, io));
    });
}

export async function runPullSchemas(
  opts: PullCommandOptions,
  io: Io,
): Promise<number> {
  const start = performance.now();
  const out = resolve(io.cwd, opts.out);
  const { schemaSet, catalog } = await schemaSetAndCatalog(opts, io);
  const result = await pullSchemas({
    from: opts.from,
    out,
    ca: opts.ca ? readCa(resolve(io.cwd, opts.ca)) : undefined,
    insecure: !!opts.insecure,
    apiVersion: opts.apiVersion,
    timeoutMs: parseTimeout(opts.timeout) * 1000,
    entryPoints: schemaSet.entryPoints,
    catalog,
    progress: io.err,
  });
  const { versions } = result;
  const seconds = ((performance.now() - start) / 1000).toFixed(2);
  io.out(
    `vcd-codegen: pulled ${result.fromServer} schemas from ${result.server} (it speaks API ${versions.versions[0]} to ${versions.newest}; asked as ${result.apiVersion})` +
      `${result.fromCatalog ? ` and ${result.fromCatalog} from the local catalog` : ""} in ${seconds} s -> ${relative(io.cwd, out) || "."}`,
  );
  return 0;
}

/** The schema-set description (for its entry points and catalog place) and the local catalog. */
async function schemaSetAndCatalog(
  opts: PullCommandOptions,
  io: Io,
): Promise<{ schemaSet: SchemaSetConfig; catalog: LocalCatalog }> {
  let schemaSet: SchemaSetConfig;
  let inputDir: string | undefined;
  try {
    const options = await resolveOptions(
      { input: opts.input, config: opts.config },
      io.env,
      io.cwd,
    );
    schemaSet = options.schemaSet;
    inputDir = options.inputDir;
  } catch (error) {
    const noInput =
      error instanceof GeneratorError &&
      error.message.startsWith("no input folder found");
    if (!noInput) throw error;
    schemaSet = await readSchemaSet(opts.config, io);
  }
  const layout = schemaSet.catalog;
  if (!layout)
    return {
      schemaSet,
      catalog: missingLocalCatalog(
        undefined,
        "the schema-set description names no catalog",
      ),
    };
  const file = opts.catalog
    ? resolve(io.cwd, opts.catalog)
    : inputDir && join(inputDir, layout);
  if (opts.catalog && !existsSync(file!))
    throw new GeneratorError(`--catalog ${file}: no such file`);
  return {
    schemaSet,
    catalog:
      file && existsSync(file)
        ? openLocalCatalog(file, layout)
        : missingLocalCatalog(
            layout,
            file ? `${file} does not exist` : "no input folder found",
          ),
  };
}

/** The schema-set description the config file (`--config`, or the project's) names, needing no inputs. */
export async function readSchemaSet(
  config: string | undefined,
  io: Io,
): Promise<SchemaSetConfig> {
  const configFile = config
    ? resolve(io.cwd, config)
    : findUserConfig(findProjectRoot(io.cwd));
  if (config && !existsSync(configFile!))
    throw new GeneratorError(`config file not found: ${configFile}`);
  const user = configFile ? (await readUserConfig(configFile)).value : {};
  return readSchemaSetConfig(
    user.schemaSet && configFile
      ? resolve(dirname(configFile), user.schemaSet)
      : DEFAULT_SCHEMA_SET,
  );
}

function readCa(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, "utf8");
  } catch (error) {
    throw new GeneratorError(`--ca ${file}: ${(error as Error).message}`);
  }
  if (!pem.includes("-----BEGIN CERTIFICATE-----"))
    throw new GeneratorError(
      `--ca ${file}: not a PEM certificate (no BEGIN CERTIFICATE)`,
    );
  return pem;
}

function parseTimeout(text: string | undefined): number {
  if (text === undefined) return 30;
  const seconds = Number(text);
  if (!(seconds > 0) || !Number.isFinite(seconds))
    throw new GeneratorError(
      `--timeout must be a number of seconds, not "${text}"`,
    );
  return seconds;
}
