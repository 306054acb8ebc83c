/**
 * The simulator's binding for the generated API 30.0 package of the test run: its documents, schema
 * and operations table (`operations`, from the package's `operations` module; the rows built from the
 * operations document by operations-from-json.ts only while a package has no table).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { inject } from "vitest";
import type { OperationInfo } from "../../../runtime/client/operation.js";
import type { SimulatorBinding } from "../../../simulator/index.js";
import type { Document } from "../../../runtime/xml/index.js";
import {
  loadPackage,
  type GeneratedPackage,
} from "../../helpers/generated-packages.js";
import { operationsFromJson } from "./operations-from-json.js";

async function operationsTable(
  pkg: GeneratedPackage,
): Promise<readonly OperationInfo[]> {
  if (Array.isArray(pkg.operations) && pkg.operations.length)
    return pkg.operations as readonly OperationInfo[];
  const module = join(inject("generatedDir"), "30.0", "dist/operations.js");
  if (existsSync(module)) {
    const { operations } = (await import(pathToFileURL(module).href)) as {
      operations: readonly OperationInfo[];
    };
    if (operations?.length) return operations;
  }
  return operationsFromJson(pkg.elements);
}

export async function simulatorBinding(): Promise<{
  pkg: GeneratedPackage;
  binding: SimulatorBinding;
}> {
  const pkg = await loadPackage("30.0");
  return {
    pkg,
    binding: {
      apiVersion: "30.0",
      operations: await operationsTable(pkg),
      documents: {
        fromXml: (xml, options) => pkg.fromXml(xml, options) as Document,
        toXml: (doc, options) => pkg.toXml(doc, options),
        validate: (doc) => pkg.validate(doc),
      },
      schema: pkg.schema,
    },
  };
}
