/**
 * vcd-codegen runtime, simulator: the shape of seed data (plain JSON): organizations with their users,
 * networks, VDCs and catalogs of vApp templates. Ids are not part of it: the store draws them.
 */
import { readFileSync } from "node:fs";

/** The predefined roles of vCD the simulator knows. */
export type RoleName =
  | "System Administrator"
  | "Organization Administrator"
  | "Catalog Author"
  | "vApp Author"
  | "vApp User"
  | "Console Access Only";

export const ROLE_NAMES: readonly RoleName[] = [
  "System Administrator",
  "Organization Administrator",
  "Catalog Author",
  "vApp Author",
  "vApp User",
  "Console Access Only",
];

export interface SeedData {
  readonly orgs: readonly SeedOrg[];
  /** vCenter servers registered to the cloud, with their inventory (the provider API reads it). */
  readonly vcenters?: readonly SeedVCenter[];
  /** vCenter servers that exist but are not registered: `registervimserver` adds one of them (by URL, with its credentials). */
  readonly unregisteredVcenters?: readonly SeedVCenter[];
  /** Provider VDCs, each backed by a resource pool of a registered vCenter; org VDCs name theirs (`SeedVdc.providerVdc`). */
  readonly providerVdcs?: readonly SeedProviderVdc[];
  /** Network pools of registered vCenters (VLAN, port group or VXLAN backed); provider VDCs and org VDCs name theirs. */
  readonly networkPools?: readonly SeedNetworkPool[];
  /** Many vApps built straight into the store (store/fill-at-scale.ts): for tests and benchmarks at scale. */
  readonly scale?: SeedScale;
}

/** `vapps` vApps of `vmsPerVApp` VMs each (default 1), in the VDC `vdc` of the organization `org` (default: the first organization with a VDC, its first VDC). */
export interface SeedScale {
  readonly vapps: number;
  readonly vmsPerVApp?: number;
  readonly org?: string;
  readonly vdc?: string;
}

export interface SeedOrg {
  readonly name: string;
  readonly fullName: string;
  readonly description?: string;
  readonly users: readonly SeedUser[];
  readonly networks?: readonly SeedNetwork[];
  readonly vdcs?: readonly SeedVdc[];
  readonly catalogs?: readonly SeedCatalog[];
}

export interface SeedUser {
  readonly name: string;
  readonly password: string;
  readonly role: RoleName;
  readonly fullName?: string;
}

export interface SeedNetwork {
  readonly name: string;
  readonly fenceMode: "bridged" | "isolated" | "natRouted";
  readonly gateway: string;
  readonly netmask: string;
}

export interface SeedVdc {
  readonly name: string;
  /** Names of the organization's networks this VDC offers. */
  readonly networks?: readonly string[];
  /** The provider VDC (by name, of `SeedData.providerVdcs`) it lives on. */
  readonly providerVdc?: string;
  /** Its storage profiles, of its provider VDC's (default: each of them, unlimited, the first the default). */
  readonly storageProfiles?: readonly SeedVdcStorageProfile[];
  /** The network pool (by name, of `SeedData.networkPools`) its networks draw from. */
  readonly networkPool?: string;
}

/** An org VDC's storage profile: a provider VDC storage profile (by name) and the VDC's limit. */
export interface SeedVdcStorageProfile {
  readonly name: string;
  /** MB; 0 (the default) is unlimited. */
  readonly limitMb?: number;
  readonly enabled?: boolean;
  /** The VDC's default profile (default: the first listed). */
  readonly default?: boolean;
}

export interface SeedCatalog {
  readonly name: string;
  readonly description?: string;
  readonly items: readonly SeedCatalogItem[];
}

export interface SeedCatalogItem {
  readonly name: string;
  /** The VDC (by name) that stores the template. */
  readonly vdc: string;
  readonly template: SeedTemplate;
}

export interface SeedTemplate {
  readonly name: string;
  readonly description?: string;
  readonly vms: readonly SeedVm[];
}

export interface SeedVm {
  readonly name: string;
  readonly cpus: number;
  readonly memoryMb: number;
  /** vSphere guest id (`otherLinux64Guest`) and the OVF operating system id (`ovf:id`). */
  readonly osType: string;
  readonly osId: number;
  readonly diskMb: number;
  /** The network (by name) its one NIC connects to. */
  readonly network?: string;
}

/**
 * A vCenter server and its inventory as vSphere names things: managed object references (`moref`,
 * `resgroup-8`, `datastore-11`, `dvportgroup-21`, `vm-31`) and names.
 */
