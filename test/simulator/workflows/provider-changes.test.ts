/**
 * The guide's "Managing a Cloud" beyond creation, through the generated 30.0 package, as the system
 * administrator: a vCenter's hosts, its `PUT`, `refresh`, `forcevimserverreconnect` and
 * `unregister`; a provider VDC's `PUT`, `merge`, `updateResourcePools` and storage profile changes
 * (tasks, as the 36.0 operations table declares them); `importVmAsVAppTemplate`, `importMedia` and
 * `importVm` into the tenant's catalog and VDC. Each refusal is asserted with its words. Every body
 * the simulator sent is valid (validate and libxml2).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPackage } from "../../helpers/generated-packages.js";
import { expectAllValid } from "../helpers/valid-bodies.js";
import {
  badRequest,
  clientAs,
  providerVdcParams,
  refusal,
  resourcePoolRef,
  startWorkflow,
  type Value,
  type Workflow,
} from "./harness.js";

const MT = {
  extension: "application/vnd.vmware.admin.vmwExtension+xml",
  register: "application/vnd.vmware.admin.registerVimServerParams+xml",
  vimServerRefs: "application/vnd.vmware.admin.vmwVimServerReferences+xml",
  vimServer: "application/vnd.vmware.admin.vmwvirtualcenter+xml",
  hosts: "application/vnd.vmware.admin.vmwHostReferences+xml",
  vms: "application/vnd.vmware.admin.vmsObjectRefsList+xml",
  pvdcRefs: "application/vnd.vmware.admin.vmwProviderVdcReferences+xml",
  createPvdc: "application/vnd.vmware.admin.createProviderVdcParams+xml",
  pvdc: "application/vnd.vmware.admin.vmwprovidervdc+xml",
  poolSet: "application/vnd.vmware.admin.vmwProviderVdcResourcePoolSet+xml",
  updatePools: "application/vnd.vmware.admin.resourcePoolSetUpdateParams+xml",
  updateProfiles:
    "application/vnd.vmware.admin.updateProviderVdcStorageProfiles+xml",
  merge: "application/vnd.vmware.admin.providerVdcMergeParams+xml",
  importTemplate:
    "application/vnd.vmware.admin.importVmAsVAppTemplateParams+xml",
  importMedia: "application/vnd.vmware.admin.importMediaParams+xml",
  importVm: "application/vnd.vmware.admin.importVmParams+xml",
};

let w: Workflow;
let extension: Value;
/** legacy-db, imported into acme-vdc (on pvdc-main) as the VM db-01. */
let importedVm: Value;

const names = (list: Value[] | undefined) => (list ?? []).map((r) => r.name);

/** The references a list of the extension root gives (by the list's stub, type and element). */
async function references(
  stub: string,
  type: string,
  element: string,
): Promise<Value[]> {
  const list = await w.call(stub, w.link(extension, "down", type));
  return (list.value[element] as Value[] | undefined) ?? [];
}

const vimServers = () =>
  references("getVimServerReferences", MT.vimServerRefs, "VimServerReference");
const pvdcs = () =>
  references("getProviderVdcReferences", MT.pvdcRefs, "ProviderVdcReference");

/** The entity of that name in the references, read by its stub. */
const read = async (refs: Value[], stub: string, name: string) =>
  (
    await w.call(
      stub,
      refs.find((r) => r.name === name)!,
    )
  ).value as Value;

const vimServer = async (name: string) =>
  read(await vimServers(), "getVimServer", name);
const pvdc = async (name: string) =>
  read(await pvdcs(), "getExtensionProvidervdc", name);

const morefs = (p: Value) =>
  (p.ResourcePoolRefs.VimObjectRef as Value[]).map((r) => r.MoRef);

/** A provider VDC created from a resource pool, once its task is done. */
async function createPvdc(
  name: string,
  vc: Value,
  moref: string,
  profile: string,
): Promise<Value> {
  const made = await w.call(
    "createProvidervdcsparams",
    w.link(extension, "add", MT.createPvdc),
    providerVdcParams(vc.href, name, moref, profile),
  );
  await w.done(made.value.Tasks.Task[0]);
  return (await w.call("getExtensionProvidervdc", made.value)).value;
}

