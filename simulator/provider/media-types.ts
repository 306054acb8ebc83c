/** vcd-codegen runtime, simulator: the media types of the provider API's representations (vmwextensions.xsd's content-type annotations). */
export const PROVIDER_MT = {
  extension: "application/vnd.vmware.admin.vmwExtension+xml",
  registerVimServer: "application/vnd.vmware.admin.registerVimServerParams+xml",
  vimServer: "application/vnd.vmware.admin.vmwvirtualcenter+xml",
  vimServerReferences:
    "application/vnd.vmware.admin.vmwVimServerReferences+xml",
  resourcePoolList: "application/vnd.vmware.admin.resourcePoolList+xml",
  networks: "application/vnd.vmware.admin.vimServerNetworks+xml",
  storageProfiles: "application/vnd.vmware.admin.vmwStorageProfiles+xml",
  vmsList: "application/vnd.vmware.admin.vmsObjectRefsList+xml",
  providerVdc: "application/vnd.vmware.admin.vmwprovidervdc+xml",
  adminProviderVdc: "application/vnd.vmware.admin.providervdc+xml",
  providerVdcReferences:
    "application/vnd.vmware.admin.vmwProviderVdcReferences+xml",
  createProviderVdc: "application/vnd.vmware.admin.createProviderVdcParams+xml",
  vdcReferences: "application/vnd.vmware.admin.vdcReferences+xml",
  importVmAsVApp: "application/vnd.vmware.admin.importVmAsVAppParams+xml",
  importVm: "application/vnd.vmware.admin.importVmParams+xml",
  importVmAsVAppTemplate:
    "application/vnd.vmware.admin.importVmAsVAppTemplateParams+xml",
  importMedia: "application/vnd.vmware.admin.importMediaParams+xml",
  hostReferences: "application/vnd.vmware.admin.vmwHostReferences+xml",
  host: "application/vnd.vmware.admin.host+xml",
  resourcePoolSet:
    "application/vnd.vmware.admin.vmwProviderVdcResourcePoolSet+xml",
  resourcePool: "application/vnd.vmware.admin.vmwProviderVdcResourcePool+xml",
  updateResourcePools:
    "application/vnd.vmware.admin.resourcePoolSetUpdateParams+xml",
  updateStorageProfiles:
    "application/vnd.vmware.admin.updateProviderVdcStorageProfiles+xml",
  mergeProviderVdcs: "application/vnd.vmware.admin.providerVdcMergeParams+xml",
  pvdcStorageProfile: "application/vnd.vmware.admin.pvdcStorageProfile+xml",
} as const;

/** Paths of the provider API's entities (below `/api`). */
export const providerPaths = {
  vimServer: (id: string): string => `/admin/extension/vimServer/${id}`,
  providerVdc: (id: string): string => `/admin/extension/providervdc/${id}`,
  adminProviderVdc: (id: string): string => `/admin/providervdc/${id}`,
  host: (id: string): string => `/admin/extension/host/${id}`,
  /** A provider VDC storage profile: the provider VDC's id and the profile's name. */
  pvdcStorageProfile: (pvdcId: string, name: string): string =>
    `/admin/pvdcStorageProfile/${pvdcId}-${name}`,
  networkPool: (id: string): string => `/admin/extension/networkPool/${id}`,
  externalNetwork: (id: string): string => `/admin/extension/externalnet/${id}`,
} as const;

/** The media types of external networks. */
export const EXTERNAL_NETWORK_MT = {
  network: "application/vnd.vmware.admin.vmwexternalnet+xml",
  references: "application/vnd.vmware.admin.vmwExternalNetworkReferences+xml",
} as const;

/** The media types of network pools: the pool (GET, PUT), as the creation answers it, and their references. */
export const NETWORK_POOL_MT = {
  pool: "application/vnd.vmware.admin.vmwNetworkPool+xml",
  created: "application/vnd.vmware.admin.networkPool+xml",
  references: "application/vnd.vmware.admin.vmwNetworkPoolReferences+xml",
} as const;
