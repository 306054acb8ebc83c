/** vcd-codegen runtime, simulator: every query type the simulator answers, by its `type=` name. */
import { ADMIN_QUERY_TYPES } from "./admin-types.js";
import { ORG_QUERY_TYPES } from "./org-types.js";
import { queryType as queryTypeOf, type QueryType } from "./rows.js";
import { VAPP_QUERY_TYPES } from "./vapp-types.js";

/** Types the store holds nothing of yet: they answer empty results. */
const EMPTY_TYPES: readonly QueryType[] = [
  queryTypeOf(
    "disk",
    "Disk",
    "Disk",
    "application/vnd.vmware.vcloud.disk+xml",
    "user",
    () => [],
  ),
  queryTypeOf(
    "media",
    "Media",
    "Media",
    "application/vnd.vmware.vcloud.media+xml",
    "user",
    () => [],
  ),
];

export const QUERY_TYPES: readonly QueryType[] = [
  ...VAPP_QUERY_TYPES,
  ...ORG_QUERY_TYPES,
  ...ADMIN_QUERY_TYPES,
  ...EMPTY_TYPES,
];

export function queryType(name: string): QueryType | undefined {
  return QUERY_TYPES.find((q) => q.name === name);
}

export { FORMATS, runQuery } from "./service.js";
export type { QueryType } from "./rows.js";
