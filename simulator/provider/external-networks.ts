/**
 * vcd-codegen runtime, simulator: external networks, each made of a port group of a registered
 * vCenter (`POST /admin/extension/externalnets`, VMWExternalNetwork with its `VimPortGroupRef`, or
 * `VimPortGroupRefs` from 5.1 on): vCloud API Programming Guide 5.5, "Create an External Network"
 * (the guide's "Managing a Cloud": a system administrator makes a vSphere port group available
 * as an external network, with its IP scope: gateway, netmask and the static IP pool inside the
 * subnet). A port group backs one external network at most; names are unique (DUPLICATE_NAME, vCD's
 * words as for every entity). vCD's words for the other refusals are not published: each message
 * names the rule and what broke it (400). Deleting is a task.
 */
import { badRequest, duplicateName, forbidden } from "../fault.js";
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
import type { ExternalNetwork } from "./model.js";

export interface ExternalNetworkParams {
  readonly name: string;
  readonly description?: string;
  readonly vimServerId: string | undefined;
  readonly portGroup: string;
  readonly configuration: Value;
}

const listOf = (v: unknown): Value[] =>
  Array.isArray(v) ? (v as Value[]) : v === undefined ? [] : [v as Value];

/** The IP scopes of a configuration: each with a gateway and netmask, its ranges inside its subnet, none overlapping. */
function checkScopes(name: string, configuration: Value): void {
  const scopes = [
    ...listOf((configuration.IpScopes as Value | undefined)?.IpScope),
    ...listOf(configuration.IpScope),
  ];
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

  create(user: User, p: ExternalNetworkParams): ExternalNetwork {
    if (!this.store.isSystemAdmin(user)) throw forbidden();
    const state = this.store.provider;
    if (p.name.trim() === "")
      throw badRequest("The external network needs a name.");
    const taken = (n: string) =>
      [...state.externalNetworks.values()].some(
        (e) => e.name.toLowerCase() === n.toLowerCase(),
      ) ||
      [...this.store.networks.values()].some(
        (e) => e.name.toLowerCase() === n.toLowerCase(),
      );
    if (taken(p.name)) throw duplicateName(p.name);
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
    const backing = [...state.externalNetworks.values()].find(
      (e) => e.vimServerId === server.id && e.portGroup === p.portGroup,
    );
    if (backing)
      throw badRequest(
        `The port group ${p.portGroup} of ${server.name} already backs the external network ${backing.name}.`,
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
    };
    state.externalNetworks.set(network.id, network);
    return network;
  }

  remove(user: User, network: ExternalNetwork): Task {
    if (!this.store.isSystemAdmin(user)) throw forbidden();
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
}
