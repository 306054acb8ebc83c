/** vcd-codegen runtime, simulator: every query type the simulator answers, by its `type=` name. */
import { ADMIN_QUERY_TYPES } from "./admin-types.js";
import { ORG_QUERY_TYPES } from "./org-types.js";
import type { QueryType } from "./rows.js";
import { VAPP_QUERY_TYPES } from "./vapp-types.js";

/** Types the store holds nothing of yet: they answer empty results. */
const EMPTY_TYPES: readonly QueryType[] = [
  {
    name: "disk",
    record: "vcloud:DiskRecord",
    reference: "vcloud:DiskReference",
    references: "vcloud:DiskReferences",
    entityType: "application/vnd.vmware.vcloud.disk+xml",
    access: "user",
    rows: () => [],
  },
  {
    name: "media",
    record: "vcloud:MediaRecord",
    reference: "vcloud:MediaReference",
    references: "vcloud:MediaReferences",
    entityType: "application/vnd.vmware.vcloud.media+xml",
    access: "user",
    rows: () => [],
  },
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
