/**
 * vcd-codegen runtime, simulator: edge gateways of a VDC, vCD's rules. "You must be a system
 * administrator to create ... an Edge Gateway" (vCloud API Programming Guide 5.5, "Network
 * Administration" / "About vCloud Director Networks"); it is created by POSTing a `Gateway`
 * (`EdgeGateway`) to the admin VDC's add link (`/admin/vdc/{id}/edgeGateways`), its name unique in
 * the VDC. Its `Configuration` (GatewayConfigurationType, network.xsd): `GatewayBackingConfig` "One
 * of: compact, full" (later releases add full4 and x-large); `GatewayInterfaces`, each of
 * `InterfaceType` "One of: Uplink, Internal" (vCD writes them in lower case), each subnet
 * participation a gateway with a netmask or prefix length and, if given, an `IpAddress` and
 * `IpRanges` inside that subnet. The uplinks are what the request gives; the internal interfaces
 * are the org VDC networks routed through the gateway (store/org-networks.ts), one each, written
 * by the simulator and not taken from a request (one naming a network that is not routed through
 * the gateway is refused). An uplink's `Network` names an external network (vCD's 403 for an href
 * naming no entity); each of its subnet participations is a subnet of that network, with its
 * gateway (without any,
 * it takes the network's first), and its address and sub-allocated `IpRanges` come from the
 * network's static IP pool, apart from what the uplinks of other gateways hold there
 * (provider/external-network-addresses.ts); without an `IpAddress` the first free address of the
 * pool is allocated. An edge gateway with org VDC networks routed through it cannot be deleted.
 * Its services (`configureServices`) are checked in edge-gateway-services.ts. The refusals'
 * wording is the simulator's.
 */
import {
  badRequest,
  duplicateName,
  forbidden,
  invalidState,
} from "../fault.js";
import {
  externalNetworkOf,
  externalScopes,
  holdings,
  rangeText,
  subnetText,
  within,
  type ExternalScope,
} from "../provider/external-network-addresses.js";
import type { ExternalNetwork } from "../provider/model.js";
import {
  formatIpv4,
  inRange,
  isHostOf,
  netmaskOf,
  overlap,
  parseIpv4,
  type Range,
} from "./ipv4.js";
import type { EdgeGateway, Network, User, Value, Vdc } from "./model.js";
import { refId } from "./org-networks.js";
import type { Store } from "./store.js";
import { ownScope } from "./vapp-network-rules.js";
import { listOf, textOf } from "./document-values.js";

const BACKINGS = ["compact", "full", "full4", "x-large"];
const INTERFACE_TYPES = ["uplink", "internal"];

export interface GatewayFields {
  readonly name: string;
  readonly description?: string;
  readonly config: Value;
}

export class EdgeGatewayRules {
  constructor(private readonly store: Store) {}

  /** The org VDC networks routed through the gateway. */
  networksOf(edge: EdgeGateway): Network[] {
    return [...this.store.networks.values()].filter(
      (n) => n.edgeGatewayId === edge.id,
    );
  }

  /** The gateway's interfaces: its uplinks as kept, then one internal interface per routed network. */
  interfaces(edge: EdgeGateway, networkHref: (n: Network) => string): Value[] {
    const uplinks = listOf(
      (edge.config.GatewayInterfaces as Value | undefined)?.GatewayInterface,
    );
    const internal = this.networksOf(edge).map((n) => ({
      Name: n.name,
      DisplayName: n.name,
      Network: {
        href: networkHref(n),
        name: n.name,
        type: "application/vnd.vmware.admin.network+xml",
      },
      InterfaceType: "internal",
      SubnetParticipation: [
        { Gateway: n.gateway, Netmask: n.netmask, IpAddress: n.gateway },
      ],
      ApplyRateLimit: false,
      UseForDefaultRoute: false,
    }));
    return [...uplinks, ...internal];
  }

