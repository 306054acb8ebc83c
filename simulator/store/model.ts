/**
 * vcd-codegen runtime, simulator: the records the store keeps. Plain data; hrefs and links are the
 * handlers' business. A VM keeps its modifiable sections as the schema's values (without href and
 * links), so that what a client PUTs is what it reads back.
 */

export type Value = Record<string, unknown>;

export interface Org {
  readonly id: string;
  name: string;
  fullName: string;
  description?: string;
  enabled: boolean;
  /** `OrgGeneralSettings` content as last PUT (defaults when absent). */
  general?: Value;
}

export interface User {
  readonly id: string;
  readonly orgId: string;
  name: string;
  password: string;
  /** The name of its role (a predefined one, or one created through the API). */
  role: string;
  fullName?: string;
  email?: string;
  enabled?: boolean;
}

export interface Group {
  readonly id: string;
  readonly orgId: string;
  name: string;
  description?: string;
  /** The name of the role its members get. */
  role?: string;
}

export interface Role {
  readonly id: string;
  /** The organization it belongs to; none for vCD's predefined roles, which every organization has. */
  readonly orgId?: string;
  name: string;
  description?: string;
  /** The names of its rights. */
  rights: string[];
  /** vCD's predefined roles cannot be changed. */
  readonly readOnly: boolean;
}

export interface Network {
  readonly id: string;
  readonly orgId: string;
  name: string;
  fenceMode: string;
  gateway: string;
  netmask: string;
  description?: string;
  /** The VDC it belongs to (created ones; seeded ones are found through the VDC's `networkIds`). */
  vdcId?: string;
  /** Its `Configuration` as created or last PUT (store/org-networks.ts); absent for seeded ones. */
  config?: Value;
  /** The edge gateway a natRouted network is routed through. */
  edgeGatewayId?: string;
  /** The external network a bridged network is connected to (its `ParentNetwork`). */
  parentNetworkId?: string;
  shared?: boolean;
  /** False while the task creating it runs (status 0). */
  ready?: boolean;
}

/** An edge gateway of a VDC (store/edge-gateways.ts). */
export interface EdgeGateway {
  readonly id: string;
  readonly orgId: string;
  readonly vdcId: string;
  name: string;
  description?: string;
  /** Its `Configuration` (GatewayConfiguration) without `EdgeGatewayServiceConfiguration`. */
  config: Value;
  /** Its services as `configureServices` last set them (EdgeGatewayServiceConfiguration content). */
  services?: Value;
  /** False while the task creating it runs. */
  ready?: boolean;
}

export interface Vdc {
  readonly id: string;
  readonly orgId: string;
  name: string;
  networkIds: string[];
  description?: string;
  /** `AllocationVApp` (the default), `AllocationPool`, `ReservationPool` or `Flex`. */
  allocationModel?: string;
  cpuLimitMhz?: number;
  memoryLimitMb?: number;
  enabled?: boolean;
  /** False while the task creating it runs (status 0). */
  ready?: boolean;
  /** The provider VDC it lives on (provider/model.ts). */
  providerVdcId?: string;
  /** Its storage profiles (store/storage.ts); none for a VDC on no provider VDC (its storage is not limited). */
  storageProfiles?: VdcStorageProfile[];
  /** The network pool its networks draw from (provider/model.ts). */
  networkPoolId?: string;
}

/**
 * A storage profile of an org VDC: a provider VDC's storage profile (by name) with the VDC's limit.
 * What it holds is computed from the store (store/storage.ts), never kept.
 */
export interface VdcStorageProfile {
  readonly id: string;
  /** The provider VDC storage profile's name (`Gold`). */
  readonly name: string;
  /** MB; 0 is unlimited (VdcStorageProfileParams' `Limit`: "A value of 0 specifies unlimited Units"). */
  limitMb: number;
  enabled: boolean;
  /** Where what names no profile of its own is placed (one per VDC). */
  default: boolean;
}

export interface Catalog {
  readonly id: string;
  readonly orgId: string;
  name: string;
  description?: string;
  itemIds: string[];
  /** Its owner (default: the organization's first user). */
  ownerId?: string;
  readonly created: string;
  /** Published to the other organizations (`action/publish`, PublishCatalogParams). */
  published?: boolean;
}

export interface CatalogItem {
  readonly id: string;
  catalogId: string;
  name: string;
  description?: string;
  /** The vApp template it holds; for a media item (`media`), the media image. */
  readonly templateId: string;
  /** It holds a media image (`templateId` is the media's id). */
  readonly media?: true;
}

/** A media image (ISO or floppy) of a VDC, uploaded through a catalog. */
export interface Media {
  readonly id: string;
  readonly orgId: string;
  readonly vdcId: string;
  name: string;
  description?: string;
  /** `iso`, `floppy` or `other`. */
  readonly imageType: string;
  /** Bytes, as the upload declared them. */
  readonly size: number;
  /** UNRESOLVED (0) while it is uploaded, RESOLVED (1) once complete, FAILED_CREATION (-1). */
  status: number;
  ownerId: string;
  readonly created: string;
  /** Its upload's transfer (open while uploading; its bytes after). */
  transferId?: string;
  /** The transfer serving its download, while enabled. */
  downloadId?: string;
}

/** vCD's status codes of vApps, VMs and templates. */
export const Status = {
  FAILED_CREATION: -1,
  UNRESOLVED: 0,
  RESOLVED: 1,
  SUSPENDED: 3,
  POWERED_ON: 4,
  POWERED_OFF: 8,
  MIXED: 10,
} as const;

