/**
 * vcd-codegen runtime, simulator: a vApp's networks (its `NetworkConfigSection`), vCD's rules. Each
 * `NetworkConfig` names a network unique in the vApp and a fence mode: `bridged` (straight onto an
 * org VDC network: its `ParentNetwork`, whose IP scope it takes, `IsInherited`), `natRouted` (its own
 * subnet behind a router onto its `ParentNetwork`) or `isolated` (its own subnet, no parent) — vCloud
 * API Programming Guide, "Configuring vApp Networks" / "Network Configuration"; the bridged network of
 * ../shared/vcd-samples/libcloud-vcloud_1_5/api_vApp_vapp_8c57a5b6_e61b_48ca_8a78_3b70ee65ef6a.xml has
 * its parent's scope with `IsInherited` true. A parent must be an org VDC network of the vApp's VDC.
 * An own scope has a gateway and a netmask or prefix length, the gateway a host of the subnet, each
 * static range inside the subnet, start <= end, without the gateway, no two overlapping; its
 * `Features` are checked in vapp-network-features.ts. A network a VM is connected to cannot be left
 * out of a PUT. The refusals' wording is the simulator's (no vCD sample words them).
 */
import { badRequest } from "../fault.js";
import {
  formatIpv4,
  inRange,
  isHostOf,
  netmaskOf,
  overlap,
  parseIpv4,
  prefixOfNetmask,
  subnetOf,
  type Range,
  type Subnet,
} from "./ipv4.js";
import type { Network, VApp, VAppNetwork, Value, Vm } from "./model.js";
import type { Store } from "./store.js";
import { checkFeatures } from "./vapp-network-features.js";
import { listOf } from "./document-values.js";

export const FENCE_MODES: readonly string[] = [
  "bridged",
  "natRouted",
  "isolated",
];

/** Where a vApp network's addresses come from and what they must be unique in. */
export interface AddressScope {
  /** The org network a bridged vApp network shares with other vApps, or the vApp network itself. */
  readonly key: string;
  readonly gateway: number;
  readonly subnet: Subnet;
  /** The static pool: POOL addresses are drawn from it (MANUAL ones need only be hosts of the subnet). */
  readonly ranges: readonly Range[];
}

/** The `IpScope`s of a `Configuration`: `IpScopes/IpScope` (5.1 on), or the 1.5 `IpScope`. */
export const scopesOf = (configuration: Value): Value[] => [
  ...listOf((configuration.IpScopes as Value | undefined)?.IpScope),
  ...listOf(configuration.IpScope),
];

/**
 * An org network's scope as a bridged vApp network inherits it: the org network's static ranges
 * (one created through the API: store/org-networks.ts), else the whole subnet but the gateway.
 */
export function inheritedScope(n: Network): Value {
  const own = scopesOf(n.config ?? {})[0]?.IpRanges as Value | undefined;
  if (own && listOf(own.IpRange).length)
    return {
      IsInherited: true,
      Gateway: n.gateway,
      Netmask: n.netmask,
      IsEnabled: true,
      IpRanges: { IpRange: listOf(own.IpRange) },
    };
  const gateway = parseIpv4(n.gateway) ?? 0;
  const subnet = subnetOf(gateway, prefixOfNetmask(n.netmask) ?? 24);
  const first = subnet.network + 1;
  const last = subnet.broadcast - 1;
  const ranges = [
    ...(gateway > first ? [[first, gateway - 1]] : []),
    ...(gateway < last ? [[gateway + 1, last]] : []),
  ].map(([s, e]) => ({
    StartAddress: formatIpv4(s),
    EndAddress: formatIpv4(e),
  }));
  return {
    IsInherited: true,
    Gateway: n.gateway,
    Netmask: n.netmask,
    IsEnabled: true,
    IpRanges: { IpRange: ranges },
  };
}

export class VAppNetworkRules {
  constructor(private readonly store: Store) {}

  /** The vApp's networks: those kept, or one bridged to the org VDC network of each name. */
  networks(vapp: VApp): VAppNetwork[] {
    return (
      vapp.networkConfig ??
      vapp.networks.map((name) => this.defaultNetwork(vapp, name))
    );
  }

