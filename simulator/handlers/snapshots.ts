/**
 * vcd-codegen runtime, simulator: snapshots of vApps and VMs: create (with or without memory),
 * revert to the current one, remove all (202 with a task each), and the `SnapshotSection` that shows
 * a VM's snapshot; the links a vApp or VM carries for them.
 */
import type { Vm } from "../store/model.js";
import { SnapshotRules } from "../store/snapshots.js";
import { bodyValue, ok, type Ctx, type HandlerTable } from "./context.js";
import type { LinkValue } from "./hrefs.js";
import { taskReply } from "./refs.js";
import { targetOf } from "./target.js";

const SECTION_MT = "application/vnd.vmware.vcloud.snapshotSection+xml";
const PARAMS_MT = "application/vnd.vmware.vcloud.createSnapshotParams+xml";

/** `snapshot:create`, and `snapshot:revertToCurrent`/`snapshot:removeAll` once every VM has one. */
export function snapshotLinks(
  ctx: Ctx,
  path: string,
  vms: readonly Vm[],
): LinkValue[] {
  const h = ctx.hrefs;
  const taken = vms.length > 0 && vms.every((vm) => vm.snapshot);
  return [
    ...h.link(
      "snapshot:create",
      "POST",
      `${path}/action/createSnapshot`,
      PARAMS_MT,
    ),
    ...(taken
      ? [
          ...h.link(
            "snapshot:revertToCurrent",
            "POST",
            `${path}/action/revertToCurrentSnapshot`,
          ),
          ...h.link(
            "snapshot:removeAll",
            "POST",
            `${path}/action/removeAllSnapshots`,
          ),
        ]
      : []),
  ];
}

const rules = (ctx: Ctx) => new SnapshotRules(ctx.store, ctx.rules);

export const snapshotHandlers: HandlerTable = {
  "POST /vApp/{id}/action/createSnapshot": {
    handle: (ctx) => {
      const body = bodyValue(ctx);
      return taskReply(
        ctx,
        rules(ctx).create(
          ctx.user,
          targetOf(ctx),
          { memory: body.memory !== false, quiesce: body.quiesce === true },
          [ctx.op.name],
        ),
      );
    },
  },
  "POST /vApp/{id}/action/revertToCurrentSnapshot": {
    handle: (ctx) =>
      taskReply(ctx, rules(ctx).revert(ctx.user, targetOf(ctx), [ctx.op.name])),
  },
  "POST /vApp/{id}/action/removeAllSnapshots": {
    handle: (ctx) =>
      taskReply(
        ctx,
        rules(ctx).removeAll(ctx.user, targetOf(ctx), [ctx.op.name]),
      ),
  },
  "GET /vApp/{id}/snapshotSection": {
    handle: (ctx) => {
      const { vapp, vm } = targetOf(ctx);
      const path = vm ? ctx.hrefs.vm(vm.id) : ctx.hrefs.vapp(vapp.id);
      const snapshot = (vm ?? vapp.vms[0])?.snapshot;
      return ok(
        "vcloud:SnapshotSection",
        {
          href: ctx.hrefs.abs(`${path}/snapshotSection`),
          type: SECTION_MT,
          Info: { $value: "Snapshot information section" },
          Link: [],
          ...(snapshot
            ? {
                Snapshot: {
                  poweredOn: snapshot.poweredOn,
                  created: snapshot.created,
                  size: String(snapshot.size),
                },
              }
            : {}),
        },
        SECTION_MT,
      );
    },
  },
};
