/**
 * A provider VDC merge at the store (provider/provider-vdc-changes.ts): what the merged one had
 * moves to the target once the task ends: its resource pools, storage profiles, org VDCs and the
 * network pools assigned to it; the merged one is gone.
 */
import { describe, expect, it } from "vitest";
import { providerStore } from "../helpers/provider-store.js";
import { ProviderVdcChanges } from "../../../simulator/provider/provider-vdc-changes.js";
import { ProviderVdcRules } from "../../../simulator/provider/provider-vdcs.js";
import type { Task } from "../../../simulator/store/model.js";
import { Store } from "../../../simulator/store/store.js";

/** Polls the task until it ends (each poll moves it on a step; bounded). */
const finish = (store: Store, task: Task) => {
  for (let i = 0; i < 20 && !["success", "error"].includes(task.status); i++)
    store.tasks.poll(task.id);
  return task;
};

describe("merging provider VDCs at the store", () => {
  it("moves the merged one's pools, profiles, org VDCs and network pool assignments to the target", () => {
    const { store, admin, server } = providerStore();
    const state = store.provider;
    const { pvdc: silver, task: made } = new ProviderVdcRules(store).create(
      admin,
      {
        name: "pvdc-silver",
        vimServerId: server.id,
        resourcePools: ["resgroup-9"],
        storageProfiles: ["Silver"],
        enabled: true,
      },
    );
    finish(store, made);
    const gold = [...state.providerVdcs.values()].find(
      (p) => p.name === "pvdc-gold",
    )!;
    const pool = [...state.networkPools.values()][0];
    pool.providerVdcIds.splice(0, pool.providerVdcIds.length, silver.id);
    const vdc = [...store.vdcs.values()].find((v) => v.name === "acme-vdc")!;
    vdc.providerVdcId = silver.id;
    const task = new ProviderVdcChanges(store).merge(admin, gold, [silver.id]);
    finish(store, task);
    expect(task.status).toBe("success");
    expect([gold.resourcePool, ...gold.secondaryPools]).toEqual([
      "resgroup-8",
      "resgroup-9",
    ]);
    expect(gold.storageProfiles).toEqual(["Gold", "Silver"]);
    expect(vdc.providerVdcId).toBe(gold.id);
    expect(pool.providerVdcIds).toEqual([gold.id]);
    expect(state.providerVdcs.has(silver.id)).toBe(false);
  });
});
