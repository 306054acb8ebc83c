/**
 * vcd-codegen runtime, simulator: external networks, each made of a port group of a registered
 * vCenter (`POST /admin/extension/externalnets`, VMWExternalNetwork with its `VimPortGroupRef`, or
 * `VimPortGroupRefs` from 5.1 on): vCloud API Programming Guide 5.5, "Create an External Network"
 * (the guide's "Managing a Cloud": a system administrator makes a vSphere port group available
 * as an external network, with its IP scope: gateway, netmask and the static IP pool inside the
 * subnet). A port group backs one external network at most; names are unique (DUPLICATE_NAME, vCD's
 * words as for every entity). Creating is a task, answered in the new network's `Tasks` ("The
 * response includes a Task that tracks the creation of the network", the guide's 1.5 edition);
 * a PUT (the guide: "A system administrator can modify an external network to change properties
 * such as its description, but cannot change the portgroup that backs the network") keeps its
 * name, description and IP ranges, through a task in the answer's `Tasks` as creation; its
 * gateways and netmasks stay, and its ranges must keep holding every address and range the
 * uplinks of edge gateways hold on it (provider/external-network-addresses.ts). Deleting is a task,
 * refused while org VDC networks are bridged to it or edge gateways have uplinks to it. vCD's words
 * for these refusals are not published: each message names the rule and what broke it (400).
 */
import {
  badRequest,
  duplicateName,
  forbidden,
  invalidState,
} from "../fault.js";
import type { Task, User, Value } from "../store/model.js";
import {
  formatIpv4,
  isHostOf,
  overlap,
  parseIpv4,
  prefixOfNetmask,
  subnetOf,
  type Range,
} from "../store/ipv4.js";
import type { Store } from "../store/store.js";
import {
  externalScopes,
  holdings,
  inheritedScopes,
  rangeText,
  subnetText,
  usersOf,
  within,
} from "./external-network-addresses.js";
import type { ExternalNetwork } from "./model.js";
import { listOf } from "../store/document-values.js";
import { scopesOf } from "../store/vapp-network-rules.js";

/** What a PUT keeps (its port group, if the body names one, must be the network's). */
export interface ExternalNetworkChange {
  readonly name: string;
  readonly description?: string;
  readonly portGroup?: string;
  readonly configuration: Value;
}

export interface ExternalNetworkParams {
  readonly name: string;
  readonly description?: string;
  readonly vimServerId: string | undefined;
  readonly portGroup: string;
  readonly configuration: Value;
}

/** The IP scopes of a configuration: each with a gateway and netmask, its ranges inside its subnet, none overlapping. */
function checkScopes(name: string, configuration: Value): void {
  const scopes = scopesOf(configuration);
  if (scopes.length === 0)
    throw badRequest(
      `The external network "${name}" needs an IP scope (Configuration/IpScopes/IpScope).`,
    );
  const ranges: Range[] = [];
  for (const s of scopes) {
    const gateway = parseIpv4(s.Gateway);
    const prefix = prefixOfNetmask(s.Netmask);
    if (gateway === undefined || prefix === undefined || prefix > 30)
      throw badRequest(
        `The IP scope of external network "${name}" needs an IPv4 gateway and netmask; ${String(s.Gateway)}/${String(s.Netmask)} is not one.`,
      );
    const subnet = subnetOf(gateway, prefix);
    if (!isHostOf(subnet, gateway))
      throw badRequest(
        `The gateway ${String(s.Gateway)} of external network "${name}" is not a host address of ${formatIpv4(subnet.network)}/${prefix}.`,
      );
    for (const r of listOf((s.IpRanges as Value | undefined)?.IpRange)) {
      const start = parseIpv4(r.StartAddress);
      const end = parseIpv4(r.EndAddress);
      const text = `${String(r.StartAddress)}-${String(r.EndAddress)}`;
      if (start === undefined || end === undefined || start > end)
        throw badRequest(
          `The IP range ${text} of external network "${name}" is not a range of IPv4 addresses.`,
        );
      if (!isHostOf(subnet, start) || !isHostOf(subnet, end))
        throw badRequest(
          `The IP range ${text} of external network "${name}" is not inside its subnet ${formatIpv4(subnet.network)}/${prefix}.`,
        );
      const range = { start, end };
      if (ranges.some((o) => overlap(o, range)))
        throw badRequest(
          `The IP range ${text} of external network "${name}" overlaps another of its ranges.`,
        );
      ranges.push(range);
    }
  }
}

export class ExternalNetworkRules {
  constructor(private readonly store: Store) {}

