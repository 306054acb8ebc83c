/**
 * vcd-codegen runtime, simulator: an edge gateway's services (`action/configureServices`: an
 * `EdgeGatewayServiceConfiguration`, GatewayFeaturesType, its `NetworkService` substitution group),
 * checked as the schema's documentation (network.xsd) types them; what passes is kept whole.
 * - NAT (`NatService`, an edge gateway's as the schema has it: no `NatType`, rules of
 *   `GatewayNatRule`): each rule's `RuleType` "One of: SNAT (source NAT), DNAT (destination NAT)"
 *   with a `GatewayNatRule` (a vApp network's rule kinds are refused); its `Interface` one of the
 *   gateway's interfaces; on an uplink, the address a DNAT rule's `OriginalIp` or an SNAT rule's
 *   `TranslatedIp` names (one address) is one the uplink holds on its external network (its
 *   `IpAddress` or its sub-allocated ranges), else vCD's words for an address of no interface
 *   ("IP … does not belong to any interface's IP range on gateway …", its refusal of an IPsec
 *   endpoint quoted in terraform-provider-vcd pull request 263);
 *   original and translated IPs an IPv4 address, a range `a-b` or a CIDR; ports `any`, a port or
 *   a range; protocol tcp, udp, tcpudp, icmp or any; `Id`s unique.
 * - Firewall (`FirewallService`) and static routes (`StaticRoutingService`): as a vApp network's
 *   (vapp-network-features.ts); a route's `GatewayInterface` one of the gateway's interfaces.
 * - DHCP (`GatewayDhcpService`): each pool on an org VDC network routed through the gateway, one
 *   pool per network, its low..high inside the network's subnet, low <= high, apart from the
 *   network's gateway and static ranges; the default lease no longer than the maximum.
 * - Load balancer (`LoadBalancerService`): pools with unique names; service ports of protocol
 *   "One of: HTTP, HTTPS, TCP", algorithm "One of: IP_HASH, ROUND_ROBIN, URI, LEAST_CONN", port a
 *   port; members an IPv4 address, weight 0-100; virtual servers with a name, an interface of the
 *   gateway, an IPv4 address and a `Pool` naming one of the pools.
 * - A vApp network's DHCP (`DhcpService`) is not an edge gateway's (`GatewayDhcpService`).
 * The refusals' wording is the simulator's.
 */
import { badRequest } from "../fault.js";
import { heldBy, within } from "../provider/external-network-addresses.js";
import {
  formatIpv4,
  inRange,
  isHostOf,
  overlap,
  parseIpv4,
  type Range,
} from "./ipv4.js";
import type { EdgeGateway, Network, Value } from "./model.js";
import { refId } from "./org-networks.js";
import type { Store } from "./store.js";
import {
  checkFirewall,
  checkRoutes,
  isAddress,
  isPort,
  type Bad,
} from "./vapp-network-features.js";
import { EdgeGatewayRules } from "./edge-gateways.js";
import { ownScope, scopesOf } from "./vapp-network-rules.js";
import { listOf, textOf } from "./document-values.js";

const NAT_RULE_TYPES = ["SNAT", "DNAT"];
const NAT_PROTOCOLS = ["tcp", "udp", "tcpudp", "icmp", "any"];
const LB_PROTOCOLS = ["HTTP", "HTTPS", "TCP"];
const LB_ALGORITHMS = ["IP_HASH", "ROUND_ROBIN", "URI", "LEAST_CONN"];
const VAPP_ONLY: Readonly<Record<string, string>> = {
  "vcloud:DhcpService": "GatewayDhcpService",
};

/** One of the gateway's interfaces, as a reference names it (its network's href, or its name). */
interface Interface {
  readonly name: string;
  readonly networkId?: string;
  /** An uplink's: what it holds on its external network. */
  readonly held?: readonly Range[];
}

export class EdgeGatewayServices {
  constructor(private readonly store: Store) {}

  /** Checks the services for the gateway; answers the content to keep. */
  check(edge: EdgeGateway, body: Value): Value {
    const interfaces = this.interfacesOf(edge);
    const routed = new EdgeGatewayRules(this.store).networksOf(edge);
    for (const service of listOf(body.NetworkService)) {
      const element = String(service.$element);
      const local = element.replace(/^vcloud:/, "");
      if (VAPP_ONLY[element])
        throw badRequest(
          `A ${local} is a vApp network's service; edge gateway "${edge.name}" takes a ${VAPP_ONLY[element]}.`,
        );
      const bad: Bad = (what) =>
        badRequest(`The ${local} of edge gateway "${edge.name}": ${what}`);
      const iface = (ref: unknown, where: string) =>
        checkInterface(ref, interfaces, where, bad);
      if (element === "vcloud:NatService")
        checkNat(service, iface, bad, edge.id);
      if (element === "vcloud:FirewallService") checkFirewall(service, bad);
      if (element === "vcloud:StaticRoutingService") {
        checkRoutes(service, bad);
        listOf(service.StaticRoute).forEach((r, i) => {
          if (r.GatewayInterface !== undefined)
            iface(r.GatewayInterface, `route ${i + 1}`);
        });
      }
      if (element === "vcloud:GatewayDhcpService")
        checkDhcp(service, routed, bad);
      if (element === "vcloud:LoadBalancerService")
        checkLoadBalancer(service, iface, bad);
    }
    const kept: Value = { ...body };
    delete kept.Link;
    return kept;
  }

