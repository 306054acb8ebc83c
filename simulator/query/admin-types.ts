/** vcd-codegen runtime, simulator: the query types of administration: group, adminGroup, role and right. */
import type { Ctx } from "../handlers/context.js";
import { ADMIN_MT } from "../handlers/admin-views.js";
import { MT } from "../handlers/media-types.js";
import { urn } from "../store/ids.js";
import { RIGHTS } from "../store/rights.js";
import {
  orgRefOf,
  queryType,
  visible,
  type QueryType,
  type Row,
} from "./rows.js";

const groupRows =
  (admin: boolean) =>
  (ctx: Ctx): Row[] =>
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
        ...(admin ? { org: orgRefOf(ctx, g.orgId) } : {}),
      },
    }));

/** A right's category: the words before its first colon (`vApp: Power Operations` is of `vApp`). */
const categoryOf = (right: string): string => right.split(":")[0].trim();

export const ADMIN_QUERY_TYPES: readonly QueryType[] = [
  queryType(
    "group",
    "Group",
    "Group",
    "application/vnd.vmware.admin.group+xml",
    "admin",
    groupRows(false),
  ),
  queryType(
    "adminGroup",
    "AdminGroup",
    "Group",
    "application/vnd.vmware.admin.group+xml",
    "admin",
    groupRows(true),
  ),
  queryType("right", "Right", "Right", ADMIN_MT.right, "admin", (ctx) =>
    Object.values(RIGHTS).map((name, i) => ({
      orgId: ctx.user.orgId,
      // A right's href names it (handlers/admin-views.ts); its URN needs a UUID.
      href: ctx.hrefs.abs(`/admin/right/${encodeURIComponent(name)}`),
      urn: urn("right", rightId(i)),
      name,
      cells: { name, category: categoryOf(name) },
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

/** The simulator's rights have no UUIDs of their own: a stable one from the right's place in RIGHTS. */
function rightId(index: number): string {
  return `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
}
