/**
 * vcd-codegen runtime, simulator: the administrator's views: the cloud (`VCloud`, GET /admin), an
 * organization (`AdminOrg`, with its settings, users, groups, catalogs, VDCs and networks), a VDC
 * (`AdminVdc`), users, groups and roles, with the links to create and change them.
 */
import { urn } from "../store/ids.js";
import type { Group, Org, Role, User, Value, Vdc } from "../store/model.js";
import type { Ctx } from "./context.js";
import { MT } from "./media-types.js";
import { orgValue, vdcValue } from "./org.js";
import { networkPoolRef, optional, tasksInProgress } from "./refs.js";

export const ADMIN_MT = {
  vdc: "application/vnd.vmware.admin.vdc+xml",
  group: "application/vnd.vmware.admin.group+xml",
  right: "application/vnd.vmware.admin.right+xml",
  createVdcParams: "application/vnd.vmware.admin.createVdcParams+xml",
  generalSettings:
    "application/vnd.vmware.admin.organizationGeneralSettings+xml",
  orgSettings: "application/vnd.vmware.admin.orgSettings+xml",
  catalog: "application/vnd.vmware.admin.catalog+xml",
} as const;

export const adminPaths = {
  org: (id: string): string => `/admin/org/${id}`,
  vdc: (id: string): string => `/admin/vdc/${id}`,
  user: (id: string): string => `/admin/user/${id}`,
  group: (id: string): string => `/admin/group/${id}`,
  role: (id: string): string => `/admin/role/${id}`,
};

const ref = (ctx: Ctx, path: string, name: string, type: string) => ({
  href: ctx.hrefs.abs(path),
  name,
  type,
});

/** An enabled entity can be disabled; a disabled one enabled again or removed. */
const switchLinks = (ctx: Ctx, path: string, enabled: boolean) =>
  enabled
    ? ctx.hrefs.link("disable", "POST", `${path}/action/disable`)
    : [
        ...ctx.hrefs.link("enable", "POST", `${path}/action/enable`),
        ...ctx.hrefs.link("remove", "DELETE", path),
      ];

/** The role of that name an entity of `orgId` has: one of the organization's own, else the predefined one. */
export function roleRef(
  ctx: Ctx,
  name: string | undefined,
  orgId: string,
): Value | undefined {
  const named = [...ctx.store.roles.values()].filter((r) => r.name === name);
  const role =
    named.find((r) => r.orgId === orgId) ??
    named.find((r) => r.orgId === undefined);
  return role
    ? ref(ctx, adminPaths.role(role.id), role.name, MT.role)
    : undefined;
}

export function generalSettings(ctx: Ctx, org: Org): Value {
  const path = `${adminPaths.org(org.id)}/settings/general`;
  return {
    CanPublishCatalogs: true,
    DeployedVMQuota: 0,
    StoredVmQuota: 0,
    UseServerBootSequence: false,
    DelayAfterPowerOnSeconds: 0,
    ...(org.general ?? {}),
    href: ctx.hrefs.abs(path),
    type: ADMIN_MT.generalSettings,
    Link: ctx.hrefs.link("edit", "PUT", path, ADMIN_MT.generalSettings),
  };
}

export function cloudValue(ctx: Ctx): Value {
  const h = ctx.hrefs;
  return {
    name: "vCloud",
    href: h.abs("/admin"),
    type: MT.adminVCloud,
    Link: [
      ...h.link("add", "POST", "/admin/orgs", MT.adminOrg),
      ...h.link("add", "POST", "/admin/roles", MT.role),
      ...h.link("down", "GET", "/admin/extension", MT.extension),
    ],
    OrganizationReferences: {
      OrganizationReference: [...ctx.store.orgs.values()]
        .filter((o) => ctx.store.canSee(ctx.user, o.id))
        .map((o) => ref(ctx, adminPaths.org(o.id), o.name, MT.adminOrg)),
    },
    RoleReferences: {
      RoleReference: [...ctx.store.roles.values()]
        .filter(
          (r) => r.orgId === undefined || ctx.store.canSee(ctx.user, r.orgId),
        )
        .map((r) => ref(ctx, adminPaths.role(r.id), r.name, MT.role)),
    },
  };
}

export function adminOrgValue(ctx: Ctx, org: Org): Value {
  const h = ctx.hrefs;
  const s = ctx.store;
  const path = adminPaths.org(org.id);
  const mine = <T extends { id: string; orgId: string; name: string }>(
    items: Iterable<T>,
    pathOf: (id: string) => string,
    type: string,
  ) =>
    [...items]
      .filter((i) => i.orgId === org.id)
      .map((i) => ref(ctx, pathOf(i.id), i.name, type));
  return {
    ...orgValue(ctx, org),
    href: h.abs(path),
    type: MT.adminOrg,
    Link: [
      ...h.link("up", "GET", "/admin", MT.adminVCloud),
      ...h.link("alternate", "GET", h.org(org.id), MT.org),
      ...h.link("edit", "PUT", path, MT.adminOrg),
      ...switchLinks(ctx, path, org.enabled),
      ...h.link("add", "POST", `${path}/users`, MT.user),
      ...h.link("add", "POST", `${path}/groups`, ADMIN_MT.group),
      ...h.link("add", "POST", `${path}/vdcsparams`, ADMIN_MT.createVdcParams),
      // The guide's "Create a Catalog": the AdminOrg's add link for an AdminCatalog.
      ...h.link("add", "POST", `${path}/catalogs`, ADMIN_MT.catalog),
      ...h.link(
        "down",
        "GET",
        `${path}/settings/general`,
        ADMIN_MT.generalSettings,
      ),
      // for extension services (the system administrator): vCloud API Programming Guide 5.5,
      // "Service-Specific Tasks and Events" (../shared/seeds/000_*.txt)
      ...(s.isSystemAdmin(ctx.user)
        ? [
            ...h.link("task:create", "POST", h.tasksList(org.id), MT.task),
            ...h.link(
              "event:create",
              "POST",
              `${path}/events`,
              "application/vnd.vmware.admin.event+xml",
            ),
          ]
        : []),
    ],
    Settings: {
      href: h.abs(`${path}/settings`),
      type: ADMIN_MT.orgSettings,
      OrgGeneralSettings: generalSettings(ctx, org),
    },
    Users: { UserReference: mine(s.users.values(), adminPaths.user, MT.user) },
    Groups: {
      GroupReference: mine(s.groups.values(), adminPaths.group, ADMIN_MT.group),
    },
    Catalogs: {
      CatalogReference: mine(s.catalogs.values(), h.catalog, MT.catalog),
    },
    Vdcs: { Vdc: mine(s.vdcs.values(), adminPaths.vdc, ADMIN_MT.vdc) },
    Networks: {
      Network: mine(s.networks.values(), h.network, MT.orgNetwork),
    },
  };
}

