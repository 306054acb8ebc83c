/**
 * vcd-codegen runtime, simulator: network pools, as vCD keeps them (API 36.0's extension API:
 * `POST /admin/extension/networkPools` with a `VMWNetworkPool` of one of the schema's subtypes,
 * `xsi:type` `VlanPoolType`, `PortGroupPoolType` or `VxlanPoolType`; the operations document declares
 * the pool as the creation's answer, which carries the creating task, a `Task` as the deletion's, and
 * the pool as the PUT's). What each type needs is the schema's: a VLAN pool its `VlanRange`s (1..4094,
 * vSphere's VLAN ids) on the distributed switch of `VimSwitchRef`, a port group pool its
 * `PortGroupRefs` on the vCenter of `VimServer`, a VXLAN pool the switch of `VimSwitchRef` (or the
 * vCenter of its `TransportZoneRef`). Rules: a name taken is vCD's `DUPLICATE_NAME`; VLAN ranges do
 * not overlap (within the pool, nor with another pool's on the same switch); a port group backs one
 * pool or external network at most; a pool a provider VDC or an org VDC uses is not deleted. vCD's
 * words for these refusals are not published (the reference documents no error bodies): each
 * message names the rule and what broke it, in a 400 `BAD_REQUEST`.
 */
import { badRequest, duplicateName, forbidden, notFound } from "../fault.js";
import type { Task, User, Vdc } from "../store/model.js";
import type { Store } from "../store/store.js";
import type { TaskSpec } from "../store/tasks.js";
import type {
  NetworkPool,
  NetworkPoolKind,
  ProviderVdc,
  VimServer,
  VlanRange,
} from "./model.js";

/** vSphere's VLAN ids (0 is no VLAN, 4095 the trunk). */
const VLAN_MIN = 1;
const VLAN_MAX = 4094;

export interface NetworkPoolParams {
  readonly name: string;
  readonly description?: string;
  /** The kind its `xsi:type` names; `typeName` is that type as sent (for messages). */
  readonly kind: NetworkPoolKind | undefined;
  readonly typeName: string;
  /** The id of the vCenter its references name (`VimServer`, `VimSwitchRef`'s or `TransportZoneRef`'s `VimServerRef`). */
  readonly vimServerId: string | undefined;
  readonly switch?: string;
  readonly vlanRanges: readonly VlanRange[];
  readonly portGroups: readonly string[];
}

