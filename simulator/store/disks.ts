/**
 * vcd-codegen runtime, simulator: independent disks, vCD's rules: created in a VDC (ready when its
 * task ends), attached to one VM of a vApp at a time (same organization, VM and disk idle), detached
 * again, and deleted only when attached to none.
 */
import { badRequest, invalidState } from "../fault.js";
import type { Disk, Task, User, VApp, Vdc, Vm } from "./model.js";
import { Status } from "./model.js";
import type { Store } from "./store.js";
import { StorageRules } from "./storage.js";
import type { VAppRules } from "./vapps.js";

export interface DiskParams {
  readonly name: string;
  readonly description?: string;
  readonly size: number;
  readonly busType?: string;
  readonly busSubType?: string;
}

export class DiskRules {
  constructor(
    private readonly store: Store,
    private readonly vapps: VAppRules,
  ) {}

  create(
    user: User,
    vdc: Vdc,
    params: DiskParams,
    aliases: readonly string[] = [],
  ): { disk: Disk; task: Task } {
    const name = params.name.trim();
    if (name === "") throw badRequest("The disk name must not be empty.");
    if (!(params.size > 0))
      throw badRequest("The disk size must be a positive number of bytes.");
    new StorageRules(this.store).requireRoom(vdc, [{ bytes: params.size }]);
    const disk: Disk = {
      id: this.store.ids.next("disk"),
      orgId: vdc.orgId,
      vdcId: vdc.id,
      name,
      size: params.size,
      ownerId: user.id,
      status: Status.UNRESOLVED,
      ...(params.description !== undefined
        ? { description: params.description }
        : {}),
      ...(params.busType !== undefined ? { busType: params.busType } : {}),
      ...(params.busSubType !== undefined
        ? { busSubType: params.busSubType }
        : {}),
    };
    this.store.disks.set(disk.id, disk);
    const task = this.store.tasks.start({
      operationName: "vdcCreateDisk",
      aliases,
      operation: `Creating Disk ${name}(${disk.id})`,
      owner: { kind: "disk", id: disk.id, name },
      orgId: disk.orgId,
      userId: user.id,
      apply: () => {
        disk.status = Status.RESOLVED;
      },
      fail: () => {
        disk.status = Status.FAILED_CREATION;
      },
    });
    return { disk, task };
  }

  attach(
    user: User,
    vapp: VApp,
    vm: Vm,
    disk: Disk,
    aliases: readonly string[] = [],
  ): Task {
    this.requireReady(disk);
    if (disk.orgId !== vapp.orgId)
      throw badRequest(
        `The disk "${disk.name}" belongs to another organization.`,
      );
    if (disk.attachedVmId !== undefined)
      throw invalidState(
        "BAD_REQUEST",
        `The disk "${disk.name}" is already attached to a virtual machine.`,
      );
    return this.vapps.updateVm(
      user,
      vapp,
      vm,
      () => {
        disk.attachedVmId = vm.id;
      },
      aliases,
      "vappAttachDisk",
    );
  }

  detach(
    user: User,
    vapp: VApp,
    vm: Vm,
    disk: Disk,
    aliases: readonly string[] = [],
  ): Task {
    if (disk.attachedVmId !== vm.id)
      throw badRequest(
        `The disk "${disk.name}" is not attached to VM "${vm.name}".`,
      );
    return this.vapps.updateVm(
      user,
      vapp,
      vm,
      () => {
        delete disk.attachedVmId;
      },
      aliases,
      "vappDetachDisk",
    );
  }

  remove(user: User, disk: Disk, aliases: readonly string[] = []): Task {
    this.requireReady(disk);
    if (disk.attachedVmId !== undefined)
      throw invalidState(
        "BAD_REQUEST",
        `The disk "${disk.name}" is attached to a virtual machine; detach it first.`,
      );
    return this.store.tasks.start({
      operationName: "vdcDeleteDisk",
      aliases,
      operation: `Deleting Disk ${disk.name}(${disk.id})`,
      owner: { kind: "disk", id: disk.id, name: disk.name },
      orgId: disk.orgId,
      userId: user.id,
      apply: () => {
        this.store.disks.delete(disk.id);
        this.store.forget([disk.id]);
      },
    });
  }

  /** The VMs a disk is attached to (none or one). */
  attachedVms(disk: Disk): { vapp: VApp; vm: Vm }[] {
    if (disk.attachedVmId === undefined) return [];
    for (const vapp of this.store.vapps.values()) {
      const vm = vapp.vms.find((v) => v.id === disk.attachedVmId);
      if (vm) return [{ vapp, vm }];
    }
    return [];
  }

  private requireReady(disk: Disk): void {
    this.store.tasks.requireIdle(disk.id, disk.name);
    if (disk.status !== Status.RESOLVED)
      throw invalidState(
        "BAD_REQUEST",
        `The disk "${disk.name}" is not ready (status ${disk.status}).`,
      );
  }
}
