/**
 * vcd-codegen runtime, simulator: catalog items (read; a vApp template added to a catalog, 201 with
 * the item; removed, 204) and the administrator's view of a catalog (`AdminCatalog`, with its owner).
 * Rules in store/catalog-items.ts.
 */
import { badRequest, forbidden } from "../fault.js";
import { CatalogItemRules } from "../store/catalog-items.js";
import { urn } from "../store/ids.js";
import type { Catalog, CatalogItem, Value } from "../store/model.js";
import { bodyValue, ok, type Ctx, type HandlerTable } from "./context.js";
import { idOfHref, kindOf, uuidOf } from "./hrefs.js";
import { MT } from "./media-types.js";
import { catalogValue } from "./org.js";
import { optional } from "./refs.js";

export const ADMIN_CATALOG = "application/vnd.vmware.admin.catalog+xml";

export function catalogItemValue(ctx: Ctx, item: CatalogItem): Value {
  const h = ctx.hrefs;
  const path = h.catalogItem(item.id);
  const media = item.media ? ctx.store.media.get(item.templateId) : undefined;
  const template = item.media
    ? undefined
    : ctx.store.templates.get(item.templateId);
  return {
    name: item.name,
    id: urn("catalogitem", item.id),
    href: h.abs(path),
    type: MT.catalogItem,
    Link: [
      ...h.link("up", "GET", h.catalog(item.catalogId), MT.catalog),
      ...h.link("edit", "PUT", path, MT.catalogItem),
      ...h.link("remove", "DELETE", path),
      ...h.link("down", "GET", `${path}/metadata`, MT.metadata),
    ],
    ...optional("Description", item.description),
    Entity: media
      ? {
          href: h.abs(h.media(media.id)),
          id: urn("media", media.id),
          name: media.name,
          type: MT.media,
        }
      : {
          href: h.abs(h.vAppTemplate(template!.id)),
          id: urn("vapptemplate", template!.id),
          name: template!.name,
          type: MT.vAppTemplate,
        },
  };
}

export const catalogItemHandlers: HandlerTable = {
  "GET /catalogItem/{id}": {
    handle: (ctx) =>
      ok(
        "vcloud:CatalogItem",
        catalogItemValue(ctx, ctx.store.catalogItem(ctx.user, ctx.params.id)),
      ),
  },
  "POST /catalog/{id}/catalogItems": {
    handle: (ctx) => {
      const catalog = ctx.store.catalog(ctx.user, ctx.params.id);
      const b = bodyValue(ctx);
      const href = String((b.Entity as Value | undefined)?.href ?? "");
      const id = idOfHref(href);
      if (kindOf(id) !== "vappTemplate")
        throw badRequest(
          `The entity ${href} is not a vApp template (the simulator keeps no media).`,
        );
      const template = ctx.store.template(ctx.user, uuidOf(id));
      const item = new CatalogItemRules(ctx.store).add(
        ctx.user,
        catalog,
        template,
        typeof b.name === "string" ? b.name : "",
        typeof b.Description === "string" ? b.Description : undefined,
      );
      return {
        status: 201,
        doc: {
          element: "vcloud:CatalogItem",
          value: catalogItemValue(ctx, item),
        },
        headers: { Location: ctx.hrefs.abs(ctx.hrefs.catalogItem(item.id)) },
      };
    },
  },
  "DELETE /catalogItem/{id}": {
    handle: (ctx) => {
      const item = ctx.store.catalogItem(ctx.user, ctx.params.id);
      const entity = item.media
        ? ctx.store.media.get(item.templateId)
        : ctx.store.templates.get(item.templateId);
      new CatalogItemRules(ctx.store).remove(ctx.user, item);
      // What its uploads and downloads kept goes with it.
      for (const id of [entity?.transferId, entity?.downloadId]) {
        const transfer = id === undefined ? undefined : ctx.transfers.get(id);
        if (transfer) ctx.transfers.remove(transfer);
      }
      return { status: 204 };
    },
  },
  "GET /admin/catalog/{id}": {
    handle: (ctx) => {
      const catalog = ctx.store.catalog(ctx.user, ctx.params.id);
      if (!ctx.store.isOrgAdmin(ctx.user, catalog.orgId)) throw forbidden();
      return ok(
        "vcloud:AdminCatalog",
        adminCatalogValue(ctx, catalog),
        ADMIN_CATALOG,
      );
    },
  },
};

/** The administrator's view of a catalog (`AdminCatalog`). */
export function adminCatalogValue(ctx: Ctx, catalog: Catalog): Value {
  const h = ctx.hrefs;
  const path = `/admin/catalog/${catalog.id}`;
  const value = catalogValue(ctx, catalog);
  return {
    ...value,
    href: h.abs(path),
    type: ADMIN_CATALOG,
    Link: [
      ...h.link("up", "GET", h.adminOrg(catalog.orgId), MT.adminOrg),
      ...h.link("alternate", "GET", h.catalog(catalog.id), MT.catalog),
      ...h.link("down", "GET", `${path}/owner`, MT.owner),
      ...h.link("remove", "DELETE", path),
      ...h.link(
        "publish",
        "POST",
        `${path}/action/publish`,
        "application/vnd.vmware.admin.publishCatalogParams+xml",
      ),
      ...(value.Link as Value[]).filter(
        (l) => l.rel !== "up" && l.rel !== "alternate",
      ),
    ],
  };
}