async function tenantAdmin() {
  const user = w.sim.users.find(
    (u) => u.role === "Organization Administrator" && u.org === "acme",
  )!;
  return clientAs(w, {
    org: user.org,
    name: user.name,
    password: user.password,
  });
}

beforeAll(async () => {
  w = await startWorkflow();
  const session = await w.loginAs("System Administrator");
  extension = (
    await w.call("getAdminExtension", w.link(session, "down", MT.extension))
  ).value;
  // the seed's second vCenter, registered: what the refusals below need
  await w.call("registervimserver", w.link(extension, "add", MT.register), {
    VimServer: {
      name: "vc2",
      Username: "administrator@vsphere.local",
      Password: "vc2-Pa55w0rd",
      Url: "https://vc2.example.com:443",
      IsEnabled: true,
    },
    ShieldManager: {
      name: "VSM-2",
      Username: "admin",
      Password: "vsm-Pa55w0rd",
      Url: "https://vsm2.example.com",
    },
  });
}, 60_000);
afterAll(() => w?.close());

describe("a vCenter's hosts, PUT, refresh and unregister", () => {
  it("lists vc1's hosts from the seed, each read by its reference", async () => {
    const vc = await vimServer("vc1");
    const refs = (
      await w.call("getVimServerHostReferences", w.link(vc, "down", MT.hosts))
    ).value;
    expect(refs.$element ?? "vmext:VMWHostReferences").toBe(
      "vmext:VMWHostReferences",
    );
    expect(names(refs.HostReference)).toEqual([
      "esx-01.example.com",
      "esx-02.example.com",
    ]);
    const host = (await w.call("getHost", refs.HostReference[0])).value;
    expect([
      host.VmMoRef,
      host.CpuTotal,
      host.MemTotal,
      host.Available,
    ]).toEqual(["host-41", "42000", 196_608, true]);
    const all = (
      await w.call("getExtensionHostReferences", {
        href: `${w.sim.url}/admin/extension/hostReferences`,
      })
    ).value;
    // vc2 has no hosts in the seed
    expect(names(all.HostReference)).toEqual(names(refs.HostReference));
  });

  it("keeps what a PUT changes (a task): the name, the user name, enabled", async () => {
    const vc = await vimServer("vc2");
    const task = await w.call(
      "updateVimServer",
      w.link(vc, "edit", MT.vimServer),
      {
        ...vc,
        name: "vc2-lab",
        Username: "ops@vsphere.local",
        IsEnabled: false,
      },
    );
    expect(task.status).toBe(202);
    expect((await w.done(task.value)).operationName).toBe("vimServerUpdate");
    const read = await vimServer("vc2-lab");
    expect([read.Username, read.IsEnabled, read.Url]).toEqual([
      "ops@vsphere.local",
      false,
      "https://vc2.example.com:443",
    ]);
  });

  it("refuses a PUT naming another server's URL, a name taken (DUPLICATE_NAME), and a tenant (403)", async () => {
    const vc = await vimServer("vc2-lab");
    const edit = w.link(vc, "edit", MT.vimServer);
    expect(
      await refusal(
        w.call("updateVimServer", edit, {
          ...vc,
          Url: "https://vc9.example.com",
        }),
      ),
    ).toEqual(
      badRequest(
        "Unable to connect to the vCenter server at https://vc9.example.com.",
      ),
    );
    expect(
      await refusal(w.call("updateVimServer", edit, { ...vc, name: "VC1" })),
    ).toMatchObject({ status: 400, minor: "DUPLICATE_NAME" });
    const tenant = await tenantAdmin();
    expect(
      (await refusal(w.pkg.api.updateVimServer!(tenant, edit, vc))).status,
    ).toBe(403);
  });

  it("runs refresh, refreshStorageProfiles and forcevimserverreconnect as tasks; the inventory stays the seed's", async () => {
    const vc = await vimServer("vc1");
    for (const [stub, rel] of [
      ["refresh", "refresh"],
      ["refreshStorageProfiles", "refreshStorageProfiles"],
      ["forcevimserverreconnect", "forcevimserverreconnect"],
    ] as const) {
      const task = await w.call(stub, w.link(vc, rel));
      expect(task.status).toBe(202);
      await w.done(task.value);
    }
    const read = await vimServer("vc1");
    expect([read.IsConnected, read.Uuid]).toEqual([
      true,
      "5c4e1b2a-8f0d-4c3e-9a7b-1d2e3f4a5b6c",
    ]);
  });

  it("refuses unregistering vc1 (it backs pvdc-gold); unregisters vc2, which may then be registered again", async () => {
    const vc1 = await vimServer("vc1");
    expect(
      await refusal(w.call("unregister", w.link(vc1, "unregister"))),
    ).toEqual(
      badRequest(
        "The vCenter server vc1 cannot be unregistered: it backs the provider VDC pvdc-gold, the network pool np-gold-vlan.",
      ),
    );
    const vc2 = await vimServer("vc2-lab");
    await w.done((await w.call("unregister", w.link(vc2, "unregister"))).value);
    expect(names(await vimServers())).toEqual(["vc1"]);
    expect(
      (await refusal(w.call("getVimServer", { href: vc2.href }))).status,
    ).toBe(403);
    const again = await w.call(
      "registervimserver",
      w.link(extension, "add", MT.register),
      {
        VimServer: {
          name: "vc2",
          Username: "ops@vsphere.local",
          Password: "vc2-Pa55w0rd",
          Url: "https://vc2.example.com:443",
          IsEnabled: true,
        },
        ShieldManager: {
          name: "VSM-2",
          Username: "admin",
          Password: "vsm-Pa55w0rd",
          Url: "https://vsm2.example.com",
        },
      },
    );
    // with the user name its PUT gave it
    expect(again.value.VimServer.name).toBe("vc2");
  });
});

