/**
 * vcd-codegen runtime, simulator: the query types of the schema set that the simulator keeps no
 * state for (edge gateways, provider VDCs, storage profiles, events, ...): each answers an
 * empty page (total 0) of its own record element, as vCD answers a query that matches nothing.
 *
 * A query type is named by its record element (`vcloud:<Base>Record` of a
 * `vcloud:QueryResult<Base>RecordType`): `<Base>` with its leading capital, or its leading acronym
 * but the last letter, in lower case (`VAppRecord` -> `vApp`, `VMRecord` -> `vm`, `AdminVMRecord` ->
 * `adminVM`, `DvSwitchRecord` -> `dvSwitch`), as the jclouds samples' query list links them
 * (../shared/vcd-samples/jclouds-labs-vcloud-director/query/queryList.xml); the few that differ
 * are below, with pyvcloud's `ResourceType` (pyvcloud/vcd/client.py) as evidence. The internal
 * licensing and CBM records are no query type's (neither the guide nor pyvcloud names one).
 * Its references are `vcloud:<Base>References` where the set has them, else `vcloud:References`.
 */
import type { SchemaData } from "../../runtime/xml/index.js";
import { queryType, type QueryType } from "./rows.js";

const IRREGULAR: Readonly<Record<string, string>> = {
  Org: "organization", // ResourceType.ORGANIZATION
  AdminVdc: "adminOrgVdc", // ResourceType.ADMIN_ORG_VDC
  VMWProviderVdc: "providerVdc", // ResourceType.PROVIDER_VDC
  Network: "externalNetwork", // ResourceType.EXTERNAL_NETWORK
  AdminVmDiskRelation: "adminVMDiskRelation", // ResourceType.ADMIN_VM_DISK_RELATION
  ResourcePoolVM: "resourcePoolVmList", // ResourceType.RESOURCE_POOL_VM_LIST
};

const INTERNAL = new Set([
  "LicensingReport",
  "LicensingReportSample",
  "LicensingManagedServer",
  "LicensingVirtualMachine",
  "AdminEventCBM",
]);

/** `VApp` -> `vApp`, `VM` -> `vm`, `AdminVM` -> `adminVM`, `OrgVdc` -> `orgVdc`. */
export function queryTypeName(base: string): string {
  const irregular = IRREGULAR[base];
  if (irregular) return irregular;
  const run = /^[A-Z]+/.exec(base)?.[0].length ?? 0;
  if (run === base.length) return base.toLowerCase();
  const lower = Math.max(1, run - 1);
  return base.slice(0, lower).toLowerCase() + base.slice(lower);
}

/** Every query type of the schema set not in `kept`, answering empty pages. */
export function emptyQueryTypes(
  schema: SchemaData,
  kept: ReadonlySet<string>,
): QueryType[] {
  const out: QueryType[] = [];
  for (const [element, data] of Object.entries(schema.elements)) {
    const base = /^vcloud:(\w+)Record$/.exec(element)?.[1];
    if (!base || INTERNAL.has(base)) continue;
    if (data.type !== `vcloud:QueryResult${base}RecordType`) continue;
    const name = queryTypeName(base);
    if (kept.has(name)) continue;
    out.push(
      queryType(
        name,
        base,
        base,
        "application/vnd.vmware.vcloud.entity+xml",
        base.startsWith("Admin") ? "admin" : "user",
        () => [],
      ),
    );
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
