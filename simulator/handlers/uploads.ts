/**
 * vcd-codegen runtime, simulator: starting an upload (`POST /catalog/{id}/action/upload`, the
 * catalog's `rel="add"` links) and deleting a vApp template (which stops an open upload). The
 * upload of an OVF package is transfer/template-upload.ts; a `Media` body still answers a minimal
 * catalog item (fallback.ts).
 */
import { badRequest, forbidden, noAccess } from "../fault.js";
import { CatalogItemRules } from "../store/catalog-items.js";
import { Status } from "../store/model.js";
import { TemplateUploads } from "../transfer/template-upload.js";
import { catalogItemValue } from "./catalog-items.js";
import { bodyValue, type Ctx, type HandlerTable } from "./context.js";
import { fallback } from "./fallback.js";
import { kindOf, uuidOf } from "./hrefs.js";
import { taskReply } from "./refs.js";

function uploadTemplate(ctx: Ctx) {
  const catalog = ctx.store.catalog(ctx.user, ctx.params.id);
  const b = bodyValue(ctx);
  const vdc = [...ctx.store.vdcs.values()].find(
    (v) => v.orgId === catalog.orgId && v.ready !== false,
  );
  if (!vdc)
    throw badRequest(
      `The organization of catalog "${catalog.name}" has no VDC to hold a vApp template.`,
    );
  const { item } = new TemplateUploads(ctx.store, ctx.transfers).start(
    ctx.user,
    catalog,
    vdc.id,
    {
      name: typeof b.name === "string" ? b.name : "",
      ...(typeof b.Description === "string"
        ? { description: b.Description }
        : {}),
      manifestRequired: b.manifestRequired === true,
    },
  );
  return {
    status: 201,
    doc: { element: "vcloud:CatalogItem", value: catalogItemValue(ctx, item) },
    headers: { Location: ctx.hrefs.abs(ctx.hrefs.catalogItem(item.id)) },
  };
}

export const uploadHandlers: HandlerTable = {
  "POST /catalog/{id}/action/upload": {
    handle: (ctx) =>
      ctx.body?.element === "vcloud:UploadVAppTemplateParams"
        ? uploadTemplate(ctx)
        : fallback(ctx, ctx.minimal),
  },
  "DELETE /vAppTemplate/{id}": {
    handle: (ctx) => {
      const id = ctx.params.id;
      if (kindOf(id) !== "vappTemplate") throw noAccess("vAppTemplate", id);
      const template = ctx.store.template(ctx.user, uuidOf(id));
      if (!new CatalogItemRules(ctx.store).mayChange(ctx.user, template.orgId))
        throw forbidden();
      const uploads = new TemplateUploads(ctx.store, ctx.transfers);
      if (template.status === Status.UNRESOLVED)
        // An upload still open stops at once: its task cancelled, its bytes removed.
        for (const task of ctx.store.tasks.active(template.id))
          ctx.store.tasks.cancel(task);
      else ctx.store.tasks.requireIdle(template.id, template.name);
      const task = ctx.store.tasks.start({
        operationName: "vdcDeleteTemplate",
        operation: `Deleting Virtual Application Template ${template.name}(${template.id})`,
        owner: { kind: "vAppTemplate", id: template.id, name: template.name },
        orgId: template.orgId,
        userId: ctx.user.id,
        apply: () => uploads.remove(template),
      });
      return taskReply(ctx, task);
    },
  },
};
