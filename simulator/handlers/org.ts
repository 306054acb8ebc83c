/**
 * vcd-codegen runtime, simulator: browsing a tenant: the organization list, organizations, VDCs,
 * networks, catalogs, and an organization's tasks list (catalog items: catalog-items.ts).
 */
import { urn } from "../store/ids.js";
import type { Catalog, Org, Value, Vdc } from "../store/model.js";
import { Status } from "../store/model.js";
import { ok, type Ctx, type HandlerTable } from "./context.js";
import { MT } from "./media-types.js";
import { optional, orgRef, taskValue } from "./refs.js";
import { vdcStorageProfilesValue } from "./vdc-storage-profiles.js";

export function orgValue(ctx: Ctx, org: Org): Value {
  const h = ctx.hrefs;
  const vdcs = [...ctx.store.vdcs.values()].filter((v) => v.orgId === org.id);
  const catalogs = [...ctx.store.catalogs.values()].filter(
    (c) => c.orgId === org.id,
  );
  const networks = [...ctx.store.networks.values()].filter(
    (n) => n.orgId === org.id,
  );
  return {
    name: org.name,
    id: urn("org", org.id),
    href: h.abs(h.org(org.id)),
    type: MT.org,
    Link: [
      ...vdcs.flatMap((v) =>
        h.link("down", "GET", h.vdc(v.id), MT.vdc, v.name),
      ),
      ...catalogs.flatMap((c) =>
        h.link("down", "GET", h.catalog(c.id), MT.catalog, c.name),
      ),
      ...networks.flatMap((n) =>
        h.link("down", "GET", h.network(n.id), MT.orgNetwork, n.name),
      ),
      ...h.link("down", "GET", h.tasksList(org.id), MT.tasksList),
      ...h.link("down", "GET", `${h.org(org.id)}/metadata`, MT.metadata),
      ...(ctx.store.isOrgAdmin(ctx.user, org.id)
        ? h.link("alternate", "GET", h.adminOrg(org.id), MT.adminOrg)
        : []),
    ],
    ...optional("Description", org.description),
    FullName: org.fullName,
    IsEnabled: org.enabled,
  };
}

export function vdcValue(ctx: Ctx, vdc: Vdc): Value {
  const h = ctx.hrefs;
  const path = h.vdc(vdc.id);
  const org = ctx.store.orgs.get(vdc.orgId)!;
  const vapps = [...ctx.store.vapps.values()].filter((v) => v.vdcId === vdc.id);
  const templates = [...ctx.store.templates.values()].filter(
    (t) => t.vdcId === vdc.id,
  );
  const vms = vapps.flatMap((v) => v.vms);
  const capacity = (units: string, used: number, limit = 0) => ({
    Units: units,
    Allocated: "0",
    Limit: String(limit),
    Reserved: "0",
    Used: String(used),
  });
  const on = vms.filter((vm) => vm.status === Status.POWERED_ON);
  return {
    status: vdc.ready === false ? 0 : 1,
    name: vdc.name,
    id: urn("vdc", vdc.id),
    href: h.abs(path),
    type: MT.vdc,
    Link: [
      ...h.link("up", "GET", h.org(org.id), MT.org),
      ...h.link(
        "add",
        "POST",
        `${path}/action/instantiateVAppTemplate`,
        MT.instantiate,
      ),
      ...h.link("add", "POST", `${path}/action/composeVApp`, MT.composeVApp),
      ...h.link("add", "POST", `${path}/action/cloneVApp`, MT.cloneVApp),
      ...h.link("add", "POST", `${path}/action/captureVApp`, MT.captureVApp),
      ...h.link("down", "GET", `${path}/metadata`, MT.metadata),
    ],
    ...optional("Description", vdc.description),
    AllocationModel: vdc.allocationModel ?? "AllocationVApp",
    ComputeCapacity: {
      Cpu: capacity(
        "MHz",
        on.reduce((n, vm) => n + vm.cpus * 1000, 0),
        vdc.cpuLimitMhz,
      ),
      Memory: capacity(
        "MB",
        on.reduce((n, vm) => n + vm.memoryMb, 0),
        vdc.memoryLimitMb,
      ),
    },
    ResourceEntities: {
      ResourceEntity: [
        // only the vApps the user may read (as the vApp query lists them)
        ...vapps
          .filter((v) => ctx.store.vappLevel(ctx.user, v) !== undefined)
          .map((v) => ({
            href: h.abs(h.vapp(v.id)),
            name: v.name,
            type: MT.vApp,
          })),
        ...templates.map((t) => ({
          href: h.abs(h.vAppTemplate(t.id)),
          name: t.name,
          type: MT.vAppTemplate,
        })),
      ],
    },
    AvailableNetworks: {
      Network: vdc.networkIds.flatMap((id) => {
        const n = ctx.store.networks.get(id);
        return n
          ? [{ href: h.abs(h.network(n.id)), name: n.name, type: MT.network }]
          : [];
      }),
    },
    NicQuota: 0,
    NetworkQuota: 20,
    UsedNetworkCount: vdc.networkIds.length,
    VmQuota: 100,
    IsEnabled: vdc.enabled !== false,
    ...vdcStorageProfilesValue(ctx, vdc),
  };
}

