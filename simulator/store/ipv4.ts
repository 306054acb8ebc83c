/**
 * vcd-codegen runtime, simulator: IPv4 addresses as numbers, subnets (a gateway and a netmask or a
 * prefix length) and address ranges, for the rules of vApp networks and VM network connections.
 */

/** The address as an unsigned 32-bit number, or undefined when it is no dotted-quad IPv4 address. */
export function parseIpv4(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  const parts = text.trim().split(".");
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

/** The prefix length of a contiguous netmask (`255.255.255.0`: 24), else undefined. */
export function prefixOfNetmask(text: unknown): number | undefined {
  const mask = parseIpv4(text);
  if (mask === undefined) return undefined;
  const ones = mask.toString(2).replace(/0+$/, "");
  if (mask !== 0 && ones.includes("0")) return undefined;
  return mask === 0 ? 0 : ones.length;
}

export function netmaskOf(prefix: number): string {
  return formatIpv4(prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);
}

export interface Subnet {
  readonly prefix: number;
  /** The network's own address and its broadcast address (neither is a host's). */
  readonly network: number;
  readonly broadcast: number;
}

export function subnetOf(address: number, prefix: number): Subnet {
  const size = 2 ** (32 - prefix);
  const network = address - (address % size);
  return { prefix, network, broadcast: network + size - 1 };
}

/** Whether `address` is a host address of the subnet (not its network or broadcast address). */
export function isHostOf(subnet: Subnet, address: number): boolean {
  return address > subnet.network && address < subnet.broadcast;
}

export interface Range {
  readonly start: number;
  readonly end: number;
}

export const inRange = (r: Range, address: number): boolean =>
  address >= r.start && address <= r.end;

export const overlap = (a: Range, b: Range): boolean =>
  a.start <= b.end && b.start <= a.end;

/** `a.b.c.d/n` (a network), or undefined. */
export function parseCidr(text: unknown): Subnet | undefined {
  if (typeof text !== "string") return undefined;
  const [address, bits, extra] = text.split("/");
  const a = parseIpv4(address);
  if (a === undefined || extra !== undefined || !/^\d{1,2}$/.test(bits ?? ""))
    return undefined;
  const prefix = Number(bits);
  return prefix <= 32 ? subnetOf(a, prefix) : undefined;
}
