/**
 * vcd-codegen runtime, simulator: the query types of what runs: vApp, adminVApp, vm, adminVM,
 * vAppTemplate, adminVAppTemplate, task and adminTask. A vApp (and its VMs) is listed only to those who may read it.
 */
import type { Ctx } from "../handlers/context.js";
import { MT } from "../handlers/media-types.js";
import { urn } from "../store/ids.js";
import type { Task, VApp, VAppTemplate, Vm } from "../store/model.js";
import { Status } from "../store/model.js";
import { isDone } from "../store/tasks.js";
import {
  isBusy,
  rowsOf,
  orgRefOf,
  queryType,
  refTo,
  statusName,
  userRefOf,
  vdcRef,
  visible,
  visibleRows,
  type QueryType,
  type Row,
  type Rows,
} from "./rows.js";
import { providerPaths } from "../provider/media-types.js";

function vappRow(ctx: Ctx, vapp: VApp, admin: boolean): Row {
  const memory = vapp.vms.reduce((n, vm) => n + vm.memoryMb, 0);
  const disk = vapp.vms.reduce((n, vm) => n + vm.diskMb, 0);
  return {
    orgId: vapp.orgId,
    href: ctx.hrefs.abs(ctx.hrefs.vapp(vapp.id)),
    urn: urn("vapp", vapp.id),
    name: vapp.name,
    cells: {
      name: vapp.name,
      ...(admin
        ? {
            org: orgRefOf(ctx, vapp.orgId),
            isVdcEnabled: true,
            numberOfVMs: vapp.vms.length,
            memoryAllocationMB: memory,
            storageKB: String(disk * 1024),
          }
        : { isPublic: false }),
      vdc: vdcRef(ctx, vapp.vdcId),
      vdcName: ctx.store.vdcs.get(vapp.vdcId)?.name,
      isEnabled: true,
      isBusy: isBusy(ctx, vapp.id),
      creationDate: vapp.created,
      status: statusName(vapp.status),
      ownerName: ctx.store.users.get(vapp.ownerId)?.name,
      isDeployed: vapp.deployed,
      isInMaintenanceMode: false,
      isAutoNature: false,
      isExpired: false,
    },
  };
}

function vmRow(
  ctx: Ctx,
  vm: Vm,
  admin: boolean,
  vapp?: VApp,
  template?: VAppTemplate,
): Row {
  const holder = (vapp ?? template)!;
  const owner = ctx.store.users.get(holder.ownerId);
  const nic = (
    vm.network.NetworkConnection as Record<string, unknown>[] | undefined
  )?.[0];
  const ip = nic?.IpAddress;
  return {
    orgId: holder.orgId,
    href: ctx.hrefs.abs(
      vapp ? ctx.hrefs.vm(vm.id) : ctx.hrefs.templateVm(vm.id),
    ),
    urn: urn("vm", vm.id),
    name: vm.name,
    cells: {
      name: vm.name,
      containerName: holder.name,
      container: vapp
        ? refTo(ctx, ctx.hrefs.vapp(vapp.id), "vapp", vapp.id)
        : refTo(
            ctx,
            ctx.hrefs.vAppTemplate(holder.id),
            "vapptemplate",
            holder.id,
          ),
      ownerName: owner?.name,
      owner: owner ? userRefOf(ctx, owner.id) : undefined,
      vdc: vdcRef(ctx, holder.vdcId),
      isVAppTemplate: !vapp,
      isDeleted: false,
      guestOs: vm.osType,
      numberOfCpus: vm.cpus,
      memoryMB: vm.memoryMb,
      status: statusName(vapp ? vm.status : Status.POWERED_OFF),
      networkName: nic ? String(nic.network) : undefined,
      ipAddress: typeof ip === "string" ? ip : undefined,
      isBusy: isBusy(ctx, vm.id),
      isDeployed: vm.deployed,
      isPublished: !vapp,
      hardwareVersion: 14,
      isInMaintenanceMode: false,
      isAutoNature: false,
      storageProfileName: vm.storageProfile?.name,
      ...(admin
        ? {
            org: orgRefOf(ctx, holder.orgId),
            isVdcEnabled: true,
            catalogName: template ? catalogOf(ctx, template)?.name : undefined,
          }
        : {}),
    },
  };
}

/** The catalog item holding a template, and its catalog. */
function catalogOf(
  ctx: Ctx,
  t: VAppTemplate,
):
  | { readonly name: string; readonly id: string; readonly itemId: string }
  | undefined {
  for (const item of ctx.store.catalogItems.values()) {
    if (item.templateId !== t.id) continue;
    const catalog = ctx.store.catalogs.get(item.catalogId);
    return catalog
      ? { name: catalog.name, id: catalog.id, itemId: item.id }
      : undefined;
  }
  return undefined;
}