  /** Creates the network (not ready until its task, answered in its `Tasks`, ends). */
  create(
    user: User,
    p: ExternalNetworkParams,
  ): { network: ExternalNetwork; task: Task } {
    if (!this.store.isSystemAdmin(user)) throw forbidden();
    const state = this.store.provider;
    this.checkName(p.name);
    const server =
      p.vimServerId === undefined
        ? undefined
        : state.vimServers.get(p.vimServerId);
    if (!server)
      throw badRequest(
        "The external network needs a port group of a registered vCenter server (VimPortGroupRef with its VimServerRef).",
      );
    const portGroup = server.networks.find((n) => n.moref === p.portGroup);
    if (!portGroup)
      throw badRequest(
        `The vCenter server ${server.name} has no port group ${p.portGroup}.`,
      );
    const pooled = state.portGroupUser(server.id, p.portGroup);
    if (pooled)
      throw badRequest(
        `The port group ${p.portGroup} of ${server.name} already backs ${pooled}.`,
      );
    checkScopes(p.name, p.configuration);
    const network: ExternalNetwork = {
      id: this.store.ids.next("externalNetwork"),
      name: p.name,
      vimServerId: server.id,
      portGroup: portGroup.moref,
      portGroupType: portGroup.type,
      configuration: p.configuration,
      ...(p.description !== undefined ? { description: p.description } : {}),
      ready: false,
    };
    state.externalNetworks.set(network.id, network);
    const task = this.store.tasks.start({
      operationName: "networkCreateExternalNetwork",
      operation: `Creating External Network ${network.name}(${network.id})`,
      owner: { kind: "externalNetwork", id: network.id, name: network.name },
      orgId: this.store.systemOrg().id,
      userId: user.id,
      apply: () => {
        network.ready = true;
      },
      fail: () => {
        state.externalNetworks.delete(network.id);
        this.store.forget([network.id]);
      },
    });
    return { network, task };
  }

  /** Changes name, description and IP ranges (a task); gateways, netmasks and port group stay. */
  update(user: User, network: ExternalNetwork, p: ExternalNetworkChange): Task {
    if (!this.store.isSystemAdmin(user)) throw forbidden();
    this.checkName(p.name, network);
    if (p.portGroup !== undefined && p.portGroup !== network.portGroup)
      throw badRequest(
        `The port group ${network.portGroup} backing external network "${network.name}" cannot be changed (to ${p.portGroup}).`,
      );
    checkScopes(p.name, p.configuration);
    const after: ExternalNetwork = {
      ...network,
      configuration: p.configuration,
    };
    const subnets = (n: ExternalNetwork) =>
      externalScopes(n)
        .map((s) => `${subnetText(s.subnet)} gateway ${formatIpv4(s.gateway)}`)
        .sort()
        .join(", ");
    if (subnets(after) !== subnets(network))
      throw badRequest(
        `The gateways and netmasks of external network "${network.name}" cannot be changed (${subnets(network)}).`,
      );
    const pool = externalScopes(after).flatMap((s) => s.ranges);
    for (const h of holdings(this.store, network.id))
      if (!within(h.range, pool))
        throw badRequest(
          `The IP ranges of external network "${network.name}" must keep ${rangeText(h.range)}: edge gateway "${h.edge.name}" holds it.`,
        );
    this.store.tasks.requireIdle(network.id, network.name);
    return this.store.tasks.start({
      operationName: "networkUpdateExternalNetwork",
      operation: `Updating External Network ${network.name}(${network.id})`,
      owner: { kind: "externalNetwork", id: network.id, name: network.name },
      orgId: this.store.systemOrg().id,
      userId: user.id,
      reserves: `externalNetwork:${p.name.toLowerCase()}`,
      apply: () => {
        network.name = p.name;
        if (p.description === undefined) delete network.description;
        else network.description = p.description;
        network.configuration = p.configuration;
        // the bridged org VDC networks that inherit its scope see the new ranges
        for (const n of this.store.networks.values()) {
          const first = (
            (n.config?.IpScopes as Value | undefined)?.IpScope as
              Value[] | undefined
          )?.[0];
          if (n.parentNetworkId === network.id && first?.IsInherited === true)
            n.config = {
              ...n.config,
              IpScopes: { IpScope: inheritedScopes(network) },
            };
        }
      },
    });
  }

  remove(user: User, network: ExternalNetwork): Task {
    if (!this.store.isSystemAdmin(user)) throw forbidden();
    const users = usersOf(this.store, network.id);
    if (users.length)
      throw invalidState(
        "BUSY_ENTITY",
        `The external network "${network.name}" is in use by ${users.join(", ")} and cannot be deleted.`,
      );
    this.store.tasks.requireIdle(network.id, network.name);
    return this.store.tasks.start({
      operationName: "networkDeleteExternalNetwork",
      operation: `Deleting External Network ${network.name}(${network.id})`,
      owner: { kind: "externalNetwork", id: network.id, name: network.name },
      orgId: this.store.systemOrg().id,
      userId: user.id,
      apply: () => {
        this.store.provider.externalNetworks.delete(network.id);
        this.store.forget([network.id]);
      },
    });
  }

  /** A name, not another network's (external or org VDC) nor one a rename holds. */
  private checkName(name: string, self?: ExternalNetwork): void {
    if (name.trim() === "")
      throw badRequest("The external network needs a name.");
    const lower = name.toLowerCase();
    const taken =
      [...this.store.provider.externalNetworks.values()].some(
        (e) => e.id !== self?.id && e.name.toLowerCase() === lower,
      ) ||
      [...this.store.networks.values()].some(
        (e) => e.name.toLowerCase() === lower,
      ) ||
      (self?.name.toLowerCase() !== lower &&
        this.store.tasks.reserved(`externalNetwork:${lower}`));
    if (taken) throw duplicateName(name);
  }
}
