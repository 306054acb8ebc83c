/**
 * vcd-codegen runtime, simulator: starting an upload (`POST /catalog/{id}/action/upload`, the
 * catalog's `rel="add"` links: `UploadVAppTemplateParams` for an OVF package,
 * transfer/template-upload.ts; `Media` for a media image, transfer/media-upload.ts; 201 with the
 * CatalogItem, whose `Entity` is the new template or media), deleting a vApp template (which stops
 * an open upload), and a template's downloads (`enableDownload`, `disableDownload`,
 * transfer/downloads.ts).
 */
import { badRequest, forbidden, noAccess } from "../fault.js";
import { CatalogItemRules } from "../store/catalog-items.js";
import { Status, type VAppTemplate } from "../store/model.js";
import { Downloads } from "../transfer/downloads.js";
import { MediaUploads } from "../transfer/media-upload.js";
import { TemplateUploads } from "../transfer/template-upload.js";
import { catalogItemValue } from "./catalog-items.js";
import {
  bodyValue,
  type Ctx,
  type HandlerTable,
  type Reply,
} from "./context.js";
import { kindOf, uuidOf } from "./hrefs.js";
import { taskReply } from "./refs.js";

function upload(ctx: Ctx): Reply {
  const catalog = ctx.store.catalog(ctx.user, ctx.params.id);
  const b = bodyValue(ctx);
  // The catalog's organization's first VDC holds what is uploaded (the simulator keeps no
  // catalog storage location).
  const vdc = [...ctx.store.vdcs.values()].find(
    (v) => v.orgId === catalog.orgId && v.ready !== false,
  );
  if (!vdc)
    throw badRequest(
      `The organization of catalog "${catalog.name}" has no VDC to hold an upload.`,
    );
  const name = typeof b.name === "string" ? b.name : "";
  const description =
    typeof b.Description === "string" ? { description: b.Description } : {};
  const { item } =
    ctx.body?.element === "vcloud:UploadVAppTemplateParams"
      ? new TemplateUploads(ctx.store, ctx.transfers).start(
          ctx.user,
          catalog,
          vdc.id,
          {
            name,
            ...description,
            manifestRequired: b.manifestRequired === true,
          },
        )
      : new MediaUploads(ctx.store, ctx.transfers).start(
          ctx.user,
          catalog,
          vdc.id,
          {
            name,
            ...description,
            imageType: String(b.imageType ?? ""),
            size: Number(b.size),
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
    handle: upload,
  },
  "DELETE /vAppTemplate/{id}": {
    handle: (ctx) => {
      const template = templateOf(ctx);
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
  "POST /vAppTemplate/{id}/action/enableDownload": {
    handle: (ctx) =>
      taskReply(
        ctx,
        new Downloads(ctx.store, ctx.transfers).enableTemplate(
          ctx.user,
          templateOf(ctx),
        ),
      ),
  },
  "POST /vAppTemplate/{id}/action/disableDownload": {
    handle: (ctx) => {
      new Downloads(ctx.store, ctx.transfers).disable(templateOf(ctx));
      return { status: 204 };
    },
  },
};

function templateOf(ctx: Ctx): VAppTemplate {
  const id = ctx.params.id;
  if (kindOf(id) !== "vappTemplate") throw noAccess("vAppTemplate", id);
  return ctx.store.template(ctx.user, uuidOf(id));
}
