/**
 * vcd-codegen runtime, simulator: vApps, their VMs and vApp templates as vCD shows them, with the
 * links a client follows (power operations by power state, sections, `up`, `edit`, `remove`).
 */
import { filesValue } from "./transfer-files.js";
import { urn } from "../store/ids.js";
import type { VApp, VAppTemplate, Value, Vm } from "../store/model.js";
import { Status } from "../store/model.js";
import type { Ctx, Reply } from "./context.js";
import { operatingSystemSection, virtualHardwareSection } from "./hardware.js";
import type { LinkValue } from "./hrefs.js";
import { MT } from "./media-types.js";
import { optional, tasksInProgress, userRef } from "./refs.js";
import { snapshotLinks } from "./snapshots.js";

import { networkConfigSection } from "./vapp-networks.js";

const MEDIA_PARAMS =
  "application/vnd.vmware.vcloud.mediaInsertOrEjectParams+xml";

/** A deployed vApp or VM can be undeployed, one not deployed deployed. */
const deployLink = (ctx: Ctx, path: string, deployed: boolean): LinkValue[] =>
  deployed
    ? ctx.hrefs.link("undeploy", "POST", `${path}/action/undeploy`, MT.undeploy)
    : ctx.hrefs.link("deploy", "POST", `${path}/action/deploy`, MT.deploy);

/** What is not powered on can be deleted. */
const removeLink = (ctx: Ctx, path: string, status: number): LinkValue[] =>
  status !== Status.POWERED_ON ? ctx.hrefs.link("remove", "DELETE", path) : [];

function powerLinks(ctx: Ctx, path: string, status: number): LinkValue[] {
  const h = ctx.hrefs;
  const action = (rel: string, name: string) =>
    h.link(rel, "POST", `${path}/power/action/${name}`);
  if (status === Status.POWERED_ON)
    return ["powerOff", "reboot", "reset", "shutdown", "suspend"].flatMap((a) =>
      action(`power:${a}`, a),
    );
  if (
    status === Status.POWERED_OFF ||
    status === Status.SUSPENDED ||
    status === Status.MIXED
  )
    return action("power:powerOn", "powerOn");
  return [];
}

function sectionLinks(ctx: Ctx, path: string, type: string, editable: boolean) {
  return [...(editable ? ctx.hrefs.link("edit", "PUT", path, type) : [])];
}

export function vmSections(
  ctx: Ctx,
  vm: Vm,
  path: string,
  editable: boolean,
): Value[] {
  const h = ctx.hrefs;
  const gcPath = `${path}/guestCustomizationSection`;
  const ncPath = `${path}/networkConnectionSection`;
  return [
    virtualHardwareSection(ctx, vm, editable ? path : undefined),
    operatingSystemSection(vm),
    {
      $element: "vcloud:NetworkConnectionSection",
      ...vm.network,
      href: h.abs(ncPath),
      type: MT.networkConnection,
      Link: sectionLinks(ctx, ncPath, MT.networkConnection, editable),
    },
    {
      $element: "vcloud:GuestCustomizationSection",
      ...vm.guest,
      href: h.abs(gcPath),
      type: MT.guestCustomization,
      Link: sectionLinks(ctx, gcPath, MT.guestCustomization, editable),
    },
  ];
}

export function vmValue(ctx: Ctx, vapp: VApp, vm: Vm): Value {
  const h = ctx.hrefs;
  const path = h.vm(vm.id);
  return {
    needsCustomization: vm.needsCustomization,
    deployed: vm.deployed,
    status: vm.status,
    name: vm.name,
    id: urn("vm", vm.id),
    href: h.abs(path),
    type: MT.vm,
    Link: [
      ...powerLinks(ctx, path, vm.status),
      ...deployLink(ctx, path, vm.deployed),
      ...h.link("edit", "PUT", path, MT.vm),
      ...snapshotLinks(ctx, path, [vm]),
      ...removeLink(ctx, path, vm.status),
      ...h.link("down", "GET", `${path}/metadata`, MT.metadata),
      ...h.link("down", "GET", `${path}/productSections`, MT.productSections),
      ...h.link("up", "GET", h.vapp(vapp.id), MT.vApp),
      // The guide's "Insert or Eject Removable Media": a VM's media links.
      ...h.link(
        "media:insertMedia",
        "POST",
        `${path}/media/action/insertMedia`,
        MEDIA_PARAMS,
      ),
      ...h.link(
        "media:ejectMedia",
        "POST",
        `${path}/media/action/ejectMedia`,
        MEDIA_PARAMS,
      ),
    ],
    ...optional("Description", vm.description),
    ...tasksInProgress(ctx, vm.id),
    Section: vmSections(ctx, vm, path, true),
    VAppScopedLocalId: vm.name,
    ...(vm.storageProfile
      ? { StorageProfile: { ...vm.storageProfile, type: MT.vdcStorageProfile } }
      : {}),
  };
}

