/**
 * vcd-codegen runtime, simulator: changing a provider VDC, as the 36.0 operations table declares
 * it: a `PUT` (its name and description; the rest is kept), `updateResourcePools` (a task:
 * `AddItem` adds secondary resource pools, `DeleteItem` removes them: "Reference to a secondary
 * resource pool to add to / delete from the Provider vDC resource pool set", vmwextensions.xsd),
 * `storageProfiles` (a task: `AddStorageProfile` by name, `RemoveStorageProfile` by reference) and
 * `merge` (a task: the provider VDCs of `ProviderVdcReference` merge into this one, "returns a
 * representation of the merged provider vDC", VMware Cloud Director API reference,
 * POST-MergeProviderVdc). What the schema leaves open is the simulator's rule, each named in its
 * message (vCD's words for these refusals are not published): a resource pool added is one of the
 * provider VDC's vCenter that backs no provider VDC; the primary pool cannot be removed (VMs are
 * placed on it: a secondary one hosts nothing here); a storage profile removed is not the last one
 * (a provider VDC needs one, as at its creation) nor the one a VM of its org VDCs is placed on;
 * merged provider VDCs are of the same vCenter, and their resource pools, storage profiles, org
 * VDCs and network pool assignments move to this one, which they leave gone. Every request is refused while another task of the
 * provider VDC runs (BUSY_ENTITY).
 */
import { badRequest, duplicateName, forbidden } from "../fault.js";
import type { Task, User } from "../store/model.js";
import type { Store } from "../store/store.js";
import type { ProviderVdc } from "./model.js";
import { ProviderVdcRules } from "./provider-vdcs.js";
import { NetworkPoolRules } from "./network-pools.js";

