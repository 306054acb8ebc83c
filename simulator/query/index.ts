/** vcd-codegen runtime, simulator: every query type the simulator answers, by its `type=` name. */
import type { SchemaData } from "../../runtime/xml/index.js";
import { ADMIN_QUERY_TYPES } from "./admin-types.js";
import { DISK_QUERY_TYPES } from "./disk-types.js";
import { EDGE_GATEWAY_QUERY_TYPES } from "./edge-gateway-types.js";
import { emptyQueryTypes } from "./empty-types.js";
import { EVENT_QUERY_TYPES } from "./event-types.js";
import { MEDIA_QUERY_TYPES } from "./media-types.js";
import { ORG_QUERY_TYPES } from "./org-types.js";
import { PROVIDER_QUERY_TYPES } from "./provider-types.js";
import type { QueryType } from "./rows.js";
import { STORAGE_PROFILE_QUERY_TYPES } from "./storage-profile-types.js";
import { VAPP_QUERY_TYPES } from "./vapp-types.js";

/** The query types over what the store keeps. */
export const KEPT_QUERY_TYPES: readonly QueryType[] = [
  ...VAPP_QUERY_TYPES,
  ...ORG_QUERY_TYPES,
  ...ADMIN_QUERY_TYPES,
  ...DISK_QUERY_TYPES,
  ...MEDIA_QUERY_TYPES,
  ...EVENT_QUERY_TYPES,
  ...EDGE_GATEWAY_QUERY_TYPES,
  ...STORAGE_PROFILE_QUERY_TYPES,
  ...PROVIDER_QUERY_TYPES,
];

const byName = new WeakMap<SchemaData, ReadonlyMap<string, QueryType>>();

/**
 * Every query type of the schema set: those kept whose record the set has (a record removed
 * before the package's oldest version is no query type of it), then those answering empty pages.
 */
export function queryTypes(schema: SchemaData): ReadonlyMap<string, QueryType> {
  let types = byName.get(schema);
  if (!types) {
    const present = KEPT_QUERY_TYPES.filter((t) => t.record in schema.elements);
    const kept = new Set(present.map((t) => t.name));
    // a record whose own references the set lacks (ResourcePoolReferences before 36.0, most of
    // the empty types') is referenced as vcloud:References of vcloud:Reference
    types = new Map(
      [...present, ...emptyQueryTypes(schema, kept)].map((t) => [
        t.name,
        t.references in schema.elements
          ? t
          : {
              ...t,
              reference: "vcloud:Reference",
              references: "vcloud:References",
            },
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

export { FORMATS, mayRun, runQuery } from "./service.js";
export type { QueryType } from "./rows.js";