/** Who uses a pool: the provider VDCs it is assigned to and the org VDCs drawing from it. */
export interface PoolUsers {
  readonly providerVdcs: readonly ProviderVdc[];
  readonly vdcs: readonly Vdc[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const overlaps = (a: VlanRange, b: VlanRange) =>
  a.start <= b.end && b.start <= a.end;
const rangeText = (r: VlanRange) => `${r.start}-${r.end}`;

export class NetworkPoolRules {
  constructor(private readonly store: Store) {}

  private requireSystemAdmin(user: User): void {
    if (!this.store.isSystemAdmin(user)) throw forbidden();
  }

  usersOf(pool: NetworkPool): PoolUsers {
    const state = this.store.provider;
    return {
      providerVdcs: pool.providerVdcIds.flatMap(
        (id) => state.providerVdcs.get(id) ?? [],
      ),
      vdcs: [...this.store.vdcs.values()].filter(
        (v) => v.networkPoolId === pool.id,
      ),
    };
  }

  /** The pools a provider VDC uses: those assigned to it and those its org VDCs draw from. */
  poolsOf(pvdc: ProviderVdc): NetworkPool[] {
    const state = this.store.provider;
    const fromVdcs = new Set(
      [...this.store.vdcs.values()]
        .filter((v) => v.providerVdcId === pvdc.id)
        .flatMap((v) => v.networkPoolId ?? []),
    );
    return [...state.networkPools.values()].filter(
      (p) => p.providerVdcIds.includes(pvdc.id) || fromVdcs.has(p.id),
    );
  }

  create(user: User, p: NetworkPoolParams): { pool: NetworkPool; task: Task } {
    this.requireSystemAdmin(user);
    const { kind, server } = this.check(p, undefined);
    const pool: NetworkPool = {
      id: this.store.ids.next("networkPool"),
      name: p.name,
      kind,
      vimServerId: server.id,
      vlanRanges: kind === "vlan" ? p.vlanRanges : [],
      portGroups: kind === "portgroup" ? [...new Set(p.portGroups)] : [],
      providerVdcIds: [],
      ready: false,
      ...(p.switch !== undefined && kind !== "portgroup"
        ? { switch: p.switch }
        : {}),
      ...(p.description !== undefined ? { description: p.description } : {}),
    };
    const state = this.store.provider;
    state.networkPools.set(pool.id, pool);
    const task = this.task(user, pool, "networkCreateNetworkPool", "Creating", {
      apply: () => (pool.ready = true),
      fail: () => state.networkPools.delete(pool.id),
    });
    return { pool, task };
  }

  /** A PUT: its type and vCenter stay; name, description, ranges, port groups and switch change under the same rules. */
  update(user: User, pool: NetworkPool, p: NetworkPoolParams): void {
    this.requireSystemAdmin(user);
    if (p.kind !== pool.kind)
      throw badRequest(
        `The network pool ${pool.name} is a ${typeNameOf(pool.kind)}: its type cannot become ${p.typeName}.`,
      );
    if (p.vimServerId !== pool.vimServerId)
      throw badRequest(
        `The network pool ${pool.name} stays on its vCenter server: the request names another.`,
      );
    this.store.tasks.requireIdle(pool.id, pool.name);
    this.check(p, pool);
    pool.name = p.name;
    if (p.description !== undefined) pool.description = p.description;
    if (pool.kind === "vlan") pool.vlanRanges = p.vlanRanges;
    if (pool.kind === "portgroup") pool.portGroups = [...new Set(p.portGroups)];
    if (pool.kind === "vxlan" && p.switch !== undefined) pool.switch = p.switch;
  }

  /** Deleting it: refused while a provider VDC or an org VDC uses it; the task removes it. */
  remove(user: User, pool: NetworkPool): Task {
    this.requireSystemAdmin(user);
    const users = this.usersOf(pool);
    const names = [
      ...users.providerVdcs.map((v) => `the provider VDC ${v.name}`),
      ...users.vdcs.map((v) => `the organization VDC ${v.name}`),
    ];
    if (names.length)
      throw badRequest(
        `The network pool ${pool.name} cannot be deleted: ${names.join(", ")} use${names.length === 1 ? "s" : ""} it.`,
      );
    this.store.tasks.requireIdle(pool.id, pool.name);
    return this.task(user, pool, "networkDeleteNetworkPool", "Deleting", {
      apply: () => {
        this.store.provider.networkPools.delete(pool.id);
        this.store.forget([pool.id]);
      },
    });
  }

  /** `action/repair` and `action/sync`: a task of the pool, with nothing to repair or resynchronize. */
  maintain(user: User, pool: NetworkPool, action: "repair" | "sync"): Task {
    this.requireSystemAdmin(user);
    this.store.tasks.requireIdle(pool.id, pool.name);
    const [operationName, verb] =
      action === "repair"
        ? ["networkRepairNetworkPool", "Repairing"]
        : ["networkSyncNetworkPool", "Synchronizing"];
    return this.task(user, pool, operationName, verb, {
      apply: () => undefined,
    });
  }

  /** A task of the pool, the System organization's, run by `user`. */
  private task(
    user: User,
    pool: NetworkPool,
    operationName: string,
    verb: string,
    effect: Pick<TaskSpec, "apply" | "fail">,
  ): Task {
    return this.store.tasks.start({
      operationName,
      operation: `${verb} Network Pool ${pool.name}(${pool.id})`,
      owner: { kind: "networkPool", id: pool.id, name: pool.name },
      orgId: this.store.systemOrg().id,
      userId: user.id,
      ...effect,
    });
  }

  /**
   * The network pool a new org VDC draws from (CreateVdcParams' `NetworkPoolReference`, optional:
   * "Required if this vDC will contain routed or isolated networks"): one that does not exist is a
   * 404 (as a provider VDC that does not), one on another vCenter than the provider VDC's a 400.
   */
  placeVdc(id: string | undefined, pvdc: ProviderVdc): NetworkPool | undefined {
    if (id === undefined) return undefined;
    const pool = this.store.provider.networkPools.get(id);
    if (!pool || !pool.ready)
      throw notFound(`The network pool ${id} does not exist.`);
    if (pool.vimServerId !== pvdc.vimServerId)
      throw badRequest(
        `The network pool ${pool.name} is not on the vCenter server of the provider VDC ${pvdc.name}.`,
      );
    return pool;
  }

  /**
   * The pool a new provider VDC is assigned (VMWProviderVdcParams' `NetworkPool`, 33.0 on: "a
   * Geneve or VXLAN Network Pool"): one that does not exist is a 404, one of another kind or on
   * another vCenter a 400. Checked before the provider VDC is made; `assign` then records it.
   */
  forProviderVdc(id: string, vimServerId: string | undefined): NetworkPool {
    const pool = this.store.provider.networkPools.get(id);
    if (!pool || !pool.ready)
      throw notFound(`The network pool ${id} does not exist.`);
    if (pool.kind !== "vxlan")
      throw badRequest(
        `The network pool ${pool.name} is a ${typeNameOf(pool.kind)}: a provider VDC is assigned a VXLAN (or Geneve) pool.`,
      );
    if (pool.vimServerId !== vimServerId)
      throw badRequest(
        `The network pool ${pool.name} is not on the vCenter server of the provider VDC.`,
      );
    return pool;
  }

  assign(pool: NetworkPool, pvdc: ProviderVdc): void {
    if (!pool.providerVdcIds.includes(pvdc.id))
      pool.providerVdcIds.push(pvdc.id);
  }

  /** Every rule of a pool's content; `self` is the pool a PUT changes (left out of the comparisons). */
  private check(
    p: NetworkPoolParams,
    self: NetworkPool | undefined,
  ): { kind: NetworkPoolKind; server: VimServer } {
    const state = this.store.provider;
    if (p.name.trim() === "")
      throw badRequest("The network pool needs a name.");
    for (const other of state.networkPools.values())
      if (other !== self && same(other.name, p.name))
        throw duplicateName(p.name);
    const kind = p.kind;
    if (kind === undefined)
      throw badRequest(
        `A network pool of type ${p.typeName} cannot be made here: the types are VlanPoolType, PortGroupPoolType and VxlanPoolType (xsi:type).`,
      );
    const server = state.vimServer(p.vimServerId);
    if (!server)
      throw badRequest(
        kind === "portgroup"
          ? "A port group network pool needs the vCenter server of its port groups (VimServer, a reference of GET /admin/extension/vimServerReferences)."
          : `A ${typeNameOf(kind)} network pool needs the distributed switch it is made on (VimSwitchRef, with its VimServerRef of a registered vCenter server).`,
      );
    if (p.switch !== undefined || kind === "vlan") {
      if (p.switch === undefined)
        throw badRequest(
          "A VLAN network pool needs the distributed switch of its VLANs (VimSwitchRef).",
        );
      if (!server.switches.some((s) => s.moref === p.switch))
        throw badRequest(
          `The vCenter server ${server.name} has no distributed switch ${p.switch}.`,
        );
    }
    if (kind === "vlan") this.checkVlans(p, server, self);
    if (kind === "portgroup") this.checkPortGroups(p, server, self);
    return { kind, server };
  }

  private checkVlans(
    p: NetworkPoolParams,
    server: VimServer,
    self: NetworkPool | undefined,
  ): void {
    if (p.vlanRanges.length === 0)
      throw badRequest("A VLAN network pool needs at least one VlanRange.");
    const seen: VlanRange[] = [];
    for (const r of p.vlanRanges) {
      if (
        !Number.isInteger(r.start) ||
        !Number.isInteger(r.end) ||
        r.start < VLAN_MIN ||
        r.end > VLAN_MAX ||
        r.start > r.end
      )
        throw badRequest(
          `The VLAN range ${rangeText(r)} of network pool ${p.name} is not a range of VLAN ids inside ${VLAN_MIN}-${VLAN_MAX}.`,
        );
      const within = seen.find((o) => overlaps(o, r));
      if (within)
        throw badRequest(
          `The VLAN range ${rangeText(r)} of network pool ${p.name} overlaps its range ${rangeText(within)}.`,
        );
      seen.push(r);
    }
    for (const other of this.store.provider.networkPools.values()) {
      if (other === self || other.kind !== "vlan") continue;
      if (other.vimServerId !== server.id || other.switch !== p.switch)
        continue;
      for (const r of p.vlanRanges) {
        const hit = other.vlanRanges.find((o) => overlaps(o, r));
        if (hit)
          throw badRequest(
            `The VLAN range ${rangeText(r)} of network pool ${p.name} overlaps the range ${rangeText(hit)} of network pool ${other.name} on the switch ${p.switch ?? ""}.`,
          );
      }
    }
  }

  private checkPortGroups(
    p: NetworkPoolParams,
    server: VimServer,
    self: NetworkPool | undefined,
  ): void {
    if (p.portGroups.length === 0)
      throw badRequest(
        "A port group network pool needs at least one port group (PortGroupRefs).",
      );
    for (const moref of p.portGroups) {
      if (!server.networks.some((n) => n.moref === moref))
        throw badRequest(
          `The vCenter server ${server.name} has no port group ${moref}.`,
        );
      const user = this.store.provider.portGroupUser(
        server.id,
        moref,
        self?.id,
      );
      if (user)
        throw badRequest(
          `The port group ${moref} of ${server.name} already backs ${user}.`,
        );
    }
  }
}

/** The schema's name of a pool's type. */
export function typeNameOf(kind: NetworkPoolKind): string {
  return kind === "vlan"
    ? "VlanPoolType"
    : kind === "portgroup"
      ? "PortGroupPoolType"
      : "VxlanPoolType";
}