const COPY_OR_MOVE =
  "application/vnd.vmware.vcloud.copyOrMoveCatalogItemParams+xml";

export function catalogValue(ctx: Ctx, catalog: Catalog): Value {
  const h = ctx.hrefs;
  const path = h.catalog(catalog.id);
  return {
    name: catalog.name,
    id: urn("catalog", catalog.id),
    href: h.abs(path),
    type: MT.catalog,
    Link: [
      ...h.link("up", "GET", h.org(catalog.orgId), MT.org),
      ...h.link("add", "POST", `${path}/catalogItems`, MT.catalogItem),
      ...h.link("add", "POST", `${path}/action/captureVApp`, MT.captureVApp),
      // vCloud API Programming Guide (5.5 on), "Upload a Media Image" and "Upload an OVF
      // Package": a catalog's add links for media and templates, both to action/upload.
      ...h.link("add", "POST", `${path}/action/upload`, MT.media),
      ...h.link("add", "POST", `${path}/action/upload`, MT.uploadVAppTemplate),
      ...h.link("copy", "POST", `${path}/action/copy`, COPY_OR_MOVE),
      ...h.link("move", "POST", `${path}/action/move`, COPY_OR_MOVE),
      ...h.link("down", "GET", `${path}/metadata`, MT.metadata),
      ...h.link(
        "down",
        "GET",
        `/org/${catalog.orgId}/catalog/${catalog.id}/controlAccess`,
        MT.controlAccess,
      ),
      ...h.link(
        "controlAccess",
        "POST",
        `/org/${catalog.orgId}/catalog/${catalog.id}/action/controlAccess`,
        MT.controlAccess,
      ),
      ...(ctx.store.isOrgAdmin(ctx.user, catalog.orgId)
        ? h.link(
            "alternate",
            "GET",
            `/admin/catalog/${catalog.id}`,
            "application/vnd.vmware.admin.catalog+xml",
          )
        : []),
    ],
    ...optional("Description", catalog.description),
    CatalogItems: {
      CatalogItem: catalog.itemIds.flatMap((id) => {
        const item = ctx.store.catalogItems.get(id);
        return item
          ? [
              {
                href: h.abs(h.catalogItem(id)),
                id: urn("catalogitem", id),
                name: item.name,
                type: MT.catalogItem,
              },
            ]
          : [];
      }),
    },
    IsPublished: catalog.published === true,
    DateCreated: catalog.created,
    VersionNumber: "1",
  };
}

export const orgHandlers: HandlerTable = {
  "GET /org": {
    handle: (ctx) => {
      const orgs = [...ctx.store.orgs.values()].filter((o) =>
        o.id !== ctx.store.systemOrg().id
          ? ctx.store.canSee(ctx.user, o.id)
          : ctx.user.orgId === o.id,
      );
      return ok("vcloud:OrgList", {
        href: ctx.hrefs.abs("/org"),
        type: MT.orgList,
        Org: orgs.map((o) => orgRef(ctx, o)),
      });
    },
  },
  "GET /org/{id}": {
    handle: (ctx) =>
      ok("vcloud:Org", orgValue(ctx, ctx.store.org(ctx.user, ctx.params.id))),
  },
  "GET /vdc/{id}": {
    handle: (ctx) =>
      ok("vcloud:Vdc", vdcValue(ctx, ctx.store.vdc(ctx.user, ctx.params.id))),
  },
  "GET /catalog/{id}": {
    handle: (ctx) =>
      ok(
        "vcloud:Catalog",
        catalogValue(ctx, ctx.store.catalog(ctx.user, ctx.params.id)),
      ),
  },
  "GET /tasksList/{id}": {
    handle: (ctx) => {
      const org = ctx.store.org(ctx.user, ctx.params.id);
      return ok("vcloud:TasksList", {
        name: "Tasks Lists",
        href: ctx.hrefs.abs(ctx.hrefs.tasksList(org.id)),
        type: MT.tasksList,
        Task: ctx.store.tasks
          .all()
          .filter(
            (t) => t.orgId === org.id && ctx.store.mayReadTask(ctx.user, t),
          )
          .map((t) => taskValue(ctx, t)),
      });
    },
  },
};