describe("changing a provider VDC", () => {
  let vc1: Value;
  let silver: Value;

  beforeAll(async () => {
    vc1 = await vimServer("vc1");
    silver = await createPvdc("pvdc-silver", vc1, "resgroup-9", "Silver");
  });

  it("keeps a PUT's name and description, and the rest as it was; refuses a name taken", async () => {
    const gold = await pvdc("pvdc-gold");
    const put = await w.call(
      "updateProvidervdc",
      w.link(gold, "edit", MT.pvdc),
      { ...gold, name: "pvdc-main", Description: "vc1's clusters" },
    );
    expect(put.element).toBe("vmext:VMWProviderVdc");
    const read = await pvdc("pvdc-main");
    expect([read.Description, morefs(read), read.IsEnabled]).toEqual([
      "vc1's clusters",
      ["resgroup-8"],
      true,
    ]);
    expect(
      await refusal(
        w.call("updateProvidervdc", w.link(read, "edit", MT.pvdc), {
          ...read,
          name: "PVDC-SILVER",
        }),
      ),
    ).toMatchObject({ status: 400, minor: "DUPLICATE_NAME" });
  });

  it("refuses resource pools in use, unknown, or the primary one", async () => {
    const main = await pvdc("pvdc-main");
    const update = w.link(main, "edit", MT.updatePools);
    const add = (moref: string) => ({
      AddItem: [resourcePoolRef(vc1.href, moref)],
    });
    expect(
      await refusal(w.call("updateResourcePools", update, add("resgroup-9"))),
    ).toEqual(
      badRequest(
        "The resource pool resgroup-9 of vc1 already backs the provider VDC pvdc-silver.",
      ),
    );
    expect(
      await refusal(w.call("updateResourcePools", update, add("resgroup-77"))),
    ).toEqual(
      badRequest("The vCenter server vc1 has no resource pool resgroup-77."),
    );
    const set = (
      await w.call(
        "getProvidervdcResourcePools",
        w.link(main, "down", MT.poolSet),
      )
    ).value;
    const primary = (set.VMWProviderVdcResourcePool as Value[])[0];
    expect([primary.primary, primary.ResourcePoolVimObjectRef.MoRef]).toEqual([
      true,
      "resgroup-8",
    ]);
    expect(
      await refusal(
        w.call("updateResourcePools", update, {
          DeleteItem: [primary.ResourcePoolRef],
        }),
      ),
    ).toEqual(
      badRequest(
        "The resource pool resgroup-8 is the primary resource pool of the provider VDC pvdc-main: it cannot be removed.",
      ),
    );
  });

  it("refuses merging a provider VDC with itself or with one of another vCenter", async () => {
    const main = await pvdc("pvdc-main");
    const merge = w.link(main, "merge", MT.merge);
    expect(
      await refusal(
        w.call("merge", merge, { ProviderVdcReference: [{ href: main.href }] }),
      ),
    ).toEqual(
      badRequest("The provider VDC pvdc-main cannot be merged with itself."),
    );
    const other = await createPvdc(
      "pvdc-lab",
      await vimServer("vc2"),
      "resgroup-108",
      "vSAN Default",
    );
    expect(
      await refusal(
        w.call("merge", merge, {
          ProviderVdcReference: [{ href: other.href }],
        }),
      ),
    ).toEqual(
      badRequest(
        "The provider VDC pvdc-lab is not of the vCenter server vc1 of the provider VDC pvdc-main: it cannot be merged into it.",
      ),
    );
  });

  it("merges pvdc-silver into it (a task): its pool and storage profile move, it is gone", async () => {
    const main = await pvdc("pvdc-main");
    const task = await w.call("merge", w.link(main, "merge", MT.merge), {
      ProviderVdcReference: [{ href: silver.href }],
    });
    expect(task.status).toBe(202);
    expect((await w.done(task.value)).operationName).toBe("providerVdcMerge");
    const read = await pvdc("pvdc-main");
    expect(morefs(read)).toEqual(["resgroup-8", "resgroup-9"]);
    expect(read.ComputeCapacity.Cpu.Total).toBe("72000");
    expect(names(read.StorageProfiles.ProviderVdcStorageProfile)).toEqual([
      "Gold",
      "Silver",
    ]);
    expect(names(await pvdcs())).not.toContain("pvdc-silver");
    expect(
      (await refusal(w.call("getExtensionProvidervdc", silver))).status,
    ).toBe(403);
  });

  it("removes the secondary pool and adds it back (tasks)", async () => {
    const main = await pvdc("pvdc-main");
    const update = w.link(main, "edit", MT.updatePools);
    const set = (
      await w.call(
        "getProvidervdcResourcePools",
        w.link(main, "down", MT.poolSet),
      )
    ).value.VMWProviderVdcResourcePool as Value[];
    expect(
      set.map((p) => [p.ResourcePoolVimObjectRef.MoRef, p.primary]),
    ).toEqual([
      ["resgroup-8", true],
      ["resgroup-9", false],
    ]);
    await w.done(
      (
        await w.call("updateResourcePools", update, {
          DeleteItem: [set[1].ResourcePoolRef],
        })
      ).value,
    );
    expect(morefs(await pvdc("pvdc-main"))).toEqual(["resgroup-8"]);
    await w.done(
      (
        await w.call("updateResourcePools", update, {
          AddItem: [resourcePoolRef(vc1.href, "resgroup-9")],
        })
      ).value,
    );
    const read = await pvdc("pvdc-main");
    expect(morefs(read)).toEqual(["resgroup-8", "resgroup-9"]);
    expect(read.ComputeCapacity.Cpu.Total).toBe("72000");
  });

  it("removes and adds storage profiles (tasks); refuses the last one, one the vCenter lacks, one it has", async () => {
    const main = await pvdc("pvdc-main");
    const update = w.link(main, "edit", MT.updateProfiles);
    const [gold, silverProfile] = main.StorageProfiles
      .ProviderVdcStorageProfile as Value[];
    await w.done(
      (
        await w.call("createStorageProfiles", update, {
          RemoveStorageProfile: [silverProfile],
        })
      ).value,
    );
    const read = await pvdc("pvdc-main");
    expect(names(read.StorageProfiles.ProviderVdcStorageProfile)).toEqual([
      "Gold",
    ]);
    expect(
      await refusal(
        w.call("createStorageProfiles", update, {
          RemoveStorageProfile: [gold],
        }),
      ),
    ).toEqual(
      badRequest(
        "The provider VDC pvdc-main needs at least one storage profile: the request removes all of them.",
      ),
    );
    expect(
      await refusal(
        w.call("createStorageProfiles", update, {
          AddStorageProfile: ["Bronze"],
        }),
      ),
    ).toEqual(
      badRequest("The vCenter server vc1 has no storage profile Bronze."),
    );
    expect(
      await refusal(
        w.call("createStorageProfiles", update, {
          AddStorageProfile: ["Gold"],
        }),
      ),
    ).toEqual(
      badRequest(
        "The provider VDC pvdc-main already has the storage profile Gold.",
      ),
    );
    await w.done(
      (
        await w.call("createStorageProfiles", update, {
          AddStorageProfile: ["Silver"],
        })
      ).value,
    );
    expect(
      names(
        (await pvdc("pvdc-main")).StorageProfiles.ProviderVdcStorageProfile,
      ),
    ).toEqual(["Gold", "Silver"]);
  });
});

