/**
 * vcd-codegen runtime, simulator: edge gateways. Created by POSTing a `Gateway` to the admin VDC's
 * add link (`/admin/vdc/{id}/edgeGateways`: 201 with the gateway, status 0, and its creation task
 * in `Tasks`, as an org VDC network's), read, changed (PUT, a task) and deleted (a task) at
 * `/admin/edgeGateway/{id}`, its services configured by `action/configureServices` (a task).
 * Read, and its services configured, by the administrators of its organization; created, changed
 * and deleted only by the system administrator.
 * Rules in store/edge-gateways.ts and store/edge-gateway-services.ts.
 */
import { noAccess } from "../fault.js";
import { EdgeGatewayServices } from "../store/edge-gateway-services.js";
import { EdgeGatewayRules } from "../store/edge-gateways.js";
import { urn } from "../store/ids.js";
import type { EdgeGateway, Value } from "../store/model.js";
import { bodyValue, ok, type Ctx, type HandlerTable } from "./context.js";
import { MT } from "./media-types.js";
import { optional, taskReply, taskValue, tasksInProgress } from "./refs.js";

const ADMIN_VDC = "application/vnd.vmware.admin.vdc+xml";
const SERVICES =
  "application/vnd.vmware.admin.edgeGatewayServiceConfiguration+xml";

export function edgeGatewayValue(ctx: Ctx, edge: EdgeGateway): Value {
  const h = ctx.hrefs;
  const path = h.edgeGateway(edge.id);
  const rules = new EdgeGatewayRules(ctx.store);
  const system = ctx.store.isSystemAdmin(ctx.user);
  const { GatewayInterfaces: _interfaces, ...config } = edge.config;
  void _interfaces;
  return {
    status: edge.ready === false ? 0 : 1,
    name: edge.name,
    id: urn("gateway", edge.id),
    href: h.abs(path),
    type: MT.edgeGateway,
    Link: [
      ...h.link("up", "GET", `/admin/vdc/${edge.vdcId}`, ADMIN_VDC),
      ...(system
        ? [
            ...h.link("edit", "PUT", path, MT.edgeGateway),
            ...h.link("remove", "DELETE", path),
          ]
        : []),
      ...h.link(
        "edgeGateway:configureServices",
        "POST",
        `${path}/action/configureServices`,
        SERVICES,
      ),
      ...h.link("down", "GET", `${path}/metadata`, MT.metadata),
    ],
    ...optional("Description", edge.description),
    ...tasksInProgress(ctx, edge.id),
    Configuration: {
      ...config,
      GatewayInterfaces: {
        GatewayInterface: rules.interfaces(edge, (n) =>
          h.abs(h.adminNetwork(n.id)),
        ),
      },
      ...(edge.services
        ? { EdgeGatewayServiceConfiguration: edge.services }
        : {}),
    },
  };
}

/** A gateway of an organization the user administers (403 otherwise, as vCD does not tell them apart). */
function gatewayOf(ctx: Ctx): EdgeGateway {
  const edge = ctx.store.edgeGateways.get(ctx.params.id);
  if (!edge || !ctx.store.isOrgAdmin(ctx.user, edge.orgId))
    throw noAccess("gateway", ctx.params.id);
  return edge;
}

const ownerOf = (edge: EdgeGateway) => ({
  kind: "edgeGateway" as const,
  id: edge.id,
  name: edge.name,
});

export const edgeGatewayHandlers: HandlerTable = {
  "POST /admin/vdc/{id}/edgeGateways": {
    handle: (ctx) => {
      const vdc = ctx.store.vdc(ctx.user, ctx.params.id);
      const rules = new EdgeGatewayRules(ctx.store);
      const fields = rules.check(ctx.user, vdc, bodyValue(ctx));
      const edge = rules.create(vdc, fields);
      const task = ctx.store.tasks.start({
        operationName: "networkCreateEdgeGateway",
        aliases: [ctx.op.name],
        operation: `Creating EdgeGateway ${edge.name}(${edge.id})`,
        owner: ownerOf(edge),
        orgId: edge.orgId,
        userId: ctx.user.id,
        apply: () => {
          edge.ready = true;
        },
        fail: () => rules.remove(edge),
      });
      return {
        status: 201,
        doc: {
          element: "vcloud:EdgeGateway",
          value: {
            ...edgeGatewayValue(ctx, edge),
            Tasks: { Task: [taskValue(ctx, task)] },
          },
        },
        mediaType: MT.edgeGateway,
        headers: { Location: ctx.hrefs.abs(ctx.hrefs.edgeGateway(edge.id)) },
      };
    },
  },
  "GET /admin/edgeGateway/{id}": {
    handle: (ctx) =>
      ok(
        "vcloud:EdgeGateway",
        edgeGatewayValue(ctx, gatewayOf(ctx)),
        MT.edgeGateway,
      ),
  },
  "PUT /admin/edgeGateway/{id}": {
    handle: (ctx) => {
      const edge = gatewayOf(ctx);
      const rules = new EdgeGatewayRules(ctx.store);
      const vdc = ctx.store.vdcs.get(edge.vdcId);
      if (!vdc) throw noAccess("gateway", edge.id);
      const fields = rules.check(ctx.user, vdc, bodyValue(ctx), edge);
      ctx.store.tasks.requireIdle(edge.id, edge.name);
      const task = ctx.store.tasks.start({
        operationName: "networkUpdateEdgeGateway",
        aliases: [ctx.op.name],
        operation: `Updating EdgeGateway ${edge.name}(${edge.id})`,
        owner: ownerOf(edge),
        orgId: edge.orgId,
        userId: ctx.user.id,
        reserves: `${vdc.id}:${fields.name.toLowerCase()}`,
        apply: () => rules.update(edge, fields),
      });
      return taskReply(ctx, task);
    },
  },
  "DELETE /admin/edgeGateway/{id}": {
    handle: (ctx) => {
      const edge = gatewayOf(ctx);
      const rules = new EdgeGatewayRules(ctx.store);
      rules.checkRemove(ctx.user, edge);
      ctx.store.tasks.requireIdle(edge.id, edge.name);
      const task = ctx.store.tasks.start({
        operationName: "networkDeleteEdgeGateway",
        aliases: [ctx.op.name],
        operation: `Deleting EdgeGateway ${edge.name}(${edge.id})`,
        owner: ownerOf(edge),
        orgId: edge.orgId,
        userId: ctx.user.id,
        apply: () => rules.remove(edge),
      });
      return taskReply(ctx, task);
    },
  },
  "POST /admin/edgeGateway/{id}/action/configureServices": {
    handle: (ctx) => {
      // vCloud API Programming Guide 5.5, "Configure Edge Gateway Services": the rights of the
      // predefined Organization Administrator role suffice
      const edge = gatewayOf(ctx);
      const services = new EdgeGatewayServices(ctx.store).check(
        edge,
        bodyValue(ctx),
      );
      ctx.store.tasks.requireIdle(edge.id, edge.name);
      const task = ctx.store.tasks.start({
        operationName: "networkConfigureEdgeGatewayServices",
        aliases: [ctx.op.name],
        operation: `Configuring services of EdgeGateway ${edge.name}(${edge.id})`,
        owner: ownerOf(edge),
        orgId: edge.orgId,
        userId: ctx.user.id,
        apply: () => {
          edge.services = services;
        },
      });
      return taskReply(ctx, task);
    },
  },
};
