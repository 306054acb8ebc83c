/**
 * vcd-codegen runtime, simulator: filling the provider state from a seed: its registered vCenters,
 * the unregistered ones, its provider VDCs, its network pools (and the provider VDCs they are assigned
 * to), and each org VDC's provider VDC and network pool (`SeedVdc.providerVdc`, `networkPool`).
 * Runs after the organizations are filled, so that their ids stay what they were without it. Bad
 * references are refused at their JSON path.
 */
import type { IdSource } from "../store/ids.js";
import type { Org, Vdc } from "../store/model.js";
import type {
  SeedData,
  SeedNetworkPool,
  SeedVCenter,
  SeedVdcStorageProfile,
} from "../store/seed.js";
import {
  newStorageProfiles,
  offeredProfiles,
} from "../store/storage-profiles.js";
import type { NetworkPool, VimServer } from "./model.js";
import type { ProviderState } from "./state.js";

/** What filling needs of the store (this file does not import it). */
export interface ProviderSeedTarget {
  readonly ids: IdSource;
  readonly orgs: Map<string, Org>;
  readonly vdcs: Map<string, Vdc>;
  readonly provider: ProviderState;
}

/** A registered vCenter of a seed's description. */
export function newVimServer(ids: IdSource, seed: SeedVCenter): VimServer {
  return {
    id: ids.next("vimServer"),
    name: seed.name,
    url: seed.url,
    username: seed.username,
    uuid: seed.uuid,
    version: seed.version ?? "7.0.3",
    enabled: true,
    resourcePools: seed.resourcePools,
    datastores: seed.datastores,
    networks: seed.networks,
    storageProfiles: seed.storageProfiles,
    files: seed.files ?? [],
    hosts: (seed.hosts ?? []).map((h) => ({ ...h, id: ids.next("host") })),
    vms: [...(seed.vms ?? [])],
    switches: seed.switches ?? [],
  };
}