describe("importing from vc1 into the tenant's catalog and VDC", () => {
  let vc1: Value;
  let catalog: Value;
  let vdcHref: string;
  let globexVdcHref: string;

  beforeAll(async () => {
    vc1 = await vimServer("vc1");
    const cloud = (await w.call("getAdmin", { href: `${w.sim.url}/admin` }))
      .value;
    const ref = (
      cloud.OrganizationReferences.OrganizationReference as Value[]
    ).find((o) => o.name === "acme")!;
    const acme = (await w.call("getAdminOrg", ref)).value;
    const globex = (
      await w.call(
        "getAdminOrg",
        (cloud.OrganizationReferences.OrganizationReference as Value[]).find(
          (o) => o.name === "globex",
        )!,
      )
    ).value;
    globexVdcHref = (globex.Vdcs.Vdc as Value[]).find(
      (v) => v.name === "globex-vdc",
    )!.href;
    vdcHref = (acme.Vdcs.Vdc as Value[]).find(
      (v) => v.name === "acme-vdc",
    )!.href;
    catalog = (acme.Catalogs.CatalogReference as Value[]).find(
      (c) => c.name === "acme-catalog",
    )!;
  });

  const items = async () =>
    names(
      (
        await w.call("getCatalog", {
          href: catalog.href.replace("/admin/", "/"),
        })
      ).value.CatalogItems?.CatalogItem,
    );

  it("imports legacy-web as a vApp template listed in the catalog", async () => {
    const made = await w.call(
      "createImportVmAsVAppTemplate",
      w.link(vc1, "add", MT.importTemplate),
      {
        name: "legacy-web-tpl",
        VmMoRef: "vm-31",
        // required at 30.0 (optional from 36.0: the catalog's VDC then)
        Vdc: { href: vdcHref },
        Catalog: { href: catalog.href },
      },
    );
    expect([made.status, made.element]).toEqual([201, "vcloud:VAppTemplate"]);
    for (const task of made.value.Tasks?.Task ?? []) await w.done(task);
    expect(await items()).toContain("legacy-web-tpl");
    const template = (await w.call("getVAppTemplate", made.value)).value;
    expect(names(template.Children.Vm)).toEqual(["legacy-web"]);
    const left = (
      await w.call("getVimServerVmsList", w.link(vc1, "down", MT.vms))
    ).value;
    expect(names(left.VmObjectRef)).toEqual(["legacy-db"]);
    const tenant = await tenantAdmin();
    expect(
      (
        (await w.pkg.api.getVAppTemplate!(tenant, { href: template.href }))
          .value as Value
      ).name,
    ).toBe("legacy-web-tpl");
  });

  it("refuses a VM imported already, a catalog of another organization than the VDC's, a name taken in the catalog", async () => {
    const add = w.link(vc1, "add", MT.importTemplate);
    const refusals: [Value, Value][] = [
      [
        { VmMoRef: "vm-31", Vdc: { href: vdcHref } },
        badRequest(
          "The vCenter server vc1 has no virtual machine vm-31 to import.",
        ),
      ],
      [
        { VmMoRef: "vm-32", Vdc: { href: globexVdcHref } },
        badRequest(
          "The catalog acme-catalog is not of the organization of the VDC globex-vdc.",
        ),
      ],
      [
        { name: "legacy-web-tpl", VmMoRef: "vm-32", Vdc: { href: vdcHref } },
        { status: 400, minor: "DUPLICATE_NAME" },
      ],
    ];
    for (const [body, expected] of refusals)
      expect(
        await refusal(
          w.call("createImportVmAsVAppTemplate", add, {
            ...body,
            Catalog: { href: catalog.href },
          }),
        ),
      ).toMatchObject(expected);
    // refused: the VM is still there to import
    const left = (
      await w.call("getVimServerVmsList", w.link(vc1, "down", MT.vms))
    ).value;
    expect(names(left.VmObjectRef)).toEqual(["legacy-db"]);
  });

  it("imports a datastore file as a media listed in the catalog, resolved once its task ends", async () => {
    const made = await w.call(
      "createImportMedia",
      w.link(vc1, "add", MT.importMedia),
      {
        DatastoreMoRef: "datastore-12",
        SourcePath: "iso/centos-7-minimal.iso",
        Vdc: { href: vdcHref },
        Catalog: { href: catalog.href },
      },
    );
    expect([made.status, made.element]).toEqual([201, "vcloud:Media"]);
    expect([made.value.name, made.value.imageType, made.value.size]).toEqual([
      "centos-7-minimal.iso",
      "iso",
      "1048576000",
    ]);
    for (const task of made.value.Tasks?.Task ?? []) await w.done(task);
    expect((await w.call("getMedia", made.value)).value.status).toBe(1);
    expect(await items()).toContain("centos-7-minimal.iso");
  });

  it("refuses a file the datastore lacks, and a datastore the vCenter lacks", async () => {
    const add = w.link(vc1, "add", MT.importMedia);
    expect(
      await refusal(
        w.call("createImportMedia", add, {
          DatastoreMoRef: "datastore-12",
          SourcePath: "iso/none.iso",
          Vdc: { href: vdcHref },
        }),
      ),
    ).toEqual(
      badRequest("The datastore datastore-12 of vc1 has no file iso/none.iso."),
    );
    expect(
      await refusal(
        w.call("createImportMedia", add, {
          DatastoreMoRef: "datastore-99",
          SourcePath: "iso/centos-7-minimal.iso",
          Vdc: { href: vdcHref },
        }),
      ),
    ).toEqual(
      badRequest("The vCenter server vc1 has no datastore datastore-99."),
    );
  });

  it("imports legacy-db as a VM (importVm): the Vm answered, the vCenter's list then empty", async () => {
    const made = await w.call(
      "createImportVm",
      w.link(vc1, "add", MT.importVm),
      {
        VmName: "db-01",
        VmMoRef: "vm-32",
        Vdc: { href: vdcHref },
      },
    );
    expect([made.status, made.element, made.value.name]).toEqual([
      201,
      "vcloud:Vm",
      "db-01",
    ]);
    importedVm = made.value;
    const left = (
      await w.call("getVimServerVmsList", w.link(vc1, "down", MT.vms))
    ).value;
    expect(left.VmObjectRef).toBeUndefined();
  });
});