/** The `ProviderVdcReference` and `NetworkPoolReference` of an org VDC on a provider VDC (provider/), to its admin view. */
function providerVdcRef(ctx: Ctx, vdc: Vdc): Value {
  const pvdc = vdc.providerVdcId
    ? ctx.store.provider.providerVdcs.get(vdc.providerVdcId)
    : undefined;
  const pool = vdc.networkPoolId
    ? ctx.store.provider.networkPools.get(vdc.networkPoolId)
    : undefined;
  return pvdc
    ? {
        ...(pool ? { NetworkPoolReference: networkPoolRef(ctx, pool) } : {}),
        ProviderVdcReference: {
          href: ctx.hrefs.abs(`/admin/providervdc/${pvdc.id}`),
          name: pvdc.name,
          type: "application/vnd.vmware.admin.providervdc+xml",
        },
      }
    : {};
}
const QUERY_RECORDS = "application/vnd.vmware.vcloud.query.records+xml";

export function adminVdcValue(ctx: Ctx, vdc: Vdc): Value {
  const h = ctx.hrefs;
  const path = adminPaths.vdc(vdc.id);
  return {
    ...vdcValue(ctx, vdc),
    href: h.abs(path),
    type: ADMIN_MT.vdc,
    Link: [
      ...h.link("up", "GET", adminPaths.org(vdc.orgId), MT.adminOrg),
      ...h.link("alternate", "GET", h.vdc(vdc.id), MT.vdc),
      ...h.link("edit", "PUT", path, ADMIN_MT.vdc),
      // the guide's "Create an Organization VDC Network" and "Create an Edge Gateway": the add links
      ...h.link("add", "POST", `${path}/networks`, MT.orgVdcNetwork),
      ...h.link("add", "POST", `${path}/edgeGateways`, MT.edgeGateway),
      // the lists go-vcloud-director follows (rel edgeGateways / orgVdcNetworks, query records)
      ...h.link("edgeGateways", "GET", `${path}/edgeGateways`, QUERY_RECORDS),
      ...h.link("orgVdcNetworks", "GET", `${path}/networks`, QUERY_RECORDS),
      ...switchLinks(ctx, path, vdc.enabled !== false),
    ],
    ...tasksInProgress(ctx, vdc.id),
    ...providerVdcRef(ctx, vdc),
    VCpuInMhz: "1000",
    IsThinProvision: true,
  };
}

export function userValue(ctx: Ctx, user: User): Value {
  const h = ctx.hrefs;
  const path = adminPaths.user(user.id);
  return {
    name: user.name,
    id: urn("user", user.id),
    href: h.abs(path),
    type: MT.user,
    Link: [
      ...h.link("up", "GET", adminPaths.org(user.orgId), MT.adminOrg),
      ...h.link("edit", "PUT", path, MT.user),
      ...h.link("remove", "DELETE", path),
    ],
    ...optional("FullName", user.fullName),
    ...optional("EmailAddress", user.email),
    IsEnabled: user.enabled !== false,
    IsLocked: false,
    IsExternal: false,
    ProviderType: "INTEGRATED",
    StoredVmQuota: 0,
    DeployedVmQuota: 0,
    ...optional("Role", roleRef(ctx, user.role, user.orgId)),
    GroupReferences: {},
  };
}

export function groupValue(ctx: Ctx, group: Group): Value {
  const path = adminPaths.group(group.id);
  return {
    name: group.name,
    id: urn("group", group.id),
    href: ctx.hrefs.abs(path),
    type: ADMIN_MT.group,
    Link: [
      ...ctx.hrefs.link("up", "GET", adminPaths.org(group.orgId), MT.adminOrg),
      ...ctx.hrefs.link("remove", "DELETE", path),
    ],
    ...optional("Description", group.description),
    NameInSource: group.name,
    UsersList: {},
    ProviderType: "INTEGRATED",
    ...optional("Role", roleRef(ctx, group.role, group.orgId)),
  };
}

export function roleValue(ctx: Ctx, role: Role): Value {
  const path = adminPaths.role(role.id);
  return {
    name: role.name,
    id: urn("role", role.id),
    href: ctx.hrefs.abs(path),
    type: MT.role,
    Link: role.readOnly
      ? []
      : [
          ...ctx.hrefs.link("edit", "PUT", path, MT.role),
          ...ctx.hrefs.link("remove", "DELETE", path),
        ],
    ...optional("Description", role.description),
    RightReferences: {
      RightReference: role.rights.map((name) =>
        ref(
          ctx,
          `/admin/right/${encodeURIComponent(name)}`,
          name,
          ADMIN_MT.right,
        ),
      ),
    },
  };
}
