/**
 * vcd-codegen runtime, simulator: organization VDC networks. Created by POSTing an `OrgVdcNetwork` to
 * the VDC's add link (`/admin/vdc/{id}/networks`: 201 with the network, status 0, and its creation
 * task in `Tasks`; vCloud API Programming Guide 5.5, "Create an Organization VDC Network"), read as
 * `/network/{id}` (every user of the organization) and `/admin/network/{id}` (its administrators),
 * changed by PUT and deleted (tasks of the network). Rules in store/org-networks.ts.
 */
import { noAccess } from "../fault.js";
import type { Network, Value } from "../store/model.js";
import { OrgNetworkRules } from "../store/org-networks.js";
import { urn } from "../store/ids.js";
import { bodyValue, ok, type Ctx, type HandlerTable } from "./context.js";
import { MT } from "./media-types.js";
import { optional, taskReply, taskValue, tasksInProgress } from "./refs.js";

const ADMIN_VDC = "application/vnd.vmware.admin.vdc+xml";

/** The network as `/network/{id}` and `/admin/network/{id}` answer it (`admin`: with edit links). */
export function orgNetworkValue(ctx: Ctx, n: Network, admin: boolean): Value {
  const h = ctx.hrefs;
  const path = admin ? h.adminNetwork(n.id) : h.network(n.id);
  const vdc = new OrgNetworkRules(ctx.store).vdcOf(n);
  const edge = n.edgeGatewayId
    ? ctx.store.edgeGateways.get(n.edgeGatewayId)
    : undefined;
  const configuration = n.config ?? {
    IpScopes: {
      IpScope: [
        {
          IsInherited: false,
          Gateway: n.gateway,
          Netmask: n.netmask,
          IsEnabled: true,
        },
      ],
    },
    FenceMode: n.fenceMode,
  };
  const mayEdit = admin && ctx.store.isOrgAdmin(ctx.user, n.orgId);
  return {
    status: n.ready === false ? 0 : 1,
    name: n.name,
    id: urn("network", n.id),
    href: h.abs(path),
    type: MT.orgVdcNetwork,
    Link: [
      ...(vdc
        ? admin
          ? h.link("up", "GET", `/admin/vdc/${vdc.id}`, ADMIN_VDC)
          : h.link("up", "GET", h.vdc(vdc.id), MT.vdc)
        : h.link("up", "GET", h.org(n.orgId), MT.org)),
      ...(admin
        ? h.link("alternate", "GET", h.network(n.id), MT.orgVdcNetwork)
        : []),
      ...(mayEdit
        ? [
            ...h.link("edit", "PUT", path, MT.orgVdcNetwork),
            ...h.link("remove", "DELETE", path),
          ]
        : []),
      ...h.link("down", "GET", `${path}/metadata`, MT.metadata),
    ],
    ...optional("Description", n.description),
    ...tasksInProgress(ctx, n.id),
    Configuration: configuration,
    ...(edge
      ? {
          EdgeGateway: {
            href: h.abs(h.edgeGateway(edge.id)),
            name: edge.name,
            type: MT.edgeGateway,
          },
        }
      : {}),
    IsShared: n.shared === true,
  };
}

function adminNetwork(ctx: Ctx): Network {
  return ctx.store.network(ctx.user, ctx.params.id);
}

export const orgNetworkHandlers: HandlerTable = {
  "POST /admin/vdc/{id}/networks": {
    handle: (ctx) => {
      const vdc = ctx.store.vdc(ctx.user, ctx.params.id);
      const rules = new OrgNetworkRules(ctx.store);
      const fields = rules.check(ctx.user, vdc, bodyValue(ctx));
      const network = rules.create(vdc, fields);
      const task = ctx.store.tasks.start({
        operationName: "networkCreateNetwork",
        aliases: [ctx.op.name],
        operation: `Creating Network ${network.name}(${network.id})`,
        owner: { kind: "network", id: network.id, name: network.name },
        orgId: network.orgId,
        userId: ctx.user.id,
        apply: () => {
          network.ready = true;
        },
        fail: () => rules.remove(network),
      });
      const value = orgNetworkValue(ctx, network, true);
      return {
        status: 201,
        doc: {
          element: "vcloud:OrgVdcNetwork",
          value: { ...value, Tasks: { Task: [taskValue(ctx, task)] } },
        },
        mediaType: MT.orgVdcNetwork,
        headers: {
          Location: ctx.hrefs.abs(ctx.hrefs.adminNetwork(network.id)),
        },
      };
    },
  },
  "GET /network/{id}": {
    handle: (ctx) =>
      ok(
        "vcloud:OrgVdcNetwork",
        orgNetworkValue(ctx, adminNetwork(ctx), false),
        MT.orgVdcNetwork,
      ),
  },
  "GET /admin/network/{id}": {
    handle: (ctx) => {
      const network = adminNetwork(ctx);
      if (!ctx.store.isOrgAdmin(ctx.user, network.orgId))
        throw forbiddenFor(network);
      return ok(
        "vcloud:OrgVdcNetwork",
        orgNetworkValue(ctx, network, true),
        MT.orgVdcNetwork,
      );
    },
  },
  "PUT /admin/network/{id}": {
    handle: (ctx) => {
      const network = adminNetwork(ctx);
      const rules = new OrgNetworkRules(ctx.store);
      const vdc = rules.vdcOf(network);
      if (!vdc) throw forbiddenFor(network);
      const fields = rules.check(ctx.user, vdc, bodyValue(ctx), network);
      ctx.store.tasks.requireIdle(network.id, network.name);
      const task = ctx.store.tasks.start({
        operationName: "networkUpdateNetwork",
        aliases: [ctx.op.name],
        operation: `Updating Network ${network.name}(${network.id})`,
        owner: { kind: "network", id: network.id, name: network.name },
        orgId: network.orgId,
        userId: ctx.user.id,
        reserves: `${vdc.id}:${fields.name.toLowerCase()}`,
        apply: () => rules.update(network, fields),
      });
      return taskReply(ctx, task);
    },
  },
  "DELETE /admin/network/{id}": {
    handle: (ctx) => {
      const network = adminNetwork(ctx);
      const rules = new OrgNetworkRules(ctx.store);
      rules.checkRemove(ctx.user, network);
      ctx.store.tasks.requireIdle(network.id, network.name);
      const task = ctx.store.tasks.start({
        operationName: "networkDelete",
        aliases: [ctx.op.name],
        operation: `Deleting Network ${network.name}(${network.id})`,
        owner: { kind: "network", id: network.id, name: network.name },
        orgId: network.orgId,
        userId: ctx.user.id,
        apply: () => rules.remove(network),
      });
      return taskReply(ctx, task);
    },
  },
};

const forbiddenFor = (n: Network) => noAccess("network", n.id);
