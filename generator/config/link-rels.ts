/**
 * Our list of the rel values of vCD's links (`schemas/vcd-api.link-rels.json`), in groups, each
 * with its evidence: the XSDs leave them to the Programming Guide. The generated package types
 * `findLink`'s rel with them (any other string passes too).
 */
import { resolve } from "node:path";
import { GeneratorError } from "../diagnostics.js";
import { locateJsonPath } from "../load/json-location.js";
import { jsonPath } from "../load/read-operations.js";
import { PACKAGE_ROOT } from "../package-root.js";
import { readInputFile, type ReadText } from "../read-input-file.js";
import { parseJson } from "./schema-set-config.js";

export const DEFAULT_LINK_RELS = resolve(
  PACKAGE_ROOT,
  "schemas/vcd-api.link-rels.json",
);

/** The rels, sorted, each once. */
export function readLinkRels(
  file = DEFAULT_LINK_RELS,
  read: ReadText = readInputFile,
): string[] {
  const text = read(file);
  const fail = (keys: string[], message: string): never => {
    throw new GeneratorError(
      message,
      locateJsonPath(file, text, keys),
      jsonPath(keys),
    );
  };
  const json = parseJson(file, text) as { groups?: unknown };
  if (!Array.isArray(json.groups))
    fail(["groups"], "must be a list of { rels, evidence }");
  const rels = new Set<string>();
  (json.groups as unknown[]).forEach((group, i) => {
    const keys = ["groups", String(i)];
    const { rels: list, evidence } = (group ?? {}) as {
      rels?: unknown;
      evidence?: unknown;
    };
    if (typeof evidence !== "string" || !evidence.trim())
      fail([...keys, "evidence"], "every group of rels must give its evidence");
    if (!Array.isArray(list) || list.length === 0)
      fail([...keys, "rels"], "must be a list of rel values");
    (list as unknown[]).forEach((rel, j) => {
      if (typeof rel !== "string" || !/^[A-Za-z][\w:.-]*$/.test(rel))
        fail(
          [...keys, "rels", String(j)],
          "must be a rel value (`power:powerOn`)",
        );
      if (rels.has(rel as string))
        fail(
          [...keys, "rels", String(j)],
          `"${rel as string}" is listed twice`,
        );
      rels.add(rel as string);
    });
  });
  return [...rels].sort();
}
