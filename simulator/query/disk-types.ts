/** vcd-codegen runtime, simulator: the query types of independent disks: disk and adminDisk. */
import type { Ctx } from "../handlers/context.js";
import { MT } from "../handlers/media-types.js";
import { urn } from "../store/ids.js";
import type { Disk } from "../store/model.js";
import {
  orgRefOf,
  queryType,
  statusName,
  vdcRef,
  visibleRows,
  type QueryType,
  type Row,
} from "./rows.js";

function diskRow(ctx: Ctx, d: Disk, admin: boolean): Row {
  return {
    orgId: d.orgId,
    href: ctx.hrefs.abs(ctx.hrefs.disk(d.id)),
    urn: urn("disk", d.id),
    name: d.name,
    cells: {
      name: d.name,
      vdc: vdcRef(ctx, d.vdcId),
      vdcName: ctx.store.vdcs.get(d.vdcId)?.name,
      sizeB: d.size,
      ownerName: ctx.store.users.get(d.ownerId)?.name,
      status: statusName(d.status),
      busType: d.busType,
      busSubType: d.busSubType,
      isAttached: d.attachedVmId !== undefined,
      ...(admin ? { org: orgRefOf(ctx, d.orgId) } : {}),
    },
  };
}

const disks = (ctx: Ctx) => ctx.store.disks.values();

export const DISK_QUERY_TYPES: readonly QueryType[] = [
  queryType(
    "disk",
    "Disk",
    "Disk",
    MT.disk,
    "user",
    visibleRows(disks, diskRow, false),
  ),
  queryType(
    "adminDisk",
    "AdminDisk",
    "AdminDisk",
    MT.disk,
    "admin",
    visibleRows(disks, diskRow, true),
  ),
];
