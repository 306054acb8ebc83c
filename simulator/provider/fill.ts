/**
 * vcd-codegen runtime, simulator: filling the provider state from a seed: its registered vCenters,
 * the unregistered ones, its provider VDCs, and each org VDC's provider VDC (`SeedVdc.providerVdc`).
 * Runs after the organizations are filled, so that their ids stay what they were without it. Bad
 * references are refused at their JSON path.
 */
import type { IdSource } from "../store/ids.js";
import type { Org, Vdc } from "../store/model.js";
import type { SeedData, SeedVCenter } from "../store/seed.js";
import type { VimServer } from "./model.js";
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
  });
  seed.orgs.forEach((o, orgIndex) =>
    (o.vdcs ?? []).forEach((v, vdcIndex) => {
      if (v.providerVdc === undefined) return;
      const id = pvdcByName.get(v.providerVdc);
      if (!id)
        throw new Error(
          `seed: orgs[${orgIndex}].vdcs[${vdcIndex}].providerVdc: no provider VDC ${v.providerVdc}`,
        );
      const org = [...store.orgs.values()].find((x) => x.name === o.name);
      const vdc = [...store.vdcs.values()].find(
        (x) => x.orgId === org?.id && x.name === v.name,
      );
      if (vdc) vdc.providerVdcId = id;
    }),
  );
}