export function fillProvider(store: ProviderSeedTarget, seed: SeedData): void {
  const state = store.provider;
  const byName = new Map<string, VimServer>();
  const checkFiles = (list: string, vcs: readonly SeedVCenter[]) =>
    vcs.forEach((vc, index) =>
      (vc.files ?? []).forEach((f, at) => {
        if (!vc.datastores.some((d) => d.moref === f.datastore))
          throw new Error(
            `seed: ${list}[${index}].files[${at}].datastore: no datastore ${f.datastore} in ${vc.name}`,
          );
      }),
    );
  checkFiles("vcenters", seed.vcenters ?? []);
  checkFiles("unregisteredVcenters", seed.unregisteredVcenters ?? []);
  for (const vc of seed.vcenters ?? []) {
    const server = newVimServer(store.ids, vc);
    state.vimServers.set(server.id, server);
    byName.set(vc.name, server);
  }
  for (const vc of seed.unregisteredVcenters ?? [])
    state.unregistered.set(vc.url, vc);
  const pvdcByName = new Map<string, string>();
  const offered = new Map<string, Map<string, number>>();
  (seed.providerVdcs ?? []).forEach((p, index) => {
    const at = `seed: providerVdcs[${index}]`;
    const server = byName.get(p.vcenter);
    if (!server)
      throw new Error(`${at}.vcenter: no registered vCenter ${p.vcenter}`);
    if (!server.resourcePools.some((r) => r.moref === p.resourcePool))
      throw new Error(
        `${at}.resourcePool: no resource pool ${p.resourcePool} in ${p.vcenter}`,
      );
    for (const name of p.storageProfiles)
      if (!server.storageProfiles.some((s) => s.name === name))
        throw new Error(
          `${at}.storageProfiles: no storage profile ${name} in ${p.vcenter}`,
        );
    const id = store.ids.next("providerVdc");
    state.providerVdcs.set(id, {
      id,
      name: p.name,
      vimServerId: server.id,
      resourcePool: p.resourcePool,
      secondaryPools: [],
      storageProfiles: [...p.storageProfiles],
      enabled: true,
      ready: true,
      ...(p.description !== undefined ? { description: p.description } : {}),
    });
    pvdcByName.set(p.name, id);
    offered.set(id, offeredProfiles(server, p.storageProfiles));
  });
  // after the provider VDCs, so that their ids stay what they were before pools were seeded
  const poolByName = new Map<string, NetworkPool>();
  (seed.networkPools ?? []).forEach((p, index) => {
    const pool = seedPool(store, byName, p, `seed: networkPools[${index}]`);
    state.networkPools.set(pool.id, pool);
    poolByName.set(p.name, pool);
  });
  (seed.providerVdcs ?? []).forEach((p, index) =>
    (p.networkPools ?? []).forEach((name, i) => {
      const pool = poolByName.get(name);
      if (!pool)
        throw new Error(
          `seed: providerVdcs[${index}].networkPools[${i}]: no network pool ${name}`,
        );
      pool.providerVdcIds.push(pvdcByName.get(p.name)!);
    }),
  );
  seed.orgs.forEach((o, orgIndex) =>
    (o.vdcs ?? []).forEach((v, vdcIndex) => {
      const at = `seed: orgs[${orgIndex}].vdcs[${vdcIndex}]`;
      if (v.providerVdc === undefined) {
        if (v.storageProfiles)
          throw new Error(
            `${at}.storageProfiles: a VDC's storage profiles are its provider VDC's, and it names none`,
          );
        return;
      }
      const id = pvdcByName.get(v.providerVdc);
      if (!id)
        throw new Error(`${at}.providerVdc: no provider VDC ${v.providerVdc}`);
      const org = [...store.orgs.values()].find((x) => x.name === o.name);
      const vdc = [...store.vdcs.values()].find(
        (x) => x.orgId === org?.id && x.name === v.name,
      );
      if (!vdc) return;
      vdc.providerVdcId = id;
      // its storage profiles: the seed's, else each its provider VDC offers (unlimited, the first the default)
      const names = offered.get(id) ?? new Map<string, number>();
      const listed: readonly SeedVdcStorageProfile[] =
        v.storageProfiles ?? [...names.keys()].map((name) => ({ name }));
      const anyDefault = listed.some((p) => p.default === true);
      vdc.storageProfiles = newStorageProfiles(
        store.ids,
        listed.map((p, i) => ({
          name: p.name,
          limitMb: p.limitMb ?? 0,
          enabled: p.enabled ?? true,
          default: anyDefault ? p.default === true : i === 0,
        })),
        names,
        (message) => new Error(`${at}.storageProfiles: ${message}`),
      );
      if (v.networkPool === undefined) return;
      const pool = poolByName.get(v.networkPool);
      if (!pool)
        throw new Error(
          `seed: orgs[${orgIndex}].vdcs[${vdcIndex}].networkPool: no network pool ${v.networkPool}`,
        );
      vdc.networkPoolId = pool.id;
    }),
  );
}

/** A seed's network pool, its references checked (the vCenter, its switch, its port groups). */
function seedPool(
  store: ProviderSeedTarget,
  servers: ReadonlyMap<string, VimServer>,
  p: SeedNetworkPool,
  at: string,
): NetworkPool {
  const server = servers.get(p.vcenter);
  if (!server)
    throw new Error(`${at}.vcenter: no registered vCenter ${p.vcenter}`);
  if (
    p.switch !== undefined &&
    !server.switches.some((s) => s.moref === p.switch)
  )
    throw new Error(
      `${at}.switch: no distributed switch ${p.switch} in ${p.vcenter}`,
    );
  if (p.type === "vlan" && (p.switch === undefined || !p.vlanRanges?.length))
    throw new Error(`${at}: a vlan pool needs a switch and vlanRanges`);
  (p.portGroups ?? []).forEach((moref, i) => {
    if (!server.networks.some((n) => n.moref === moref))
      throw new Error(
        `${at}.portGroups[${i}]: no port group ${moref} in ${p.vcenter}`,
      );
  });
  return {
    id: store.ids.next("networkPool"),
    name: p.name,
    kind: p.type,
    vimServerId: server.id,
    vlanRanges: p.type === "vlan" ? (p.vlanRanges ?? []) : [],
    portGroups: p.type === "portgroup" ? (p.portGroups ?? []) : [],
    providerVdcIds: [],
    ready: true,
    ...(p.switch !== undefined ? { switch: p.switch } : {}),
    ...(p.description !== undefined ? { description: p.description } : {}),
  };
}
