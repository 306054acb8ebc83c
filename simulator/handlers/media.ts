/**
 * vcd-codegen runtime, simulator: media images (uploaded through a catalog, transfer/media-upload.ts):
 * read (with its upload's `Files` while open, or its download's once enabled), deleted (a task; an
 * open upload stops at once), and downloaded (`enableDownload`, transfer/downloads.ts).
 */
import { forbidden } from "../fault.js";
import { CatalogItemRules } from "../store/catalog-items.js";
import { MediaMounts } from "../store/media-mounts.js";
import { urn } from "../store/ids.js";
import { Status, type Media, type Value } from "../store/model.js";
import { Downloads } from "../transfer/downloads.js";
import { MediaUploads } from "../transfer/media-upload.js";
import { ok, type Ctx, type HandlerTable } from "./context.js";
import { MT } from "./media-types.js";
import { optional, taskReply, tasksInProgress, userRef } from "./refs.js";
import { filesValue } from "./transfer-files.js";

export function mediaValue(ctx: Ctx, media: Media): Value {
  const h = ctx.hrefs;
  const path = h.media(media.id);
  return {
    imageType: media.imageType,
    size: media.size,
    status: media.status,
    name: media.name,
    id: urn("media", media.id),
    href: h.abs(path),
    type: MT.media,
    Link: [
      ...h.link("up", "GET", h.vdc(media.vdcId), MT.vdc),
      ...h.link("remove", "DELETE", path),
      ...(media.status === Status.RESOLVED
        ? h.link("enable", "POST", `${path}/action/enableDownload`)
        : []),
    ],
    ...optional("Description", media.description),
    ...tasksInProgress(ctx, media.id),
    ...filesValue(ctx, media.downloadId ?? media.transferId),
    Owner: {
      type: MT.owner,
      User: userRef(ctx, ctx.store.users.get(media.ownerId)),
    },
  };
}

export const mediaHandlers: HandlerTable = {
  "GET /media/{id}": {
    handle: (ctx) =>
      ok(
        "vcloud:Media",
        mediaValue(ctx, ctx.store.mediaImage(ctx.user, ctx.params.id)),
      ),
  },
  "DELETE /media/{id}": {
    handle: (ctx) => {
      const media = ctx.store.mediaImage(ctx.user, ctx.params.id);
      if (!new CatalogItemRules(ctx.store).mayChange(ctx.user, media.orgId))
        throw forbidden();
      if (media.status === Status.UNRESOLVED)
        for (const task of ctx.store.tasks.active(media.id))
          ctx.store.tasks.cancel(task);
      else ctx.store.tasks.requireIdle(media.id, media.name);
      new MediaMounts(ctx.store).checkDelete(media);
      const uploads = new MediaUploads(ctx.store, ctx.transfers);
      const task = ctx.store.tasks.start({
        operationName: "vdcDeleteMedia",
        operation: `Deleting Media ${media.name}(${media.id})`,
        owner: { kind: "media", id: media.id, name: media.name },
        orgId: media.orgId,
        userId: ctx.user.id,
        apply: () => uploads.remove(media),
      });
      return taskReply(ctx, task);
    },
  },
  "POST /media/{id}/action/enableDownload": {
    handle: (ctx) => {
      const media = ctx.store.mediaImage(ctx.user, ctx.params.id);
      return taskReply(
        ctx,
        new Downloads(ctx.store, ctx.transfers).enableMedia(ctx.user, media),
      );
    },
  },
};
