/**
 * vcd-codegen runtime, simulator: the IP addresses of a VM's network connections, vCD's rules
 * (NetworkConnectionType's documentation: `IpAddressAllocationMode` POOL, MANUAL, DHCP or NONE).
 * - Each connection names a network of the vApp, or `none`; indexes are unique and the primary
 *   index is one of them.
 * - POOL: the simulator allocates the first free address of the network's static ranges (a
 *   connection keeps the pool address it has); none left is vCD's 400 "There are insufficient IP
 *   addresses to complete operation. ..." (its words, as vmware/terraform-provider-vcd issues #49
 *   and #216 quote them).
 * - MANUAL: `IpAddress` is a host address of the network's subnet, not its gateway, and not taken:
 *   vCD's 400 "The following IP addresses are already being used: A." (as vmware/pyvcloud PR #484
 *   quotes it).
 * - DHCP, NONE, and a connection to `none`: no address is kept.
 * - Another mode: vCD's 400 "Invalid network parameter: Unknown IP Addressing Mode"
 *   (vmware/terraform-provider-vcd issue #715).
 * An address is taken when a VM of a vApp holds it on the same segment: the org network a bridged vApp
 * network is bridged to (shared by every vApp on it), or the vApp's own natRouted or isolated one.
 */
import { badRequest } from "../fault.js";
import { formatIpv4, inRange, isHostOf, parseIpv4 } from "./ipv4.js";
import type { VApp, Value, Vm } from "./model.js";
import type { Store } from "./store.js";
import { VAppNetworkRules, type AddressScope } from "./vapp-network-rules.js";
import { listOf } from "./document-values.js";

const MODES = ["POOL", "MANUAL", "DHCP", "NONE"];

/** Whether an address is free: no VM holds it (`taken`) and no running task has drawn it. */
type Free = (address: number, taken: Set<number>) => boolean;

/** The name a task holds for an address it draws on a segment. */
const reservation = (key: string, address: number): string =>
  `address:${key}/${formatIpv4(address)}`;

export const INSUFFICIENT =
  "There are insufficient IP addresses to complete operation. You need to add IP addresses to the network that is associated with the object being created or deployed.";

export class VmAddresses {
  private readonly networks: VAppNetworkRules;
  constructor(private readonly store: Store) {
    this.networks = new VAppNetworkRules(store);
  }

  /**
   * Checks the section's connections for `vm` of `vapp` and completes them (POOL addresses drawn,
   * others dropped); answers the names of its addresses, which the task applying it holds while it
   * runs (`TaskSpec.reserves`), so that no other write draws them meanwhile.
   */
  assign(vapp: VApp, vm: Vm, section: Value, strict = true): string[] {
    const reserves: string[] = [];
    const available = new Set([...vapp.networks, "none"]);
    const connections = listOf(section.NetworkConnection);
    const indexes = new Set<unknown>();
    const mine = new Map<string, Set<number>>();
    for (const c of connections) {
      const network = String(c.network);
      if (!available.has(network))
        throw badRequest(
          `The specified network ${network} is not available in vApp "${vapp.name}".`,
        );
      if (indexes.has(c.NetworkConnectionIndex))
        throw badRequest(
          `The NetworkConnectionIndex ${String(c.NetworkConnectionIndex)} is used twice in VM "${vm.name}".`,
        );
      indexes.add(c.NetworkConnectionIndex);
      const mode = String(c.IpAddressAllocationMode);
      if (!MODES.includes(mode))
        throw badRequest(
          "Invalid network parameter: Unknown IP Addressing Mode",
        );
      if (network === "none" || mode === "DHCP" || mode === "NONE") {
        delete c.IpAddress;
        continue;
      }
      const scope = this.networks.scope(vapp, network);
      // a new vApp's VM on a network without a scope keeps what its source had
      if (!scope && !strict) continue;
      const key = scope?.key ?? `vapp:${vapp.id}/${network}`;
      const held = mine.get(key) ?? new Set<number>();
      mine.set(key, held);
      const taken = () => new Set([...this.taken(vapp, vm, key), ...held]);
      const free = (a: number, t: Set<number>) =>
        !t.has(a) && !this.store.tasks.reserved(reservation(key, a));
      const address =
        mode === "MANUAL"
          ? this.manual(c, scope, taken(), network, free)
          : this.pool(vm, c, scope, taken(), free);
      held.add(address);
      reserves.push(reservation(key, address));
      c.IpAddress = formatIpv4(address);
    }
    const primary = section.PrimaryNetworkConnectionIndex;
    if (
      primary !== undefined &&
      connections.length > 0 &&
      !indexes.has(primary)
    )
      throw badRequest(
        `The PrimaryNetworkConnectionIndex ${String(primary)} names no network connection of VM "${vm.name}".`,
      );
    return reserves;
  }

