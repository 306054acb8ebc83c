/**
 * vcd-codegen runtime, simulator: the query types of the provider API, over what provider/ keeps
 * (the system administrator's alone, as the extension API is): `virtualCenter`, `resourcePool`,
 * `datastore`, `portgroup`, `dvSwitch` and `host` (the registered vCenters' inventory), `providerVdc`,
 * `providerVdcStorageProfile`, `externalNetwork` and `networkPool`. Each record's attributes are
 * those of its QueryResult*RecordType the store knows; the others are left out. `networkPoolType`
 * is 0 for a VLAN pool, 1 for a VXLAN (VNI) pool, 2 for a port group pool (what vCD's records say:
 * mondoohq's vcd.networkPool reference, "0=Vlan backed; 1=vNI backed; 2=Portgroup backed").
 */
import type { Ctx } from "../handlers/context.js";
import {
  EXTERNAL_NETWORK_MT,
  NETWORK_POOL_MT,
  PROVIDER_MT,
  providerPaths,
} from "../provider/media-types.js";
import type {
  NetworkPoolKind,
  ProviderVdc,
  VimServer,
} from "../provider/model.js";
import { ProviderVdcRules } from "../provider/provider-vdcs.js";
import { urn } from "../store/ids.js";
import { prefixOfNetmask } from "../store/ipv4.js";
import { orgVdcStorage } from "./storage-profile-types.js";
import {
  isBusy,
  queryType,
  refTo,
  type QueryType,
  type Ref,
  type Row,
  vcRef,
} from "./rows.js";
import { textOf } from "../store/document-values.js";
import { scopesOf } from "../store/vapp-network-rules.js";

const POOL_TYPE: Readonly<Record<NetworkPoolKind, number>> = {
  vlan: 0,
  vxlan: 1,
  portgroup: 2,
};

const servers = (ctx: Ctx): VimServer[] => [
  ...ctx.store.provider.vimServers.values(),
];

/** Rows of the System organization's, one per item of each registered vCenter. */
function perServer<T>(
  ctx: Ctx,
  items: (s: VimServer) => readonly T[],
  row: (s: VimServer, item: T, orgId: string) => Row,
): Row[] {
  const orgId = ctx.store.systemOrg().id;
  return servers(ctx).flatMap((s) => items(s).map((i) => row(s, i, orgId)));
}

const MB = 1024 * 1024;

/** The datastores of a vCenter whose moref `which` takes: how many, their capacity and what is used of it (MB). */
function storageOf(
  s: VimServer,
  which: (moref: string) => boolean | undefined,
): { count: number; totalMb: number; usedMb: number } {
  const stores = s.datastores.filter((d) => which(d.moref) === true);
  const totalMb = stores.reduce((n, d) => n + d.capacityMb, 0);
  const freeMb = stores.reduce((n, d) => n + d.freeMb, 0);
  return { count: stores.length, totalMb, usedMb: totalMb - freeMb };
}

/** The provider VDCs whose creation has ended (those the references list). */
const readyProviderVdcs = (ctx: Ctx): ProviderVdc[] =>
  [...ctx.store.provider.providerVdcs.values()].filter((p) => p.ready);

const pvdcRef = (ctx: Ctx, p: ProviderVdc): Ref =>
  refTo(ctx, providerPaths.providerVdc(p.id), "providervdc", p.id);

/** A vCenter's object as a row: its href is the vCenter's (the object has no href of its own). */
const inventoryRow = (
  ctx: Ctx,
  s: VimServer,
  moref: string,
  name: string,
  orgId: string,
  cells: Row["cells"],
): Row => ({
  orgId,
  href: ctx.hrefs.abs(providerPaths.vimServer(s.id)),
  urn: urn("vimserver", s.id),
  name,
  cells: {
    name,
    moref,
    vc: vcRef(ctx, s),
    vcName: s.name,
    ...cells,
  },
});

function virtualCenterRows(ctx: Ctx): Row[] {
  const orgId = ctx.store.systemOrg().id;
  return servers(ctx).map((s) => {
    const disk = storageOf(s, () => true);
    return {
      orgId,
      href: ctx.hrefs.abs(providerPaths.vimServer(s.id)),
      urn: urn("vimserver", s.id),
      name: s.name,
      cells: {
        name: s.name,
        url: s.url,
        userName: s.username,
        isEnabled: s.enabled,
        vcVersion: s.version,
        isBusy: isBusy(ctx, s.id),
        uuid: s.uuid,
        isSupported: true,
        clustersCount: s.resourcePools.length,
        totalCpuMhz: s.resourcePools.reduce((n, r) => n + r.cpuMhz, 0),
        totalMemMb: s.resourcePools.reduce((n, r) => n + r.memoryMb, 0),
        diskSizeBytes: disk.totalMb * MB,
        diskFreeBytes: (disk.totalMb - disk.usedMb) * MB,
      },
    };
  });
}

