/**
 * vcd-codegen runtime, simulator: snapshots, vCD's rules: one snapshot per VM (a new one replaces
 * it), taken of a vApp (all its VMs) or of one VM, with the memory of a running VM or without;
 * reverting restores the hardware it recorded and powers the VM as the snapshot was (off unless
 * memory was kept); every change runs as a task.
 */
import { badRequest } from "../fault.js";
import type { Task, User } from "./model.js";
import { Status } from "./model.js";
import type { Store } from "./store.js";
import type { Target, VAppRules } from "./vapps.js";

export interface SnapshotParams {
  readonly memory: boolean;
  readonly quiesce: boolean;
}

export class SnapshotRules {
  constructor(
    private readonly store: Store,
    private readonly vapps: VAppRules,
  ) {}

  create(
    user: User,
    target: Target,
    params: SnapshotParams,
    aliases: readonly string[],
  ): Task {
    const vms = this.prepare(user, target);
    if (vms.some((vm) => vm.status === Status.UNRESOLVED))
      throw badRequest(
        "A snapshot cannot be taken of a VM that is not resolved.",
      );
    return this.task(
      user,
      target,
      "vappCreateSnapshot",
      "Creating a snapshot of",
      aliases,
      () => {
        const created = new Date(this.store.now()).toISOString();
        for (const vm of vms) {
          const withMemory = params.memory && vm.status === Status.POWERED_ON;
          vm.snapshot = {
            created,
            poweredOn: withMemory,
            size: (withMemory ? vm.memoryMb : 0) * 1024 * 1024 + 4096,
            cpus: vm.cpus,
            memoryMb: vm.memoryMb,
          };
        }
      },
    );
  }

  revert(user: User, target: Target, aliases: readonly string[]): Task {
    const vms = this.prepare(user, target);
    const missing = vms.find((vm) => !vm.snapshot);
    if (missing)
      throw badRequest(
        `The VM "${missing.name}" has no snapshot to revert to.`,
      );
    return this.task(
      user,
      target,
      "vappRevertToSnapshot",
      "Reverting to the snapshot of",
      aliases,
      () => {
        for (const vm of vms) {
          const s = vm.snapshot!;
          vm.cpus = s.cpus;
          vm.memoryMb = s.memoryMb;
          vm.status = s.poweredOn ? Status.POWERED_ON : Status.POWERED_OFF;
          vm.deployed = s.poweredOn || vm.deployed;
        }
        this.vapps.refreshStatus(target.vapp);
      },
    );
  }

  removeAll(user: User, target: Target, aliases: readonly string[]): Task {
    const vms = this.prepare(user, target);
    return this.task(
      user,
      target,
      "vappRemoveAllSnapshots",
      "Removing the snapshots of",
      aliases,
      () => {
        for (const vm of vms) delete vm.snapshot;
      },
    );
  }

  private prepare(user: User, target: Target) {
    this.vapps.requireIdle(target);
    return target.vm ? [target.vm] : target.vapp.vms;
  }

  private task(
    user: User,
    target: Target,
    operationName: string,
    verb: string,
    aliases: readonly string[],
    apply: () => void,
  ): Task {
    const owner = target.vm
      ? { kind: "vm" as const, id: target.vm.id, name: target.vm.name }
      : { kind: "vApp" as const, id: target.vapp.id, name: target.vapp.name };
    return this.store.tasks.start({
      operationName,
      aliases,
      operation: `${verb} ${owner.name}(${owner.id})`,
      owner,
      orgId: target.vapp.orgId,
      userId: user.id,
      apply,
    });
  }
}
