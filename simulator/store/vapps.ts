/**
 * vcd-codegen runtime, simulator: vCD's rules for vApps and their VMs: instantiation from a template,
 * power operations, section updates and deletion. Each change runs as a task and takes effect when the
 * task succeeds; an entity with a task at work refuses another operation (BUSY_ENTITY).
 */
import { badRequest, forbidden, invalidState } from "../fault.js";
import type {
  EntityRef,
  Task,
  User,
  VApp,
  VAppTemplate,
  Vdc,
  Vm,
} from "./model.js";
import { Status } from "./model.js";
import type { Store } from "./store.js";
import {
  createVApp,
  newVAppName,
  reservedName,
  type CreateParams,
} from "./vapp-create.js";
import {
  checkGuestCustomization,
  checkNetworkConnections,
  copyVm,
  refreshStatus,
} from "./vm-rules.js";
import { RIGHTS } from "./rights.js";
import { VmAddresses } from "./vm-addresses.js";

export type InstantiateParams = CreateParams;

export type PowerAction =
  "powerOn" | "powerOff" | "reboot" | "reset" | "shutdown" | "suspend";

/** A vApp, or one of its VMs: what power operations and deletion work on. */
export interface Target {
  readonly vapp: VApp;
  readonly vm?: Vm;
}

const refOf = (target: Target): EntityRef =>
  target.vm
    ? { kind: "vm", id: target.vm.id, name: target.vm.name }
    : { kind: "vApp", id: target.vapp.id, name: target.vapp.name };

const label = (target: Target): string =>
  target.vm ? `VM "${target.vm.name}"` : `vApp "${target.vapp.name}"`;

export class VAppRules {
  constructor(private readonly store: Store) {}

  instantiate(
    user: User,
    vdc: Vdc,
    template: VAppTemplate,
    params: InstantiateParams,
    aliases: readonly string[] = [],
  ): { vapp: VApp; task: Task } {
    if (!this.store.hasRight(user, RIGHTS.vappCreate)) throw forbidden();
    const name = newVAppName(this.store, vdc, params.name);
    if (template.vms.length === 0)
      throw badRequest(
        `The vApp template "${template.name}" has no virtual machine.`,
      );
    return createVApp(
      this.store,
      user,
      vdc,
      name,
      params,
      template.vms,
      "vdcInstantiateVapp",
      aliases,
    );
  }

  power(
    user: User,
    target: Target,
    action: PowerAction,
    aliases: readonly string[] = [],
  ): Task {
    const vms = this.begin(user, target);
    const status = target.vm ? target.vm.status : target.vapp.status;
    if (status === Status.UNRESOLVED || status === Status.FAILED_CREATION)
      throw invalidState(
        "BAD_REQUEST",
        `The requested operation could not be executed since ${label(target)} is not resolved.`,
      );
    if (action === "powerOn") {
      if (vms.every((vm) => vm.status === Status.POWERED_ON))
        throw badRequest(
          `The requested operation could not be executed since ${label(target)} is not powered off.`,
        );
    } else if (!vms.some((vm) => vm.status === Status.POWERED_ON))
      throw badRequest(
        `The requested operation could not be executed since ${label(target)} is not running.`,
      );
    const next =
      action === "powerOn" || action === "reboot" || action === "reset"
        ? Status.POWERED_ON
        : action === "suspend"
          ? Status.SUSPENDED
          : Status.POWERED_OFF;
    const verb = {
      powerOn: "Starting",
      powerOff: "Stopping",
      reboot: "Rebooting",
      reset: "Resetting",
      shutdown: "Shutting down",
      suspend: "Suspending",
    }[action];
    return this.task(
      user,
      target,
      `${target.vm ? "vm" : "vapp"}${action[0].toUpperCase()}${action.slice(1)}`,
      aliases,
      verb,
      () => {
        for (const vm of vms) {
          vm.status = next;
          if (next === Status.POWERED_ON) vm.deployed = true;
          if (next === Status.POWERED_ON && vm.needsCustomization)
            vm.needsCustomization = false;
        }
        this.refreshStatus(target.vapp);
      },
    );
  }

  /**
   * `PUT /vApp/{id}` (the vApp's or the VM's own document): its name and description, in a task.
   * The entity is busy until the task ends (a second write is BUSY_ENTITY), so writes to it apply in
   * the order they were accepted and none is lost. A vApp's name stays unique in its VDC: a rename
   * holds its new name while its task runs, so a second rename (or a new vApp) to it is DUPLICATE_NAME.
   */
  edit(
    user: User,
    target: Target,
    change: { readonly name: string; readonly description?: string },
    aliases: readonly string[] = [],
  ): Task {
    this.begin(user, target);
    const name = change.name.trim();
    if (name === "") throw badRequest("The name must not be empty.");
    const reserves = target.vm
      ? undefined
      : name === target.vapp.name
        ? undefined
        : reservedName(this.store, target.vapp.vdcId, name);
    const entity = target.vm ?? target.vapp;
    return this.task(
      user,
      target,
      target.vm ? "vappUpdateVm" : "vappUpdateVapp",
      aliases,
      "Updating",
      () => {
        entity.name = name;
        if (change.description !== undefined)
          entity.description = change.description;
      },
      reserves,
    );
  }

