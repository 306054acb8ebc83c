/** vcd-codegen runtime, simulator: the query types of administration: group and role. */
import { MT } from "../handlers/media-types.js";
import { urn } from "../store/ids.js";
import { queryType, visible, type QueryType } from "./rows.js";

export const ADMIN_QUERY_TYPES: readonly QueryType[] = [
  queryType(
    "group",
    "Group",
    "Group",
    "application/vnd.vmware.admin.group+xml",
    "admin",
    (ctx) =>
      visible(ctx, ctx.store.groups.values()).map((g) => ({
        orgId: g.orgId,
        href: ctx.hrefs.abs(`/admin/group/${g.id}`),
        urn: urn("group", g.id),
        name: g.name,
        cells: {
          name: g.name,
          roleName: g.role,
          isReadOnly: false,
          identityProviderType: "INTEGRATED",
        },
      })),
  ),
  queryType("role", "Role", "Role", MT.role, "admin", (ctx) =>
    [...ctx.store.roles.values()]
      .filter(
        (r) => r.orgId === undefined || ctx.store.canSee(ctx.user, r.orgId),
      )
      .map((r) => ({
        orgId: r.orgId ?? ctx.user.orgId,
        href: ctx.hrefs.abs(`/admin/role/${r.id}`),
        urn: urn("role", r.id),
        name: r.name,
        cells: { name: r.name, isReadOnly: r.readOnly },
      })),
  ),
];
