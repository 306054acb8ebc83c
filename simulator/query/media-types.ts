/**
 * vcd-codegen runtime, simulator: the query types of media images (ISO, floppy): media and
 * adminMedia, over the media the store keeps (uploaded through a catalog: transfer/media-upload.ts).
 * A medium's status is written by vCD's names of its code (UNRESOLVED while uploading, RESOLVED
 * once complete, FAILED_CREATION), as the disk types write theirs; `storageB` is the size its
 * upload declared; it is busy while its upload's task runs.
 */
import type { Ctx } from "../handlers/context.js";
import { MT } from "../handlers/media-types.js";
import { urn } from "../store/ids.js";
import type { Media } from "../store/model.js";
import {
  isBusy,
  orgRefOf,
  queryType,
  refTo,
  statusName,
  userRefOf,
  vdcRef,
  visibleRows,
  type QueryType,
  type Row,
} from "./rows.js";

/** The catalog item holding the medium, and its catalog. */
function catalogOf(ctx: Ctx, m: Media) {
  for (const item of ctx.store.catalogItems.values()) {
    if (!item.media || item.templateId !== m.id) continue;
    const catalog = ctx.store.catalogs.get(item.catalogId);
    return catalog ? { catalog, itemId: item.id } : undefined;
  }
  return undefined;
}

function mediaRow(ctx: Ctx, m: Media, admin: boolean): Row {
  const s = ctx.store;
  const held = catalogOf(ctx, m);
  const owner = s.users.get(m.ownerId);
  return {
    orgId: m.orgId,
    href: ctx.hrefs.abs(ctx.hrefs.media(m.id)),
    urn: urn("media", m.id),
    name: m.name,
    cells: {
      ...(admin ? { org: orgRefOf(ctx, m.orgId) } : {}),
      ownerName: owner?.name,
      owner: owner ? userRefOf(ctx, owner.id) : undefined,
      catalogName: held?.catalog.name,
      isPublished: false,
      name: m.name,
      storageB: m.size,
      vdc: vdcRef(ctx, m.vdcId),
      vdcName: s.vdcs.get(m.vdcId)?.name,
      ...(admin ? { isVdcEnabled: true } : { org: orgRefOf(ctx, m.orgId) }),
      creationDate: m.created,
      isBusy: isBusy(ctx, m.id),
      catalog: held
        ? refTo(
            ctx,
            ctx.hrefs.catalog(held.catalog.id),
            "catalog",
            held.catalog.id,
          )
        : undefined,
      catalogItem: held
        ? refTo(
            ctx,
            ctx.hrefs.catalogItem(held.itemId),
            "catalogitem",
            held.itemId,
          )
        : undefined,
      status: statusName(m.status),
    },
  };
}

const media = (ctx: Ctx) => ctx.store.media.values();

export const MEDIA_QUERY_TYPES: readonly QueryType[] = [
  queryType(
    "media",
    "Media",
    "Media",
    MT.media,
    "user",
    visibleRows(media, mediaRow, false),
  ),
  // The schemas have no AdminMediaReference: the admin variant's references are MediaReferences.
  queryType(
    "adminMedia",
    "AdminMedia",
    "Media",
    MT.media,
    "admin",
    visibleRows(media, mediaRow, true),
  ),
];