  /** Draws the addresses of every VM of a new vApp, one VM after the other. */
  assignAll(vapp: VApp): void {
    for (const vm of vapp.vms) this.assign(vapp, vm, vm.network, false);
  }

  private manual(
    c: Value,
    scope: AddressScope | undefined,
    taken: Set<number>,
    network: string,
    free: Free,
  ): number {
    const address = parseIpv4(c.IpAddress);
    if (address === undefined)
      throw badRequest(
        `A MANUAL connection to network ${network} needs an IPv4 IpAddress; ${String(c.IpAddress ?? "none")} is not one.`,
      );
    if (
      scope &&
      (!isHostOf(scope.subnet, address) || address === scope.gateway)
    )
      throw badRequest(
        `The IP address ${String(c.IpAddress)} is not a host address of network ${network} (gateway ${formatIpv4(scope.gateway)}).`,
      );
    if (!free(address, taken))
      throw badRequest(
        `The following IP addresses are already being used: ${formatIpv4(address)}.`,
      );
    return address;
  }

  private pool(
    vm: Vm,
    c: Value,
    scope: AddressScope | undefined,
    taken: Set<number>,
    free: Free,
  ): number {
    if (!scope) throw badRequest(INSUFFICIENT);
    const current = this.current(vm, c);
    if (
      current !== undefined &&
      free(current, taken) &&
      scope.ranges.some((r) => inRange(r, current))
    )
      return current;
    for (const r of scope.ranges)
      for (let a = r.start; a <= r.end; a++)
        if (a !== scope.gateway && free(a, taken)) return a;
    throw badRequest(INSUFFICIENT);
  }

  /** The address the VM's connection of the same index holds now (a POOL one keeps it). */
  private current(vm: Vm, c: Value): number | undefined {
    const same = listOf(vm.network.NetworkConnection).find(
      (o) =>
        o.NetworkConnectionIndex === c.NetworkConnectionIndex &&
        o.network === c.network &&
        o.IpAddressAllocationMode === "POOL",
    );
    return parseIpv4(same?.IpAddress ?? c.IpAddress);
  }

  /** The addresses VMs other than `vm` hold on the segment `key`. */
  private taken(vapp: VApp, vm: Vm, key: string): Set<number> {
    const taken = new Set<number>();
    const vapps = key.startsWith("network:")
      ? [...this.store.vapps.values()]
      : [];
    if (!vapps.includes(vapp)) vapps.push(vapp);
    for (const v of vapps)
      for (const other of v.vms) {
        if (other === vm) continue;
        for (const c of listOf(other.network.NetworkConnection)) {
          const address = parseIpv4(c.IpAddress);
          if (address === undefined || c.network === "none") continue;
          if (this.networks.keyOf(v, String(c.network)) === key)
            taken.add(address);
        }
      }
    return taken;
  }
}

/** Refuses new networks of the vApp that would leave a VM's address outside its network's scope. */
export function checkAddressesKept(
  store: Store,
  vapp: VApp,
  networks: VApp["networkConfig"] & object,
): void {
  const rules = new VAppNetworkRules(store);
  const after: VApp = { ...vapp, networkConfig: networks };
  for (const vm of vapp.vms)
    for (const c of listOf(vm.network.NetworkConnection)) {
      const mode = c.IpAddressAllocationMode;
      const address = parseIpv4(c.IpAddress);
      if (address === undefined || (mode !== "POOL" && mode !== "MANUAL"))
        continue;
      const scope = rules.scope(after, String(c.network));
      const inside =
        scope === undefined ||
        (mode === "POOL"
          ? scope.ranges.some((r) => inRange(r, address))
          : isHostOf(scope.subnet, address) && address !== scope.gateway);
      if (!inside)
        throw badRequest(
          `The IP address ${String(c.IpAddress)} of VM "${vm.name}" (${String(mode)}) is outside the new IP scope of vApp network "${String(c.network)}".`,
        );
    }
}