describe("a storage profile a VM is placed on", () => {
  it("refuses removing Silver from pvdc-main once db-01 (of acme-vdc, on it) is placed on it", async () => {
    const id = importedVm.href.split("/").pop();
    for (const task of importedVm.Tasks?.Task ?? []) await w.done(task);
    const vm = (await w.call("getVApp", importedVm)).value;
    const placed = await w.call(
      "reconfigureVm",
      { id },
      {
        ...vm,
        StorageProfile: {
          href: `${w.sim.url}/vdcStorageProfile/silver`,
          name: "Silver",
        },
      },
    );
    await w.done(placed.value);
    const main = await pvdc("pvdc-main");
    const silver = (
      main.StorageProfiles.ProviderVdcStorageProfile as Value[]
    ).find((p) => p.name === "Silver")!;
    expect(
      await refusal(
        w.call(
          "createStorageProfiles",
          w.link(main, "edit", MT.updateProfiles),
          { RemoveStorageProfile: [silver] },
        ),
      ),
    ).toEqual(
      badRequest(
        "The storage profile Silver of the provider VDC pvdc-main cannot be removed: virtual machines of its organization VDCs use it.",
      ),
    );
  });
});

describe("the bodies", () => {
  it("every body the simulator sent is valid (package validate and libxml2)", async () => {
    await expectAllValid(await loadPackage("30.0"), w.sim.sentBodies!);
  });
});
