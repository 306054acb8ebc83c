/**
 * vcd-codegen runtime, simulator: organization VDC networks, vCD's rules. A network is added to a
 * VDC by POSTing an `OrgVdcNetwork` to the VDC's add link for networks (`/admin/vdc/{id}/networks`;
 * vCloud API Programming Guide 5.5, "Network Administration" / "Create an Organization VDC Network":
 * 201 with the partly created network and the creation task in its `Tasks`). "You must be a system
 * administrator to create ... a directly connected organization VDC network ... or an Edge Gateway.
 * An organization administrator can create and modify routed and isolated organization VDC networks"
 * (same chapter, "About vCloud Director Networks"). Its `Configuration` has a fence mode: `bridged`
 * (a direct connection: a `ParentNetwork`, an external network), `natRouted` (routed through an edge
 * gateway of the VDC: the network's `EdgeGateway` reference, "Routed connections require an Edge
 * Gateway") or `isolated` (neither). A routed or isolated network has its own IP scope (checked as a
 * vApp network's: store/vapp-network-rules.ts `ownScope`), and the subnets of the networks of one edge
 * gateway must not overlap (an edge gateway has one interface per subnet). Gateway, netmask and fence
 * mode are kept by a PUT; a network a vApp network is bridged or routed to (`ParentNetwork`) cannot be
 * deleted. A bridged network's `ParentNetwork` names an external network ("External networks
 * provide support for bridged organization networks", the guide's "Create an External Network"):
 * one that exists (vCD's 403 for an href naming no entity), not an org VDC network; without IP
 * scopes in the request it inherits the external network's (`IsInherited`, kept in step with the
 * external network's PUT), and the scopes it gives must be subnets of the external network's, with
 * their gateways, their ranges inside them. The other refusals' wording is the simulator's (no vCD sample words them).
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
  inheritedScopes,
  networkIdOf,
  subnetText,
} from "../provider/external-network-addresses.js";
import type { ExternalNetwork } from "../provider/model.js";
import { formatIpv4, overlap } from "./ipv4.js";
import type { EdgeGateway, Network, User, Value, Vdc } from "./model.js";
import type { Store } from "./store.js";
import {
  FENCE_MODES,
  ownScope,
  scopesOf,
  VAppNetworkRules,
} from "./vapp-network-rules.js";
import { textOf } from "./document-values.js";

const WHAT = "org VDC network";

/** The id after `/{segment}/` in a reference's href. */
export function refId(ref: unknown, segment: string): string | undefined {
  const href = textOf((ref as Value | undefined)?.href) ?? "";
  return new RegExp(`/${segment}/([^/?#]+)`).exec(href)?.[1];
}

/** What a checked request keeps. */
export interface NetworkFields {
  readonly name: string;
  readonly description?: string;
  readonly fenceMode: string;
  readonly gateway: string;
  readonly netmask: string;
  readonly config: Value;
  readonly edgeGatewayId?: string;
  readonly parentNetworkId?: string;
  readonly shared: boolean;
}

export class OrgNetworkRules {
  constructor(private readonly store: Store) {}

  /** The networks of a VDC (those it offers: its `networkIds`). */
  ofVdc(vdc: Vdc): Network[] {
    return vdc.networkIds.flatMap((id) => {
      const n = this.store.networks.get(id);
      return n ? [n] : [];
    });
  }

  /** The VDC a network belongs to. */
  vdcOf(network: Network): Vdc | undefined {
    if (network.vdcId) return this.store.vdcs.get(network.vdcId);
    return [...this.store.vdcs.values()].find((v) =>
      v.networkIds.includes(network.id),
    );
  }