  /** A vApp network named after an org VDC network, bridged to it; isolated when none has its name. */
  defaultNetwork(vapp: Pick<VApp, "vdcId">, name: string): VAppNetwork {
    const parent = this.vdcNetworks(vapp.vdcId).find((n) => n.name === name);
    if (!parent)
      return { name, config: { Configuration: { FenceMode: "isolated" } } };
    return {
      name,
      parentId: parent.id,
      config: {
        Configuration: {
          IpScopes: { IpScope: [inheritedScope(parent)] },
          FenceMode: "bridged",
          RetainNetInfoAcrossDeployments: false,
        },
        IsDeployed: false,
      },
    };
  }

  /** The address scope of the vApp's network `name`, if it has one. */
  scope(vapp: VApp, name: string): AddressScope | undefined {
    const network = this.networks(vapp).find((n) => n.name === name);
    if (!network) return undefined;
    const configuration = (network.config.Configuration ?? {}) as Value;
    if (configuration.FenceMode === "bridged" && network.parentId) {
      const parent = this.store.networks.get(network.parentId);
      if (!parent) return undefined;
      return {
        key: `network:${parent.id}`,
        ...ownScope(inheritedScope(parent), name),
      };
    }
    const scopes = scopesOf(configuration);
    if (scopes.length === 0) return undefined;
    return { key: `vapp:${vapp.id}/${name}`, ...ownScope(scopes[0], name) };
  }

  /**
   * Checks a NetworkConfigSection for the vApp (or the vApp being made) and answers the networks to
   * keep; `vms` are its VMs (NAT rules name them).
   */
  check(
    vapp: Pick<VApp, "id" | "name" | "vdcId" | "orgId">,
    section: Value,
    vms: readonly Vm[],
  ): VAppNetwork[] {
    const seen = new Set<string>();
    const kept = listOf(section.NetworkConfig).map((c) => {
      const name = typeof c.networkName === "string" ? c.networkName : "";
      if (name.trim() === "")
        throw badRequest("A vApp network must have a networkName.");
      if (seen.has(name.toLowerCase()))
        throw badRequest(
          `The vApp network name "${name}" is used twice in vApp "${vapp.name}".`,
        );
      seen.add(name.toLowerCase());
      return this.checkOne(vapp, name, c, vms);
    });
    return kept;
  }

  /** Refuses networks that leave out one a VM of the vApp is connected to. */
  checkInUse(vapp: VApp, networks: readonly VAppNetwork[]): void {
    const names = new Set(networks.map((n) => n.name));
    for (const vm of vapp.vms)
      for (const c of listOf(vm.network.NetworkConnection)) {
        const used = String(c.network);
        if (used !== "none" && !names.has(used))
          throw badRequest(
            `The vApp network "${used}" is in use by VM "${vm.name}" and cannot be removed from vApp "${vapp.name}".`,
          );
      }
  }

  /** What a vApp network's addresses are unique in (cheaper than `scope`: no ranges computed). */
  keyOf(vapp: VApp, name: string): string | undefined {
    const network = vapp.networkConfig
      ? vapp.networkConfig.find((n) => n.name === name)
      : undefined;
    if (vapp.networkConfig && !network) return undefined;
    if (!network) {
      const parent = this.vdcNetworks(vapp.vdcId).find((n) => n.name === name);
      return parent ? `network:${parent.id}` : `vapp:${vapp.id}/${name}`;
    }
    const fence = (network.config.Configuration as Value | undefined)
      ?.FenceMode;
    return fence === "bridged" && network.parentId
      ? `network:${network.parentId}`
      : `vapp:${vapp.id}/${name}`;
  }

  private checkOne(
    vapp: Pick<VApp, "vdcId" | "orgId">,
    name: string,
    c: Value,
    vms: readonly Vm[],
  ): VAppNetwork {
    const configuration = (c.Configuration ?? {}) as Value;
    const fence = String(configuration.FenceMode);
    if (!FENCE_MODES.includes(fence))
      throw badRequest(
        `The fence mode "${fence}" of vApp network "${name}" is not one of bridged, natRouted, isolated.`,
      );
    const parent = this.parentOf(vapp, name, configuration, fence);
    const rest: Value = { ...configuration };
    delete rest.ParentNetwork;
    const content: Value = { ...c, Configuration: rest };
    delete content.networkName;
    delete content.Link;
    if (fence === "bridged") {
      // vCD gives a bridged network its parent's scope, whatever the request says of it
      delete rest.IpScope;
      rest.IpScopes = { IpScope: [inheritedScope(parent!)] };
    } else {
      const scopes = scopesOf(configuration);
      if (scopes.length === 0)
        throw badRequest(
          `The ${fence} vApp network "${name}" must have an IP scope (IpScopes/IpScope).`,
        );
      for (const s of scopes) ownScope(s, name);
    }
    const scope = ownScope(scopesOf(rest)[0], name);
    checkFeatures(
      name,
      fence,
      (configuration.Features ?? {}) as Value,
      scope,
      vms,
    );
    return {
      name,
      ...(parent ? { parentId: parent.id } : {}),
      config: content,
    };
  }

