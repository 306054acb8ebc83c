/**
 * importVmAsVApp's rules at the store (provider/import-vm.ts): the org VDC must be backed by the
 * vCenter the VM is imported from; only the system administrator imports; a refused import leaves
 * the VM in the vCenter's list.
 */
import { describe, expect, it } from "vitest";
import { providerStore } from "../helpers/provider-store.js";
import { importVmAsVApp } from "../../../simulator/provider/import-vm.js";

const setup = () => {
  const seeded = providerStore();
  const vdc = [...seeded.store.vdcs.values()].find(
    (v) => v.name === "acme-vdc",
  )!;
  return { ...seeded, vdc };
};

describe("importVmAsVApp at the store", () => {
  it("refuses an org VDC not backed by the VM's vCenter, keeping the VM to import", () => {
    const { store, admin, server, vdc } = setup();
    delete vdc.providerVdcId;
    expect(() =>
      importVmAsVApp(store, admin, server, vdc, { moref: "vm-31" }, []),
    ).toThrow(
      "The organization VDC acme-vdc is not backed by the vCenter server vc1.",
    );
    expect(server.vms.map((v) => v.moref)).toEqual(["vm-31", "vm-32"]);
  });

  it("refuses a tenant administrator (403) and makes the vApp for the system administrator", () => {
    const { store, admin, tenant, server, vdc } = setup();
    expect(() =>
      importVmAsVApp(store, tenant, server, vdc, { moref: "vm-31" }, []),
    ).toThrow(expect.objectContaining({ status: 403 }));
    const { vapp, task } = importVmAsVApp(
      store,
      admin,
      server,
      vdc,
      { moref: "vm-32", vmName: "db" },
      [],
    );
    expect(vapp.name).toBe("legacy-db");
    expect(vapp.vms.map((v) => [v.name, v.cpus, v.memoryMb])).toEqual([
      ["db", 4, 8192],
    ]);
    expect(task.operationName).toBe("vdcImportVmAsVapp");
    expect(server.vms.map((v) => v.moref)).toEqual(["vm-31"]);
  });

  it("refuses a vApp name the VDC has: DUPLICATE_NAME, the VM kept to import", () => {
    const { store, admin, server, vdc } = setup();
    importVmAsVApp(
      store,
      admin,
      server,
      vdc,
      { moref: "vm-31", name: "x" },
      [],
    );
    expect(() =>
      importVmAsVApp(
        store,
        admin,
        server,
        vdc,
        { moref: "vm-32", name: "x" },
        [],
      ),
    ).toThrow(
      expect.objectContaining({ status: 400, minor: "DUPLICATE_NAME" }),
    );
    expect(server.vms.map((v) => v.moref)).toEqual(["vm-32"]);
  });
});
