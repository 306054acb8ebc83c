/** The simulator's binding for the generated API 30.0 package of the test run. */
import type { OperationInfo } from "../../../generator/runtime/client/operation.js";
import type { SimulatorBinding } from "../../../generator/runtime/simulator/index.js";
import type { Document } from "../../../generator/runtime/xml/index.js";
import {
  loadPackage,
  type GeneratedPackage,
} from "../../helpers/generated-packages.js";
import { operationsFromJson } from "./operations-from-json.js";

export async function simulatorBinding(): Promise<{
  pkg: GeneratedPackage;
  binding: SimulatorBinding;
}> {
  const pkg = await loadPackage("30.0");
  const table = pkg.operations as readonly OperationInfo[] | undefined;
  const operations =
    Array.isArray(table) && table.length
      ? table
      : operationsFromJson(pkg.elements);
  return {
    pkg,
    binding: {
      apiVersion: "30.0",
      operations,
      documents: {
        fromXml: (xml) => pkg.fromXml(xml) as Document,
        toXml: (doc, options) => pkg.toXml(doc, options),
        validate: (doc) => pkg.validate(doc),
      },
      schema: pkg.schema,
    },
  };
}
