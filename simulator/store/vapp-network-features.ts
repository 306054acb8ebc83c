/**
 * vcd-codegen runtime, simulator: the `Features` of a vApp network (NetworkFeaturesType, its
 * `NetworkService` substitution group), vCD's rules as the schema's documentation and the guide's
 * "Configuring vApp Networks" give them: a bridged network has no services of its own (they are its
 * parent's); an isolated one only DHCP; a natRouted one DHCP, firewall, NAT and static routes.
 * - DHCP: an enabled service needs its range, inside the subnet, start <= end, apart from the
 *   static ranges and the gateway; the default lease no longer than the maximum.
 * - Firewall: `DefaultAction` and each rule's `Policy` allow or drop; a rule's protocols say at least
 *   one (`Tcp`, `Udp`, `Icmp`, `Any`, or `Other`); its ports `Any`, a port or `a-b` (1-65535); its
 *   addresses `Any`, `internal`, `external`, an IPv4 address, a CIDR or `a-b`. Rules apply in their
 *   order; their `Id`s are unique.
 * - NAT: `NatType` ipTranslation (one-to-one rules) or portForwarding (port-forwarding and VM
 *   rules), each rule of its type's kinds; `Policy` allowTraffic or allowTrafficIn; a VM rule names a
 *   VM of the vApp (its `VAppScopedVmId`: the simulator's VMs are scoped by name) and one of its NIC
 *   indexes; ports 1-65535; protocol TCP, UDP or TCP_UDP.
 * - Static routes: a name, a network in CIDR form, an IPv4 next hop, interface Internal or External.
 * The refusals' wording is the simulator's.
 */
import { badRequest } from "../fault.js";
import {
  inRange,
  isHostOf,
  overlap,
  parseCidr,
  parseIpv4,
  type Range,
  type Subnet,
} from "./ipv4.js";
import type { Value, Vm } from "./model.js";
import { listOf } from "./document-values.js";

interface Scope {
  readonly gateway: number;
  readonly subnet: Subnet;
  readonly ranges: readonly Range[];
}

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  bridged: [],
  isolated: ["vcloud:DhcpService"],
  natRouted: [
    "vcloud:DhcpService",
    "vcloud:FirewallService",
    "vcloud:NatService",
    "vcloud:StaticRoutingService",
  ],
};

export function checkFeatures(
  name: string,
  fence: string,
  features: Value,
  scope: Scope,
  vms: readonly Vm[],
): void {
  for (const service of listOf(features.NetworkService)) {
    const element = String(service.$element);
    const local = element.replace(/^vcloud:/, "");
    if (!(ALLOWED[fence] ?? []).includes(element))
      throw badRequest(
        `The ${fence} vApp network "${name}" cannot have a ${local}.`,
      );
    const bad = (what: string) =>
      badRequest(`The ${local} of vApp network "${name}": ${what}`);
    if (element === "vcloud:DhcpService") checkDhcp(service, scope, bad);
    if (element === "vcloud:FirewallService") checkFirewall(service, bad);
    if (element === "vcloud:NatService") checkNat(service, vms, name, bad);
    if (element === "vcloud:StaticRoutingService") checkRoutes(service, bad);
  }
}

export type Bad = (what: string) => Error;

function checkDhcp(s: Value, scope: Scope, bad: Bad): void {
  const range = s.IpRange as Value | undefined;
  if (!range) {
    if (s.IsEnabled === true)
      throw bad("an enabled DHCP service needs its IpRange.");
    return;
  }
  const start = parseIpv4(range.StartAddress);
  const end = parseIpv4(range.EndAddress);
  const text = `${String(range.StartAddress)}-${String(range.EndAddress)}`;
  if (start === undefined || end === undefined || start > end)
    throw bad(
      `the range ${text} is not a range of IPv4 addresses, start first.`,
    );
  if (!isHostOf(scope.subnet, start) || !isHostOf(scope.subnet, end))
    throw bad(`the range ${text} is not inside the network's subnet.`);
  const r = { start, end };
  if (inRange(r, scope.gateway))
    throw bad(`the range ${text} holds the network's gateway.`);
  if (scope.ranges.some((p) => overlap(p, r)))
    throw bad(`the range ${text} overlaps the network's static IP ranges.`);
  const lease = s.DefaultLeaseTime;
  const max = s.MaxLeaseTime;
  if (typeof lease === "number" && typeof max === "number" && lease > max)
    throw bad(
      `the default lease time ${lease} is longer than the maximum ${max}.`,
    );
}

const POLICIES = ["allow", "drop"];
const WORDS = ["any", "internal", "external"];

export function isPort(text: unknown): boolean {
  if (typeof text === "number")
    return text === -1 || (text >= 1 && text <= 65535);
  if (typeof text !== "string") return false;
  if (text.toLowerCase() === "any") return true;
  const parts = text.split("-");
  if (parts.length > 2 || !parts.every((p) => /^\d{1,5}$/.test(p)))
    return false;
  const [a, b = a] = parts.map(Number);
  return a >= 1 && b <= 65535 && a <= b;
}

export function isAddress(text: unknown): boolean {
  if (typeof text !== "string") return false;
  if (WORDS.includes(text.toLowerCase())) return true;
  if (text.includes("/")) return parseCidr(text) !== undefined;
  const parts = text.split("-");
  return (
    parts.length <= 2 &&
    parts.every((p) => parseIpv4(p) !== undefined) &&
    (parts.length === 1 || parseIpv4(parts[0])! <= parseIpv4(parts[1])!)
  );
}

