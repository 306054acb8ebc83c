/**
 * The provider part of a seed (store/seed.ts, provider/fill.ts): the default seed's vCenter, its
 * provider VDC and the org VDCs on it; an unregistered vCenter kept for `registervimserver`; what a
 * reset restores; and a bad reference refused at its JSON path.
 */
import { describe, expect, it } from "vitest";
import { defaultSeed } from "../../../simulator/default-seed.js";
import type { SeedData } from "../../../simulator/store/seed.js";
import { Store } from "../../../simulator/store/store.js";

const storeOf = (seed: SeedData) =>
  new Store(seed, { tokenIdleTimeout: 60_000, taskStepMs: 1 });

describe("the provider seed", () => {
  it("fills the default seed's vCenter, provider VDC and the org VDCs on it", () => {
    const store = storeOf(defaultSeed);
    const servers = [...store.provider.vimServers.values()];
    expect(servers.map((s) => s.name)).toEqual(["vc1"]);
    expect(servers[0].resourcePools.map((r) => r.moref)).toEqual([
      "resgroup-8",
      "resgroup-9",
    ]);
    const [pvdc] = [...store.provider.providerVdcs.values()];
    expect(pvdc).toMatchObject({
      name: "pvdc-gold",
      vimServerId: servers[0].id,
      resourcePool: "resgroup-8",
      ready: true,
    });
    expect(
      [...store.vdcs.values()].map((v) => [v.name, v.providerVdcId]),
    ).toEqual([
      ["acme-vdc", pvdc.id],
      ["globex-vdc", pvdc.id],
    ]);
    expect([...store.provider.unregistered.keys()]).toEqual([
      "https://vc2.example.com:443",
    ]);
    expect(servers[0].hosts.map((h) => h.moref)).toEqual([
      "host-41",
      "host-42",
    ]);
    expect(servers[0].files.map((f) => f.path)).toEqual([
      "iso/centos-7-minimal.iso",
    ]);
  });

  it("a reset brings back the seed's provider state (what a test registered is gone)", () => {
    const store = storeOf(defaultSeed);
    const ids = [...store.provider.providerVdcs.keys()];
    store.provider.unregistered.clear();
    store.provider.providerVdcs.clear();
    store.reset();
    expect([...store.provider.providerVdcs.keys()]).toEqual(ids);
    expect(store.provider.unregistered.size).toBe(1);
  });

  it("keeps the ids the organizations had without a provider part (it draws its own after them)", () => {
    const bare = storeOf({
      orgs: defaultSeed.orgs.map((o) => ({
        ...o,
        // a VDC's storage profiles are its provider VDC's: gone with it
        vdcs: o.vdcs?.map(({ providerVdc: _, storageProfiles: __, ...v }) => v),
      })),
    });
    const full = storeOf(defaultSeed);
    expect([...full.orgs.keys()]).toEqual([...bare.orgs.keys()]);
    expect([...full.vdcs.keys()]).toEqual([...bare.vdcs.keys()]);
  });

  it("refuses a bad reference at its JSON path", () => {
    const pvdc = defaultSeed.providerVdcs![0];
    expect(() =>
      storeOf({ ...defaultSeed, providerVdcs: [{ ...pvdc, vcenter: "vc9" }] }),
    ).toThrow("seed: providerVdcs[0].vcenter: no registered vCenter vc9");
    expect(() =>
      storeOf({
        ...defaultSeed,
        providerVdcs: [{ ...pvdc, resourcePool: "resgroup-77" }],
      }),
    ).toThrow(
      "seed: providerVdcs[0].resourcePool: no resource pool resgroup-77 in vc1",
    );
    expect(() =>
      storeOf({
        ...defaultSeed,
        providerVdcs: [{ ...pvdc, storageProfiles: ["Platinum"] }],
      }),
    ).toThrow(
      "seed: providerVdcs[0].storageProfiles: no storage profile Platinum in vc1",
    );
    const vc1 = defaultSeed.vcenters![0];
    expect(() =>
      storeOf({
        ...defaultSeed,
        vcenters: [
          {
            ...vc1,
            files: [{ datastore: "datastore-99", path: "a.iso", sizeBytes: 1 }],
          },
        ],
      }),
    ).toThrow(
      "seed: vcenters[0].files[0].datastore: no datastore datastore-99 in vc1",
    );
    expect(() => storeOf({ ...defaultSeed, providerVdcs: [] })).toThrow(
      "seed: orgs[1].vdcs[0].providerVdc: no provider VDC pvdc-gold",
    );
  });

  it("fills the default seed's network pool, assigned to pvdc-gold and drawn from by acme-vdc", () => {
    const store = storeOf(defaultSeed);
    const [pvdc] = [...store.provider.providerVdcs.values()];
    const [pool] = [...store.provider.networkPools.values()];
    expect(pool).toMatchObject({
      name: "np-gold-vlan",
      kind: "vlan",
      switch: "dvs-41",
      vlanRanges: [{ start: 100, end: 199 }],
      providerVdcIds: [pvdc.id],
      ready: true,
    });
    expect(
      [...store.vdcs.values()].map((v) => [v.name, v.networkPoolId]),
    ).toEqual([
      ["acme-vdc", pool.id],
      ["globex-vdc", undefined],
    ]);
    // drawn after the provider VDCs: their ids are what they were without pools
    const bare = storeOf({
      ...defaultSeed,
      networkPools: [],
      providerVdcs: defaultSeed.providerVdcs!.map(
        ({ networkPools: _, ...p }) => p,
      ),
      orgs: defaultSeed.orgs.map((o) => ({
        ...o,
        vdcs: o.vdcs?.map(({ networkPool: _, ...v }) => v),
      })),
    });
    expect([...bare.provider.providerVdcs.keys()]).toEqual([pvdc.id]);
  });

  it("refuses a network pool's bad reference at its JSON path", () => {
    const pool = defaultSeed.networkPools![0];
    const pools = (over: object) => ({
      ...defaultSeed,
      networkPools: [{ ...pool, ...over }],
    });
    expect(() => storeOf(pools({ vcenter: "vc9" }))).toThrow(
      "seed: networkPools[0].vcenter: no registered vCenter vc9",
    );
    expect(() => storeOf(pools({ switch: "dvs-99" }))).toThrow(
      "seed: networkPools[0].switch: no distributed switch dvs-99 in vc1",
    );
    expect(() =>
      storeOf(
        pools({ type: "portgroup", switch: undefined, portGroups: ["pg-9"] }),
      ),
    ).toThrow("seed: networkPools[0].portGroups[0]: no port group pg-9 in vc1");
    expect(() => storeOf(pools({ name: "np-other" }))).toThrow(
      "seed: providerVdcs[0].networkPools[0]: no network pool np-gold-vlan",
    );
    expect(() =>
      storeOf({
        ...defaultSeed,
        providerVdcs: defaultSeed.providerVdcs!.map(
          ({ networkPools: _, ...p }) => p,
        ),
        networkPools: [],
      }),
    ).toThrow(
      "seed: orgs[1].vdcs[0].networkPool: no network pool np-gold-vlan",
    );
  });
});