export interface SeedVCenter {
  readonly name: string;
  /** Its URL (`https://vc1.example.com:443`): what `registervimserver` names it by. */
  readonly url: string;
  readonly username: string;
  /** Checked by `registervimserver` (for an unregistered vCenter). */
  readonly password?: string;
  /** Its instance UUID (`Uuid` of the `VimServer`). */
  readonly uuid: string;
  readonly version?: string;
  readonly resourcePools: readonly SeedResourcePool[];
  readonly datastores: readonly SeedDatastore[];
  /** Port groups (distributed or standard): what external networks are made from. */
  readonly networks: readonly SeedPortGroup[];
  readonly storageProfiles: readonly SeedStorageProfile[];
  /** VMs of its inventory that vCD does not manage: what `importVmAsVApp` imports. */
  readonly vms?: readonly SeedVcVm[];
  /** Its ESXi hosts (`hostReferences`). */
  readonly hosts?: readonly SeedHost[];
  /** Files on its datastores (ISO and floppy images): what `importMedia` imports. */
  readonly files?: readonly SeedDatastoreFile[];
  /** Its distributed switches: what VLAN and VXLAN network pools are made on. */
  readonly switches?: readonly SeedSwitch[];
}

export interface SeedHost {
  readonly moref: string;
  /** Its name in vCenter (`esx-01.example.com`). */
  readonly name: string;
  readonly cpuType: string;
  readonly cpuCores: number;
  /** Total CPU (MHz) and memory (MB). */
  readonly cpuMhz: number;
  readonly memoryMb: number;
  readonly osVersion: string;
}

export interface SeedDatastoreFile {
  /** The datastore (by moref) it is on. */
  readonly datastore: string;
  /** Its path on the datastore (`iso/centos-7.iso`). */
  readonly path: string;
  readonly sizeBytes: number;
}

export interface SeedSwitch {
  readonly moref: string;
  readonly name: string;
}

export interface SeedResourcePool {
  readonly moref: string;
  readonly name: string;
  /** Capacity a provider VDC on it offers. */
  readonly cpuMhz: number;
  readonly memoryMb: number;
  /** The datastores (by moref) its hosts see. */
  readonly datastores: readonly string[];
}

export interface SeedDatastore {
  readonly moref: string;
  readonly name: string;
  readonly capacityMb: number;
  readonly freeMb: number;
}

export interface SeedPortGroup {
  readonly moref: string;
  readonly name: string;
  /** `DV_PORTGROUP` or `NETWORK` (a standard port group). */
  readonly type: "DV_PORTGROUP" | "NETWORK";
}

export interface SeedStorageProfile {
  readonly name: string;
  readonly moref: string;
  /** The datastores (by moref) it places on. */
  readonly datastores: readonly string[];
}

export interface SeedVcVm {
  readonly moref: string;
  readonly name: string;
  readonly cpus: number;
  readonly memoryMb: number;
  readonly diskMb: number;
  readonly osType: string;
  readonly osId: number;
}

export interface SeedProviderVdc {
  readonly name: string;
  readonly description?: string;
  /** The vCenter (by name) and its resource pool (by moref) backing it. */
  readonly vcenter: string;
  readonly resourcePool: string;
  /** Storage profiles (by name) of the vCenter it offers. */
  readonly storageProfiles: readonly string[];
  /** Network pools (by name, of `SeedData.networkPools`) it uses. */
  readonly networkPools?: readonly string[];
}

/**
 * A network pool of a registered vCenter (by name): `vlan` (VLAN ranges of a distributed switch),
 * `portgroup` (port groups, by moref) or `vxlan` (a distributed switch).
 */
export interface SeedNetworkPool {
  readonly name: string;
  readonly description?: string;
  readonly vcenter: string;
  readonly type: "vlan" | "portgroup" | "vxlan";
  /** The distributed switch (by moref) of a `vlan` or `vxlan` pool. */
  readonly switch?: string;
  /** A `vlan` pool's VLAN ids, each range inside 1..4094. */
  readonly vlanRanges?: readonly {
    readonly start: number;
    readonly end: number;
  }[];
  /** A `portgroup` pool's port groups (by moref). */
  readonly portGroups?: readonly string[];
}

/** The seed itself, or read from a JSON file. */
export function loadSeed(seed: SeedData | string): SeedData {
  if (typeof seed !== "string") return seed;
  const data = JSON.parse(readFileSync(seed, "utf8")) as SeedData;
  if (!Array.isArray(data?.orgs))
    throw new Error(`${seed}: a seed needs "orgs" (a list)`);
  return data;
}