  /** Checks a `Gateway` for the VDC (`existing`: the gateway a PUT changes). */
  check(
    user: User,
    vdc: Vdc,
    body: Value,
    existing?: EdgeGateway,
  ): GatewayFields {
    if (!this.store.isSystemAdmin(user))
      throw existing && this.store.isOrgAdmin(user, vdc.orgId)
        ? forbidden(
            `Only a system administrator can change edge gateway "${existing.name}".`,
          )
        : forbidden("Only a system administrator can create an edge gateway.");
    const name = textOf(body.name) ?? "";
    if (name.trim() === "")
      throw badRequest("The edge gateway must have a name.");
    const lower = name.toLowerCase();
    for (const g of this.store.edgeGateways.values())
      if (
        g.vdcId === vdc.id &&
        g.id !== existing?.id &&
        g.name.toLowerCase() === lower
      )
        throw duplicateName(name);
    const configuration = body.Configuration as Value | undefined;
    if (!configuration)
      throw badRequest(
        `The edge gateway "${name}" must have a Configuration (GatewayConfiguration).`,
      );
    const backing = textOf(configuration.GatewayBackingConfig);
    if (backing !== undefined && !BACKINGS.includes(backing))
      throw badRequest(
        `The GatewayBackingConfig "${backing}" of edge gateway "${name}" is not one of ${BACKINGS.join(", ")}.`,
      );
    const named: { i: Value; label: string; external: ExternalNetwork }[] = [];
    for (const i of listOf(
      (configuration.GatewayInterfaces as Value | undefined)?.GatewayInterface,
    )) {
      const label = textOf(i.Name) ?? textOf(i.DisplayName) ?? "";
      const kind = String(i.InterfaceType ?? "").toLowerCase();
      if (!INTERFACE_TYPES.includes(kind))
        throw badRequest(
          `The interface "${label}" of edge gateway "${name}" has InterfaceType "${String(i.InterfaceType)}", not uplink or internal.`,
        );
      if (kind === "internal") {
        const id = refId(i.Network, "network");
        const routed = id ? this.store.networks.get(id) : undefined;
        if (!existing || routed?.edgeGatewayId !== existing.id)
          throw badRequest(
            `The internal interface "${label}" of edge gateway "${name}" names no org VDC network routed through it (internal interfaces are those of its networks).`,
          );
        continue;
      }
      if (!i.Network)
        throw badRequest(
          `The uplink "${label}" of edge gateway "${name}" must name its Network (an external network).`,
        );
      const external = externalNetworkOf(this.store, i.Network);
      if (named.some((u) => u.external.id === external.id))
        throw badRequest(
          `The edge gateway "${name}" has two uplinks to ${textOf((i.Network as Value).href) ?? label}.`,
        );
      named.push({ i, label, external });
    }
    // each uplink's addresses, once every uplink names its own external network
    const uplinks = named.map(({ i, label, external }) => ({
      ...i,
      Network: { ...(i.Network as Value), name: external.name },
      InterfaceType: "uplink",
      SubnetParticipation: this.participations(
        i,
        label,
        name,
        external,
        existing,
      ),
    }));
    const kept: Value = { ...configuration };
    delete kept.EdgeGatewayServiceConfiguration;
    kept.GatewayInterfaces = { GatewayInterface: uplinks };
    return {
      name,
      ...(textOf(body.Description) !== undefined
        ? { description: textOf(body.Description)! }
        : {}),
      config: kept,
    };
  }

  /**
   * An uplink's subnet participations on its external network (its first subnet when it gives
   * none): each checked, its address allocated from the pool when it has none.
   */
  private participations(
    uplink: Value,
    label: string,
    name: string,
    external: ExternalNetwork,
    existing: EdgeGateway | undefined,
  ): Value[] {
    const scopes = externalScopes(external);
    const given = listOf(uplink.SubnetParticipation);
    const first = scopes[0];
    const list =
      given.length || !first
        ? given
        : [
            {
              Gateway: formatIpv4(first.gateway),
              Netmask: netmaskOf(first.subnet.prefix),
            },
          ];
    const taken = holdings(this.store, external.id, existing?.id);
    const mine: Range[] = [];
    const what = `uplink "${label}" of edge gateway "${name}"`;
    const isTaken = (r: Range) =>
      mine.some((m) => overlap(m, r)) || taken.find((h) => overlap(h.range, r));
    return list.map((p) => {
      const own = checkParticipation(p, label, name);
      const scope = scopes.find(
        (s) => subnetText(s.subnet) === subnetText(own.subnet),
      );
      if (!scope)
        throw badRequest(
          `The subnet ${subnetText(own.subnet)} of ${what} is not a subnet of external network "${external.name}" (${scopes.map((s) => subnetText(s.subnet)).join(", ")}).`,
        );
      if (own.gateway !== scope.gateway)
        throw badRequest(
          `The gateway ${formatIpv4(own.gateway)} of ${what} is not the gateway ${formatIpv4(scope.gateway)} of external network "${external.name}" on ${subnetText(scope.subnet)}.`,
        );
      const pool = `the static IP pool of external network "${external.name}" (${scope.ranges.map(rangeText).join(", ")})`;
      for (const range of own.ranges) {
        if (!within(range, scope.ranges))
          throw badRequest(
            `The IP range ${rangeText(range)} sub-allocated to ${what} is not inside ${pool}.`,
          );
        refuseTaken(range, isTaken(range), what, external);
        mine.push(range);
      }
      const address =
        p.IpAddress !== undefined
          ? parseIpv4(p.IpAddress)!
          : freeAddress(scope, own.ranges, isTaken, what, external);
      const one = { start: address, end: address };
      if (!within(one, scope.ranges))
        throw badRequest(
          `The IpAddress ${formatIpv4(address)} of ${what} is not inside ${pool}.`,
        );
      refuseTaken(one, isTaken(one), what, external);
      mine.push(one);
      return { ...p, IpAddress: formatIpv4(address) };
    });
  }

