/**
 * vcd-codegen runtime, simulator: the query types of what organizations hold: organization,
 * orgVdc, adminOrgVdc, catalog, adminCatalog, catalogItem, adminCatalogItem, orgVdcNetwork, user
 * and adminUser.
 */
import type { Ctx } from "../handlers/context.js";
import { MT } from "../handlers/media-types.js";
import { urn } from "../store/ids.js";
import type { Catalog, CatalogItem, Vdc } from "../store/model.js";
import { Status } from "../store/model.js";
import { StorageRules } from "../store/storage.js";
import {
  orgRefOf,
  queryType,
  refTo,
  statusName,
  userRefOf,
  vdcRef,
  visible,
  visibleRows,
  type QueryType,
  type Row,
} from "./rows.js";

function orgRows(ctx: Ctx): Row[] {
  const s = ctx.store;
  return [...s.orgs.values()]
    .filter((o) => s.canSee(ctx.user, o.id))
    .map((o) => {
      const count = (items: Iterable<{ orgId: string }>) =>
        [...items].filter((i) => i.orgId === o.id).length;
      return {
        orgId: o.id,
        href: ctx.hrefs.abs(ctx.hrefs.org(o.id)),
        urn: urn("org", o.id),
        name: o.name,
        cells: {
          name: o.name,
          isReadOnly: o.id === s.systemOrg().id,
          isEnabled: o.enabled,
          deployedVMQuota: 0,
          storedVMQuota: 0,
          displayName: o.fullName,
          canPublishCatalogs: true,
          numberOfCatalogs: count(s.catalogs.values()),
          numberOfVdcs: count(s.vdcs.values()),
          numberOfVApps: count(s.vapps.values()),
          numberOfGroups: 0,
          numberOfDisks: 0,
        },
      };
    });
}

function vdcRow(ctx: Ctx, vdc: Vdc, admin: boolean): Row {
  const s = ctx.store;
  const vapps = [...s.vapps.values()].filter((v) => v.vdcId === vdc.id);
  const vms = vapps.flatMap((v) => v.vms);
  const on = vms.filter((vm) => vm.status === Status.POWERED_ON);
  const storage = new StorageRules(s);
  return {
    orgId: vdc.orgId,
    href: ctx.hrefs.abs(ctx.hrefs.vdc(vdc.id)),
    urn: urn("vdc", vdc.id),
    name: vdc.name,
    cells: {
      name: vdc.name,
      isEnabled: true,
      cpuUsedMhz: String(on.reduce((n, vm) => n + vm.cpus * 1000, 0)),
      memoryUsedMB: String(on.reduce((n, vm) => n + vm.memoryMb, 0)),
      // its storage profiles' limits summed (0: one is unlimited) and what they hold (store/storage.ts)
      storageLimitMB: String(storage.totalLimitMb(vdc)),
      storageUsedMB: String(storage.totalUsedMb(vdc)),
      numberOfStorageProfiles: (vdc.storageProfiles ?? []).length,
      orgName: s.orgs.get(vdc.orgId)?.name,
      ...(admin ? { org: orgRefOf(ctx, vdc.orgId) } : {}),
      numberOfVApps: vapps.length,
      numberOfMedia: [...s.media.values()].filter((m) => m.vdcId === vdc.id)
        .length,
      numberOfDisks: 0,
      numberOfVAppTemplates: [...s.templates.values()].filter(
        (t) => t.vdcId === vdc.id,
      ).length,
      isBusy: false,
      status: "READY",
      numberOfVMs: vms.length,
      numberOfRunningVMs: on.length,
      numberOfDeployedVApps: vapps.filter((v) => v.deployed).length,
    },
  };
}

function catalogRow(ctx: Ctx, c: Catalog, admin: boolean): Row {
  const s = ctx.store;
  const owner =
    (c.ownerId ? s.users.get(c.ownerId) : undefined) ??
    [...s.users.values()].find((u) => u.orgId === c.orgId);
  const media = c.itemIds.filter((id) => s.catalogItems.get(id)?.media).length;
  return {
    orgId: c.orgId,
    href: ctx.hrefs.abs(ctx.hrefs.catalog(c.id)),
    urn: urn("catalog", c.id),
    name: c.name,
    cells: {
      ...(admin ? { org: orgRefOf(ctx, c.orgId) } : {}),
      name: c.name,
      ...(admin ? {} : { description: c.description }),
      isPublished: false,
      isShared: false,
      creationDate: c.created,
      orgName: s.orgs.get(c.orgId)?.name,
      ownerName: owner?.name,
      [admin ? "numberOfTemplates" : "numberOfVAppTemplates"]:
        c.itemIds.length - media,
      numberOfMedia: media,
      owner: owner ? userRefOf(ctx, owner.id) : undefined,
    },
  };
}

/** What a catalog item holds (its vApp template or its media image), as its record names it. */
function heldBy(ctx: Ctx, item: CatalogItem) {
  const s = ctx.store;
  const m = item.media ? s.media.get(item.templateId) : undefined;
  const t = item.media ? undefined : s.templates.get(item.templateId);
  const held = m ?? t;
  if (!held) return undefined;
  return {
    entity: m
      ? refTo(ctx, ctx.hrefs.media(held.id), "media", held.id)
      : refTo(ctx, ctx.hrefs.vAppTemplate(held.id), "vapptemplate", held.id),
    entityType: m ? "media" : "vapptemplate",
    // A medium's status by its code's name (UNRESOLVED while uploading); a template's as before.
    status: m ? statusName(m.status) : "RESOLVED",
    name: held.name,
    ownerId: held.ownerId,
    vdcId: held.vdcId,
    created: held.created,
  };
}