  /** The org VDC network a bridged or natRouted vApp network names as its parent. */
  private parentOf(
    vapp: Pick<VApp, "vdcId" | "orgId">,
    name: string,
    configuration: Value,
    fence: string,
  ): Network | undefined {
    const ref = configuration.ParentNetwork as Value | undefined;
    if (fence === "isolated") {
      if (ref)
        throw badRequest(
          `The isolated vApp network "${name}" cannot have a ParentNetwork.`,
        );
      return undefined;
    }
    if (!ref)
      throw badRequest(
        `The ${fence} vApp network "${name}" must name its ParentNetwork (an org VDC network).`,
      );
    const href = typeof ref.href === "string" ? ref.href : "";
    const uuid = /\/network\/([^/?#]+)/.exec(href)?.[1];
    const available = this.vdcNetworks(vapp.vdcId);
    const parent = uuid
      ? available.find((n) => n.id === uuid)
      : available.find((n) => n.name === ref.name);
    if (!parent)
      throw badRequest(
        `The ParentNetwork ${href || String(ref.name)} of vApp network "${name}" is not an org VDC network of the vApp's VDC.`,
      );
    return parent;
  }

  private vdcNetworks(vdcId: string): Network[] {
    const vdc = this.store.vdcs.get(vdcId);
    return (vdc?.networkIds ?? []).flatMap((id) => {
      const n = this.store.networks.get(id);
      return n ? [n] : [];
    });
  }
}

/** A scope's gateway, subnet and ranges, checked: 400 naming the network (`what`: a vApp network, an org VDC network) and what is wrong. */
export function ownScope(
  s: Value,
  name: string,
  what = "vApp network",
): Omit<AddressScope, "key"> {
  const gateway = parseIpv4(s.Gateway);
  if (gateway === undefined)
    throw badRequest(
      `The gateway ${String(s.Gateway)} of ${what} "${name}" is not an IPv4 address.`,
    );
  const prefix =
    s.Netmask !== undefined
      ? prefixOfNetmask(s.Netmask)
      : typeof s.SubnetPrefixLength === "number"
        ? s.SubnetPrefixLength
        : undefined;
  if (prefix === undefined || prefix < 1 || prefix > 30)
    throw badRequest(
      `The ${what} "${name}" needs a netmask or a subnet prefix length (1 to 30); ${String(s.Netmask ?? s.SubnetPrefixLength)} is not one.`,
    );
  const subnet = subnetOf(gateway, prefix);
  const where = `${formatIpv4(subnet.network)}/${prefix} (netmask ${netmaskOf(prefix)})`;
  if (!isHostOf(subnet, gateway))
    throw badRequest(
      `The gateway ${String(s.Gateway)} of ${what} "${name}" is not a host address of ${where}.`,
    );
  const ranges: Range[] = [];
  for (const r of listOf((s.IpRanges as Value | undefined)?.IpRange)) {
    const start = parseIpv4(r.StartAddress);
    const end = parseIpv4(r.EndAddress);
    const text = `${String(r.StartAddress)}-${String(r.EndAddress)}`;
    if (start === undefined || end === undefined)
      throw badRequest(
        `The IP range ${text} of ${what} "${name}" is not a range of IPv4 addresses.`,
      );
    if (start > end)
      throw badRequest(
        `The IP range ${text} of ${what} "${name}" starts after it ends.`,
      );
    if (!isHostOf(subnet, start) || !isHostOf(subnet, end))
      throw badRequest(
        `The IP range ${text} of ${what} "${name}" is not inside its subnet ${where}.`,
      );
    const range = { start, end };
    if (inRange(range, gateway))
      throw badRequest(
        `The IP range ${text} of ${what} "${name}" holds its gateway ${String(s.Gateway)}.`,
      );
    const other = ranges.find((o) => overlap(o, range));
    if (other)
      throw badRequest(
        `The IP ranges ${formatIpv4(other.start)}-${formatIpv4(other.end)} and ${text} of ${what} "${name}" overlap.`,
      );
    ranges.push(range);
  }
  return { gateway, subnet, ranges };
}
