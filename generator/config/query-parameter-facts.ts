/**
 * What vCD takes in the XML API's query parameters (`schemas/vcd-api.query-parameters.json`), each
 * with its evidence: the operations documents type every one of them as a string, while vCD means
 * integers (`page`, `pageSize`, `offset`), booleans (`force`, `recursive`, `links`) and a choice of
 * words (`format`). The stubs' `<Name>Query` types carry them (a parameter not named here stays
 * `string | number | boolean`).
 */
import { resolve } from "node:path";
import { GeneratorError } from "../diagnostics.js";
import { locateJsonPath } from "../load/json-location.js";
import { jsonPath } from "../load/read-operations.js";
import type { QueryParameterValue } from "../model/ir.js";
import { PACKAGE_ROOT } from "../package-root.js";
import { readInputFile, type ReadText } from "../read-input-file.js";
import { parseJson } from "./schema-set-config.js";

export const DEFAULT_QUERY_PARAMETER_FACTS = resolve(
  PACKAGE_ROOT,
  "schemas/vcd-api.query-parameters.json",
);

const KINDS = new Set(["string", "integer", "boolean", "enumeration"]);

/** The value each query parameter named in the file takes, by name. */
export function readQueryParameterFacts(
  file = DEFAULT_QUERY_PARAMETER_FACTS,
  read: ReadText = readInputFile,
): ReadonlyMap<string, QueryParameterValue> {
  const text = read(file);
  const fail = (keys: string[], message: string): never => {
    throw new GeneratorError(
      message,
      locateJsonPath(file, text, keys),
      jsonPath(keys),
    );
  };
  const json = parseJson(file, text) as { parameters?: unknown };
  const parameters = json.parameters;
  if (
    typeof parameters !== "object" ||
    parameters === null ||
    Array.isArray(parameters)
  )
    fail(
      ["parameters"],
      "must be an object of parameter name -> { kind, evidence }",
    );
  const facts = new Map<string, QueryParameterValue>();
  for (const [name, fact] of Object.entries(parameters as object)) {
    const keys = ["parameters", name];
    const { kind, values, evidence } = (fact ?? {}) as {
      kind?: unknown;
      values?: unknown;
      evidence?: unknown;
    };
    if (typeof evidence !== "string" || !evidence.trim())
      fail([...keys, "evidence"], "every parameter must give its evidence");
    if (typeof kind !== "string" || !KINDS.has(kind))
      fail([...keys, "kind"], `must be one of ${[...KINDS].join(", ")}`);
    if (kind === "enumeration") {
      if (
        !Array.isArray(values) ||
        values.length === 0 ||
        !values.every((v) => typeof v === "string" && v !== "")
      )
        fail(
          [...keys, "values"],
          "an enumeration must list its values (strings)",
        );
      facts.set(name, { kind, values: [...(values as string[])] });
    } else facts.set(name, { kind: kind as "string" | "integer" | "boolean" });
  }
  return facts;
}
