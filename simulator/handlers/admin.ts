/**
 * vcd-codegen runtime, simulator: administration: the cloud and organization views, creating an
 * organization, a VDC (from `CreateVdcParams`), users, groups and roles (201 with the new entity),
 * (of an organization) reading them, deleting users, groups and roles, and changing an organization's general settings.
 */
import { recordAdminEvent } from "../events/admin-event.js";
import { badRequest, forbidden, noAccess } from "../fault.js";
import { NetworkPoolRules } from "../provider/network-pools.js";
import { ProviderVdcRules } from "../provider/provider-vdcs.js";
import { AdminRules } from "../store/admin.js";
import type { Group, Org, Role, User, Value, Vdc } from "../store/model.js";
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
import { storageProfilesOfParams } from "./vdc-storage-profiles.js";
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
import { textOf } from "../store/document-values.js";

const rules = (ctx: Ctx) => new AdminRules(ctx.store);

/** How an administered entity is shown: its element, path, view and media type. */
interface Kind<T extends { id: string }> {
  element: string;
  path: (id: string) => string;
  view: (ctx: Ctx, t: T) => Value;
  mediaType: string;
}

const ORG: Kind<Org> = {
  element: "vcloud:AdminOrg",
  path: adminPaths.org,
  view: adminOrgValue,
  mediaType: MT.adminOrg,
};
const VDC: Kind<Vdc> = {
  element: "vcloud:AdminVdc",
  path: adminPaths.vdc,
  view: adminVdcValue,
  mediaType: ADMIN_MT.vdc,
};
const USER: Kind<User> = {
  element: "vcloud:User",
  path: adminPaths.user,
  view: userValue,
  mediaType: MT.user,
};
const GROUP: Kind<Group> = {
  element: "vcloud:Group",
  path: adminPaths.group,
  view: groupValue,
  mediaType: ADMIN_MT.group,
};
const ROLE: Kind<Role> = {
  element: "vcloud:Role",
  path: adminPaths.role,
  view: roleValue,
  mediaType: MT.role,
};

const shown = <T extends { id: string }>(
  ctx: Ctx,
  kind: Kind<T>,
  t: T,
): Reply => ok(kind.element, kind.view(ctx, t), kind.mediaType);

const created = <T extends { id: string }>(
  ctx: Ctx,
  kind: Kind<T>,
  t: T,
): Reply => ({
  status: 201,
  doc: { element: kind.element, value: kind.view(ctx, t) },
  mediaType: kind.mediaType,
  headers: { Location: ctx.hrefs.abs(kind.path(t.id)) },
});

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

/** The user or group named by the path, if the caller may see its organization. */
const inOrg = <T extends { orgId: string }>(
  ctx: Ctx,
  map: Map<string, T>,
  kind: string,
): T =>
  entity(map, kind, ctx.params.id, (t) => ctx.store.canSee(ctx.user, t.orgId));

/** A role of the caller's organization, or a predefined one; another organization's is refused. */
const visibleRole = (ctx: Ctx): Role =>
  entity(
    ctx.store.roles,
    "role",
    ctx.params.id,
    (r) => r.orgId === undefined || ctx.store.canSee(ctx.user, r.orgId),
  );

/** A role of `org`, from a `Role` body with its `RightReferences` (201). */
function createRole(ctx: Ctx, org: Org): Reply {
  const b = bodyValue(ctx);
  const rights =
    ((b.RightReferences as Value | undefined)?.RightReference as
      Value[] | undefined) ?? [];
  const role = rules(ctx).createRole(
    ctx.user,
    org,
    textOf(b.name) ?? "",
    rights.map((r) => textOf(r.name) ?? idOfHref(String(r.href))),
    textOf(b.Description),
  );
  recordAdminEvent(ctx.store, ctx.user, "role/create", role);
  return created(ctx, ROLE, role);
}

