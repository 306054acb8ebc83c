/**
 * vcd-codegen runtime, simulator: the edgeGateway query type over the edge gateways the store keeps
 * (store/edge-gateways.ts): QueryResultEdgeGatewayRecordType's name, VDC (its href), organization
 * and VDC names, the number of org VDC networks routed through it and of its uplinks, busy while a
 * task works on it, `gatewayStatus` READY once its creation task ended (UNRESOLVED before).
 */
import { MT } from "../handlers/media-types.js";
import type { Ctx } from "../handlers/context.js";
import { EdgeGatewayRules } from "../store/edge-gateways.js";
import { urn } from "../store/ids.js";
import type { EdgeGateway } from "../store/model.js";
import { listOf } from "../store/document-values.js";
import {
  isBusy,
  queryType,
  visibleRows,
  type QueryType,
  type Row,
} from "./rows.js";

function edgeGatewayRow(ctx: Ctx, edge: EdgeGateway): Row {
  const s = ctx.store;
  const vdc = s.vdcs.get(edge.vdcId);
  const uplinks = listOf(
    (edge.config.GatewayInterfaces as Record<string, unknown> | undefined)
      ?.GatewayInterface,
  );
  return {
    orgId: edge.orgId,
    href: ctx.hrefs.abs(ctx.hrefs.edgeGateway(edge.id)),
    urn: urn("gateway", edge.id),
    name: edge.name,
    cells: {
      name: edge.name,
      vdc: ctx.hrefs.abs(`/admin/vdc/${edge.vdcId}`),
      numberOfExtNetworks: uplinks.length,
      numberOfOrgNetworks: new EdgeGatewayRules(s).networksOf(edge).length,
      isBusy: isBusy(ctx, edge.id),
      orgVdcName: vdc?.name,
      orgName: s.orgs.get(edge.orgId)?.name,
      gatewayStatus: edge.ready === false ? "UNRESOLVED" : "READY",
      haStatus: edge.config.HaEnabled === true ? "UP" : "DISABLED",
    },
  };
}

const gateways = (ctx: Ctx) => ctx.store.edgeGateways.values();

export const EDGE_GATEWAY_QUERY_TYPES: readonly QueryType[] = [
  queryType(
    "edgeGateway",
    "EdgeGateway",
    "EdgeGateway",
    MT.edgeGateway,
    "admin",
    visibleRows(gateways, edgeGatewayRow, false),
  ),
];
