/**
 * Deploying and operating a vApp, an independent disk, and configuring its VM through the
 * generated client: instantiate, power on, suspend, power on, reset, shutdown... undeploy;
 * snapshots; a disk created in the VDC, attached and detached; several sections changed at once
 * with reconfigureVm (name, CPU, memory, guest customization, storage profile), hard disks through
 * `virtualHardwareSection/disks`, product sections. Each step asserts on the simulator's state.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPackage } from "../../helpers/generated-packages.js";
import { expectAllValid } from "../helpers/valid-bodies.js";
import {
  instantiate,
  section,
  startWorkflow,
  tenant,
  type Value,
  type Workflow,
} from "./harness.js";

let w: Workflow;
let vdc: Value;
let templateHref: string;
beforeAll(async () => {
  w = await startWorkflow();
  await w.loginAs("Organization Administrator");
  ({ vdc, templateHref } = await tenant(w));
}, 60_000);
afterAll(() => w?.close());

const vmOf = async (vapp: Value) =>
  (await w.call("getVApp", vapp.Children.Vm[0])).value;

describe("deploying and operating vApps through the client", () => {
  it("powers a vApp through its states, snapshots it, undeploys it", async () => {
    let vapp = await instantiate(w, vdc, templateHref, "operated");
    const step = async (rel: string, stub: string, status: number) => {
      const task = await w.call(stub, w.link(vapp, rel));
      await w.done(task.value);
      vapp = (await w.call("getVApp", vapp)).value;
      expect(vapp.status, `${stub}`).toBe(status);
    };
    await step("power:powerOn", "powerOn", 4);
    await step("power:suspend", "suspend", 3);
    await step("power:powerOn", "powerOn", 4);
    await step("power:reset", "resetVApp", 4);
    await w.done(
      (
        await w.call("createSnapshot", w.link(vapp, "snapshot:create"), {
          name: "s1",
        })
      ).value,
    );
    const snapshots = await w.call("getSnapshotSection", {
      id: vapp.href.split("/").pop(),
    });
    expect(snapshots.value.Snapshot).toBeDefined();
    await step("power:shutdown", "shutdown", 8);
    await w.done(
      (
        await w.call(
          "revertToCurrentSnapshot",
          w.link(vapp, "snapshot:revertToCurrent"),
        )
      ).value,
    );
    vapp = (await w.call("getVApp", vapp)).value;
    expect(vapp.status).toBe(4); // the snapshot was taken powered on
    await w.done(
      (await w.call("removeAllSnapshots", w.link(vapp, "snapshot:removeAll")))
        .value,
    );
    const undeploy = await w.call("undeploy", w.link(vapp, "undeploy"), {
      UndeployPowerAction: "powerOff",
    });
    await w.done(undeploy.value);
    vapp = (await w.call("getVApp", vapp)).value;
    expect(vapp.deployed).toBe(false);
    expect(vapp.status).toBe(8);
  });

  it("creates an independent disk, attaches it to a VM and detaches it", async () => {
    const vapp = await instantiate(w, vdc, templateHref, "with-disk");
    const vm = await vmOf(vapp);
    const made = await w.call(
      "createDisk",
      { id: vdc.href.split("/").pop() },
      {
        Disk: { name: "data", size: String(2 ** 30), Description: "data disk" },
      },
    );
    expect(made.status).toBe(201);
    for (const t of made.value.Tasks?.Task ?? []) await w.done(t);
    const disk = (await w.call("getDisk", made.value)).value;
    expect(disk.status).toBe(1);
    const vmId = vm.href.split("/").pop();
    await w.done(
      (await w.call("attach", { id: vmId }, { Disk: { href: disk.href } }))
        .value,
    );
    let attached = await w.call(
      "getAttachedVms",
      w.link(disk, "down", "application/vnd.vmware.vcloud.vms+xml"),
    );
    expect((attached.value.VmReference as Value[]).map((r) => r.href)).toEqual([
      vm.href,
    ]);
    await expect(w.call("deleteDisk", disk)).rejects.toMatchObject({
      status: 400,
    });
    await w.done(
      (await w.call("detach", { id: vmId }, { Disk: { href: disk.href } }))
        .value,
    );
    attached = await w.call(
      "getAttachedVms",
      w.link(disk, "down", "application/vnd.vmware.vcloud.vms+xml"),
    );
    expect(attached.value.VmReference ?? []).toEqual([]);
    await w.done((await w.call("deleteDisk", disk)).value);
    await expect(w.call("getDisk", disk)).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe("configuring VMs through the client", () => {
  it("changes several sections at once with reconfigureVm", async () => {
    const vapp = await instantiate(w, vdc, templateHref, "reconfigured");
    const vm = await vmOf(vapp);
    const hardware = section(vm, "ovf:VirtualHardwareSection");
    const items = (hardware.Item as Value[]).map((item) => {
      const kind = item.ResourceType.$value;
      if (kind === "3") return { ...item, VirtualQuantity: { $value: "4" } };
      if (kind === "4") return { ...item, VirtualQuantity: { $value: "2048" } };
      return item;
    });
    const gcs = section(vm, "vcloud:GuestCustomizationSection");
    const body = {
      ...vm,
      name: "web-renamed",
      Section: (vm.Section as Value[]).map((s) =>
        s.$element === "ovf:VirtualHardwareSection"
          ? { ...s, Item: items }
          : s.$element === "vcloud:GuestCustomizationSection"
            ? { ...gcs, ComputerName: "web-01" }
            : s,
      ),
      StorageProfile: {
        href: `${w.sim.url}/vdcStorageProfile/gold`,
        name: "gold",
      },
    };
    const task = await w.call(
      "reconfigureVm",
      { id: vm.href.split("/").pop() },
      body,
    );
    expect(task.status).toBe(202);
    await w.done(task.value);
    const after = await vmOf(vapp);
    expect(after.name).toBe("web-renamed");
    expect(after.StorageProfile.name).toBe("gold");
    const cpu = await w.call("getVAppVirtualHardwareSectionCpu", {
      id: vm.href.split("/").pop(),
    });
    expect(cpu.value.VirtualQuantity.$value).toBe("4");
    const memory = await w.call("getVAppVirtualHardwareSectionMemory", {
      id: vm.href.split("/").pop(),
    });
    expect(memory.value.VirtualQuantity.$value).toBe("2048");
    expect(
      section(after, "vcloud:GuestCustomizationSection").ComputerName,
    ).toBe("web-01");
  });

  it("adds a hard disk through virtualHardwareSection/disks, and sets product sections", async () => {
    const vapp = await instantiate(w, vdc, templateHref, "disks");
    const vm = await vmOf(vapp);
    const id = vm.href.split("/").pop();
    const disks = await w.call("getVAppVirtualHardwareSectionDisks", { id });
    const items = disks.value.Item as Value[];
    const first = items.find((i) => i.ResourceType.$value === "17")!;
    const second = {
      ...first,
      InstanceID: { $value: "2001" },
      AddressOnParent: { $value: "1" },
      ElementName: { $value: "Hard disk 2" },
      VirtualQuantity: { $value: String(8 * 2 ** 30) },
    };
    const put = await w.call(
      "updateVAppVirtualHardwareSectionDisks",
      w.link(disks.value, "edit"),
      {
        ...disks.value,
        Item: [...items, second],
      },
    );
    await w.done(put.value);
    const after = await w.call("getVAppVirtualHardwareSectionDisks", { id });
    const sizes = (after.value.Item as Value[])
      .filter((i) => i.ResourceType.$value === "17")
      .map((i) => Number(i.VirtualQuantity.$value));
    expect(sizes).toHaveLength(2);
    expect(sizes[1]).toBe(8 * 2 ** 30);

    const products = await w.call("getVAppProductSections", { id });
    const set = await w.call(
      "updateProductSections",
      w.link(products.value, "edit"),
      {
        ...products.value,
        ProductSection: [
          { Info: { $value: "app" }, Product: { $value: "web" } },
        ],
      },
    );
    await w.done(set.value);
    const read = await w.call("getVAppProductSections", { id });
    expect(read.value.ProductSection[0].Product.$value).toBe("web");
  });

  it("every body the simulator sent is valid (package validate and libxml2)", async () => {
    await expectAllValid(await loadPackage("30.0"), w.sim.sentBodies);
  });
});