  /** `deploy` (and power on unless told otherwise), `undeploy` (power off and release resources). */
  deploy(
    user: User,
    target: Target,
    powerOn: boolean,
    aliases: readonly string[] = [],
  ): Task {
    const vms = this.begin(user, target);
    return this.task(user, target, "vappDeploy", aliases, "Deploying", () => {
      for (const vm of vms) {
        vm.deployed = true;
        if (powerOn) vm.status = Status.POWERED_ON;
      }
      this.refreshStatus(target.vapp);
    });
  }

  undeploy(user: User, target: Target, aliases: readonly string[] = []): Task {
    const vms = this.begin(user, target);
    if (!vms.some((vm) => vm.deployed))
      throw badRequest(
        `The requested operation could not be executed since ${label(target)} is not deployed.`,
      );
    return this.task(
      user,
      target,
      "vappUndeployPowerOff",
      aliases,
      "Undeploying",
      () => {
        for (const vm of vms) {
          vm.deployed = false;
          vm.status = Status.POWERED_OFF;
        }
        this.refreshStatus(target.vapp);
      },
    );
  }

  remove(user: User, target: Target, aliases: readonly string[] = []): Task {
    const vms = this.begin(user, target);
    if (
      vms.some(
        (vm) =>
          vm.status === Status.POWERED_ON || vm.status === Status.SUSPENDED,
      )
    )
      throw badRequest(
        `${label(target)} cannot be deleted while it is powered on. Power it off first.`,
      );
    return this.task(
      user,
      target,
      target.vm ? "vappDeleteVm" : "vdcDeleteVapp",
      aliases,
      "Deleting",
      () => {
        if (target.vm) {
          target.vapp.vms = target.vapp.vms.filter((vm) => vm !== target.vm);
          this.refreshStatus(target.vapp);
          this.store.forget([target.vm.id]);
        } else {
          this.store.vapps.delete(target.vapp.id);
          this.store.forget([
            target.vapp.id,
            ...target.vapp.vms.map((vm) => vm.id),
          ]);
        }
      },
    );
  }

  /** A change to a VM (a section, CPU, memory): checked now, applied when its task succeeds. */
  updateVm(
    user: User,
    vapp: VApp,
    vm: Vm,
    change: () => void,
    aliases: readonly string[] = [],
    operationName = "vappUpdateVm",
    reserves?: readonly string[],
  ): Task {
    this.requireIdle({ vapp, vm });
    return this.task(
      user,
      { vapp, vm },
      operationName,
      aliases,
      "Updating",
      change,
      reserves,
    );
  }

  checkGuestCustomization(section: Record<string, unknown>): void {
    checkGuestCustomization(section);
  }

  /**
   * Checks a VM's NetworkConnectionSection and completes its addresses (store/vm-addresses.ts);
   * answers what the task changing it must hold (its new addresses) while it runs.
   */
  checkNetworkConnections(
    vapp: VApp,
    section: Record<string, unknown>,
    vm?: Vm,
  ): string[] {
    checkNetworkConnections(vapp, section);
    return vm ? new VmAddresses(this.store).assign(vapp, vm, section) : [];
  }

  /** The VMs an operation on `target` works on, once the user may and nothing else is at work. */
  private begin(user: User, target: Target): readonly Vm[] {
    this.requireIdle(target);
    return target.vm ? [target.vm] : target.vapp.vms;
  }

  private task(
    user: User,
    target: Target,
    operationName: string,
    aliases: readonly string[],
    verb: string,
    apply: () => void,
    reserves?: string | readonly string[],
  ): Task {
    const ref = refOf(target);
    return this.store.tasks.start({
      operationName,
      aliases,
      operation: `${verb} ${target.vm ? "Virtual Machine" : "Virtual Application"} ${ref.name}(${ref.id})`,
      owner: ref,
      orgId: target.vapp.orgId,
      userId: user.id,
      apply,
      ...(reserves !== undefined ? { reserves } : {}),
    });
  }

  /**
   * The task of an operation on a vApp or VM that the simulator keeps no state for (the fallback's):
   * it changes nothing, but it belongs to the entity, which is busy while it runs and must be idle
   * for it to start, as the stateful operations' tasks do.
   */
  statelessTask(user: User, target: Target, operationName: string): Task {
    this.requireIdle(target);
    return this.task(user, target, operationName, [], "Updating", () => {});
  }

  /** Refuses an operation on an entity with a task at work (BUSY_ENTITY). */
  requireIdle(target: Target): void {
    const ids = [target.vapp.id, ...target.vapp.vms.map((vm) => vm.id)];
    for (const id of ids) this.store.tasks.requireIdle(id, target.vapp.name);
  }

  /** A vApp's status and deployment from its VMs'. */
  refreshStatus(vapp: VApp): void {
    refreshStatus(vapp);
  }

  /** A copy of a VM for another vApp or template: new id, MAC and computer name, not yet resolved. */
  copyVm(source: Vm, parentId: string): Vm {
    return copyVm(this.store.ids, source, parentId);
  }
}