export interface Vm {
  readonly id: string;
  /** The vApp or template holding it. */
  parentId: string;
  name: string;
  description?: string;
  status: number;
  deployed: boolean;
  cpus: number;
  memoryMb: number;
  diskMb: number;
  osType: string;
  osId: number;
  needsCustomization: boolean;
  /** `vcloud:GuestCustomizationSection` content. */
  guest: Value;
  /** `vcloud:NetworkConnectionSection` content. */
  network: Value;
  /** `ovf:ProductSection` values. */
  products: Value[];
  /** Its hard disks (RASD items of resource type 17); absent: one disk of `diskMb` (instance 2000). */
  hardDisks?: HardDisk[];
  /** The storage profile it is placed on (a reference of the VDC's), if one was set. */
  storageProfile?: { readonly href: string; readonly name: string };
  /** Its one snapshot (vCD keeps at most one per VM). */
  snapshot?: Snapshot;
  /** The media image inserted into it (`insertMedia`), if any. */
  mediaId?: string;
}

export interface HardDisk {
  readonly instanceId: number;
  readonly sizeMb: number;
}

export interface Snapshot {
  readonly created: string;
  /** Taken with the memory of a running VM: reverting leaves it running. */
  readonly poweredOn: boolean;
  /** Bytes. */
  readonly size: number;
  /** What reverting restores. */
  readonly cpus: number;
  readonly memoryMb: number;
}

/** An independent disk of a VDC, attached to at most one VM. */
export interface Disk {
  readonly id: string;
  readonly orgId: string;
  readonly vdcId: string;
  name: string;
  description?: string;
  /** Size in bytes. */
  size: number;
  busType?: string;
  busSubType?: string;
  ownerId: string;
  /** UNRESOLVED while its creation task runs, then RESOLVED. */
  status: number;
  /** The VM it is attached to, if any. */
  attachedVmId?: string;
}

export interface VApp {
  readonly id: string;
  readonly orgId: string;
  readonly vdcId: string;
  name: string;
  description?: string;
  status: number;
  deployed: boolean;
  ownerId: string;
  readonly created: string;
  vms: Vm[];
  /** Names of its vApp networks (the `networkName`s of its NetworkConfigSection). */
  networks: string[];
  /** Its NetworkConfigSection as instantiation, compose or a PUT left it (absent: one bridged network per name). */
  networkConfig?: VAppNetwork[];
}

/** A vApp network: a `NetworkConfig` of the vApp's NetworkConfigSection (store/vapp-network-rules.ts). */
export interface VAppNetwork {
  readonly name: string;
  /** The org VDC network it is bridged or routed to (`ParentNetwork`; bridged and natRouted). */
  readonly parentId?: string;
  /** The `NetworkConfig` content, without its `networkName` and `Configuration.ParentNetwork`. */
  readonly config: Value;
}

export interface VAppTemplate {
  readonly id: string;
  readonly orgId: string;
  readonly vdcId: string;
  name: string;
  description?: string;
  ownerId: string;
  readonly created: string;
  vms: Vm[];
  /** Absent: resolved (POWERED_OFF, 8). UNRESOLVED (0) while its OVF package is uploaded; FAILED_CREATION (-1) when that failed. */
  status?: number;
  /** The transfer of its uploaded OVF package (transfer/transfers.ts): its `Files` while it is open, its bytes after. */
  transferId?: string;
  /** False until the upload's descriptor is PUT (`ovfDescriptorUploaded`). */
  ovfDescriptorUploaded?: boolean;
  /** An uploaded template's storage: the bytes its OVF descriptor declares for its files (`ovf:size`). */
  fileBytes?: number;
  /** The transfer serving its download, while enabled. */
  downloadId?: string;
}

export type TaskStatus = "queued" | "running" | "success" | "error" | "aborted";

/** What a task works on: rendered as its `Owner`. */
export interface EntityRef {
  readonly kind:
    | "vApp"
    | "vm"
    | "vAppTemplate"
    | "vdc"
    | "catalog"
    | "catalogItem"
    | "org"
    | "disk"
    | "media"
    | "providerVdc"
    | "vimServer"
    | "externalNetwork"
    | "networkPool"
    | "network"
    | "edgeGateway";
  readonly id: string;
  readonly name: string;
}

export interface Task {
  readonly id: string;
  readonly operationName: string;
  readonly operation: string;
  readonly owner: EntityRef;
  readonly orgId: string;
  readonly userId: string;
  readonly created: number;
  readonly startTime: string;
  endTime?: string;
  status: TaskStatus;
  progress: number;
  polls: number;
  /** Set when the task was told to fail (`failNextTask`). */
  readonly failWith?: string;
  errorMessage?: string;
  /** An extension service's namespace, for a task it posted (else vCD's `com.vmware.vcloud`). */
  readonly serviceNamespace?: string;
}

/** The access settings of a vApp, template or catalog (see access.ts for their rules). */
export type AccessLevel = "ReadOnly" | "Change" | "FullControl";

export interface AccessSetting {
  readonly subject: { readonly kind: "user" | "group"; readonly id: string };
  readonly level: AccessLevel;
}

export interface AccessControl {
  readonly sharedToEveryone: boolean;
  readonly everyoneLevel?: AccessLevel;
  readonly settings: readonly AccessSetting[];
}

/** Metadata (see metadata.ts for its rules). */
export type Domain = "GENERAL" | "SYSTEM";
export type Visibility = "READWRITE" | "READONLY" | "PRIVATE";

export interface MetadataEntry {
  readonly domain: Domain;
  readonly visibility: Visibility;
  readonly key: string;
  /** The `TypedValue` as read (`$type` and `Value`). */
  readonly typed: Value;
}
