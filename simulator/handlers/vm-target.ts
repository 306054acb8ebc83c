/** vcd-codegen runtime, simulator: the VM a `/vApp/vm-{id}` path names (a vApp there is refused). */
import { badRequest } from "../fault.js";
import type { VApp, Vm } from "../store/model.js";
import type { Ctx } from "./context.js";
import { targetOf } from "./vapp.js";

export function vmOf(ctx: Ctx): { vapp: VApp; vm: Vm } {
  const target = targetOf(ctx);
  if (!target.vm)
    throw badRequest(
      "This operation applies to a virtual machine, not to a vApp.",
    );
  return { vapp: target.vapp, vm: target.vm };
}
