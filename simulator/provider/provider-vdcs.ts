/**
 * vcd-codegen runtime, simulator: provider VDCs, as vCD keeps them. Created from a resource pool of
 * a registered vCenter (`providervdcsparams`, VMWProviderVdcParams: "This operation is asynchronous.
 * The response includes a Task", VMware Cloud Director API reference, POST-CreateProviderVdcParams),
 * with at least one of its storage profiles (`StorageProfile` has minOccurs 1); a resource pool backs
 * one provider VDC at most. Deleted by a task, refused while an org VDC lives on it; an org VDC is
 * created on one (CreateVdcParams' `ProviderVdcReference`), not on a disabled one, and not with a
 * limit beyond its capacity (its resource pool's). vCD's words for these refusals are not published
 * (the reference documents no error bodies): each message names the rule and what broke it, in a
 * 400 `BAD_REQUEST` (a name taken: `DUPLICATE_NAME`, vCD's words as for every entity).
 */
import { badRequest, duplicateName, forbidden, notFound } from "../fault.js";
import type { Task, User, Vdc } from "../store/model.js";
import type { SeedResourcePool } from "../store/seed.js";
import type { Store } from "../store/store.js";
import type { ProviderVdc, VimServer } from "./model.js";

export interface ProviderVdcParams {
  readonly name: string;
  readonly description?: string;
  /** Hrefs' ids: the vCenter (`VimServer` or the pool's `VimServerRef`) and the pool's moref. */
  readonly vimServerId: string | undefined;
  readonly resourcePools: readonly string[];
  readonly storageProfiles: readonly string[];
  readonly enabled: boolean;
}

