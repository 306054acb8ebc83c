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

/** The seed itself, or read from a JSON file. */
export function loadSeed(seed: SeedData | string): SeedData {
  if (typeof seed !== "string") return seed;
  const data = JSON.parse(readFileSync(seed, "utf8")) as SeedData;
  if (!Array.isArray(data?.orgs))
    throw new Error(`${seed}: a seed needs "orgs" (a list)`);
  return data;
}
