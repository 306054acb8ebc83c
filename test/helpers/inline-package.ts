/** Generates a package from a small inline schema into a temporary folder and loads its compiled .js. */
import { join } from "node:path";
import { emitPackage } from "../../generator/emit/emit-package.js";
import { buildModel } from "../../generator/pipeline.js";
import { writeOutput } from "../../generator/write/write-output.js";
import { importPackage, type GeneratedPackage } from "./generated-packages.js";
import type { SchemaSetConfig } from "../../generator/config/schema-set-config.js";
import { schema, schemaSetConfig, TNS, writeTree } from "./inline-schema.js";

/** `body` (schema content in the test namespace, the default namespace), with `config` over the inline set's description. */
export async function packageOf(
  body: string,
  config: Partial<SchemaSetConfig> = {},
): Promise<GeneratedPackage> {
  const dir = writeTree({ "main.xsd": schema(body) });
  const set = {
    ...schemaSetConfig(["main.xsd"], config),
    defaultNamespace: TNS,
  };
  const { model } = buildModel({
    inputDir: dir,
    apiVersion: "30.0",
    schemaSet: set,
    nameOverrides: new Map(),
    operationNameOverrides: new Map(),
  });
  const out = join(dir, "out");
  writeOutput(
    out,
    emitPackage(model, {
      generatorVersion: "0.0.0",
      name: "test",
    }),
  );
  return importPackage(out);
}