/** What a provider VDC offers and what its org VDCs have taken (limits; 0 is unlimited). */
export interface Capacity {
  readonly cpuMhz: number;
  readonly memoryMb: number;
  readonly cpuAllocatedMhz: number;
  readonly memoryAllocatedMb: number;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export class ProviderVdcRules {
  constructor(private readonly store: Store) {}

  private requireSystemAdmin(user: User): void {
    if (!this.store.isSystemAdmin(user)) throw forbidden();
  }

  vimServerOf(pvdc: ProviderVdc): VimServer {
    return this.store.provider.vimServers.get(pvdc.vimServerId)!;
  }

  /** The org VDCs living on it. */
  vdcsOn(pvdc: ProviderVdc): Vdc[] {
    return [...this.store.vdcs.values()].filter(
      (v) => v.providerVdcId === pvdc.id,
    );
  }

  /** Its resource pools, the primary first. */
  poolsOf(pvdc: ProviderVdc): SeedResourcePool[] {
    const server = this.vimServerOf(pvdc);
    return [pvdc.resourcePool, ...pvdc.secondaryPools].flatMap(
      (moref) => server.resourcePools.find((r) => r.moref === moref) ?? [],
    );
  }

  capacity(pvdc: ProviderVdc): Capacity {
    const pools = this.poolsOf(pvdc);
    const vdcs = this.vdcsOn(pvdc);
    return {
      cpuMhz: pools.reduce((n, r) => n + r.cpuMhz, 0),
      memoryMb: pools.reduce((n, r) => n + r.memoryMb, 0),
      cpuAllocatedMhz: vdcs.reduce((n, v) => n + (v.cpuLimitMhz ?? 0), 0),
      memoryAllocatedMb: vdcs.reduce((n, v) => n + (v.memoryLimitMb ?? 0), 0),
    };
  }

  create(user: User, p: ProviderVdcParams): { pvdc: ProviderVdc; task: Task } {
    this.requireSystemAdmin(user);
    const state = this.store.provider;
    if (p.name.trim() === "")
      throw badRequest("The provider VDC needs a name.");
    for (const other of state.providerVdcs.values())
      if (same(other.name, p.name)) throw duplicateName(p.name);
    const server =
      p.vimServerId === undefined
        ? undefined
        : state.vimServers.get(p.vimServerId);
    if (!server)
      throw badRequest(
        "The provider VDC needs the vCenter server of its resource pool (a VimServer reference of GET /admin/extension/vimServerReferences).",
      );
    if (p.resourcePools.length !== 1)
      throw badRequest(
        `A provider VDC is created from one resource pool; the request names ${p.resourcePools.length}.`,
      );
    const moref = p.resourcePools[0];
    if (!server.resourcePools.some((r) => r.moref === moref))
      throw badRequest(
        `The vCenter server ${server.name} has no resource pool ${moref}.`,
      );
    const taken = state.providerVdcOn(server.id, moref);
    if (taken)
      throw badRequest(
        `The resource pool ${moref} of ${server.name} already backs the provider VDC ${taken.name}.`,
      );
    if (p.storageProfiles.length === 0)
      throw badRequest("A provider VDC needs at least one storage profile.");
    for (const name of p.storageProfiles)
      if (!server.storageProfiles.some((s) => s.name === name))
        throw badRequest(
          `The vCenter server ${server.name} has no storage profile ${name}.`,
        );
    const pvdc: ProviderVdc = {
      id: this.store.ids.next("providerVdc"),
      name: p.name,
      vimServerId: server.id,
      resourcePool: moref,
      secondaryPools: [],
      storageProfiles: [...new Set(p.storageProfiles)],
      enabled: p.enabled,
      ready: false,
      ...(p.description !== undefined ? { description: p.description } : {}),
    };
    state.providerVdcs.set(pvdc.id, pvdc);
    const task = this.store.tasks.start({
      operationName: "providerVdcCreate",
      operation: `Creating Provider VDC ${pvdc.name}(${pvdc.id})`,
      owner: { kind: "providerVdc", id: pvdc.id, name: pvdc.name },
      orgId: this.store.systemOrg().id,
      userId: user.id,
      apply: () => (pvdc.ready = true),
      fail: () => state.providerVdcs.delete(pvdc.id),
    });
    return { pvdc, task };
  }

  /**
   * Enabling or disabling it; disabling it disables the org VDCs on it too ("When you disable a
   * provider vDC, you also disable the organization vDCs that use its resources", VMware Cloud
   * Director API reference, POST-DisableProviderVdc); enabling it enables none of them.
   */
  setEnabled(user: User, pvdc: ProviderVdc, enabled: boolean): void {
    this.requireSystemAdmin(user);
    pvdc.enabled = enabled;
    if (!enabled) for (const vdc of this.vdcsOn(pvdc)) vdc.enabled = false;
  }

  /**
   * Deleting it: refused while an org VDC lives on it, and while it is enabled ("Before you can
   * delete a provider vDC, you must disable it", VMware Cloud Director API reference,
   * DELETE-ProviderVdc); the task removes it.
   */
  remove(user: User, pvdc: ProviderVdc): Task {
    this.requireSystemAdmin(user);
    const vdcs = this.vdcsOn(pvdc);
    if (vdcs.length)
      throw badRequest(
        `The provider VDC ${pvdc.name} cannot be deleted: the organization VDCs ${vdcs.map((v) => v.name).join(", ")} use it.`,
      );
    if (pvdc.enabled)
      throw badRequest(
        `The provider VDC ${pvdc.name} cannot be deleted: it is enabled (disable it first).`,
      );
    this.store.tasks.requireIdle(pvdc.id, pvdc.name);
    return this.store.tasks.start({
      operationName: "providerVdcDelete",
      operation: `Deleting Provider VDC ${pvdc.name}(${pvdc.id})`,
      owner: { kind: "providerVdc", id: pvdc.id, name: pvdc.name },
      orgId: this.store.systemOrg().id,
      userId: user.id,
      apply: () => {
        this.store.provider.providerVdcs.delete(pvdc.id);
        this.store.forget([pvdc.id]);
      },
    });
  }

  /**
   * The provider VDC a new org VDC is created on (its `ProviderVdcReference`'s id): none named is a
   * 400, one that does not exist a 404; a disabled one, or limits beyond its capacity, a 400.
   */
  placeVdc(
    id: string | undefined,
    cpuLimitMhz: number,
    memoryLimitMb: number,
  ): ProviderVdc {
    if (id === undefined)
      throw badRequest(
        "An organization VDC is created on a provider VDC: the request has no ProviderVdcReference (GET /admin/extension/providerVdcReferences).",
      );
    const pvdc = this.store.provider.providerVdcs.get(id);
    if (!pvdc || !pvdc.ready)
      throw notFound(`The provider VDC ${id} does not exist.`);
    if (!pvdc.enabled)
      throw badRequest(
        `The provider VDC ${pvdc.name} is disabled: no organization VDC can be created on it.`,
      );
    const c = this.capacity(pvdc);
    if (cpuLimitMhz > c.cpuMhz)
      throw badRequest(
        `The CPU limit ${cpuLimitMhz} MHz is more than the provider VDC ${pvdc.name} has (${c.cpuMhz} MHz).`,
      );
    if (memoryLimitMb > c.memoryMb)
      throw badRequest(
        `The memory limit ${memoryLimitMb} MB is more than the provider VDC ${pvdc.name} has (${c.memoryMb} MB).`,
      );
    return pvdc;
  }
}
