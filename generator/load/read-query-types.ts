/**
 * Reads our facts about the query service's types (`schemas/vcd-api.query-types.json`): the query
 * types whose record element does not follow the naming rule, the reference elements that do not,
 * and the record elements that are no query type's, each with its evidence. The map itself is
 * derived from the schema set (generator/model/query-types.ts).
 */
import { resolve } from "node:path";
import { parseJson } from "../config/schema-set-config.js";
import {
  GeneratorError,
  fileStart,
  type SourceLocation,
} from "../diagnostics.js";
import { PACKAGE_ROOT } from "../package-root.js";
import { readInputFile, type ReadText } from "../read-input-file.js";
import { locateJsonPath } from "./json-location.js";

export const DEFAULT_QUERY_TYPE_FACTS = resolve(
  PACKAGE_ROOT,
  "schemas/vcd-api.query-types.json",
);

export interface QueryTypeFacts {
  /** Record element (`vcloud:OrgRecord`) -> its query type (`organization`). */
  readonly names: ReadonlyMap<string, string>;
  /** Record element -> its reference and references elements, where they do not follow the rule. */
  readonly references: ReadonlyMap<
    string,
    { readonly reference: string; readonly references: string }
  >;
  /** Packaged query (`GET /vApps/query`) -> the query type whose records it answers. */
  readonly packaged: ReadonlyMap<string, string>;
  /** Record elements that are no query type's, with why. */
  readonly none: ReadonlyMap<string, string>;
  /** Where each fact is written (by record element). */
  readonly sources: ReadonlyMap<string, SourceLocation>;
}

const PREFIXED = /^[a-z][\w-]*:[A-Z]\w*Record$/;
const ELEMENT = /^[a-z][\w-]*:[A-Z]\w*$/;
const QUERY_TYPE = /^[a-z][A-Za-z]*$/;

export function readQueryTypeFacts(
  file = DEFAULT_QUERY_TYPE_FACTS,
  read: ReadText = readInputFile,
): QueryTypeFacts {
  const text = read(file);
  const json = parseJson(file, text) as Record<string, unknown>;
  const sources = new Map<string, SourceLocation>();
  const section = (key: string): [string, unknown][] => {
    const value = json[key];
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw new GeneratorError(
        `"${key}" must be an object by record element`,
        fileStart(file),
        key,
      );
    return Object.entries(value).map(([element, fact]) => {
      const at = locateJsonPath(file, text, [key, element]);
      if (!PREFIXED.test(element))
        throw new GeneratorError(
          `"${element}" must be a record element's prefixed name (vcloud:OrgRecord)`,
          at,
          `${key}.${element}`,
        );
      sources.set(element, at);
      return [element, fact];
    });
  };
  const field = (
    key: string,
    element: string,
    fact: unknown,
    name: string,
    pattern: RegExp,
  ): string => {
    const value = (fact as Record<string, unknown> | null)?.[name];
    if (typeof value !== "string" || !pattern.test(value))
      throw new GeneratorError(
        `"${name}" must be ${pattern === QUERY_TYPE ? "a query type name (organization)" : pattern === ELEMENT ? "a prefixed element name" : "evidence text"}`,
        sources.get(element)!,
        `${key}.${element}.${name}`,
      );
    return value;
  };
  const EVIDENCE = /\S/;
  const names = new Map(
    section("names").map(([element, fact]) => {
      field("names", element, fact, "evidence", EVIDENCE);
      return [element, field("names", element, fact, "type", QUERY_TYPE)];
    }),
  );
  const references = new Map(
    section("references").map(([element, fact]) => {
      field("references", element, fact, "evidence", EVIDENCE);
      return [
        element,
        {
          reference: field("references", element, fact, "reference", ELEMENT),
          references: field("references", element, fact, "references", ELEMENT),
        },
      ];
    }),
  );
  const none = new Map(
    section("none").map(([element, why]) => {
      if (typeof why !== "string" || !EVIDENCE.test(why))
        throw new GeneratorError(
          `must say why the record is no query type's`,
          sources.get(element)!,
          `none.${element}`,
        );
      return [element, why];
    }),
  );
  const packaged = new Map<string, string>();
  const raw = json.packaged ?? {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw new GeneratorError(
      `"packaged" must be an object by operation`,
      fileStart(file),
      "packaged",
    );
  for (const [operation, fact] of Object.entries(raw)) {
    const at = locateJsonPath(file, text, ["packaged", operation]);
    sources.set(operation, at);
    if (!/^GET \/\S*query$/.test(operation))
      throw new GeneratorError(
        `"${operation}" must be a packaged query's id (GET /vApps/query)`,
        at,
        `packaged.${operation}`,
      );
    field("packaged", operation, fact, "evidence", EVIDENCE);
    packaged.set(
      operation,
      field("packaged", operation, fact, "type", QUERY_TYPE),
    );
  }
  return { names, references, packaged, none, sources };
}