export function vappValue(ctx: Ctx, vapp: VApp): Value {
  const h = ctx.hrefs;
  const path = h.vapp(vapp.id);
  const leasePath = `${path}/leaseSettingsSection`;
  return {
    ovfDescriptorUploaded: true,
    deployed: vapp.deployed,
    status: vapp.status,
    name: vapp.name,
    id: urn("vapp", vapp.id),
    href: h.abs(path),
    type: MT.vApp,
    Link: [
      ...powerLinks(ctx, path, vapp.status),
      ...deployLink(ctx, path, vapp.deployed),
      ...removeLink(ctx, path, vapp.status),
      ...snapshotLinks(ctx, path, vapp.vms),
      ...h.link("down", "GET", `${path}/controlAccess`, MT.controlAccess),
      ...h.link(
        "controlAccess",
        "POST",
        `${path}/action/controlAccess`,
        MT.controlAccess,
      ),
      ...h.link(
        "recompose",
        "POST",
        `${path}/action/recomposeVApp`,
        "application/vnd.vmware.vcloud.recomposeVAppParams+xml",
      ),
      ...h.link("down", "GET", `${path}/owner`, MT.owner),
      ...h.link("down", "GET", `${path}/metadata`, MT.metadata),
      ...h.link("down", "GET", `${path}/productSections`, MT.productSections),
      ...h.link("up", "GET", h.vdc(vapp.vdcId), MT.vdc),
    ],
    ...optional("Description", vapp.description),
    ...tasksInProgress(ctx, vapp.id),
    Section: [
      {
        $element: "vcloud:LeaseSettingsSection",
        href: h.abs(leasePath),
        type: MT.leaseSettings,
        required: false,
        Info: { $value: "Lease settings section" },
        Link: h.link("edit", "PUT", leasePath, MT.leaseSettings),
        DeploymentLeaseInSeconds: 0,
        StorageLeaseInSeconds: 0,
      },
      {
        $element: "vcloud:NetworkConfigSection",
        ...networkConfigSection(ctx, vapp),
      },
    ],
    DateCreated: vapp.created,
    Owner: {
      type: MT.owner,
      User: userRef(ctx, ctx.store.users.get(vapp.ownerId)),
    },
    InMaintenanceMode: false,
    Children: { Vm: vapp.vms.map((vm) => vmValue(ctx, vapp, vm)) },
  };
}

/** The 201 answering a new vApp template: its view, its href in `Location`. */
export const templateCreated = (ctx: Ctx, template: VAppTemplate): Reply => ({
  status: 201,
  doc: { element: "vcloud:VAppTemplate", value: templateValue(ctx, template) },
  headers: { Location: ctx.hrefs.abs(ctx.hrefs.vAppTemplate(template.id)) },
});

export function templateValue(ctx: Ctx, template: VAppTemplate): Value {
  const h = ctx.hrefs;
  const path = h.vAppTemplate(template.id);
  return {
    ovfDescriptorUploaded: template.ovfDescriptorUploaded ?? true,
    goldMaster: false,
    status: template.status ?? Status.POWERED_OFF,
    name: template.name,
    id: urn("vapptemplate", template.id),
    href: h.abs(path),
    type: MT.vAppTemplate,
    Link: [
      ...h.link("up", "GET", h.vdc(template.vdcId), MT.vdc),
      ...h.link("down", "GET", `${path}/metadata`, MT.metadata),
      ...h.link("down", "GET", `${path}/owner`, MT.owner),
      ...h.link("down", "GET", `${path}/productSections`, MT.productSections),
      ...(template.status === undefined
        ? [
            ...h.link("enable", "POST", `${path}/action/enableDownload`),
            ...h.link("disable", "POST", `${path}/action/disableDownload`),
          ]
        : []),
    ],
    ...optional("Description", template.description),
    ...tasksInProgress(ctx, template.id),
    ...filesValue(ctx, template.downloadId ?? template.transferId),
    Owner: {
      type: MT.owner,
      User: userRef(ctx, ctx.store.users.get(template.ownerId)),
    },
    Children: {
      Vm: template.vms.map((vm) => templateVmValue(ctx, template, vm)),
    },
    DateCreated: template.created,
  };
}

export function templateVmValue(
  ctx: Ctx,
  template: VAppTemplate,
  vm: Vm,
): Value {
  const h = ctx.hrefs;
  const path = h.templateVm(vm.id);
  return {
    status: Status.POWERED_OFF,
    name: vm.name,
    id: urn("vm", vm.id),
    href: h.abs(path),
    type: MT.vm,
    Link: [
      ...h.link("up", "GET", h.vAppTemplate(template.id), MT.vAppTemplate),
    ],
    ...optional("Description", vm.description),
    Section: vmSections(ctx, vm, path, false),
    VAppScopedLocalId: vm.name,
  };
}