function templateRow(ctx: Ctx, t: VAppTemplate, admin: boolean): Row {
  const catalog = catalogOf(ctx, t);
  return {
    orgId: t.orgId,
    href: ctx.hrefs.abs(ctx.hrefs.vAppTemplate(t.id)),
    urn: urn("vapptemplate", t.id),
    name: t.name,
    cells: {
      ownerName: ctx.store.users.get(t.ownerId)?.name,
      catalogName: catalog?.name,
      isPublished: false,
      name: t.name,
      description: t.description,
      vdc: vdcRef(ctx, t.vdcId),
      vdcName: ctx.store.vdcs.get(t.vdcId)?.name,
      org: orgRefOf(ctx, t.orgId),
      creationDate: t.created,
      isBusy: isBusy(ctx, t.id),
      isGoldMaster: false,
      isEnabled: true,
      status: "RESOLVED",
      isDeployed: false,
      isExpired: false,
      ...(admin
        ? {
            isVdcEnabled: true,
            catalog: catalog
              ? refTo(ctx, ctx.hrefs.catalog(catalog.id), "catalog", catalog.id)
              : undefined,
            catalogItem: catalog
              ? refTo(
                  ctx,
                  ctx.hrefs.catalogItem(catalog.itemId),
                  "catalogitem",
                  catalog.itemId,
                )
              : undefined,
          }
        : {}),
    },
  };
}

function taskRow(ctx: Ctx, task: Task, admin: boolean): Row {
  const o = task.owner;
  const h = ctx.hrefs;
  const objectPath = {
    vApp: h.vapp(o.id),
    vm: h.vm(o.id),
    vAppTemplate: h.vAppTemplate(o.id),
    vdc: h.vdc(o.id),
    catalog: h.catalog(o.id),
    catalogItem: h.catalogItem(o.id),
    org: h.org(o.id),
    disk: h.disk(o.id),
    media: h.media(o.id),
    providerVdc: providerPaths.providerVdc(o.id),
    vimServer: providerPaths.vimServer(o.id),
    externalNetwork: providerPaths.externalNetwork(o.id),
    networkPool: providerPaths.networkPool(o.id),
    network: h.network(o.id),
    edgeGateway: h.edgeGateway(o.id),
  }[o.kind];
  return {
    orgId: task.orgId,
    href: h.abs(h.task(task.id)),
    urn: urn("task", task.id),
    name: task.operationName,
    cells: {
      org: orgRefOf(ctx, task.orgId),
      orgName: ctx.store.orgs.get(task.orgId)?.name,
      name: task.operationName,
      startDate: task.startTime,
      endDate: isDone(task) ? task.endTime : undefined,
      status: task.status,
      progress: task.progress,
      ...(admin ? { owner: userRefOf(ctx, task.userId), hasOwner: true } : {}),
      ownerName: ctx.store.users.get(task.userId)?.name,
      object: refTo(ctx, objectPath, o.kind.toLowerCase(), o.id),
      objectType: o.kind,
      objectName: o.name,
      serviceNamespace: "com.vmware.vcloud",
    },
  };
}

interface HeldVm {
  readonly vm: Vm;
  readonly vapp?: VApp;
  readonly template?: VAppTemplate;
}

const vms =
  (admin: boolean) =>
  (ctx: Ctx): Rows => {
    const held: HeldVm[] = [];
    for (const vapp of vapps(ctx))
      for (const vm of vapp.vms) held.push({ vm, vapp });
    for (const template of visible(ctx, ctx.store.templates.values()))
      for (const vm of template.vms) held.push({ vm, template });
    return rowsOf(
      held,
      (h) => h.vm.name,
      (h) => vmRow(ctx, h.vm, admin, h.vapp, h.template),
    );
  };

/** The vApps the user may read: their organization's, and of those only theirs and the ones shared with them unless they administer it (access-levels.ts). */
const vapps = (ctx: Ctx): VApp[] => {
  const out: VApp[] = [];
  const admin = new Map<string, boolean>();
  for (const v of ctx.store.vapps.values()) {
    let full = admin.get(v.orgId);
    if (full === undefined)
      admin.set(v.orgId, (full = ctx.store.isOrgAdmin(ctx.user, v.orgId)));
    if (full || ctx.store.vappLevel(ctx.user, v) !== undefined) out.push(v);
  }
  return out;
};
const templates = (ctx: Ctx) => ctx.store.templates.values();
/** The tasks the user may read: a task about a vApp only to those who may read the vApp. */
const tasks = (ctx: Ctx) =>
  ctx.store.tasks.all().filter((t) => ctx.store.mayReadTask(ctx.user, t));

export const VAPP_QUERY_TYPES: readonly QueryType[] = [
  queryType("vApp", "VApp", "VApp", MT.vApp, "user", (ctx) =>
    rowsOf(
      vapps(ctx),
      (v) => v.name,
      (v) => vappRow(ctx, v, false),
    ),
  ),
  queryType("adminVApp", "AdminVApp", "VApp", MT.vApp, "admin", (ctx) =>
    rowsOf(
      vapps(ctx),
      (v) => v.name,
      (v) => vappRow(ctx, v, true),
    ),
  ),
  queryType("vm", "VM", "VM", MT.vm, "user", vms(false)),
  queryType("adminVM", "AdminVM", "VM", MT.vm, "admin", vms(true)),
  queryType(
    "vAppTemplate",
    "VAppTemplate",
    "VAppTemplate",
    MT.vAppTemplate,
    "user",
    visibleRows(templates, templateRow, false),
  ),
  queryType(
    "adminVAppTemplate",
    "AdminVAppTemplate",
    "VAppTemplate",
    MT.vAppTemplate,
    "admin",
    visibleRows(templates, templateRow, true),
  ),
  queryType(
    "task",
    "Task",
    "Task",
    MT.task,
    "user",
    visibleRows(tasks, taskRow, false),
  ),
  queryType(
    "adminTask",
    "AdminTask",
    "Task",
    MT.task,
    "admin",
    visibleRows(tasks, taskRow, true),
  ),
];
