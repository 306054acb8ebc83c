/**
 * `vcd-codegen import-operations FILE --out DIR/operations/X.openapi.json [--api-version X]
 * [--config FILE]`: converts a per-version OpenAPI document of ccouzens/vcloud-rest-openapi into our
 * operations document (see generator/import/).
 */
import { relative, resolve } from "node:path";
import type { Command } from "commander";
import { GeneratorError } from "../diagnostics.js";
import { importOperations } from "../import/import-operations.js";
import { readSchemaSet } from "./pull-schemas.js";

interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

interface ImportCommandOptions {
  readonly out: string;
  readonly apiVersion?: string;
  readonly config?: string;
}

/** Adds the `import-operations` command; `setExit` receives its exit code. */
export function registerImportOperations(
  program: Command,
  io: Io,
  setExit: (code: number) => void,
): void {
  program
    .command("import-operations")
    .description(
      "convert a per-version OpenAPI JSON of ccouzens/vcloud-rest-openapi into an operations document",
    )
    .argument("<file>", "the OpenAPI JSON (e.g. 36.0.json)")
    .requiredOption(
      "--out <file>",
      "the operations document to write: <input>/operations/<version>.openapi.json",
    )
    .option(
      "--api-version <version>",
      "the API version (default: the document's info.version)",
    )
    .option(
      "--config <file>",
      "the config file (for its schemaSet's operationPrefixes)",
    )
    .action(async (file: string, opts: ImportCommandOptions) => {
      const schemaSet = await readSchemaSet(opts.config, io);
      if (!schemaSet.operationPrefixes)
        throw new GeneratorError(
          `${schemaSet.file} names no operationPrefixes: nothing to map the schema names to`,
        );
      const out = resolve(io.cwd, opts.out);
      const input = resolve(io.cwd, file);
      const result = importOperations({
        file: input,
        out,
        apiVersion: opts.apiVersion,
        prefixes: schemaSet.operationPrefixes,
      });
      if (result.warning) io.err(`warning: ${result.warning}`);
      io.out(
        `vcd-codegen: imported ${result.operations} operations (${result.paths} paths, API ${result.version}) from ${relative(io.cwd, input)} -> ${relative(io.cwd, out)}`,
      );
      setExit(0);
    });
}