  /** Checks an `OrgVdcNetwork` for the VDC (`existing`: the network a PUT changes). */
  check(user: User, vdc: Vdc, body: Value, existing?: Network): NetworkFields {
    if (!this.store.isOrgAdmin(user, vdc.orgId)) throw forbidden();
    const name = textOf(body.name) ?? "";
    if (name.trim() === "")
      throw badRequest("The org VDC network must have a name.");
    const lower = name.toLowerCase();
    for (const n of this.ofVdc(vdc))
      if (n.id !== existing?.id && n.name.toLowerCase() === lower)
        throw duplicateName(name);
    const configuration = (body.Configuration ?? {}) as Value;
    const fence = String(configuration.FenceMode);
    if (!FENCE_MODES.includes(fence))
      throw badRequest(
        `The fence mode "${fence}" of org VDC network "${name}" is not one of bridged, natRouted, isolated.`,
      );
    if (existing && fence !== existing.fenceMode)
      throw badRequest(
        `The fence mode of org VDC network "${existing.name}" cannot be changed (${existing.fenceMode} to ${fence}).`,
      );
    if (fence === "bridged" && !this.store.isSystemAdmin(user))
      throw forbidden(
        `Only a system administrator can ${existing ? "change" : "create"} the directly connected (bridged) org VDC network "${name}".`,
      );
    const hasParent = configuration.ParentNetwork !== undefined;
    if (fence === "bridged" && !hasParent)
      throw badRequest(
        `The bridged org VDC network "${name}" must name its ParentNetwork (an external network).`,
      );
    if (fence !== "bridged" && hasParent)
      throw badRequest(
        `The ${fence} org VDC network "${name}" cannot have a ParentNetwork.`,
      );
    const edge = this.edgeOf(vdc, name, fence, body.EdgeGateway);
    const parent =
      fence === "bridged"
        ? this.parentOf(name, configuration.ParentNetwork)
        : undefined;
    const given = scopesOf(configuration);
    const scopes =
      parent && given.length === 0 ? inheritedScopes(parent) : given;
    if (scopes.length === 0)
      throw badRequest(
        `The org VDC network "${name}" must have an IP scope (IpScopes/IpScope).`,
      );
    const scope = ownScope(scopes[0], name, WHAT);
    for (const s of scopes.slice(1)) ownScope(s, name, WHAT);
    if (parent) checkInParent(name, scopes, parent);
    const first = scopes[0];
    const gateway = String(first.Gateway);
    const netmask =
      first.Netmask !== undefined
        ? String(first.Netmask)
        : formatIpv4((0xffffffff << (32 - scope.subnet.prefix)) >>> 0);
    if (
      existing &&
      (gateway !== existing.gateway || netmask !== existing.netmask)
    )
      throw badRequest(
        `The gateway and netmask of org VDC network "${existing.name}" cannot be changed (${existing.gateway}/${existing.netmask}).`,
      );
    if (edge) this.checkSubnetFree(edge, name, scope.subnet, existing);
    const rest: Value = { ...configuration };
    delete rest.Link;
    if (parent) {
      if (given.length === 0) {
        delete rest.IpScope;
        rest.IpScopes = { IpScope: scopes };
      }
      rest.ParentNetwork = {
        ...(configuration.ParentNetwork as Value),
        name: parent.name,
      };
    }
    return {
      name,
      ...(textOf(body.Description) !== undefined
        ? { description: textOf(body.Description)! }
        : {}),
      fenceMode: fence,
      gateway,
      netmask,
      config: rest,
      ...(edge ? { edgeGatewayId: edge.id } : {}),
      ...(parent ? { parentNetworkId: parent.id } : {}),
      shared: body.IsShared === true,
    };
  }

  /** Creates the network (not ready until its task ends). */
  create(vdc: Vdc, fields: NetworkFields): Network {
    const network: Network = {
      id: this.store.ids.next("network"),
      orgId: vdc.orgId,
      vdcId: vdc.id,
      ...fields,
      ready: false,
    };
    this.store.networks.set(network.id, network);
    vdc.networkIds.push(network.id);
    return network;
  }

  update(network: Network, fields: NetworkFields): void {
    Object.assign(network, fields);
    if (fields.description === undefined) delete network.description;
  }