function catalogItemRows(ctx: Ctx, admin: boolean): Row[] {
  const s = ctx.store;
  return [...s.catalogItems.values()].flatMap((item) => {
    const catalog = s.catalogs.get(item.catalogId);
    const held = heldBy(ctx, item);
    if (!catalog || !held || !s.canSee(ctx.user, catalog.orgId)) return [];
    const owner = s.users.get(held.ownerId);
    return [
      {
        orgId: catalog.orgId,
        href: ctx.hrefs.abs(ctx.hrefs.catalogItem(item.id)),
        urn: urn("catalogitem", item.id),
        name: item.name,
        cells: {
          entity: held.entity,
          entityName: held.name,
          entityType: held.entityType,
          catalog: refTo(
            ctx,
            ctx.hrefs.catalog(catalog.id),
            "catalog",
            catalog.id,
          ),
          catalogName: catalog.name,
          ownerName: owner?.name,
          owner: owner ? userRefOf(ctx, owner.id) : undefined,
          isPublished: false,
          vdc: vdcRef(ctx, held.vdcId),
          vdcName: s.vdcs.get(held.vdcId)?.name,
          isVdcEnabled: true,
          creationDate: held.created,
          isExpired: false,
          status: held.status,
          name: item.name,
          ...(admin ? { org: orgRefOf(ctx, catalog.orgId) } : {}),
        },
      },
    ];
  });
}

function userRows(ctx: Ctx, admin: boolean): Row[] {
  return visible(ctx, ctx.store.users.values()).map((u) => ({
    orgId: u.orgId,
    href: userRefOf(ctx, u.id).href,
    urn: urn("user", u.id),
    name: u.name,
    cells: {
      name: u.name,
      ...(admin ? { org: orgRefOf(ctx, u.orgId) } : {}),
      fullName: u.fullName ?? "",
      isEnabled: true,
      numberOfDeployedVMs: 0,
      deployedVMQuota: 0,
      numberOfStoredVMs: 0,
      storedVMQuota: 0,
      isLdapUser: false,
      identityProviderType: "INTEGRATED",
    },
  }));
}

const LINK_TYPES: Readonly<Record<string, number>> = {
  bridged: 0,
  natRouted: 1,
  isolated: 2,
};

function networkRows(ctx: Ctx): Row[] {
  return visible(ctx, ctx.store.networks.values()).flatMap((n) => {
    const vdc = [...ctx.store.vdcs.values()].find((v) =>
      v.networkIds.includes(n.id),
    );
    return [
      {
        orgId: n.orgId,
        href: ctx.hrefs.abs(ctx.hrefs.network(n.id)),
        urn: urn("network", n.id),
        name: n.name,
        cells: {
          name: n.name,
          defaultGateway: n.gateway,
          netmask: n.netmask,
          // 0 direct (bridged), 1 routed, 2 isolated (the XSD documents only "Link Type")
          linkType: LINK_TYPES[n.fenceMode] ?? 0,
          vdc: vdc ? vdcRef(ctx, vdc.id) : undefined,
          vdcName: vdc?.name,
          isBusy: false,
          isShared: false,
          isIpScopeInherited: false,
        },
      },
    ];
  });
}

const vdcs = (ctx: Ctx) => ctx.store.vdcs.values();
const catalogs = (ctx: Ctx) => ctx.store.catalogs.values();

export const ORG_QUERY_TYPES: readonly QueryType[] = [
  queryType("organization", "Org", "Org", MT.org, "user", orgRows),
  queryType(
    "orgVdc",
    "OrgVdc",
    "OrgVdc",
    MT.vdc,
    "user",
    visibleRows(vdcs, vdcRow, false),
  ),
  queryType(
    "adminOrgVdc",
    "AdminVdc",
    "AdminVdc",
    "application/vnd.vmware.admin.vdc+xml",
    "admin",
    visibleRows(vdcs, vdcRow, true),
  ),
  queryType(
    "catalog",
    "Catalog",
    "Catalog",
    MT.catalog,
    "user",
    visibleRows(catalogs, catalogRow, false),
  ),
  queryType(
    "adminCatalog",
    "AdminCatalog",
    "Catalog",
    "application/vnd.vmware.admin.catalog+xml",
    "admin",
    visibleRows(catalogs, catalogRow, true),
  ),
  queryType(
    "catalogItem",
    "CatalogItem",
    "CatalogItem",
    MT.catalogItem,
    "user",
    (ctx) => catalogItemRows(ctx, false),
  ),
  queryType(
    "adminCatalogItem",
    "AdminCatalogItem",
    "CatalogItem",
    MT.catalogItem,
    "admin",
    (ctx) => catalogItemRows(ctx, true),
  ),
  queryType(
    "orgVdcNetwork",
    "OrgVdcNetwork",
    "OrgVdcNetwork",
    MT.orgNetwork,
    "user",
    networkRows,
  ),
  queryType("user", "User", "User", MT.user, "admin", (ctx) =>
    userRows(ctx, false),
  ),
  queryType("adminUser", "AdminUser", "User", MT.user, "admin", (ctx) =>
    userRows(ctx, true),
  ),
];
