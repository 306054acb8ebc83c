/**
 * vcd-codegen runtime, simulator: a VM's modifiable sections: guest customization, network
 * connections, CPU and memory, product sections. A GET answers the section as the VM holds it; a PUT
 * is checked against vCD's rules, answers 202 with a task and takes effect when the task succeeds.
 */
import { badRequest } from "../fault.js";
import type { Value } from "../store/model.js";
import { without } from "../store/without.js";
import { bodyValue, ok, type Ctx, type HandlerTable } from "./context.js";
import { cpuItem, memoryItem } from "./hardware.js";
import { MT } from "./media-types.js";
import { taskReply } from "./refs.js";
import { vmSections } from "./vapp-view.js";
import { targetOf, vmOf } from "./target.js";

/** The section as a document of its own (its `$element` becomes the root). */
function sectionDocument(ctx: Ctx, element: string) {
  const { vm } = vmOf(ctx);
  const path = ctx.hrefs.vm(vm.id);
  const section = vmSections(ctx, vm, path, true).find(
    (s) => s.$element === element,
  )!;
  return ok(element, without(section, "$element"));
}

/** What the server keeps of a PUT section: the client's content, without href, type and links. */
function content(body: Value): Value {
  return without(body, "href", "type", "Link");
}

export function quantity(body: Value): number {
  const q = Number(
    (body.VirtualQuantity as { $value?: unknown } | undefined)?.$value,
  );
  if (!Number.isInteger(q) || q < 1)
    throw badRequest(
      "The item's VirtualQuantity must be a positive whole number.",
    );
  return q;
}

const RASD_ITEM = {
  mediaType: MT.rasdItem,
  type: "ovf:RASD_Type",
  element: "vcloud:Item",
};

export const vmSectionHandlers: HandlerTable = {
  "GET /vApp/{id}/guestCustomizationSection": {
    handle: (ctx) => sectionDocument(ctx, "vcloud:GuestCustomizationSection"),
  },
  "PUT /vApp/{id}/guestCustomizationSection": {
    handle: (ctx) => {
      const { vapp, vm } = vmOf(ctx);
      const section = content(bodyValue(ctx));
      ctx.rules.checkGuestCustomization(section);
      return taskReply(
        ctx,
        ctx.rules.updateVm(
          ctx.user,
          vapp,
          vm,
          () => {
            vm.guest = { ...section, VirtualMachineId: vm.id };
            vm.needsCustomization = true;
          },
          [ctx.op.name],
        ),
      );
    },
  },
  "GET /vApp/{id}/networkConnectionSection": {
    handle: (ctx) => sectionDocument(ctx, "vcloud:NetworkConnectionSection"),
  },
  "PUT /vApp/{id}/networkConnectionSection": {
    handle: (ctx) => {
      const { vapp, vm } = vmOf(ctx);
      const section = content(bodyValue(ctx));
      const reserves = ctx.rules.checkNetworkConnections(vapp, section, vm);
      return taskReply(
        ctx,
        ctx.rules.updateVm(
          ctx.user,
          vapp,
          vm,
          () => (vm.network = section),
          [ctx.op.name],
          undefined,
          reserves,
        ),
      );
    },
  },
  "GET /vApp/{id}/virtualHardwareSection/cpu": {
    handle: (ctx) => ok("vcloud:Item", cpuItem(vmOf(ctx).vm), MT.rasdItem),
  },
  "PUT /vApp/{id}/virtualHardwareSection/cpu": {
    body: RASD_ITEM,
    handle: (ctx) => {
      const { vapp, vm } = vmOf(ctx);
      const cpus = quantity(bodyValue(ctx));
      if (cpus > 128)
        throw badRequest("A VM can have at most 128 virtual CPUs.");
      return taskReply(
        ctx,
        ctx.rules.updateVm(ctx.user, vapp, vm, () => (vm.cpus = cpus), [
          ctx.op.name,
        ]),
      );
    },
  },
  "GET /vApp/{id}/virtualHardwareSection/memory": {
    handle: (ctx) => ok("vcloud:Item", memoryItem(vmOf(ctx).vm), MT.rasdItem),
  },
  "PUT /vApp/{id}/virtualHardwareSection/memory": {
    body: RASD_ITEM,
    handle: (ctx) => {
      const { vapp, vm } = vmOf(ctx);
      const mb = quantity(bodyValue(ctx));
      if (mb % 4 !== 0)
        throw badRequest("The memory size must be a multiple of 4 MB.");
      return taskReply(
        ctx,
        ctx.rules.updateVm(ctx.user, vapp, vm, () => (vm.memoryMb = mb), [
          ctx.op.name,
        ]),
      );
    },
  },
  "GET /vApp/{id}/productSections": {
    handle: (ctx) => {
      const { vapp, vm } = targetOf(ctx);
      const path = vm ? ctx.hrefs.vm(vm.id) : ctx.hrefs.vapp(vapp.id);
      return ok("vcloud:ProductSectionList", {
        href: ctx.hrefs.abs(`${path}/productSections`),
        type: MT.productSections,
        Link: ctx.hrefs.link(
          "edit",
          "PUT",
          `${path}/productSections`,
          MT.productSections,
        ),
        ProductSection: vm?.products ?? [],
      });
    },
  },
  "PUT /vApp/{id}/productSections": {
    handle: (ctx) => {
      const { vapp, vm } = vmOf(ctx);
      const sections =
        (bodyValue(ctx).ProductSection as Value[] | undefined) ?? [];
      return taskReply(
        ctx,
        ctx.rules.updateVm(ctx.user, vapp, vm, () => (vm.products = sections), [
          ctx.op.name,
        ]),
      );
    },
  },
};
