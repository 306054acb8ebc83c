/**
 * vcd-codegen runtime, simulator: a VM's virtual hardware as OVF writes it: the
 * `ovf:VirtualHardwareSection` with its NIC, SCSI controller, disk, CPU and memory items (RASD values,
 * whose CIM numbers are held as strings).
 */
import type { HardDisk, Value, Vm } from "../store/model.js";
import type { Ctx } from "./context.js";
import { MT } from "./media-types.js";

const text = (value: string | number) => ({ $value: String(value) });
const VCLOUD = "http://www.vmware.com/vcloud/v1.5";

/** A vcloud:Link inside OVF content (a wildcard there, so raw XML). */
function rawLink(rel: string, href: string, type: string) {
  return {
    $xml: `<vcloud:Link xmlns:vcloud="${VCLOUD}" rel="${rel}" type="${type}" href="${href}"/>`,
  };
}

export function cpuItem(vm: Vm): Value {
  return {
    AllocationUnits: text("hertz * 10^6"),
    Description: text("Number of Virtual CPUs"),
    ElementName: text(`${vm.cpus} virtual CPU(s)`),
    InstanceID: text(4),
    Reservation: text(0),
    ResourceType: text(3),
    VirtualQuantity: text(vm.cpus),
    Weight: text(0),
  };
}

export function memoryItem(vm: Vm): Value {
  return {
    AllocationUnits: text("byte * 2^20"),
    Description: text("Memory Size"),
    ElementName: text(`${vm.memoryMb} MB of memory`),
    InstanceID: text(5),
    Reservation: text(0),
    ResourceType: text(4),
    VirtualQuantity: text(vm.memoryMb),
    Weight: text(0),
  };
}

function nicItems(vm: Vm) {
  const connections =
    (vm.network.NetworkConnection as Record<string, unknown>[] | undefined) ??
    [];
  return connections.map((c, i) => ({
    ...(typeof c.MACAddress === "string"
      ? { Address: text(c.MACAddress) }
      : {}),
    AddressOnParent: text(i),
    AutomaticAllocation: { $value: c.IsConnected !== false },
    Connection: [text(String(c.network))],
    Description: text(`Vmxnet3 ethernet adapter on "${String(c.network)}"`),
    ElementName: text(`Network adapter ${i}`),
    InstanceID: text(1 + i * 10),
    ResourceSubType: text("VMXNET3"),
    ResourceType: text(10),
  }));
}

export function virtualHardwareSection(
  ctx: Ctx,
  vm: Vm,
  path: string | undefined,
): Value {
  const links = path
    ? [
        rawLink(
          "down",
          ctx.hrefs.abs(`${path}/virtualHardwareSection/cpu`),
          MT.rasdItem,
        ),
        rawLink(
          "down",
          ctx.hrefs.abs(`${path}/virtualHardwareSection/memory`),
          MT.rasdItem,
        ),
        rawLink(
          "down",
          ctx.hrefs.abs(`${path}/virtualHardwareSection/disks`),
          MT.rasdItemsList,
        ),
      ]
    : [];
  return {
    $element: "ovf:VirtualHardwareSection",
    Info: text("Virtual hardware requirements"),
    System: {
      ElementName: text("Virtual Hardware Family"),
      InstanceID: text(0),
      VirtualSystemIdentifier: text(vm.name),
      VirtualSystemType: text("vmx-14"),
    },
    Item: [
      ...nicItems(vm),
      scsiController(),
      ...diskItems(vm),
      ...cdItems(ctx, vm),
      cpuItem(vm),
      memoryItem(vm),
    ],
    ...(links.length ? { $any: links } : {}),
  };
}

/** The VM's hard disks (one of `diskMb` unless it was given others), on SCSI controller 0. */
export function hardDisks(vm: Vm): HardDisk[] {
  return vm.hardDisks ?? [{ instanceId: 2000, sizeMb: vm.diskMb }];
}

export function scsiController(): Value {
  return {
    Address: text(0),
    Description: text("SCSI Controller"),
    ElementName: text("SCSI Controller 0"),
    InstanceID: text(2),
    ResourceSubType: text("lsilogic"),
    ResourceType: text(6),
  };
}

export function diskItems(vm: Vm): Value[] {
  return hardDisks(vm).map((d, i) => ({
    AddressOnParent: text(i),
    Description: text("Hard disk"),
    ElementName: text(`Hard disk ${i + 1}`),
    InstanceID: text(d.instanceId),
    Parent: text(2),
    ResourceType: text(17),
    VirtualQuantity: text(d.sizeMb * 1024 * 1024),
    VirtualQuantityUnits: text("byte"),
  }));
}

/**
 * The CD/DVD drive holding an inserted media image (`insertMedia`), as vCD lists it: RASD type 15,
 * subtype `vmware.cdrom.iso`, the image's name as its host resource (go-vcloud-director tells an
 * inserted image by that subtype: its `isMediaInjected`, PR #132). No drive is listed while none is.
 */
function cdItems(ctx: Ctx, vm: Vm): Value[] {
  if (vm.mediaId === undefined) return [];
  const media = ctx.store.media.get(vm.mediaId);
  return [
    {
      AddressOnParent: text(0),
      AutomaticAllocation: { $value: true },
      Description: text("CD/DVD Drive"),
      ElementName: text("CD/DVD Drive 1"),
      HostResource: [text(media?.name ?? vm.mediaId)],
      InstanceID: text(3002),
      ResourceSubType: text("vmware.cdrom.iso"),
      ResourceType: text(15),
    },
  ];
}

export function operatingSystemSection(vm: Vm): Value {
  return {
    $element: "ovf:OperatingSystemSection",
    id: vm.osId,
    Info: text("Specifies the operating system installed"),
    Description: text(vm.osType),
  };
}
