/** Generates a package from a small inline schema into a temporary folder and loads its compiled .js. */
import { join } from "node:path";
import { emitPackage } from "../../generator/emit/emit-package.js";
import { buildModel } from "../../generator/pipeline.js";
import { writeOutput } from "../../generator/write/write-output.js";
import { importPackage, type GeneratedPackage } from "./generated-packages.js";
import { schema, schemaSetConfig, writeTree } from "./inline-schema.js";

export async function packageOf(body: string): Promise<GeneratedPackage> {
  const dir = writeTree({ "main.xsd": schema(body) });
  const config = {
    ...schemaSetConfig(["main.xsd"]),
    defaultNamespace: "urn:test",
  };
  const { model } = buildModel({
    inputDir: dir,
    apiVersion: "30.0",
    schemaSet: config,
    nameOverrides: new Map(),
    operationNameOverrides: new Map(),
  });
  const out = join(dir, "out");
  writeOutput(
    out,
    emitPackage(model, {
      generatorVersion: "0.0.0",
      schemaSet: config,
      name: "test",
      inputs: "test inputs",
    }),
  );
  return importPackage(out);
}
