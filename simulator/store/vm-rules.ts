/**
 * vcd-codegen runtime, simulator: the rules about one VM that vApp operations share: what a
 * GuestCustomizationSection and a NetworkConnectionSection may say, a vApp's status from its VMs',
 * and the copy of a VM for another vApp or template.
 */
import { badRequest } from "../fault.js";
import type { IdSource } from "./ids.js";
import type { VApp, Vm } from "./model.js";
import { Status } from "./model.js";
import { without } from "./without.js";
import { computerName, macAddress } from "./vm-sections.js";

export function checkGuestCustomization(
  section: Record<string, unknown>,
): void {
  const name = section.ComputerName;
  if (typeof name === "string" && !/^(?![0-9]+$)[A-Za-z0-9-]{1,63}$/.test(name))
    throw badRequest(
      "Computer name can only contain alphanumeric characters and hyphens, cannot consist of only numbers, and can be at most 63 characters long.",
    );
  if (
    section.AdminPasswordEnabled === false &&
    section.AdminPassword !== undefined &&
    section.AdminPassword !== ""
  )
    throw badRequest(
      "An administrator password cannot be set when AdminPasswordEnabled is false.",
    );
}

export function checkNetworkConnections(
  vapp: VApp,
  section: Record<string, unknown>,
): void {
  const available = new Set([...vapp.networks, "none"]);
  for (const c of (section.NetworkConnection as
    Record<string, unknown>[] | undefined) ?? []) {
    if (!available.has(String(c.network)))
      throw badRequest(
        `The specified network ${String(c.network)} is not available in vApp "${vapp.name}".`,
      );
  }
}

/** A vApp's status and deployment from its VMs'. */
export function refreshStatus(vapp: VApp): void {
  if (vapp.vms.length === 0) return;
  const statuses = new Set(vapp.vms.map((vm) => vm.status));
  vapp.status = statuses.size === 1 ? vapp.vms[0].status : Status.MIXED;
  vapp.deployed = vapp.vms.some((vm) => vm.deployed);
}

/** A copy of a VM for another vApp or template: new id, MAC and computer name, not yet resolved. */
export function copyVm(ids: IdSource, source: Vm, parentId: string): Vm {
  const id = ids.next("vm");
  const network = structuredClone(source.network);
  for (const c of connections({ network } as Vm)) c.MACAddress = macAddress(id);
  const copied = without(structuredClone(source), "snapshot");
  return {
    ...copied,
    id,
    parentId,
    status: Status.UNRESOLVED,
    deployed: false,
    needsCustomization: true,
    guest: {
      ...structuredClone(source.guest),
      VirtualMachineId: id,
      ComputerName: computerName(source.name),
    },
    network,
  };
}

export function connections(vm: Vm): Record<string, unknown>[] {
  return (
    (vm.network.NetworkConnection as Record<string, unknown>[] | undefined) ??
    []
  );
}
