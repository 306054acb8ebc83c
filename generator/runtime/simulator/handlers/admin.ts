/**
 * vcd-codegen runtime, simulator: administration: the cloud and organization views, creating an
 * organization, a VDC (from `CreateVdcParams`), users, groups and roles (201 with the new entity),
 * reading them, deleting users, groups and roles, and changing an organization's general settings.
 */
import { badRequest, noAccess } from "../fault.js";
import { AdminRules } from "../store/admin.js";
import type { Value } from "../store/model.js";
import { without } from "../store/without.js";
import {
  bodyValue,
  ok,
  type Ctx,
  type HandlerTable,
  type Reply,
} from "./context.js";
import { idOfHref } from "./hrefs.js";
import { MT } from "./media-types.js";
import {
  ADMIN_MT,
  adminOrgValue,
  adminPaths,
  adminVdcValue,
  cloudValue,
  generalSettings,
  groupValue,
  roleValue,
  userValue,
} from "./admin-views.js";

const rules = (ctx: Ctx) => new AdminRules(ctx.store);

const created = (
  ctx: Ctx,
  element: string,
  path: string,
  value: Value,
  mediaType: string,
): Reply => ({
  status: 201,
  doc: { element, value },
  mediaType,
  headers: { Location: ctx.hrefs.abs(path) },
});

const text = (v: unknown): string | undefined =>
  typeof v === "string" ? v : undefined;
const refId = (v: unknown): string | undefined => {
  const href = (v as { href?: unknown } | undefined)?.href;
  return typeof href === "string" ? idOfHref(href) : undefined;
};

function limit(capacity: unknown): number {
  const value = (capacity as { Limit?: unknown } | undefined)?.Limit;
  const n = Number(value ?? 0);
  if (!Number.isFinite(n) || n < 0)
    throw badRequest("A capacity limit must be a number of at least 0.");
  return n;
}

function entity<T>(
  map: Map<string, T>,
  kind: string,
  id: string,
  visible: (t: T) => boolean,
): T {
  const found = map.get(id);
  if (!found || !visible(found)) throw noAccess(kind, id);
  return found;
}

