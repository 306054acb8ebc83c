/**
 * vcd-codegen runtime, simulator: a VDC's edge gateways (`GET /admin/vdc/{id}/edgeGateways`) and org
 * VDC networks (`GET /admin/vdc/{id}/networks`), answered as the query service answers the
 * edgeGateway and orgVdcNetwork queries (QueryResultRecords, or References with
 * `format=references`; filters, sorting and pages alike), with only the VDC's rows.
 */
import { queryType, runQuery, type QueryType } from "../query/index.js";
import { rowsOf, type Row } from "../query/rows.js";
import type { Ctx, HandlerEntry, HandlerTable } from "./context.js";

/** The query type `name` with only the rows whose href is one of `hrefs`. */
function only(type: QueryType, hrefs: ReadonlySet<string>): QueryType {
  return {
    ...type,
    rows: (ctx) => {
      const all = type.rows(ctx);
      const kept: Row[] = [];
      for (let i = 0; i < all.count; i++) {
        const row = all.row(i);
        if (hrefs.has(row.href)) kept.push(row);
      }
      return rowsOf(
        kept,
        (r) => r.name,
        (r) => r,
      );
    },
  };
}

const list = (
  name: string,
  hrefsOf: (ctx: Ctx, vdcId: string) => string[],
): HandlerEntry => ({
  handle: (ctx) => {
    const vdc = ctx.store.vdc(ctx.user, ctx.params.id);
    const type = queryType(name, ctx.binding.schema)!;
    return runQuery(
      ctx,
      only(type, new Set(hrefsOf(ctx, vdc.id))),
      ctx.op.path.replace("{id}", vdc.id),
      true,
    );
  },
});

export const vdcNetworkListHandlers: HandlerTable = {
  "GET /admin/vdc/{id}/edgeGateways": list("edgeGateway", (ctx, vdcId) =>
    [...ctx.store.edgeGateways.values()]
      .filter((g) => g.vdcId === vdcId)
      .map((g) => ctx.hrefs.abs(ctx.hrefs.edgeGateway(g.id))),
  ),
  "GET /admin/vdc/{id}/networks": list("orgVdcNetwork", (ctx, vdcId) =>
    (ctx.store.vdcs.get(vdcId)?.networkIds ?? []).map((id) =>
      ctx.hrefs.abs(ctx.hrefs.network(id)),
    ),
  ),
};
