/**
 * vcd-codegen runtime, simulator: catalogs created (201 with the `AdminCatalog`), published,
 * deleted (a task; not empty: refused unless `recursive=true`), their items copied and moved (a
 * task of the target catalog); media images inserted into and ejected from VMs (a task of the VM).
 * Rules in store/catalogs.ts and store/media-mounts.ts.
 */
import { badRequest } from "../fault.js";
import { CatalogRules } from "../store/catalogs.js";
import { MediaMounts } from "../store/media-mounts.js";
import type { Catalog, Media, Value } from "../store/model.js";
import {
  bodyValue,
  type Ctx,
  type HandlerTable,
  type Reply,
} from "./context.js";
import { ADMIN_CATALOG, adminCatalogValue } from "./catalog-items.js";
import { idOfHref, uuidOf } from "./hrefs.js";
import { taskReply } from "./refs.js";
import { vmOf } from "./target.js";
import { textOf } from "../store/document-values.js";

/** The path id of a reference's href in the body (`Source`, `Media`), or a 400 naming it. */
function refOf(ctx: Ctx, field: string): string {
  const href = (bodyValue(ctx)[field] as Value | undefined)?.href;
  if (typeof href !== "string" || href === "")
    throw badRequest(`The request has no ${field} reference (an href).`);
  return uuidOf(idOfHref(href));
}

function copyOrMove(ctx: Ctx, move: boolean): Reply {
  const target = ctx.store.catalog(ctx.user, ctx.params.id);
  const item = ctx.store.catalogItem(ctx.user, refOf(ctx, "Source"));
  const b = bodyValue(ctx);
  const name = textOf(b.name) ?? item.name;
  const description = textOf(b.Description);
  const rules = new CatalogRules(ctx.store);
  rules.checkCopyOrMove(ctx.user, target, item, name, move);
  const verb = move ? "Moving" : "Copying";
  const task = ctx.store.tasks.start({
    operationName: move ? "catalogMoveItem" : "catalogCopyItem",
    aliases: [move ? "move" : "copy"],
    operation: `${verb} Catalog Item ${item.name}(${item.id}) to catalog ${target.name}(${target.id})`,
    owner: { kind: "catalog", id: target.id, name: target.name },
    orgId: target.orgId,
    userId: ctx.user.id,
    reserves: `${target.id}:${name.toLowerCase()}`,
    apply: () => {
      if (move) rules.move(item, target, name);
      else rules.copy(ctx.user, item, target, name, description);
    },
  });
  return taskReply(ctx, task);
}

function insertOrEject(ctx: Ctx, insert: boolean): Reply {
  const { vapp, vm } = vmOf(ctx);
  const media: Media = ctx.store.mediaImage(ctx.user, refOf(ctx, "Media"));
  const mounts = new MediaMounts(ctx.store);
  if (insert) mounts.checkInsert(vm, vapp.orgId, media);
  else mounts.checkEject(vm, media);
  ctx.store.tasks.requireIdle(vapp.id, vapp.name);
  const task = ctx.store.tasks.start({
    operationName: insert ? "vappMountMedia" : "vappUnmountMedia",
    aliases: [insert ? "insertMedia" : "ejectMedia"],
    operation: `${insert ? "Inserting" : "Ejecting"} Media ${media.name}(${media.id}) ${insert ? "into" : "from"} Virtual Machine ${vm.name}(${vm.id})`,
    owner: { kind: "vm", id: vm.id, name: vm.name },
    orgId: vapp.orgId,
    userId: ctx.user.id,
    apply: () => {
      if (insert) vm.mediaId = media.id;
      else delete vm.mediaId;
    },
  });
  return taskReply(ctx, task);
}

const deleteCatalog = (ctx: Ctx, catalog: Catalog): Reply => {
  const rules = new CatalogRules(ctx.store);
  rules.checkRemove(ctx.user, catalog, ctx.query.get("recursive") === "true");
  const task = ctx.store.tasks.start({
    operationName: "catalogDelete",
    aliases: ["deleteCatalog"],
    operation: `Deleting Catalog ${catalog.name}(${catalog.id})`,
    owner: { kind: "catalog", id: catalog.id, name: catalog.name },
    orgId: catalog.orgId,
    userId: ctx.user.id,
    apply: () => rules.remove(ctx.user, catalog),
  });
  return taskReply(ctx, task);
};

export const catalogHandlers: HandlerTable = {
  "POST /admin/org/{id}/catalogs": {
    handle: (ctx) => {
      const org = ctx.store.org(ctx.user, ctx.params.id);
      const b = bodyValue(ctx);
      const catalog = new CatalogRules(ctx.store).create(
        ctx.user,
        org,
        textOf(b.name) ?? "",
        textOf(b.Description),
      );
      const location = ctx.hrefs.abs(`/admin/catalog/${catalog.id}`);
      return {
        status: 201,
        doc: {
          element: "vcloud:AdminCatalog",
          value: adminCatalogValue(ctx, catalog),
        },
        mediaType: ADMIN_CATALOG,
        headers: { Location: location },
      };
    },
  },
  "POST /admin/catalog/{id}/action/publish": {
    handle: (ctx) => {
      const catalog = ctx.store.catalog(ctx.user, ctx.params.id);
      const published = bodyValue(ctx).IsPublished;
      if (typeof published !== "boolean")
        throw badRequest("PublishCatalogParams must say IsPublished.");
      new CatalogRules(ctx.store).publish(ctx.user, catalog, published);
      return { status: 204 };
    },
  },
  "DELETE /admin/catalog/{id}": {
    handle: (ctx) =>
      deleteCatalog(ctx, ctx.store.catalog(ctx.user, ctx.params.id)),
  },
  "POST /catalog/{id}/action/copy": { handle: (ctx) => copyOrMove(ctx, false) },
  "POST /catalog/{id}/action/move": { handle: (ctx) => copyOrMove(ctx, true) },
  "POST /vApp/{id}/media/action/insertMedia": {
    handle: (ctx) => insertOrEject(ctx, true),
  },
  "POST /vApp/{id}/media/action/ejectMedia": {
    handle: (ctx) => insertOrEject(ctx, false),
  },
};