function providerVdcRows(ctx: Ctx): Row[] {
  const orgId = ctx.store.systemOrg().id;
  const rules = new ProviderVdcRules(ctx.store);
  return readyProviderVdcs(ctx).map((p) => {
    const server = rules.vimServerOf(p);
    const c = rules.capacity(p);
    const pools = rules.poolsOf(p);
    const disk = storageOf(server, (d) =>
      pools.some((r) => r.datastores.includes(d)),
    );
    return {
      orgId,
      href: ctx.hrefs.abs(providerPaths.providerVdc(p.id)),
      urn: urn("providervdc", p.id),
      name: p.name,
      cells: {
        name: p.name,
        isEnabled: p.enabled,
        isDeleted: false,
        cpuLimitMhz: c.cpuMhz,
        cpuAllocationMhz: c.cpuAllocatedMhz,
        memoryLimitMB: c.memoryMb,
        memoryAllocationMB: c.memoryAllocatedMb,
        storageLimitMB: disk.totalMb,
        storageUsedMB: disk.usedMb,
        numberOfDatastores: disk.count,
        numberOfVdcs: rules.vdcsOn(p).length,
        vcName: server.name,
        isBusy: isBusy(ctx, p.id),
        numberOfResourcePools: pools.length,
        numberOfStorageProfiles: p.storageProfiles.length,
      },
    };
  });
}

function requestedAndProvisioned(ctx: Ctx, p: ProviderVdc, name: string) {
  const { requestedMb, provisionedMb } = orgVdcStorage(ctx, p, name);
  return {
    storageRequestedMB: requestedMb,
    storageProvisionedMB: provisionedMb,
  };
}

function storageProfileRows(ctx: Ctx): Row[] {
  const orgId = ctx.store.systemOrg().id;
  const rules = new ProviderVdcRules(ctx.store);
  return readyProviderVdcs(ctx).flatMap((p) => {
    const server = rules.vimServerOf(p);
    return p.storageProfiles.map((name) => {
      const profile = server.storageProfiles.find((s) => s.name === name);
      const disk = storageOf(server, (d) => profile?.datastores.includes(d));
      return {
        orgId,
        // the provider VDC's storage profile href of its views (handlers/provider-vdcs.ts)
        href: ctx.hrefs.abs(providerPaths.pvdcStorageProfile(p.id, name)),
        urn: urn("providervdc", p.id),
        name,
        cells: {
          name,
          isEnabled: true,
          providerVdc: pvdcRef(ctx, p),
          vc: vcRef(ctx, server),
          storageProfileMoref: profile?.moref,
          storageTotalMB: disk.totalMb,
          storageUsedMB: disk.usedMb,
          // what its org VDCs' storage profiles of this name request and hold (store/storage.ts)
          ...requestedAndProvisioned(ctx, p, name),
        },
      };
    });
  });
}

function externalNetworkRows(ctx: Ctx): Row[] {
  const orgId = ctx.store.systemOrg().id;
  return [...ctx.store.provider.externalNetworks.values()].map((n) => {
    const scope = scopesOf(n.configuration)[0];
    return {
      orgId,
      href: ctx.hrefs.abs(providerPaths.externalNetwork(n.id)),
      urn: urn("network", n.id),
      name: n.name,
      cells: {
        name: n.name,
        gateway: textOf(scope?.Gateway),
        netmask: textOf(scope?.Netmask),
        subnetPrefixLength: prefixOfNetmask(scope?.Netmask),
        dns1: textOf(scope?.Dns1),
        dns2: textOf(scope?.Dns2),
        dnsSuffix: textOf(scope?.DnsSuffix),
        isBusy: isBusy(ctx, n.id),
      },
    };
  });
}

function networkPoolRows(ctx: Ctx): Row[] {
  const orgId = ctx.store.systemOrg().id;
  const state = ctx.store.provider;
  return [...state.networkPools.values()]
    .filter((p) => p.ready)
    .map((p) => {
      const server = state.vimServers.get(p.vimServerId);
      const dvSwitch = server?.switches.find((s) => s.moref === p.switch);
      return {
        orgId,
        href: ctx.hrefs.abs(providerPaths.networkPool(p.id)),
        urn: urn("networkpool", p.id),
        name: p.name,
        cells: {
          name: p.name,
          networkPoolType: POOL_TYPE[p.kind],
          vcName: server?.name,
          description: p.description,
          isVCEnabled: server?.enabled,
          isBusy: isBusy(ctx, p.id),
          dvSwitchNameList: dvSwitch?.name,
        },
      };
    });
}