  private interfacesOf(edge: EdgeGateway): Interface[] {
    const rules = new EdgeGatewayRules(this.store);
    return rules
      .interfaces(edge, (n) => `/admin/network/${n.id}`)
      .map((i) => {
        const network = i.Network as Value | undefined;
        const href = textOf(network?.href) ?? "";
        const id = /\/([^/?#]+)$/.exec(href)?.[1];
        return {
          name: textOf(i.Name) ?? textOf(network?.name) ?? "",
          ...(id ? { networkId: id } : {}),
          ...(i.InterfaceType === "uplink" ? { held: heldBy(i) } : {}),
        };
      });
  }
}

function checkInterface(
  ref: unknown,
  interfaces: readonly Interface[],
  where: string,
  bad: Bad,
): Interface {
  const r = (ref ?? {}) as Value;
  const href = textOf(r.href);
  const id = href ? /\/([^/?#]+)$/.exec(href)?.[1] : undefined;
  const found = interfaces.find(
    (i) =>
      (id !== undefined && i.networkId === id) ||
      (href === undefined && textOf(r.name) !== undefined && i.name === r.name),
  );
  if (!found)
    throw bad(
      `${where}: the interface ${href ?? textOf(r.name) ?? "(none)"} is not one of the gateway's interfaces.`,
    );
  return found;
}

/** The uplink's own address a NAT rule names (DNAT: its original IP, SNAT: its translated IP). */
function checkUplinkAddress(
  type: string,
  rule: Value,
  on: Interface,
  edgeId: string,
): void {
  if (!on.held) return;
  const ip = type === "DNAT" ? rule.OriginalIp : rule.TranslatedIp;
  const address = parseIpv4(ip);
  if (address === undefined) return; // a range or a CIDR
  if (!within({ start: address, end: address }, on.held))
    throw badRequest(
      `IP ${String(ip)} does not belong to any interface's IP range on gateway ${edgeId}.`,
    );
}

function checkNat(
  s: Value,
  iface: (ref: unknown, where: string) => Interface,
  bad: Bad,
  edgeId: string,
): void {
  const ids = new Set<string>();
  listOf(s.NatRule).forEach((rule, i) => {
    const which = `rule ${i + 1}`;
    const type = String(rule.RuleType);
    if (!NAT_RULE_TYPES.includes(type))
      throw bad(`${which}: the RuleType "${type}" is not SNAT or DNAT.`);
    if (rule.Id !== undefined) {
      if (ids.has(String(rule.Id)))
        throw bad(`${which}: the Id ${String(rule.Id)} is used twice.`);
      ids.add(String(rule.Id));
    }
    const r = rule.GatewayNatRule as Value | undefined;
    if (!r)
      throw bad(
        `${which} has no GatewayNatRule (an edge gateway's NAT rules are not a vApp network's).`,
      );
    const on = iface(r.Interface, which);
    for (const field of ["OriginalIp", "TranslatedIp"]) {
      const v = r[field];
      if (
        v === undefined ||
        !isAddress(v) ||
        ["any", "internal", "external"].includes(String(v).toLowerCase())
      )
        throw bad(
          `${which}: ${field} ${String(v)} is not an IPv4 address, a range or a CIDR.`,
        );
    }
    checkUplinkAddress(type, r, on, edgeId);
    for (const field of ["OriginalPort", "TranslatedPort"])
      if (r[field] !== undefined && !isPort(r[field]))
        throw bad(
          `${which}: ${field} ${String(r[field])} is not any, a port or a range of ports (1-65535).`,
        );
    if (
      r.Protocol !== undefined &&
      !NAT_PROTOCOLS.includes(String(r.Protocol).toLowerCase())
    )
      throw bad(
        `${which}: the protocol "${String(r.Protocol)}" is not one of ${NAT_PROTOCOLS.join(", ")}.`,
      );
  });
}

function checkDhcp(s: Value, routed: readonly Network[], bad: Bad): void {
  const pooled = new Set<string>();
  listOf(s.Pool).forEach((pool, i) => {
    const which = `pool ${i + 1}`;
    const id = refId(pool.Network, "network");
    const network = routed.find((n) => n.id === id);
    if (!network)
      throw bad(
        `${which}: the network ${textOf((pool.Network as Value | undefined)?.href) ?? "(none)"} is not an org VDC network routed through the gateway.`,
      );
    if (pooled.has(network.id))
      throw bad(`${which}: network "${network.name}" has a pool already.`);
    pooled.add(network.id);
    const scope = ownScope(
      scopesOf(network.config ?? {})[0] ?? {
        Gateway: network.gateway,
        Netmask: network.netmask,
      },
      network.name,
      "org VDC network",
    );
    const low = parseIpv4(pool.LowIpAddress);
    const high = parseIpv4(pool.HighIpAddress);
    const range = `${String(pool.LowIpAddress)}-${String(pool.HighIpAddress)}`;
    if (low === undefined || high === undefined || low > high)
      throw bad(
        `${which}: ${range} is not a range of IPv4 addresses, low first.`,
      );
    if (!isHostOf(scope.subnet, low) || !isHostOf(scope.subnet, high))
      throw bad(
        `${which}: ${range} is not inside the subnet ${formatIpv4(scope.subnet.network)}/${scope.subnet.prefix} of network "${network.name}".`,
      );
    const r = { start: low, end: high };
    if (inRange(r, scope.gateway))
      throw bad(
        `${which}: ${range} holds the gateway of network "${network.name}".`,
      );
    if (scope.ranges.some((p) => overlap(p, r)))
      throw bad(
        `${which}: ${range} overlaps the static IP ranges of network "${network.name}".`,
      );
    const lease = pool.DefaultLeaseTime;
    const max = pool.MaxLeaseTime;
    if (typeof lease === "number" && typeof max === "number" && lease > max)
      throw bad(
        `${which}: the default lease time ${lease} is longer than the maximum ${max}.`,
      );
  });
}

function checkServicePort(p: Value, where: string, bad: Bad): void {
  if (p.Protocol !== undefined && !LB_PROTOCOLS.includes(String(p.Protocol)))
    throw bad(
      `${where}: the protocol "${String(p.Protocol)}" is not one of ${LB_PROTOCOLS.join(", ")}.`,
    );
  if (p.Algorithm !== undefined && !LB_ALGORITHMS.includes(String(p.Algorithm)))
    throw bad(
      `${where}: the algorithm "${String(p.Algorithm)}" is not one of ${LB_ALGORITHMS.join(", ")}.`,
    );
  for (const field of ["Port", "HealthCheckPort"])
    if (p[field] !== undefined && p[field] !== "" && !isPort(p[field]))
      throw bad(
        `${where}: ${field} ${String(p[field])} is not a port (1-65535).`,
      );
}

function checkLoadBalancer(
  s: Value,
  iface: (ref: unknown, where: string) => void,
  bad: Bad,
): void {
  const pools = new Set<string>();
  listOf(s.Pool).forEach((pool, i) => {
    const name = textOf(pool.Name) ?? "";
    const which = `pool ${i + 1}${name ? ` ("${name}")` : ""}`;
    if (name.trim() === "") throw bad(`${which} has no name.`);
    if (pools.has(name)) throw bad(`${which}: the name is used twice.`);
    pools.add(name);
    listOf(pool.ServicePort).forEach((p) => checkServicePort(p, which, bad));
    listOf(pool.Member).forEach((m, j) => {
      const member = `${which}, member ${j + 1}`;
      if (parseIpv4(m.IpAddress) === undefined)
        throw bad(
          `${member}: the IpAddress ${String(m.IpAddress)} is not an IPv4 address.`,
        );
      const weight = m.Weight === undefined ? 1 : Number(m.Weight);
      if (!Number.isInteger(weight) || weight < 0 || weight > 100)
        throw bad(
          `${member}: the weight ${String(m.Weight)} is not a whole number 0-100.`,
        );
      listOf(m.ServicePort).forEach((p) => checkServicePort(p, member, bad));
    });
  });
  listOf(s.VirtualServer).forEach((v, i) => {
    const name = textOf(v.Name) ?? "";
    const which = `virtual server ${i + 1}${name ? ` ("${name}")` : ""}`;
    if (name.trim() === "") throw bad(`${which} has no name.`);
    iface(v.Interface, which);
    if (parseIpv4(v.IpAddress) === undefined)
      throw bad(
        `${which}: the IpAddress ${String(v.IpAddress)} is not an IPv4 address.`,
      );
    if (textOf(v.Pool) === undefined || !pools.has(v.Pool as string))
      throw bad(
        `${which}: the pool "${String(v.Pool)}" is not one of the service's pools.`,
      );
    listOf(v.ServiceProfile).forEach((p) => {
      if (
        p.Protocol !== undefined &&
        !LB_PROTOCOLS.includes(String(p.Protocol))
      )
        throw bad(
          `${which}: the service profile's protocol "${String(p.Protocol)}" is not one of ${LB_PROTOCOLS.join(", ")}.`,
        );
      if (p.Port !== undefined && !isPort(p.Port))
        throw bad(
          `${which}: the service profile's port ${String(p.Port)} is not a port (1-65535).`,
        );
    });
  });
}