export function checkFirewall(s: Value, bad: Bad): void {
  if (
    s.DefaultAction !== undefined &&
    !POLICIES.includes(String(s.DefaultAction))
  )
    throw bad(
      `the default action "${String(s.DefaultAction)}" is not allow or drop.`,
    );
  const ids = new Set<string>();
  listOf(s.FirewallRule).forEach((rule, i) => {
    const which = `rule ${i + 1}${typeof rule.Description === "string" ? ` ("${rule.Description}")` : ""}`;
    if (rule.Id !== undefined) {
      if (ids.has(String(rule.Id)))
        throw bad(`${which}: the Id ${String(rule.Id)} is used twice.`);
      ids.add(String(rule.Id));
    }
    if (rule.Policy !== undefined && !POLICIES.includes(String(rule.Policy)))
      throw bad(
        `${which}: the policy "${String(rule.Policy)}" is not allow or drop.`,
      );
    const p = (rule.Protocols ?? {}) as Value;
    const any =
      p.Tcp === true ||
      p.Udp === true ||
      p.Icmp === true ||
      p.Any === true ||
      (typeof p.Other === "string" && p.Other !== "");
    if (!any) throw bad(`${which}: it names no protocol.`);
    for (const field of [
      "Port",
      "SourcePort",
      "DestinationPortRange",
      "SourcePortRange",
    ])
      if (rule[field] !== undefined && !isPort(rule[field]))
        throw bad(
          `${which}: ${field} ${String(rule[field])} is not Any, a port or a range of ports (1-65535).`,
        );
    for (const field of ["DestinationIp", "SourceIp"])
      if (rule[field] !== undefined && !isAddress(rule[field]))
        throw bad(
          `${which}: ${field} ${String(rule[field])} is not Any, internal, external, an IPv4 address, a CIDR or a range.`,
        );
  });
}

const NAT_KINDS: Readonly<Record<string, readonly string[]>> = {
  ipTranslation: ["OneToOneBasicRule", "OneToOneVmRule"],
  portForwarding: ["PortForwardingRule", "VmRule"],
};
const PROTOCOLS = ["TCP", "UDP", "TCP_UDP"];

function checkNat(
  s: Value,
  vms: readonly Vm[],
  network: string,
  bad: Bad,
): void {
  const type = String(s.NatType ?? "ipTranslation");
  const kinds = NAT_KINDS[type];
  if (!kinds)
    throw bad(`the NAT type "${type}" is not ipTranslation or portForwarding.`);
  if (
    s.Policy !== undefined &&
    !["allowTraffic", "allowTrafficIn"].includes(String(s.Policy))
  )
    throw bad(
      `the policy "${String(s.Policy)}" is not allowTraffic or allowTrafficIn.`,
    );
  listOf(s.NatRule).forEach((rule, i) => {
    const kind = Object.keys(rule).find(
      (k) => /Rule$/.test(k) && k !== "RuleType",
    );
    if (!kind) throw bad(`rule ${i + 1} has no rule.`);
    if (!kinds.includes(kind))
      throw bad(
        `rule ${i + 1} is a ${kind}, which a ${type} NAT service does not take (${kinds.join(", ")}).`,
      );
    const r = rule[kind] as Value;
    for (const field of ["ExternalPort", "InternalPort"])
      if (
        r[field] !== undefined &&
        !(
          typeof r[field] === "number" &&
          (r[field] as number) >= 1 &&
          (r[field] as number) <= 65535
        )
      )
        throw bad(
          `rule ${i + 1}: ${field} ${String(r[field])} is not a port (1-65535).`,
        );
    if (r.Protocol !== undefined && !PROTOCOLS.includes(String(r.Protocol)))
      throw bad(
        `rule ${i + 1}: the protocol "${String(r.Protocol)}" is not TCP, UDP or TCP_UDP.`,
      );
    if (
      r.MappingMode === "manual" &&
      parseIpv4(r.ExternalIpAddress) === undefined
    )
      throw bad(`rule ${i + 1}: a manual mapping needs its ExternalIpAddress.`);
    if (r.VAppScopedVmId !== undefined) {
      const vm = vms.find(
        (v) => v.name === r.VAppScopedVmId || v.id === r.VAppScopedVmId,
      );
      if (!vm)
        throw bad(
          `rule ${i + 1}: the vApp has no VM "${String(r.VAppScopedVmId)}".`,
        );
      const nics = listOf(vm.network.NetworkConnection).filter(
        (c) => c.network === network,
      );
      if (!nics.some((c) => c.NetworkConnectionIndex === r.VmNicId))
        throw bad(
          `rule ${i + 1}: VM "${vm.name}" has no NIC ${String(r.VmNicId)} on this network.`,
        );
    }
  });
}

export function checkRoutes(s: Value, bad: Bad): void {
  listOf(s.StaticRoute).forEach((route, i) => {
    const which = `route ${i + 1}`;
    if (typeof route.Name !== "string" || route.Name.trim() === "")
      throw bad(`${which} has no name.`);
    if (parseCidr(route.Network) === undefined)
      throw bad(
        `${which}: the network ${String(route.Network)} is not in CIDR form (a.b.c.d/n).`,
      );
    if (parseIpv4(route.NextHopIp) === undefined)
      throw bad(
        `${which}: the next hop ${String(route.NextHopIp)} is not an IPv4 address.`,
      );
    if (
      route.Interface !== undefined &&
      !["Internal", "External"].includes(String(route.Interface))
    )
      throw bad(
        `${which}: the interface "${String(route.Interface)}" is not Internal or External.`,
      );
  });
}
