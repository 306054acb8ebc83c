/**
 * vcd-codegen runtime, simulator: the addresses of an external network and who holds them. Its IP
 * scopes (a gateway, a subnet and static IP ranges: its IP pool, checked when it was created or
 * PUT: provider/external-networks.ts); an edge gateway's uplink to it holds the `IpAddress` of
 * each subnet participation and the `IpRanges` sub-allocated to it (store/edge-gateways.ts takes
 * them from the pool, apart from every other gateway's); a bridged org VDC network shares its scope
 * (store/org-networks.ts). A reference names an external network by either of its hrefs:
 * `/admin/extension/externalnet/{id}` or `/admin/network/{id}` (the guide's bridged example).
 */
import { noAccess } from "../fault.js";
import {
  formatIpv4,
  inRange,
  parseIpv4,
  prefixOfNetmask,
  subnetOf,
  type Range,
  type Subnet,
} from "../store/ipv4.js";
import type { EdgeGateway, Value } from "../store/model.js";
import type { Store } from "../store/store.js";
import { scopesOf } from "../store/vapp-network-rules.js";
import { listOf } from "../store/document-values.js";
import type { ExternalNetwork } from "./model.js";

/** One IP scope of an external network, parsed. */
export interface ExternalScope {
  readonly value: Value;
  readonly gateway: number;
  readonly subnet: Subnet;
  readonly ranges: readonly Range[];
}

export function externalScopes(n: ExternalNetwork): ExternalScope[] {
  return scopesOf(n.configuration).flatMap((value) => {
    const gateway = parseIpv4(value.Gateway);
    const prefix = prefixOfNetmask(value.Netmask);
    if (gateway === undefined || prefix === undefined) return [];
    const ranges = listOf((value.IpRanges as Value | undefined)?.IpRange)
      .map((r) => ({
        start: parseIpv4(r.StartAddress) ?? 0,
        end: parseIpv4(r.EndAddress) ?? -1,
      }))
      .filter((r) => r.start <= r.end);
    return [{ value, gateway, subnet: subnetOf(gateway, prefix), ranges }];
  });
}

/** `a.b.c.d/n`. */
export const subnetText = (s: Subnet): string =>
  `${formatIpv4(s.network)}/${s.prefix}`;

/** `a` for one address, `a-b` for a range. */
export const rangeText = (r: Range): string =>
  r.start === r.end
    ? formatIpv4(r.start)
    : `${formatIpv4(r.start)}-${formatIpv4(r.end)}`;

/** Whether the range lies inside one of the ranges. */
export const within = (r: Range, pool: readonly Range[]): boolean =>
  pool.some((p) => inRange(p, r.start) && inRange(p, r.end));

/** The id a network reference's href names, as `/externalnet/{id}` or `/network/{id}`. */
export function networkIdOf(ref: unknown): string | undefined {
  const href = (ref as Value | undefined)?.href;
  if (typeof href !== "string") return undefined;
  return /\/(?:externalnet|network)\/([^/?#]+)/.exec(href)?.[1];
}

/**
 * The external network a reference names; vCD's 403 for an href that names no entity (it does not
 * tell one that does not exist from one the user may not see), BUSY_ENTITY while its creation or a
 * change runs.
 */
export function externalNetworkOf(store: Store, ref: unknown): ExternalNetwork {
  const id = networkIdOf(ref) ?? "";
  const network = store.provider.externalNetworks.get(id);
  if (!network) throw noAccess("network", id);
  store.tasks.requireIdle(network.id, network.name);
  return network;
}

/** What an edge gateway's uplink holds on an external network: one address, or a sub-allocated range. */
export interface Holding {
  readonly range: Range;
  readonly edge: EdgeGateway;
}

/** The uplinks of a gateway's configuration (`GatewayInterfaces/GatewayInterface` of type uplink). */
export function uplinksOf(config: Value): Value[] {
  return listOf(
    (config.GatewayInterfaces as Value | undefined)?.GatewayInterface,
  ).filter((i) => String(i.InterfaceType).toLowerCase() === "uplink");
}

/** The addresses and ranges one uplink holds (each subnet participation's address and ranges). */
export function heldBy(uplink: Value): Range[] {
  return listOf(uplink.SubnetParticipation).flatMap((p) => {
    const address = parseIpv4(p.IpAddress);
    return [
      ...(address !== undefined ? [{ start: address, end: address }] : []),
      ...listOf((p.IpRanges as Value | undefined)?.IpRange).flatMap((r) => {
        const start = parseIpv4(r.StartAddress);
        const end = parseIpv4(r.EndAddress);
        return start !== undefined && end !== undefined ? [{ start, end }] : [];
      }),
    ];
  });
}

/** What the uplinks of the edge gateways (but `exceptEdgeId`'s) hold on the external network. */
export function holdings(
  store: Store,
  externalId: string,
  exceptEdgeId?: string,
): Holding[] {
  const out: Holding[] = [];
  for (const edge of store.edgeGateways.values()) {
    if (edge.id === exceptEdgeId) continue;
    for (const uplink of uplinksOf(edge.config))
      if (networkIdOf(uplink.Network) === externalId)
        for (const range of heldBy(uplink)) out.push({ range, edge });
  }
  return out;
}

/** The org VDC networks and edge gateways that use the external network, by name. */
export function usersOf(store: Store, externalId: string): string[] {
  const networks = [...store.networks.values()]
    .filter((n) => n.parentNetworkId === externalId)
    .map((n) => `org VDC network "${n.name}"`);
  const gateways = [...store.edgeGateways.values()]
    .filter((e) =>
      uplinksOf(e.config).some((u) => networkIdOf(u.Network) === externalId),
    )
    .map((e) => `edge gateway "${e.name}"`);
  return [...networks, ...gateways];
}

/** The IP scopes a bridged org VDC network inherits from its external network. */
export function inheritedScopes(n: ExternalNetwork): Value[] {
  return scopesOf(n.configuration).map((s) => ({
    ...s,
    IsInherited: true,
  }));
}
