/**
 * vcd-codegen runtime, simulator: independent disks: created in a VDC (201 with the disk and its
 * task), read, deleted (a task), the VMs they are attached to, and attaching and detaching one to a
 * VM (`POST /vApp/{vm}/disk/action/attach|detach` with a DiskAttachOrDetachParams, a task).
 */
import { badRequest } from "../fault.js";
import type { Disk } from "../store/model.js";
import { bodyValue, ok, type Ctx, type HandlerTable } from "./context.js";
import { idOfHref, uuidOf } from "./hrefs.js";
import { MT } from "./media-types.js";
import { optional, taskReply, tasksInProgress, userRef } from "./refs.js";
import { vmOf } from "./target.js";
import { urn } from "../store/ids.js";

export function diskValue(ctx: Ctx, disk: Disk): Record<string, unknown> {
  const h = ctx.hrefs;
  const path = h.disk(disk.id);
  return {
    size: String(disk.size),
    ...optional("busType", disk.busType),
    ...optional("busSubType", disk.busSubType),
    status: disk.status,
    name: disk.name,
    id: urn("disk", disk.id),
    href: h.abs(path),
    type: MT.disk,
    Link: [
      ...h.link("up", "GET", h.vdc(disk.vdcId), MT.vdc),
      ...h.link("edit", "PUT", path, MT.disk),
      ...(disk.attachedVmId === undefined
        ? h.link("remove", "DELETE", path)
        : []),
      ...h.link("down", "GET", `${path}/attachedVms`, MT.vms),
      ...h.link("down", "GET", `${path}/metadata`, MT.metadata),
    ],
    ...optional("Description", disk.description),
    ...tasksInProgress(ctx, disk.id),
    Owner: {
      type: MT.owner,
      User: userRef(ctx, ctx.store.users.get(disk.ownerId)),
    },
  };
}

function diskOf(ctx: Ctx, href: string | undefined): Disk {
  if (!href) throw badRequest("The request names no disk.");
  return ctx.store.disk(ctx.user, uuidOf(idOfHref(href)));
}

const attachOrDetach = (attach: boolean) => (ctx: Ctx) => {
  const { vapp, vm } = vmOf(ctx);
  const params = bodyValue(ctx);
  const disk = diskOf(
    ctx,
    (params.Disk as { href?: string } | undefined)?.href,
  );
  const task = attach
    ? ctx.disks.attach(ctx.user, vapp, vm, disk, [ctx.op.name])
    : ctx.disks.detach(ctx.user, vapp, vm, disk, [ctx.op.name]);
  return taskReply(ctx, task);
};

export const diskHandlers: HandlerTable = {
  "POST /vdc/{id}/disk": {
    handle: (ctx) => {
      const vdc = ctx.store.vdc(ctx.user, ctx.params.id);
      const d = (bodyValue(ctx).Disk ?? {}) as Record<string, unknown>;
      const { disk } = ctx.disks.create(
        ctx.user,
        vdc,
        {
          name: typeof d.name === "string" ? d.name : "",
          size: Number(d.size),
          ...(typeof d.Description === "string"
            ? { description: d.Description }
            : {}),
          ...(typeof d.busType === "string" ? { busType: d.busType } : {}),
          ...(typeof d.busSubType === "string"
            ? { busSubType: d.busSubType }
            : {}),
        },
        [ctx.op.name],
      );
      return {
        status: 201,
        doc: { element: "vcloud:Disk", value: diskValue(ctx, disk) },
        headers: { Location: ctx.hrefs.abs(ctx.hrefs.disk(disk.id)) },
      };
    },
  },
  "GET /disk/{id}": {
    handle: (ctx) =>
      ok(
        "vcloud:Disk",
        diskValue(ctx, ctx.store.disk(ctx.user, ctx.params.id)),
      ),
  },
  "DELETE /disk/{id}": {
    handle: (ctx) =>
      taskReply(
        ctx,
        ctx.disks.remove(ctx.user, ctx.store.disk(ctx.user, ctx.params.id), [
          ctx.op.name,
        ]),
      ),
  },
  "GET /disk/{id}/attachedVms": {
    handle: (ctx) => {
      const disk = ctx.store.disk(ctx.user, ctx.params.id);
      return ok("vcloud:Vms", {
        href: ctx.hrefs.abs(`${ctx.hrefs.disk(disk.id)}/attachedVms`),
        type: MT.vms,
        VmReference: ctx.disks.attachedVms(disk).map(({ vm }) => ({
          href: ctx.hrefs.abs(ctx.hrefs.vm(vm.id)),
          name: vm.name,
          type: MT.vm,
        })),
      });
    },
  },
  "POST /vApp/{id}/disk/action/attach": { handle: attachOrDetach(true) },
  "POST /vApp/{id}/disk/action/detach": { handle: attachOrDetach(false) },
};
