/** vcd-codegen runtime, simulator: every query type the simulator answers, by its `type=` name. */
import type { SchemaData } from "../../runtime/xml/index.js";
import { ADMIN_QUERY_TYPES } from "./admin-types.js";
import { DISK_QUERY_TYPES } from "./disk-types.js";
import { emptyQueryTypes } from "./empty-types.js";
import { ORG_QUERY_TYPES } from "./org-types.js";
import type { QueryType } from "./rows.js";
import { VAPP_QUERY_TYPES } from "./vapp-types.js";

/** The query types over what the store keeps. */
export const KEPT_QUERY_TYPES: readonly QueryType[] = [
  ...VAPP_QUERY_TYPES,
  ...ORG_QUERY_TYPES,
  ...ADMIN_QUERY_TYPES,
  ...DISK_QUERY_TYPES,
];

const byName = new WeakMap<SchemaData, ReadonlyMap<string, QueryType>>();

/** Every query type of the schema set: those kept, then those answering empty pages. */
export function queryTypes(schema: SchemaData): ReadonlyMap<string, QueryType> {
  let types = byName.get(schema);
  if (!types) {
    const kept = new Set(KEPT_QUERY_TYPES.map((t) => t.name));
    types = new Map(
      [...KEPT_QUERY_TYPES, ...emptyQueryTypes(schema, kept)].map((t) => [
        t.name,
        t,
      ]),
    );
    byName.set(schema, types);
  }
  return types;
}

export function queryType(
  name: string,
  schema: SchemaData,
): QueryType | undefined {
  return queryTypes(schema).get(name);
}

export { FORMATS, runQuery } from "./service.js";
export type { QueryType } from "./rows.js";