export const adminHandlers: HandlerTable = {
  "GET /admin": { handle: (ctx) => ok("vcloud:VCloud", cloudValue(ctx)) },
  "GET /admin/org/{id}": {
    handle: (ctx) =>
      ok(
        "vcloud:AdminOrg",
        adminOrgValue(ctx, ctx.store.org(ctx.user, ctx.params.id)),
        MT.adminOrg,
      ),
  },
  "POST /admin/orgs": {
    handle: (ctx) => {
      const b = bodyValue(ctx);
      const org = rules(ctx).createOrg(ctx.user, {
        name: text(b.name) ?? "",
        fullName: text(b.FullName) ?? "",
        description: text(b.Description),
        enabled: b.IsEnabled !== false,
      });
      const general = (b.Settings as Value | undefined)?.OrgGeneralSettings as
        Value | undefined;
      if (general) {
        org.general = without(general, "href", "type", "Link");
      }
      return created(
        ctx,
        "vcloud:AdminOrg",
        adminPaths.org(org.id),
        adminOrgValue(ctx, org),
        MT.adminOrg,
      );
    },
  },
  "GET /admin/org/{id}/settings/general": {
    handle: (ctx) =>
      ok(
        "vcloud:GeneralOrgSettings",
        generalSettings(ctx, ctx.store.org(ctx.user, ctx.params.id)),
        ADMIN_MT.generalSettings,
      ),
  },
  "PUT /admin/org/{id}/settings/general": {
    handle: (ctx) => {
      const org = ctx.store.org(ctx.user, ctx.params.id);
      const content = without(bodyValue(ctx), "href", "type", "Link");
      if (
        typeof content.DeployedVMQuota === "number" &&
        content.DeployedVMQuota < 0
      )
        throw badRequest("DeployedVMQuota must be 0 (unlimited) or more.");
      org.general = content;
      return ok(
        "vcloud:GeneralOrgSettings",
        generalSettings(ctx, org),
        ADMIN_MT.generalSettings,
      );
    },
  },
  "POST /admin/org/{id}/vdcsparams": {
    handle: (ctx) => {
      const org = ctx.store.org(ctx.user, ctx.params.id);
      const b = bodyValue(ctx);
      const capacity = (b.ComputeCapacity ?? {}) as Value;
      const { vdc } = rules(ctx).createVdc(ctx.user, org, {
        name: text(b.name) ?? "",
        description: text(b.Description),
        allocationModel: text(b.AllocationModel) ?? "",
        cpuLimitMhz: limit(capacity.Cpu),
        memoryLimitMb: limit(capacity.Memory),
        enabled: b.IsEnabled !== false,
      });
      return created(
        ctx,
        "vcloud:AdminVdc",
        adminPaths.vdc(vdc.id),
        adminVdcValue(ctx, vdc),
        ADMIN_MT.vdc,
      );
    },
  },
  "GET /admin/vdc/{id}": {
    handle: (ctx) =>
      ok(
        "vcloud:AdminVdc",
        adminVdcValue(ctx, ctx.store.vdc(ctx.user, ctx.params.id)),
        ADMIN_MT.vdc,
      ),
  },
  "POST /admin/org/{id}/users": {
    handle: (ctx) => {
      const org = ctx.store.org(ctx.user, ctx.params.id);
      const b = bodyValue(ctx);
      const user = rules(ctx).createUser(ctx.user, org, {
        name: text(b.name) ?? "",
        password: text(b.Password),
        roleId: refId(b.Role),
        fullName: text(b.FullName),
        email: text(b.EmailAddress),
        enabled: b.IsEnabled !== false,
      });
      return created(
        ctx,
        "vcloud:User",
        adminPaths.user(user.id),
        userValue(ctx, user),
        MT.user,
      );
    },
  },
  "GET /admin/user/{id}": {
    handle: (ctx) =>
      ok(
        "vcloud:User",
        userValue(
          ctx,
          entity(ctx.store.users, "user", ctx.params.id, (u) =>
            ctx.store.canSee(ctx.user, u.orgId),
          ),
        ),
        MT.user,
      ),
  },
  "DELETE /admin/user/{id}": {
    handle: (ctx) => {
      const user = entity(ctx.store.users, "user", ctx.params.id, (u) =>
        ctx.store.canSee(ctx.user, u.orgId),
      );
      if (user.id === ctx.user.id)
        throw badRequest("You cannot delete yourself.");
      ctx.store.users.delete(user.id);
      return { status: 204 };
    },
  },
  "POST /admin/org/{id}/groups": {
    handle: (ctx) => {
      const org = ctx.store.org(ctx.user, ctx.params.id);
      const b = bodyValue(ctx);
      const group = rules(ctx).createGroup(
        ctx.user,
        org,
        text(b.name) ?? "",
        text(b.Description),
        refId(b.Role),
      );
      return created(
        ctx,
        "vcloud:Group",
        adminPaths.group(group.id),
        groupValue(ctx, group),
        ADMIN_MT.group,
      );
    },
  },
  "GET /admin/group/{id}": {
    handle: (ctx) =>
      ok(
        "vcloud:Group",
        groupValue(
          ctx,
          entity(ctx.store.groups, "group", ctx.params.id, (g) =>
            ctx.store.canSee(ctx.user, g.orgId),
          ),
        ),
        ADMIN_MT.group,
      ),
  },
  "DELETE /admin/group/{id}": {
    handle: (ctx) => {
      entity(ctx.store.groups, "group", ctx.params.id, (g) =>
        ctx.store.canSee(ctx.user, g.orgId),
      );
      ctx.store.groups.delete(ctx.params.id);
      return { status: 204 };
    },
  },
  "POST /admin/roles": {
    handle: (ctx) => {
      const b = bodyValue(ctx);
      const rights =
        ((b.RightReferences as Value | undefined)?.RightReference as
          Value[] | undefined) ?? [];
      const role = rules(ctx).createRole(
        ctx.user,
        text(b.name) ?? "",
        rights.map((r) => text(r.name) ?? idOfHref(String(r.href))),
        text(b.Description),
      );
      return created(
        ctx,
        "vcloud:Role",
        adminPaths.role(role.id),
        roleValue(ctx, role),
        MT.role,
      );
    },
  },
  "GET /admin/role/{id}": {
    handle: (ctx) =>
      ok(
        "vcloud:Role",
        roleValue(
          ctx,
          entity(ctx.store.roles, "role", ctx.params.id, () => true),
        ),
        MT.role,
      ),
  },
  "DELETE /admin/role/{id}": {
    handle: (ctx) => {
      const role = entity(ctx.store.roles, "role", ctx.params.id, () => true);
      if (role.readOnly)
        throw badRequest(
          `The predefined role "${role.name}" cannot be deleted.`,
        );
      if ([...ctx.store.users.values()].some((u) => u.role === role.name))
        throw badRequest(
          `The role "${role.name}" is assigned to users and cannot be deleted.`,
        );
      ctx.store.roles.delete(role.id);
      return { status: 204 };
    },
  },
};
