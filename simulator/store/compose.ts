/**
 * vcd-codegen runtime, simulator: building vApps from parts, vCD's rules: compose (a new vApp of
 * the VMs of templates, template VMs or other vApps' VMs), recompose (add and delete VMs of a vApp;
 * a VM to delete must be powered off), clone (a copy of a vApp; moving it, `IsSourceDelete`, needs
 * the source powered off) and capture (a vApp template, with a catalog item when captured to a
 * catalog). Names are unique in their VDC; each runs as a task.
 */
import { badRequest, duplicateName, forbidden } from "../fault.js";
import type {
  Catalog,
  CatalogItem,
  Task,
  User,
  VApp,
  VAppTemplate,
  Vdc,
  Vm,
} from "./model.js";
import { Status } from "./model.js";
import type { Store } from "./store.js";
import { StorageRules } from "./storage.js";
import {
  connectAdded,
  createVApp,
  newVAppName,
  type CreateParams,
} from "./vapp-create.js";
import type { VAppRules } from "./vapps.js";
import { RIGHTS } from "./rights.js";

export type { CreateParams };

/** A new vApp template of the VDC, owned by `user`, with no VMs yet (a capture's, an import's). */
export function newTemplate(
  store: Store,
  user: User,
  vdc: Vdc,
  name: string,
  description: string | undefined,
): VAppTemplate {
  return {
    id: store.ids.next("vAppTemplate"),
    orgId: vdc.orgId,
    vdcId: vdc.id,
    name,
    ownerId: user.id,
    created: new Date(store.now()).toISOString(),
    vms: [],
    ...(description !== undefined ? { description } : {}),
  };
}

export class CompositionRules {
  constructor(
    private readonly store: Store,
    private readonly vapps: VAppRules,
  ) {}

  compose(
    user: User,
    vdc: Vdc,
    p: CreateParams,
    sources: readonly Vm[],
    aliases: readonly string[],
  ): { vapp: VApp; task: Task } {
    return this.create(user, vdc, p, sources, "vdcComposeVapp", aliases);
  }

  clone(
    user: User,
    vdc: Vdc,
    source: VApp,
    p: CreateParams,
    move: boolean,
    aliases: readonly string[],
  ): { vapp: VApp; task: Task } {
    this.vapps.requireIdle({ vapp: source });
    if (move && source.vms.some((vm) => vm.status === Status.POWERED_ON))
      throw badRequest(
        `The vApp "${source.name}" must be powered off to be moved.`,
      );
    const made = this.create(
      user,
      vdc,
      p,
      source.vms,
      move ? "vdcRecomposeVapp" : "vdcCopyVapp",
      aliases,
      () => {
        if (!move) return;
        this.store.vapps.delete(source.id);
        this.store.forget([source.id, ...source.vms.map((vm) => vm.id)]);
      },
    );
    made.vapp.networks = [...source.networks];
    if (source.networkConfig)
      made.vapp.networkConfig = structuredClone(source.networkConfig);
    return made;
  }

  recompose(
    user: User,
    vapp: VApp,
    add: readonly Vm[],
    remove: readonly string[],
    aliases: readonly string[],
  ): Task {
    this.vapps.requireIdle({ vapp });
    for (const id of remove) {
      const vm = vapp.vms.find((v) => v.id === id);
      if (!vm)
        throw badRequest(
          `The VM ${id} is not part of the vApp "${vapp.name}".`,
        );
      if (vm.status === Status.POWERED_ON || vm.status === Status.SUSPENDED)
        throw badRequest(
          `The VM "${vm.name}" must be powered off to be deleted.`,
        );
    }
    const vdc = this.store.vdcs.get(vapp.vdcId);
    if (vdc) new StorageRules(this.store).requireRoomForCopies(vdc, add);
    const copies = add.map((vm) => this.vapps.copyVm(vm, vapp.id));
    const { networks, reserves } = connectAdded(this.store, vapp, copies);
    return this.store.tasks.start({
      operationName: "vdcRecomposeVapp",
      aliases,
      reserves,
      operation: `Updating Virtual Application ${vapp.name}(${vapp.id})`,
      owner: { kind: "vApp", id: vapp.id, name: vapp.name },
      orgId: vapp.orgId,
      userId: user.id,
      apply: () => {
        vapp.vms = vapp.vms.filter((vm) => !remove.includes(vm.id));
        this.store.forget(remove);
        for (const vm of copies) {
          vm.status = Status.POWERED_OFF;
          vapp.vms.push(vm);
        }
        vapp.networks = networks;
        this.vapps.refreshStatus(vapp);
      },
    });
  }

  capture(
    user: User,
    vdc: Vdc,
    source: VApp,
    name: string,
    description: string | undefined,
    catalog: Catalog | undefined,
    aliases: readonly string[],
  ): { template: VAppTemplate; item?: CatalogItem; task: Task } {
    this.vapps.requireIdle({ vapp: source });
    if (name.trim() === "")
      throw badRequest("The vApp template name must not be empty.");
    if (
      source.vms.some(
        (vm) =>
          vm.status === Status.POWERED_ON || vm.status === Status.SUSPENDED,
      )
    )
      throw badRequest(
        `The vApp "${source.name}" must be powered off to be captured.`,
      );
    if (
      catalog &&
      catalog.itemIds.some(
        (id) => this.store.catalogItems.get(id)?.name === name,
      )
    )
      throw duplicateName(name);
    new StorageRules(this.store).requireRoomForCopies(vdc, source.vms);
    const template = newTemplate(this.store, user, vdc, name, description);
    template.vms = source.vms.map((vm) => ({
      ...this.vapps.copyVm(vm, template.id),
      status: Status.POWERED_OFF,
    }));
    this.store.templates.set(template.id, template);
    let item: CatalogItem | undefined;
    if (catalog) {
      item = {
        id: this.store.ids.next("catalogItem"),
        catalogId: catalog.id,
        name,
        templateId: template.id,
      };
      this.store.catalogItems.set(item.id, item);
      catalog.itemIds.push(item.id);
    }
    const task = this.store.tasks.start({
      operationName: "vdcCaptureTemplate",
      aliases,
      operation: `Capturing Virtual Application Template ${name}(${template.id})`,
      owner: { kind: "vAppTemplate", id: template.id, name },
      orgId: vdc.orgId,
      userId: user.id,
      apply: () => undefined,
      fail: () => {
        this.store.templates.delete(template.id);
        if (item && catalog) {
          this.store.catalogItems.delete(item.id);
          catalog.itemIds = catalog.itemIds.filter((id) => id !== item!.id);
        }
      },
    });
    return { template, ...(item ? { item } : {}), task };
  }

  private create(
    user: User,
    vdc: Vdc,
    p: CreateParams,
    sources: readonly Vm[],
    operationName: string,
    aliases: readonly string[],
    after?: () => void,
  ): { vapp: VApp; task: Task } {
    if (!this.store.hasRight(user, RIGHTS.vappCreate)) throw forbidden();
    return createVApp(
      this.store,
      user,
      vdc,
      newVAppName(this.store, vdc, p.name),
      p,
      sources,
      operationName,
      aliases,
      after,
    );
  }
}