  /** Refuses deleting a network that a vApp network names as its parent. */
  checkRemove(user: User, network: Network): void {
    if (!this.store.isOrgAdmin(user, network.orgId)) throw forbidden();
    const vapps = new VAppNetworkRules(this.store);
    for (const vapp of this.store.vapps.values()) {
      if (vapp.orgId !== network.orgId) continue;
      const uses = vapps.networks(vapp).find((n) => n.parentId === network.id);
      if (uses)
        throw invalidState(
          "BUSY_ENTITY",
          `The org VDC network "${network.name}" is in use by vApp network "${uses.name}" of vApp "${vapp.name}" and cannot be deleted.`,
        );
    }
  }

  remove(network: Network): void {
    this.store.networks.delete(network.id);
    for (const vdc of this.store.vdcs.values())
      vdc.networkIds = vdc.networkIds.filter((id) => id !== network.id);
    this.store.forget([network.id]);
  }

  /** The external network a bridged network names as its ParentNetwork. */
  private parentOf(name: string, ref: unknown): ExternalNetwork {
    const org = this.store.networks.get(networkIdOf(ref) ?? "");
    if (org)
      throw badRequest(
        `The ParentNetwork of bridged org VDC network "${name}" is org VDC network "${org.name}", not an external network.`,
      );
    return externalNetworkOf(this.store, ref);
  }

  /** The edge gateway a natRouted network names (of the VDC); none for the other fence modes. */
  private edgeOf(
    vdc: Vdc,
    name: string,
    fence: string,
    ref: unknown,
  ): EdgeGateway | undefined {
    if (fence !== "natRouted") {
      if (ref !== undefined)
        throw badRequest(
          `The ${fence} org VDC network "${name}" cannot have an EdgeGateway.`,
        );
      return undefined;
    }
    if (ref === undefined)
      throw badRequest(
        `The natRouted org VDC network "${name}" must name its EdgeGateway.`,
      );
    const id = refId(ref, "edgeGateway");
    const edge = id ? this.store.edgeGateways.get(id) : undefined;
    if (!edge || edge.vdcId !== vdc.id)
      throw badRequest(
        `The EdgeGateway ${textOf((ref as Value).href) ?? ""} of org VDC network "${name}" is not an edge gateway of VDC "${vdc.name}".`,
      );
    return edge;
  }

  /** Refuses a subnet that overlaps the subnet of another network of the edge gateway. */
  private checkSubnetFree(
    edge: EdgeGateway,
    name: string,
    subnet: { network: number; broadcast: number; prefix: number },
    existing: Network | undefined,
  ): void {
    const mine = { start: subnet.network, end: subnet.broadcast };
    for (const other of this.store.networks.values()) {
      if (other.edgeGatewayId !== edge.id || other.id === existing?.id)
        continue;
      const gateway = parseGateway(other);
      if (!gateway) continue;
      if (overlap(mine, gateway))
        throw badRequest(
          `The subnet ${formatIpv4(subnet.network)}/${subnet.prefix} of org VDC network "${name}" overlaps the subnet of org VDC network "${other.name}" on edge gateway "${edge.name}".`,
        );
    }
  }
}

/** Refuses a bridged network's scope that is not a subnet of its external network's. */
function checkInParent(
  name: string,
  scopes: readonly Value[],
  parent: ExternalNetwork,
): void {
  const theirs = externalScopes(parent);
  for (const s of scopes) {
    const { subnet, gateway } = ownScope(s, name, WHAT);
    const same = theirs.find(
      (t) => subnetText(t.subnet) === subnetText(subnet),
    );
    if (!same)
      throw badRequest(
        `The subnet ${subnetText(subnet)} of bridged org VDC network "${name}" is not a subnet of its external network "${parent.name}" (${theirs.map((t) => subnetText(t.subnet)).join(", ")}).`,
      );
    if (same.gateway !== gateway)
      throw badRequest(
        `The gateway ${formatIpv4(gateway)} of bridged org VDC network "${name}" is not the gateway ${formatIpv4(same.gateway)} of its external network "${parent.name}" on ${subnetText(subnet)}.`,
      );
  }
}

function parseGateway(n: Network): { start: number; end: number } | undefined {
  const scope = scopesOf(n.config ?? {})[0];
  if (!scope) return undefined;
  const { subnet } = ownScope(scope, n.name, WHAT);
  return { start: subnet.network, end: subnet.broadcast };
}