  create(vdc: Vdc, fields: GatewayFields): EdgeGateway {
    const edge: EdgeGateway = {
      id: this.store.ids.next("edgeGateway"),
      orgId: vdc.orgId,
      vdcId: vdc.id,
      ...fields,
      ready: false,
    };
    this.store.edgeGateways.set(edge.id, edge);
    return edge;
  }

  update(edge: EdgeGateway, fields: GatewayFields): void {
    edge.name = fields.name;
    edge.config = fields.config;
    if (fields.description === undefined) delete edge.description;
    else edge.description = fields.description;
  }

  /** Refuses deleting a gateway that org VDC networks are routed through. */
  checkRemove(user: User, edge: EdgeGateway): void {
    if (!this.store.isSystemAdmin(user))
      throw forbidden(
        `Only a system administrator can delete edge gateway "${edge.name}".`,
      );
    const attached = this.networksOf(edge);
    if (attached.length)
      throw invalidState(
        "BUSY_ENTITY",
        `The edge gateway "${edge.name}" cannot be deleted: org VDC networks are routed through it (${attached.map((n) => n.name).join(", ")}).`,
      );
  }

  remove(edge: EdgeGateway): void {
    this.store.edgeGateways.delete(edge.id);
    this.store.forget([edge.id]);
  }
}

function refuseTaken(
  range: Range,
  by: { edge: EdgeGateway } | boolean | undefined,
  what: string,
  external: ExternalNetwork,
): void {
  if (!by) return;
  const holder =
    by === true
      ? "another of its subnet participations"
      : `edge gateway "${by.edge.name}"`;
  throw badRequest(
    `The ${range.start === range.end ? "IpAddress" : "IP range"} ${rangeText(range)} of ${what} is taken on external network "${external.name}" by ${holder}.`,
  );
}

/** The first address of the pool that nobody holds and that is not in the participation's own ranges. */
function freeAddress(
  scope: ExternalScope,
  own: readonly Range[],
  isTaken: (r: Range) => unknown,
  what: string,
  external: ExternalNetwork,
): number {
  for (const r of scope.ranges)
    for (let a = r.start; a <= r.end; a++) {
      const one = { start: a, end: a };
      if (
        a !== scope.gateway &&
        !own.some((o) => inRange(o, a)) &&
        !isTaken(one)
      )
        return a;
    }
  throw badRequest(
    `The static IP pool of external network "${external.name}" has no free address for ${what}.`,
  );
}

/** A subnet participation: its gateway and netmask (or prefix), its address and ranges inside. */
function checkParticipation(
  p: Value,
  label: string,
  name: string,
): ReturnType<typeof ownScope> {
  const what = `uplink "${label}" of edge gateway`;
  const scope = ownScope(
    {
      Gateway: p.Gateway,
      ...(p.Netmask !== undefined ? { Netmask: p.Netmask } : {}),
      ...(p.SubnetPrefixLength !== undefined
        ? { SubnetPrefixLength: p.SubnetPrefixLength }
        : {}),
      IpRanges: p.IpRanges,
    },
    name,
    what,
  );
  if (p.IpAddress === undefined) return scope;
  const address = parseIpv4(p.IpAddress);
  if (address === undefined || !isHostOf(scope.subnet, address))
    throw badRequest(
      `The IpAddress ${String(p.IpAddress)} of ${what} "${name}" is not a host address of ${formatIpv4(scope.subnet.network)}/${scope.subnet.prefix}.`,
    );
  if (address === scope.gateway)
    throw badRequest(
      `The IpAddress ${String(p.IpAddress)} of ${what} "${name}" is the subnet's gateway.`,
    );
  if (scope.ranges.some((r) => inRange(r, address)))
    throw badRequest(
      `The IpAddress ${String(p.IpAddress)} of ${what} "${name}" is inside its IP ranges.`,
    );
  return scope;
}
