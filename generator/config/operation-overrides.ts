/**
 * Our own facts about operations, where the operations document lacks them (a body it does not
 * name, a second type a path serves), each with its evidence: `schemas/vcd-api.operations.json`.
 * Types are written with the canonical prefixes of the schema-set description (`vcloud:`, `ovf:`).
 */
import { GeneratorError, type SourceLocation } from "../diagnostics.js";
import { locateJsonPath } from "../load/json-location.js";
import { parseJson } from "./schema-set-config.js";
import { jsonPath } from "../load/read-operations.js";
import { clark, type ClarkName } from "../model/qname.js";
import { readInputFile, type ReadText } from "../read-input-file.js";

export interface OverrideBody {
  readonly mediaType: string;
  readonly type: ClarkName;
  readonly jsonPath: string;
  readonly location: SourceLocation;
}

export interface OperationOverride {
  /** `METHOD /path`. */
  readonly id: string;
  /** Request shapes to add (a body the document does not name, or another type the path takes). */
  readonly addRequest: OverrideBody[];
  /** Response shapes to add. */
  readonly addResponses: OverrideBody[];
  /** Optional query parameters to add (the document lists none, or not these). */
  readonly addQueryParameters: string[];
  /** Leave the operation out (the document names a type no XSD of the set defines, say). */
  readonly leaveOut: boolean;
  /**
   * For an operation a document marks deprecated: what vCD recommends instead, or why it stays (one
   * sentence, from a `deprecated` group of the file).
   */
  readonly replacement?: string;
  /** Why: the guide's page, the sample, the server behaviour this rests on. */
  readonly evidence: string;
  readonly location: SourceLocation;
}

type Json = Record<string, unknown>;

export function readOperationOverrides(
  file: string,
  prefixes: ReadonlyMap<string, string>,
  read: ReadText = readInputFile,
): OperationOverride[] {
  const text = read(file);
  const at = (keys: string[]) => locateJsonPath(file, text, keys);
  const fail = (keys: string[], message: string): never => {
    throw new GeneratorError(message, at(keys), jsonPath(keys));
  };
  const json = parseJson(file, text) as Json;
  const operations = json.operations;
  if (!isObject(operations))
    fail(["operations"], 'must be an object of "METHOD /path" -> override');
  return [
    ...Object.entries(operations as Json).map(([id, value]) => {
      const keys = ["operations", id];
      if (!OPERATION_ID.test(id))
        fail(keys, 'must be an operation id: "METHOD /path"');
      if (!isObject(value)) fail(keys, "must be an object");
      const override = value as Json;
      if (typeof override.evidence !== "string" || !override.evidence.trim())
        fail([...keys, "evidence"], "every override must give its evidence");
      const bodies = (key: string): OverrideBody[] => {
        const list = override[key];
        if (list === undefined) return [];
        if (!Array.isArray(list))
          fail([...keys, key], "must be a list of { mediaType, type }");
        return (list as unknown[]).map((item, i) => {
          const itemKeys = [...keys, key, String(i)];
          if (
            !isObject(item) ||
            typeof item.mediaType !== "string" ||
            typeof item.type !== "string"
          )
            fail(itemKeys, "must be { mediaType, type }");
          const { mediaType, type } = item as {
            mediaType: string;
            type: string;
          };
          const [prefix, local] = type.includes(":")
            ? type.split(":", 2)
            : ["", type];
          const uri = prefixes.get(prefix);
          if (uri === undefined)
            fail(
              [...itemKeys.slice(0, -1), "type"],
              `unknown prefix "${prefix}" in "${type}" (known: ${[...prefixes.keys()].join(", ")})`,
            );
          return {
            mediaType,
            type: clark(uri!, local),
            jsonPath: jsonPath(itemKeys),
            location: at([...keys, key]),
          };
        });
      };
      const queryParameters = override.addQueryParameters;
      if (
        queryParameters !== undefined &&
        (!Array.isArray(queryParameters) ||
          !queryParameters.every((q) => typeof q === "string" && q !== ""))
      )
        fail(
          [...keys, "addQueryParameters"],
          "must be a list of query parameter names",
        );
      if (
        override.leaveOut !== undefined &&
        typeof override.leaveOut !== "boolean"
      )
        fail([...keys, "leaveOut"], "must be true or false");
      return {
        id,
        leaveOut: override.leaveOut === true,
        addRequest: bodies("addRequest"),
        addResponses: bodies("addResponses"),
        addQueryParameters: (queryParameters as string[] | undefined) ?? [],
        evidence: override.evidence as string,
        location: at(keys),
      };
    }),
    ...readDeprecated(json, at, fail),
  ];
}

const OPERATION_ID = /^(GET|PUT|POST|DELETE) \/\S*$/;

/** The `deprecated` groups: one replacement sentence and its evidence for each operation listed. */
function readDeprecated(
  json: Json,
  at: (keys: string[]) => SourceLocation,
  fail: (keys: string[], message: string) => never,
): OperationOverride[] {
  const groups = json.deprecated;
  if (groups === undefined) return [];
  if (!Array.isArray(groups))
    fail(
      ["deprecated"],
      "must be a list of { operations, replacement, evidence }",
    );
  const seen = new Set<string>();
  return (groups as unknown[]).flatMap((group, i) => {
    const keys = ["deprecated", String(i)];
    if (!isObject(group))
      fail(keys, "must be { operations, replacement, evidence }");
    const { operations, replacement, evidence } = group as Json;
    if (typeof replacement !== "string" || !replacement.trim())
      fail(
        [...keys, "replacement"],
        "must say what vCD recommends instead, or why it stays",
      );
    if (typeof evidence !== "string" || !evidence.trim())
      fail(
        [...keys, "evidence"],
        "every deprecation fact must give its evidence",
      );
    if (!Array.isArray(operations) || operations.length === 0)
      fail([...keys, "operations"], 'must be a list of "METHOD /path"');
    return (operations as unknown[]).map((id, j) => {
      const idKeys = [...keys, "operations", String(j)];
      if (typeof id !== "string" || !OPERATION_ID.test(id))
        fail(idKeys, 'must be an operation id: "METHOD /path"');
      if (seen.has(id as string))
        fail(idKeys, `${id as string} is in two deprecated groups`);
      seen.add(id as string);
      return {
        id: id as string,
        leaveOut: false,
        addRequest: [],
        addResponses: [],
        addQueryParameters: [],
        replacement: replacement as string,
        evidence: evidence as string,
        location: at(idKeys),
      };
    });
  });
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
