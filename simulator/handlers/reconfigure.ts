/**
 * vcd-codegen runtime, simulator: changing several parts of a VM at once, and its hard disks.
 * `POST /vApp/{vm}/action/reconfigureVm` takes a whole `Vm`: its name and description, and the
 * sections it carries (GuestCustomizationSection, NetworkConnectionSection, the CPU, memory and disk
 * items of its VirtualHardwareSection), and its StorageProfile, each checked as the single-section
 * operations check it, applied together by one task. `GET|PUT .../virtualHardwareSection/disks`
 * reads and replaces the VM's hard disks (RASD items of resource type 17).
 */
import { badRequest } from "../fault.js";
import type { HardDisk, VApp, Value, Vm } from "../store/model.js";
import { StorageRules, vmDiskMb } from "../store/storage.js";
import { without } from "../store/without.js";
import { bodyValue, ok, type Ctx, type HandlerTable } from "./context.js";
import { diskItems, scsiController } from "./hardware.js";
import { MT } from "./media-types.js";
import { taskReply } from "./refs.js";
import { quantity } from "./vm-sections.js";
import { vmOf } from "./target.js";

const CPU = "3";
const MEMORY = "4";
const DISK = "17";

const rasdText = (v: unknown): string | undefined => {
  const raw = (v as { $value?: unknown } | undefined)?.$value;
  return raw === undefined ? undefined : String(raw);
};

/** What the client's section keeps (without href, type and links). */
function content(body: Value): Value {
  return without(body, "href", "type", "Link", "$element");
}

/** The hard disks the items describe (sizes in bytes, rounded up to MB), or none when there are no disk items. */
function disksOf(items: readonly Value[]): HardDisk[] | undefined {
  const disks = items.filter((i) => rasdText(i.ResourceType) === DISK);
  if (disks.length === 0) return undefined;
  const seen = new Set<number>();
  return disks.map((item, n) => {
    const bytes = Number(rasdText(item.VirtualQuantity));
    if (!Number.isFinite(bytes) || bytes <= 0)
      throw badRequest(
        `Hard disk ${n + 1}: VirtualQuantity must be its size in bytes.`,
      );
    const instanceId = Number(rasdText(item.InstanceID) ?? 2000 + n);
    if (seen.has(instanceId))
      throw badRequest(`Two hard disks have the InstanceID ${instanceId}.`);
    seen.add(instanceId);
    return { instanceId, sizeMb: Math.ceil(bytes / 2 ** 20) };
  });
}

/**
 * The changes a `Vm` body asks for, checked now, as one function applied when the task ends; what
 * its task must hold while it runs (a VM's new addresses) is added to `reserves`.
 */
function changesOf(
  ctx: Ctx,
  vapp: VApp,
  vm: Vm,
  body: Value,
  reserves: string[],
) {
  const changes: (() => void)[] = [];
  let grown: HardDisk[] | undefined;
  if (typeof body.name === "string" && body.name !== vm.name) {
    const name = body.name;
    if (name.trim() === "") throw badRequest("The VM name must not be empty.");
    changes.push(() => (vm.name = name));
  }
  if (typeof body.Description === "string") {
    const description = body.Description;
    changes.push(() => (vm.description = description));
  }
  for (const section of (body.Section as Value[] | undefined) ?? []) {
    const kept = content(section);
    switch (section.$element) {
      case "vcloud:GuestCustomizationSection":
        ctx.rules.checkGuestCustomization(kept);
        changes.push(() => {
          vm.guest = { ...kept, VirtualMachineId: vm.id };
          vm.needsCustomization = true;
        });
        break;
      case "vcloud:NetworkConnectionSection":
        reserves.push(...ctx.rules.checkNetworkConnections(vapp, kept, vm));
        changes.push(() => (vm.network = kept));
        break;
      case "ovf:VirtualHardwareSection": {
        const items = (section.Item as Value[] | undefined) ?? [];
        const cpu = items.find((i) => rasdText(i.ResourceType) === CPU);
        const memory = items.find((i) => rasdText(i.ResourceType) === MEMORY);
        const cpus = cpu ? quantity(cpu) : undefined;
        const mb = memory ? quantity(memory) : undefined;
        if (mb !== undefined && mb % 4 !== 0)
          throw badRequest("The memory size must be a multiple of 4 MB.");
        const disks = disksOf(items);
        grown = disks;
        changes.push(() => {
          if (cpus !== undefined) vm.cpus = cpus;
          if (mb !== undefined) vm.memoryMb = mb;
          if (disks) setDisks(vm, disks);
        });
        break;
      }
      default:
        break;
    }
  }
  const profile = body.StorageProfile as
    { href?: string; name?: string } | undefined;
  const chosen = profile?.href
    ? { href: profile.href, name: profile.name ?? "*" }
    : undefined;
  if (chosen) changes.push(() => (vm.storageProfile = chosen));
  requireRoom(ctx, vapp, vm, grown, chosen);
  return () => {
    for (const change of changes) change();
  };
}

/** Disks that grow, or move to another storage profile, must fit it (store/storage.ts). */
function requireRoom(
  ctx: Ctx,
  vapp: VApp,
  vm: Vm,
  disks: readonly HardDisk[] | undefined,
  profile?: { readonly href: string; readonly name: string },
): void {
  const vdc = ctx.store.vdcs.get(vapp.vdcId);
  if (!vdc || (!disks && !profile)) return;
  const storage = new StorageRules(ctx.store);
  const mb = disks ? disks.reduce((n, d) => n + d.sizeMb, 0) : vmDiskMb(vm);
  storage.requireRoomForVm(vdc, vm, mb, profile);
}

function setDisks(vm: Vm, disks: HardDisk[]): void {
  vm.hardDisks = disks;
  vm.diskMb = disks[0].sizeMb;
}

export const reconfigureHandlers: HandlerTable = {
  "POST /vApp/{id}/action/reconfigureVm": {
    handle: (ctx) => {
      const { vapp, vm } = vmOf(ctx);
      const reserves: string[] = [];
      const apply = changesOf(ctx, vapp, vm, bodyValue(ctx), reserves);
      return taskReply(
        ctx,
        ctx.rules.updateVm(
          ctx.user,
          vapp,
          vm,
          apply,
          [ctx.op.name],
          undefined,
          reserves,
        ),
      );
    },
  },
  "GET /vApp/{id}/virtualHardwareSection/disks": {
    handle: (ctx) => {
      const { vm } = vmOf(ctx);
      const path = `${ctx.hrefs.vm(vm.id)}/virtualHardwareSection/disks`;
      return ok("vcloud:RasdItemsList", {
        href: ctx.hrefs.abs(path),
        type: MT.rasdItemsList,
        Link: ctx.hrefs.link("edit", "PUT", path, MT.rasdItemsList),
        Item: [scsiController(), ...diskItems(vm)],
      });
    },
  },
  "PUT /vApp/{id}/virtualHardwareSection/disks": {
    handle: (ctx) => {
      const { vapp, vm } = vmOf(ctx);
      const items = (bodyValue(ctx).Item as Value[] | undefined) ?? [];
      const disks = disksOf(items);
      if (!disks) throw badRequest("A VM needs at least one hard disk.");
      requireRoom(ctx, vapp, vm, disks);
      return taskReply(
        ctx,
        ctx.rules.updateVm(ctx.user, vapp, vm, () => setDisks(vm, disks), [
          ctx.op.name,
        ]),
      );
    },
  },
};
