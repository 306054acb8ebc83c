/**
 * vcd-codegen runtime, simulator: the query service's routes: `GET /query` (the QueryList without
 * `type=`, a query with it) and the typed query paths of the operations table (`/vApps/query`,
 * `/admin/orgs/query`, ...), each the query of one type.
 */
import { badRequest } from "../fault.js";
import {
  FORMATS,
  mayRun,
  queryType,
  queryTypes,
  runQuery,
} from "../query/index.js";
import type { Ctx, HandlerEntry, HandlerTable, Reply } from "./context.js";
import { MT } from "./media-types.js";

function queryList(ctx: Ctx): Reply {
  return {
    status: 200,
    mediaType: MT.query,
    doc: {
      element: "vcloud:QueryList",
      value: {
        href: ctx.hrefs.abs("/query"),
        type: MT.query,
        Link: [...queryTypes(ctx.binding.schema).values()]
          .filter((t) => mayRun(ctx, t))
          .flatMap((t) =>
            (["references", "records", "idrecords"] as const).map((f) => ({
              rel: "down",
              type: FORMATS[f],
              name: t.name,
              href: `${ctx.hrefs.abs("/query")}?type=${t.name}&format=${f}`,
            })),
          ),
      },
    },
  };
}

const typed = (name: string): HandlerEntry => ({
  handle: (ctx) =>
    runQuery(ctx, queryType(name, ctx.binding.schema)!, ctx.op.path, true),
});

export const queryHandlers: HandlerTable = {
  "GET /query": {
    handle: (ctx) => {
      const name = ctx.query.get("type");
      if (name === null || name === "") return queryList(ctx);
      const type = queryType(name, ctx.binding.schema);
      if (!type)
        throw badRequest(
          `Bad request: "${name}" is not a query type. The query list (GET /api/query) names them.`,
        );
      return runQuery(ctx, type, "/query", false);
    },
  },
  "GET /vApps/query": typed("vApp"),
  "GET /vms/query": typed("vm"),
  "GET /vAppTemplates/query": typed("vAppTemplate"),
  "GET /catalogs/query": typed("catalog"),
  "GET /disks/query": typed("disk"),
  "GET /mediaList/query": typed("media"),
  "GET /admin/orgs/query": typed("organization"),
  "GET /admin/vdcs/query": typed("adminOrgVdc"),
  "GET /admin/users/query": typed("user"),
  "GET /admin/groups/query": typed("group"),
  "GET /admin/roles/query": typed("role"),
  "GET /admin/extension/vapps/query": typed("adminVApp"),
  "GET /admin/extension/orgVdcs/query": typed("adminOrgVdc"),
  // the provider API's packaged queries (query/provider-types.ts)
  "GET /admin/extension/vimServerReferences/query": typed("virtualCenter"),
  "GET /admin/extension/providerVdcReferences/query": typed("providerVdc"),
  "GET /admin/extension/externalNetworkReferences/query":
    typed("externalNetwork"),
  "GET /admin/extension/networkPoolReferences/query": typed("networkPool"),
  "GET /admin/extension/datastores/query": typed("datastore"),
};
