/**
 * vcd-codegen runtime, simulator: importing a VM of a vCenter's inventory as a new vApp
 * (`importVmAsVApp`, ImportVmAsVAppParams: `VmMoRef` and the target `Vdc`). vCloud API Programming
 * Guide 5.5, "Import a Virtual Machine from vCenter" (the guide's "Managing a Cloud"): the VM must be
 * one of the vCenter's (its `vmsList`), the org VDC one backed by that vCenter (its provider VDC's
 * resource pool); the answer is the new vApp with its creation task, and the VM leaves the list of
 * VMs to import. The vApp is made as instantiation makes one (store/vapp-create.ts): a name unique
 * in the VDC, powered off, owned by the importing administrator. vCD's words for a VM it does not
 * know or a VDC on another vCenter are not published: the messages name what is wrong (400).
 * `importVmIntoExistingVApp` adds the VM to a vApp of such a VDC as a recompose adds one (a task of
 * the vApp, which must be idle).
 */
import { badRequest, forbidden } from "../fault.js";
import type { Task, User, VApp, Vdc } from "../store/model.js";
import type { Store } from "../store/store.js";
import { CompositionRules } from "../store/compose.js";
import { createVApp, newVAppName } from "../store/vapp-create.js";
import type { VAppRules } from "../store/vapps.js";
import type { VimServer } from "./model.js";

export interface ImportParams {
  readonly moref: string;
  /** The vApp's name (default: the VM's). */
  readonly name?: string;
  readonly description?: string;
  /** The VM's name in the vApp (`VmName`; default: its vCenter name). */
  readonly vmName?: string;
}

/** An import from the vCenter into the VDC is allowed: a system administrator's, the VDC backed by that vCenter. */
export function checkImportInto(
  store: Store,
  user: User,
  server: VimServer,
  vdc: Vdc,
): void {
  if (!store.isSystemAdmin(user)) throw forbidden();
  const pvdc = vdc.providerVdcId
    ? store.provider.providerVdcs.get(vdc.providerVdcId)
    : undefined;
  if (pvdc?.vimServerId !== server.id)
    throw badRequest(
      `The organization VDC ${vdc.name} is not backed by the vCenter server ${server.name}.`,
    );
}

/** The index of the VM in the vCenter's list, once the import is allowed into the VDC. */
export function checkImport(
  store: Store,
  user: User,
  server: VimServer,
  vdc: Vdc,
  moref: string,
): number {
  if (!store.isSystemAdmin(user)) throw forbidden();
  const at = server.vms.findIndex((v) => v.moref === moref);
  if (at < 0)
    throw badRequest(
      `The vCenter server ${server.name} has no virtual machine ${moref} to import.`,
    );
  checkImportInto(store, user, server, vdc);
  return at;
}

/** The VM `moref` added to an existing vApp (a task of the vApp), named `vmName`. */
export function importVmIntoVApp(
  store: Store,
  vapps: VAppRules,
  user: User,
  server: VimServer,
  vapp: VApp,
  p: { readonly moref: string; readonly vmName: string },
  aliases: readonly string[],
): Task {
  const vdc = store.vdcs.get(vapp.vdcId)!;
  const at = checkImport(store, user, server, vdc, p.moref);
  if (p.vmName.trim() === "")
    throw badRequest("The imported VM needs a name (VmName).");
  const vm = store.newVm(
    { ...server.vms[at], name: p.vmName.trim() },
    "",
    undefined,
  );
  const task = new CompositionRules(store, vapps).recompose(
    user,
    vapp,
    [vm],
    [],
    aliases,
  );
  server.vms.splice(at, 1);
  return task;
}

export function importVmAsVApp(
  store: Store,
  user: User,
  server: VimServer,
  vdc: Vdc,
  p: ImportParams,
  aliases: readonly string[],
): { vapp: VApp; task: Task } {
  const at = checkImport(store, user, server, vdc, p.moref);
  const source = server.vms[at];
  const name = newVAppName(store, vdc, p.name ?? source.name);
  const vm = store.newVm(
    { ...source, name: p.vmName ?? source.name },
    "",
    undefined,
  );
  server.vms.splice(at, 1);
  return createVApp(
    store,
    user,
    vdc,
    name,
    {
      name,
      powerOn: false,
      deploy: false,
      ...(p.description !== undefined ? { description: p.description } : {}),
    },
    [vm],
    "vdcImportVmAsVapp",
    aliases,
  );
}