export const adminHandlers: HandlerTable = {
  "GET /admin": { handle: (ctx) => ok("vcloud:VCloud", cloudValue(ctx)) },
  "GET /admin/org/{id}": {
    handle: (ctx) => shown(ctx, ORG, ctx.store.org(ctx.user, ctx.params.id)),
  },
  "POST /admin/orgs": {
    handle: (ctx) => {
      const b = bodyValue(ctx);
      const org = rules(ctx).createOrg(ctx.user, {
        name: textOf(b.name) ?? "",
        fullName: textOf(b.FullName) ?? "",
        description: textOf(b.Description),
        enabled: b.IsEnabled !== false,
      });
      const general = (b.Settings as Value | undefined)?.OrgGeneralSettings as
        Value | undefined;
      if (general) {
        org.general = without(general, "href", "type", "Link");
      }
      return created(ctx, ORG, org);
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
      const cpuLimitMhz = limit(capacity.Cpu);
      const memoryLimitMb = limit(capacity.Memory);
      if (!ctx.store.isSystemAdmin(ctx.user)) throw forbidden();
      // on a provider VDC with room for it (provider/provider-vdcs.ts)
      const pvdc = new ProviderVdcRules(ctx.store).placeVdc(
        refId(b.ProviderVdcReference),
        cpuLimitMhz,
        memoryLimitMb,
      );
      // its storage profiles, of the provider VDC's (handlers/vdc-storage-profiles.ts)
      const storageProfiles = storageProfilesOfParams(ctx, b, pvdc);
      const pool = new NetworkPoolRules(ctx.store).placeVdc(
        refId(b.NetworkPoolReference),
        pvdc,
      );
      const { vdc } = rules(ctx).createVdc(ctx.user, org, {
        name: textOf(b.name) ?? "",
        description: textOf(b.Description),
        allocationModel: textOf(b.AllocationModel) ?? "",
        cpuLimitMhz,
        memoryLimitMb,
        enabled: b.IsEnabled !== false,
      });
      vdc.providerVdcId = pvdc.id;
      vdc.storageProfiles = storageProfiles;
      if (pool) vdc.networkPoolId = pool.id;
      return created(ctx, VDC, vdc);
    },
  },
  "GET /admin/vdc/{id}": {
    handle: (ctx) => shown(ctx, VDC, ctx.store.vdc(ctx.user, ctx.params.id)),
  },
  "POST /admin/org/{id}/users": {
    handle: (ctx) => {
      const org = ctx.store.org(ctx.user, ctx.params.id);
      const b = bodyValue(ctx);
      const user = rules(ctx).createUser(ctx.user, org, {
        name: textOf(b.name) ?? "",
        password: textOf(b.Password),
        roleId: refId(b.Role),
        fullName: textOf(b.FullName),
        email: textOf(b.EmailAddress),
        enabled: b.IsEnabled !== false,
      });
      recordAdminEvent(ctx.store, ctx.user, "user/create", user);
      return created(ctx, USER, user);
    },
  },
  "GET /admin/user/{id}": {
    handle: (ctx) => shown(ctx, USER, inOrg(ctx, ctx.store.users, "user")),
  },
  "DELETE /admin/user/{id}": {
    handle: (ctx) => {
      const user = inOrg(ctx, ctx.store.users, "user");
      if (user.id === ctx.user.id)
        throw badRequest("You cannot delete yourself.");
      ctx.store.users.delete(user.id);
      recordAdminEvent(ctx.store, ctx.user, "user/delete", user);
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
        textOf(b.name) ?? "",
        textOf(b.Description),
        refId(b.Role),
      );
      return created(ctx, GROUP, group);
    },
  },
  "GET /admin/group/{id}": {
    handle: (ctx) => shown(ctx, GROUP, inOrg(ctx, ctx.store.groups, "group")),
  },
  "DELETE /admin/group/{id}": {
    handle: (ctx) => {
      inOrg(ctx, ctx.store.groups, "group");
      ctx.store.groups.delete(ctx.params.id);
      return { status: 204 };
    },
  },
  "POST /admin/roles": {
    handle: (ctx) => createRole(ctx, ctx.store.org(ctx.user, ctx.user.orgId)),
  },
  "POST /admin/org/{orgId}/roles": {
    handle: (ctx) => createRole(ctx, ctx.store.org(ctx.user, ctx.params.orgId)),
  },
  "GET /admin/role/{id}": {
    handle: (ctx) => shown(ctx, ROLE, visibleRole(ctx)),
  },
  "DELETE /admin/role/{id}": {
    handle: (ctx) => {
      const role = visibleRole(ctx);
      if (role.readOnly)
        throw badRequest(
          `The predefined role "${role.name}" cannot be deleted.`,
        );
      if (
        [...ctx.store.users.values()].some(
          (u) => u.orgId === role.orgId && u.role === role.name,
        )
      )
        throw badRequest(
          `The role "${role.name}" is assigned to users and cannot be deleted.`,
        );
      ctx.store.roles.delete(role.id);
      recordAdminEvent(ctx.store, ctx.user, "role/delete", role);
      return { status: 204 };
    },
  },
};
