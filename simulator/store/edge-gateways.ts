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
 * the gateway is refused). An edge gateway with org VDC networks routed through it cannot be
 * deleted. Its services (`configureServices`) are checked in edge-gateway-services.ts. The
 * refusals' wording is the simulator's.
 */
import {
  badRequest,
  duplicateName,
  forbidden,
  invalidState,
} from "../fault.js";
import { formatIpv4, inRange, isHostOf, parseIpv4 } from "./ipv4.js";
import type { EdgeGateway, Network, User, Value, Vdc } from "./model.js";
import { refId } from "./org-networks.js";
import type { Store } from "./store.js";
import { listOf, ownScope } from "./vapp-network-rules.js";

const BACKINGS = ["compact", "full", "full4", "x-large"];
const INTERFACE_TYPES = ["uplink", "internal"];

const text = (v: unknown): string | undefined =>
  typeof v === "string" ? v : undefined;

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
    const name = text(body.name) ?? "";
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
    const backing = text(configuration.GatewayBackingConfig);
    if (backing !== undefined && !BACKINGS.includes(backing))
      throw badRequest(
        `The GatewayBackingConfig "${backing}" of edge gateway "${name}" is not one of ${BACKINGS.join(", ")}.`,
      );
    const uplinks: Value[] = [];
    const seen = new Set<string>();
    for (const i of listOf(
      (configuration.GatewayInterfaces as Value | undefined)?.GatewayInterface,
    )) {
      const label = text(i.Name) ?? text(i.DisplayName) ?? "";
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
      const key = (text((i.Network as Value).href) ?? label).toLowerCase();
      if (seen.has(key))
        throw badRequest(
          `The edge gateway "${name}" has two uplinks to ${text((i.Network as Value).href) ?? label}.`,
        );
      seen.add(key);
      for (const p of listOf(i.SubnetParticipation))
        checkParticipation(p, label, name);
      uplinks.push({ ...i, InterfaceType: "uplink" });
    }
    const kept: Value = { ...configuration };
    delete kept.EdgeGatewayServiceConfiguration;
    kept.GatewayInterfaces = { GatewayInterface: uplinks };
    return {
      name,
      ...(text(body.Description) !== undefined
        ? { description: text(body.Description)! }
        : {}),
      config: kept,
    };
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

/** A subnet participation: its gateway and netmask (or prefix), its address and ranges inside. */
function checkParticipation(p: Value, label: string, name: string): void {
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
  if (p.IpAddress === undefined) return;
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
}
