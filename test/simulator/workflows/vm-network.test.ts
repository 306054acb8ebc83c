/**
 * Configuring a VM through the generated client, one section at a time, as the guide's "Update the
 * NetworkConnectionSection of a Virtual Machine" and "Retrieve or Modify the CPU Configuration"
 * pages do: read the section by the VM's href, change it, PUT it back, wait for the task, read it
 * again; a network the vApp does not have is refused.
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
let vm: Value;
beforeAll(async () => {
  w = await startWorkflow();
  await w.loginAs("Organization Administrator");
  const { vdc, templateHref } = await tenant(w);
  const vapp = await instantiate(w, vdc, templateHref, "configured");
  vm = (await w.call("getVApp", vapp.Children.Vm[0])).value;
}, 60_000);
afterAll(() => w?.close());

describe("configuring a VM section by section through the client", () => {
  it("changes the NetworkConnectionSection: the connection's IP allocation, read back", async () => {
    const inline = section(vm, "vcloud:NetworkConnectionSection");
    const current = await w.call("getVAppNetworkConnectionSection", inline);
    expect(current.element).toBe("vcloud:NetworkConnectionSection");
    const connections = current.value.NetworkConnection as Value[];
    expect(connections.length).toBeGreaterThan(0);
    const changed = {
      ...current.value,
      NetworkConnection: connections.map((c, i) =>
        i === 0
          ? { ...c, IpAddressAllocationMode: "DHCP", IsConnected: false }
          : c,
      ),
    };
    const task = await w.call(
      "updateVAppNetworkConnectionSection",
      w.link(current.value, "edit"),
      changed,
    );
    expect(task.status).toBe(202);
    await w.done(task.value);
    const after = await w.call("getVAppNetworkConnectionSection", inline);
    const first = (after.value.NetworkConnection as Value[])[0];
    expect(first.IpAddressAllocationMode).toBe("DHCP");
    expect(first.IsConnected).toBe(false);
  });

  it("refuses a connection to a network the vApp does not have, and keeps the section as it was", async () => {
    const inline = section(vm, "vcloud:NetworkConnectionSection");
    const current = await w.call("getVAppNetworkConnectionSection", inline);
    const wrong = {
      ...current.value,
      NetworkConnection: (current.value.NetworkConnection as Value[]).map(
        (c) => ({
          ...c,
          network: "no-such-network",
        }),
      ),
    };
    await expect(
      w.call(
        "updateVAppNetworkConnectionSection",
        w.link(current.value, "edit"),
        wrong,
      ),
    ).rejects.toMatchObject({ name: "VcdApiError", status: 400 });
    const after = await w.call("getVAppNetworkConnectionSection", inline);
    expect((after.value.NetworkConnection as Value[])[0].network).toBe(
      (current.value.NetworkConnection as Value[])[0].network,
    );
  });

  it("changes the number of CPUs and the memory through their rasd items", async () => {
    const id = vm.href.split("/").pop();
    const cpu = await w.call("getVAppVirtualHardwareSectionCpu", { id });
    expect(cpu.element).toBe("vcloud:Item");
    expect(cpu.value.VirtualQuantity.$value).toBe("2"); // the seed's
    const task = await w.call(
      "updateVAppVirtualHardwareSectionCpu",
      { id },
      { ...cpu.value, VirtualQuantity: { $value: "4" } },
    );
    await w.done(task.value);
    const memory = await w.call("getVAppVirtualHardwareSectionMemory", { id });
    const more = await w.call(
      "updateVAppVirtualHardwareSectionMemory",
      { id },
      { ...memory.value, VirtualQuantity: { $value: "3072" } },
    );
    await w.done(more.value);
    expect(
      (await w.call("getVAppVirtualHardwareSectionCpu", { id })).value
        .VirtualQuantity.$value,
    ).toBe("4");
    expect(
      (await w.call("getVAppVirtualHardwareSectionMemory", { id })).value
        .VirtualQuantity.$value,
    ).toBe("3072");
  });

  it("every body the simulator sent is valid (package validate and libxml2)", async () => {
    await expectAllValid(await loadPackage("30.0"), w.sim.sentBodies!);
  });
});
