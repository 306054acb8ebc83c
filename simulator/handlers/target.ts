/**
 * vcd-codegen runtime, simulator: the vApp or VM a request's `/vApp/{id}` path names, for the
 * handlers of vApps, VMs, snapshots, metadata and access settings; and the VM a `/vApp/vm-{id}` path
 * names, for the operations of VMs alone (a vApp there is refused).
 */
import { badRequest, noAccess } from "../fault.js";
import type { VApp, Vm } from "../store/model.js";
import type { Target } from "../store/vapps.js";
import type { Ctx } from "./context.js";
import { kindOf, uuidOf } from "./hrefs.js";

/** The vApp or VM a `/vApp/{id}` path names. */
export function targetOf(ctx: Ctx): Target {
  const id = ctx.params.id;
  const uuid = uuidOf(id);
  const kind = kindOf(id);
  if (kind === "vm") return ctx.store.vm(ctx.user, uuid);
  if (kind === "vapp") return { vapp: ctx.store.vapp(ctx.user, uuid) };
  throw noAccess("vapp", id);
}

/** The VM a `/vApp/vm-{id}` path names; a vApp there is a 400. */
export function vmOf(ctx: Ctx): { vapp: VApp; vm: Vm } {
  const target = targetOf(ctx);
  if (!target.vm)
    throw badRequest(
      "This operation applies to a virtual machine, not to a vApp.",
    );
  return { vapp: target.vapp, vm: target.vm };
}