const systemType = (
  name: string,
  record: string,
  reference: string,
  entityType: string,
  rows: (ctx: Ctx) => Row[],
): QueryType => queryType(name, record, reference, entityType, "system", rows);

export const PROVIDER_QUERY_TYPES: readonly QueryType[] = [
  systemType(
    "virtualCenter",
    "VirtualCenter",
    "VirtualCenter",
    PROVIDER_MT.vimServer,
    virtualCenterRows,
  ),
  systemType(
    "resourcePool",
    "ResourcePool",
    "ResourcePool",
    PROVIDER_MT.vimServer,
    (ctx) =>
      perServer(
        ctx,
        (s) => s.resourcePools,
        (s, r, orgId) => {
          const pvdc = ctx.store.provider.providerVdcOn(s.id, r.moref);
          return inventoryRow(ctx, s, r.moref, r.name, orgId, {
            isDeleted: false,
            isEnabled: true,
            isPrimary: pvdc?.resourcePool === r.moref,
            providerVdc: pvdc && pvdcRef(ctx, pvdc),
            providerName: pvdc?.name,
          });
        },
      ),
  ),
  systemType(
    "datastore",
    "Datastore",
    "Datastore",
    PROVIDER_MT.vimServer,
    (ctx) => {
      const rules = new ProviderVdcRules(ctx.store);
      return perServer(
        ctx,
        (s) => s.datastores,
        (s, d, orgId) =>
          inventoryRow(ctx, s, d.moref, d.name, orgId, {
            isEnabled: true,
            isDeleted: false,
            storageMB: d.capacityMb,
            storageUsedMB: d.capacityMb - d.freeMb,
            numberOfProviderVdcs: [
              ...ctx.store.provider.providerVdcs.values(),
            ].filter(
              (p) =>
                p.vimServerId === s.id &&
                rules.poolsOf(p).some((r) => r.datastores.includes(d.moref)),
            ).length,
          }),
      );
    },
  ),
  systemType(
    "portgroup",
    "Portgroup",
    "Portgroup",
    PROVIDER_MT.vimServer,
    (ctx) =>
      perServer(
        ctx,
        (s) => s.networks,
        (s, n, orgId) => {
          const external = [
            ...ctx.store.provider.externalNetworks.values(),
          ].find((e) => e.vimServerId === s.id && e.portGroup === n.moref);
          return inventoryRow(ctx, s, n.moref, n.name, orgId, {
            portgroupType: n.type,
            isVCEnabled: s.enabled,
            network:
              external &&
              refTo(
                ctx,
                providerPaths.externalNetwork(external.id),
                "network",
                external.id,
              ),
            networkName: external?.name,
          });
        },
      ),
  ),
  systemType("host", "Host", "Host", PROVIDER_MT.host, (ctx) =>
    perServer(
      ctx,
      (s) => s.hosts,
      (s, h, orgId) => ({
        orgId,
        href: ctx.hrefs.abs(providerPaths.host(h.id)),
        urn: urn("host", h.id),
        name: h.name,
        cells: {
          name: h.name,
          vc: vcRef(ctx, s),
          vcName: s.name,
          isEnabled: true,
          isDeleted: false,
          isBusy: false,
          isPrepared: true,
          isSupported: true,
          isHung: false,
          isPendingUpgrade: false,
          isCrossHostEnabled: true,
          isInMaintenanceMode: false,
          connectionState: "CONNECTED",
          osVersion: h.osVersion,
          // The simulator places no VM on a host (its VMs live in resource pools).
          numberOfVMs: 0,
        },
      }),
    ),
  ),
  systemType("dvSwitch", "DvSwitch", "DvSwitch", PROVIDER_MT.vimServer, (ctx) =>
    perServer(
      ctx,
      (s) => s.switches,
      (s, d, orgId) =>
        inventoryRow(ctx, s, d.moref, d.name, orgId, {
          isVCEnabled: s.enabled,
        }),
    ),
  ),
  systemType(
    "providerVdc",
    "VMWProviderVdc",
    "VMWProviderVdc",
    PROVIDER_MT.providerVdc,
    providerVdcRows,
  ),
  systemType(
    "providerVdcStorageProfile",
    "ProviderVdcStorageProfile",
    "ProviderVdcStorageProfile",
    PROVIDER_MT.pvdcStorageProfile,
    storageProfileRows,
  ),
  systemType(
    "externalNetwork",
    "Network",
    "Network",
    EXTERNAL_NETWORK_MT.network,
    externalNetworkRows,
  ),
  systemType(
    "networkPool",
    "NetworkPool",
    "NetworkPool",
    NETWORK_POOL_MT.pool,
    networkPoolRows,
  ),
];
