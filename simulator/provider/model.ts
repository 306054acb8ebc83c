/**
 * vcd-codegen runtime, simulator: what the provider API keeps: the vCenter servers registered to the
 * cloud with their inventory (from the seed: vCD does not create resource pools, datastores, port
 * groups or storage profiles, it discovers them), and the provider VDCs made of their resource pools.
 */
import type {
  SeedDatastore,
  SeedDatastoreFile,
  SeedHost,
  SeedPortGroup,
  SeedResourcePool,
  SeedStorageProfile,
  SeedSwitch,
  SeedVcVm,
} from "../store/seed.js";

export interface VimServer {
  readonly id: string;
  /** Name, URL and user name: what a `PUT` of it changes (provider/vcenters.ts). */
  name: string;
  url: string;
  username: string;
  readonly uuid: string;
  readonly version: string;
  enabled: boolean;
  readonly resourcePools: readonly SeedResourcePool[];
  readonly datastores: readonly SeedDatastore[];
  readonly networks: readonly SeedPortGroup[];
  readonly storageProfiles: readonly SeedStorageProfile[];
  /** The files of its datastores (what `importMedia` imports). */
  readonly files: readonly SeedDatastoreFile[];
  /** Its ESXi hosts, each with the id its `/admin/extension/host/{id}` names it by. */
  readonly hosts: readonly VimHost[];
  /** The VMs of its inventory not yet imported (an import takes one out). */
  vms: SeedVcVm[];
  /** Its distributed switches (VLAN and VXLAN network pools are made on them). */
  readonly switches: readonly SeedSwitch[];
}

/** An ESXi host of a vCenter (from the seed). */
export interface VimHost extends SeedHost {
  readonly id: string;
}

export interface ProviderVdc {
  readonly id: string;
  name: string;
  description?: string;
  readonly vimServerId: string;
  /** The moref of its primary resource pool (the one it was created from). */
  readonly resourcePool: string;
  /** The morefs of its secondary resource pools (`updateResourcePools`, `merge`). */
  secondaryPools: string[];
  /** The names of the vCenter's storage profiles it offers. */
  storageProfiles: string[];
  enabled: boolean;
  /** False while the task creating it runs (status 0). */
  ready: boolean;
}

/** An external network: a port group of a registered vCenter made available to the cloud. */
export interface ExternalNetwork {
  readonly id: string;
  name: string;
  description?: string;
  readonly vimServerId: string;
  /** The port group's moref and vSphere type (`DV_PORTGROUP`, `NETWORK`). */
  readonly portGroup: string;
  readonly portGroupType: string;
  /** Its `Configuration` as created or last PUT (IpScopes), without FenceMode and links. */
  configuration: Record<string, unknown>;
  /** False while the task creating it runs. */
  ready?: boolean;
}

/** `vlan`: VlanPoolType; `portgroup`: PortGroupPoolType; `vxlan`: VxlanPoolType (vmwextensions.xsd). */
export type NetworkPoolKind = "vlan" | "portgroup" | "vxlan";

/** A range of VLAN ids, both ends included. */
export interface VlanRange {
  readonly start: number;
  readonly end: number;
}

/** A network pool: where the networks of org VDCs (isolated, routed) and vApps get their backing. */
export interface NetworkPool {
  readonly id: string;
  name: string;
  description?: string;
  readonly kind: NetworkPoolKind;
  readonly vimServerId: string;
  /** The distributed switch (moref) of a VLAN or VXLAN pool. */
  switch?: string;
  /** A VLAN pool's ranges. */
  vlanRanges: readonly VlanRange[];
  /** A port group pool's port groups (morefs). */
  portGroups: readonly string[];
  /** The provider VDCs it is assigned to (the seed's, or a provider VDC's `NetworkPool`). */
  readonly providerVdcIds: string[];
  /** False while the task creating it runs. */
  ready: boolean;
}