/** A resource pool named by an `AddItem` (its `VimServerRef`'s id and its moref). */
export interface PoolRef {
  readonly vimServerId: string | undefined;
  readonly moref: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export class ProviderVdcChanges {
  private readonly rules: ProviderVdcRules;

  constructor(private readonly store: Store) {
    this.rules = new ProviderVdcRules(store);
  }

  private check(user: User, pvdc: ProviderVdc): void {
    if (!this.store.isSystemAdmin(user)) throw forbidden();
    this.store.tasks.requireIdle(pvdc.id, pvdc.name);
  }

  private task(
    user: User,
    pvdc: ProviderVdc,
    operationName: string,
    operation: string,
    apply: () => void,
  ): Task {
    return this.store.tasks.start({
      operationName,
      operation: `${operation} Provider VDC ${pvdc.name}(${pvdc.id})`,
      owner: { kind: "providerVdc", id: pvdc.id, name: pvdc.name },
      orgId: this.store.systemOrg().id,
      userId: user.id,
      apply,
    });
  }

  /** A `PUT`: its name (unique) and description; the rest of the body is not changed by it. */
  update(
    user: User,
    pvdc: ProviderVdc,
    p: { readonly name: string; readonly description: string | undefined },
  ): void {
    this.check(user, pvdc);
    if (p.name.trim() === "")
      throw badRequest("The provider VDC needs a name.");
    for (const other of this.store.provider.providerVdcs.values())
      if (other !== pvdc && same(other.name, p.name))
        throw duplicateName(p.name);
    pvdc.name = p.name;
    if (p.description === undefined) delete pvdc.description;
    else pvdc.description = p.description;
  }

  updateResourcePools(
    user: User,
    pvdc: ProviderVdc,
    add: readonly PoolRef[],
    remove: readonly string[],
  ): Task {
    this.check(user, pvdc);
    if (add.length === 0 && remove.length === 0)
      throw badRequest(
        "The request adds no resource pool (AddItem) and removes none (DeleteItem).",
      );
    const server = this.rules.vimServerOf(pvdc);
    for (const ref of add) {
      if (ref.vimServerId !== undefined && ref.vimServerId !== server.id)
        throw badRequest(
          `The resource pool ${ref.moref} is not of the vCenter server ${server.name} of the provider VDC ${pvdc.name}.`,
        );
      if (!server.resourcePools.some((r) => r.moref === ref.moref))
        throw badRequest(
          `The vCenter server ${server.name} has no resource pool ${ref.moref}.`,
        );
      const taken = this.store.provider.providerVdcOn(server.id, ref.moref);
      if (taken)
        throw badRequest(
          `The resource pool ${ref.moref} of ${server.name} already backs the provider VDC ${taken.name}.`,
        );
    }
    for (const moref of remove) {
      if (moref === pvdc.resourcePool)
        throw badRequest(
          `The resource pool ${moref} is the primary resource pool of the provider VDC ${pvdc.name}: it cannot be removed.`,
        );
      if (!pvdc.secondaryPools.includes(moref))
        throw badRequest(
          `The resource pool ${moref} does not back the provider VDC ${pvdc.name}.`,
        );
    }
    const adding = [...new Set(add.map((r) => r.moref))];
    return this.task(
      user,
      pvdc,
      "providerVdcUpdateResourcePools",
      "Updating resource pools of",
      () => {
        pvdc.secondaryPools = [
          ...pvdc.secondaryPools.filter((m) => !remove.includes(m)),
          ...adding,
        ];
      },
    );
  }

  /** The storage profile names placing a VM of its org VDCs. */
  private profilesInUse(pvdc: ProviderVdc): Set<string> {
    const vdcs = new Set(this.rules.vdcsOn(pvdc).map((v) => v.id));
    const used = new Set<string>();
    for (const vapp of this.store.vapps.values())
      if (vdcs.has(vapp.vdcId))
        for (const vm of vapp.vms)
          if (vm.storageProfile) used.add(vm.storageProfile.name);
    return used;
  }

  updateStorageProfiles(
    user: User,
    pvdc: ProviderVdc,
    add: readonly string[],
    remove: readonly string[],
  ): Task {
    this.check(user, pvdc);
    if (add.length === 0 && remove.length === 0)
      throw badRequest(
        "The request adds no storage profile (AddStorageProfile) and removes none (RemoveStorageProfile).",
      );
    const server = this.rules.vimServerOf(pvdc);
    for (const name of add) {
      if (!server.storageProfiles.some((s) => s.name === name))
        throw badRequest(
          `The vCenter server ${server.name} has no storage profile ${name}.`,
        );
      if (pvdc.storageProfiles.includes(name))
        throw badRequest(
          `The provider VDC ${pvdc.name} already has the storage profile ${name}.`,
        );
    }
    const used = this.profilesInUse(pvdc);
    for (const name of remove) {
      if (!pvdc.storageProfiles.includes(name))
        throw badRequest(
          `The provider VDC ${pvdc.name} has no storage profile ${name}.`,
        );
      if (used.has(name))
        throw badRequest(
          `The storage profile ${name} of the provider VDC ${pvdc.name} cannot be removed: virtual machines of its organization VDCs use it.`,
        );
    }
    const after = [
      ...pvdc.storageProfiles.filter((n) => !remove.includes(n)),
      ...new Set(add),
    ];
    if (after.length === 0)
      throw badRequest(
        `The provider VDC ${pvdc.name} needs at least one storage profile: the request removes all of them.`,
      );
    return this.task(
      user,
      pvdc,
      "providerVdcUpdateStorageProfiles",
      "Updating storage profiles of",
      () => (pvdc.storageProfiles = after),
    );
  }

  merge(user: User, pvdc: ProviderVdc, others: readonly string[]): Task {
    this.check(user, pvdc);
    const state = this.store.provider;
    const merged: ProviderVdc[] = [];
    for (const id of others) {
      const other = state.providerVdcs.get(id);
      if (!other || !other.ready)
        throw badRequest(`The provider VDC ${id} does not exist.`);
      if (other === pvdc)
        throw badRequest(
          `The provider VDC ${pvdc.name} cannot be merged with itself.`,
        );
      if (other.vimServerId !== pvdc.vimServerId)
        throw badRequest(
          `The provider VDC ${other.name} is not of the vCenter server ${this.rules.vimServerOf(pvdc).name} of the provider VDC ${pvdc.name}: it cannot be merged into it.`,
        );
      this.store.tasks.requireIdle(other.id, other.name);
      if (!merged.includes(other)) merged.push(other);
    }
    if (merged.length === 0)
      throw badRequest(
        "The request names no provider VDC to merge (ProviderVdcReference).",
      );
    const pools = new NetworkPoolRules(this.store);
    return this.task(user, pvdc, "providerVdcMerge", "Merging", () => {
      for (const other of merged) {
        for (const vdc of this.rules.vdcsOn(other)) vdc.providerVdcId = pvdc.id;
        for (const pool of state.networkPools.values()) {
          const at = pool.providerVdcIds.indexOf(other.id);
          if (at < 0) continue;
          pool.providerVdcIds.splice(at, 1);
          pools.assign(pool, pvdc);
        }
        pvdc.secondaryPools.push(other.resourcePool, ...other.secondaryPools);
        for (const name of other.storageProfiles)
          if (!pvdc.storageProfiles.includes(name))
            pvdc.storageProfiles.push(name);
        state.providerVdcs.delete(other.id);
        this.store.forget([other.id]);
      }
    });
  }
}
