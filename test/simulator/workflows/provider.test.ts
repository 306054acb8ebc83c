/**
 * The guide's "Managing a Cloud" procedures (vCloud API Programming Guide 5.5, "Register a vCenter
 * Server", "Finding Available vCenter Resources", p. 241-242) through the generated 30.0 package,
 * as the system administrator: the extension root's links, the seeded vCenter with its resource
 * pools, port groups, storage profiles and VMs, registering the seed's second vCenter (and the
 * refusals: a name taken, a server that does not answer, wrong credentials); a tenant
 * administrator refused with vCD's 403. Every body the simulator sent is valid (validate and libxml2).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPackage } from "../../helpers/generated-packages.js";
import { expectAllValid } from "../helpers/valid-bodies.js";
import {
  clientAs,
  startWorkflow,
  type Value,
  type Workflow,
  providerVdcParams,
  refusal,
  resourcePoolRef,
  withScope,
} from "./harness.js";

const MT = {
  extension: "application/vnd.vmware.admin.vmwExtension+xml",
  register: "application/vnd.vmware.admin.registerVimServerParams+xml",
  vimServerRefs: "application/vnd.vmware.admin.vmwVimServerReferences+xml",
  resourcePools: "application/vnd.vmware.admin.resourcePoolList+xml",
  networks: "application/vnd.vmware.admin.vimServerNetworks+xml",
  storageProfiles: "application/vnd.vmware.admin.vmwStorageProfiles+xml",
  vms: "application/vnd.vmware.admin.vmsObjectRefsList+xml",
  pvdcRefs: "application/vnd.vmware.admin.vmwProviderVdcReferences+xml",
  createPvdc: "application/vnd.vmware.admin.createProviderVdcParams+xml",
  adminPvdc: "application/vnd.vmware.admin.providervdc+xml",
  vdcRefs: "application/vnd.vmware.admin.vdcReferences+xml",
  vdcParams: "application/vnd.vmware.admin.createVdcParams+xml",
  importVm: "application/vnd.vmware.admin.importVmAsVAppParams+xml",
  importIntoVApp:
    "application/vnd.vmware.admin.importVmIntoExistingVAppParams+xml",
  externalNets: "application/vnd.vmware.admin.vmwExternalNetworkReferences+xml",
  externalNet: "application/vnd.vmware.admin.vmwexternalnet+xml",
};

let w: Workflow;
let extension: Value;

const names = (list: Value[] | undefined) => (list ?? []).map((r) => r.name);

/** The call's refusal: its status and vCD's minor code and message. */
const vc2 = (over: Value = {}) => ({
  VimServer: {
    name: "VC-2",
    Username: "administrator@vsphere.local",
    Password: "vc2-Pa55w0rd",
    Url: "https://vc2.example.com:443",
    IsEnabled: true,
    ...over,
  },
  // required by the 30.0 schema (optional from 34.0 on): the guide's example sends one
  ShieldManager: {
    name: "VSM-2",
    Username: "admin",
    Password: "vsm-Pa55w0rd",
    Url: "https://vsm2.example.com",
  },
});

async function vimServers(): Promise<Value[]> {
  const refs = await w.call(
    "getVimServerReferences",
    w.link(extension, "down", MT.vimServerRefs),
  );
  expect(refs.element).toBe("vmext:VMWVimServerReferences");
  return (refs.value.VimServerReference as Value[] | undefined) ?? [];
}

beforeAll(async () => {
  w = await startWorkflow();
  const session = await w.loginAs("System Administrator");
  extension = (
    await w.call("getAdminExtension", w.link(session, "down", MT.extension))
  ).value;
}, 60_000);
afterAll(() => w?.close());

describe("the seeded vCenter and its resources", () => {
  it("lists the registered vCenter servers: vc1 from the seed", async () => {
    const refs = await vimServers();
    expect(names(refs)).toEqual(["vc1"]);
    const vc = (await w.call("getVimServer", refs[0])).value;
    expect(vc.Url).toBe("https://vc1.example.com:443");
    expect(vc.Uuid).toBe("5c4e1b2a-8f0d-4c3e-9a7b-1d2e3f4a5b6c");
    expect(vc.IsEnabled).toBe(true);
    expect(vc.Password).toBeUndefined();
    expect(vc.VcVersion).toBe("7.0.3");
  });

  it("follows the VimServer's down links to its resource pools, port groups, storage profiles and VMs", async () => {
    const vc = (await w.call("getVimServer", (await vimServers())[0])).value;
    const pools = (
      await w.call("getResourcePoolList", w.link(vc, "down", MT.resourcePools))
    ).value.ResourcePool as Value[];
    expect(pools.map((p) => [p.name, p.MoRef, p.VimObjectType])).toEqual([
      ["Cluster-A", "resgroup-8", "RESOURCE_POOL"],
      ["Cluster-B", "resgroup-9", "RESOURCE_POOL"],
    ]);
    expect(
      (pools[0].DataStoreRefs.VimObjectRef as Value[]).map((d) => d.MoRef),
    ).toEqual(["datastore-11", "datastore-12"]);
    const networks = (
      await w.call("getVimServerNetworks", w.link(vc, "down", MT.networks))
    ).value;
    expect(
      (networks.VimObjectRefs.VimObjectRef as Value[]).map((n) => [
        n.MoRef,
        n.VimObjectType,
      ]),
    ).toEqual([
      ["dvportgroup-21", "DV_PORTGROUP"],
      ["dvportgroup-22", "DV_PORTGROUP"],
      ["network-23", "NETWORK"],
    ]);
    const profiles = (
      await w.call("getStorageProfiles", w.link(vc, "down", MT.storageProfiles))
    ).value.VMWStorageProfile as Value[];
    expect(profiles.map((p) => [p.name, p.TotalStorageMb])).toEqual([
      ["Gold", 2_097_152],
      ["Silver", 8_388_608],
    ]);
    const vms = (
      await w.call("getVimServerVmsList", w.link(vc, "down", MT.vms))
    ).value;
    expect((vms.VmObjectRef as Value[]).map((v) => [v.name, v.MoRef])).toEqual([
      ["legacy-web", "vm-31"],
      ["legacy-db", "vm-32"],
    ]);
    expect(vms.numberOfPages).toBe(1);
    const page2 = (
      await w.call("getVimServerVmsList", w.link(vc, "down", MT.vms), {
        query: { page: "2", pageSize: "1" },
      })
    ).value;
    expect([page2.page, page2.numberOfPages]).toEqual([2, 2]);
    expect(names(page2.VmObjectRef)).toEqual(["legacy-db"]);
  });

  it("refuses a vCenter that is not registered as vCD refuses a made-up id: 403", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    expect(await refusal(w.call("getVimServer", { id }))).toEqual({
      status: 403,
      minor: "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
      message: `No access to entity "com.vmware.vcloud.entity.vimServer:${id}".`,
    });
  });
});

describe("registering a vCenter server (registervimserver)", () => {
  it("refuses a server no vCenter answers at, and wrong credentials", async () => {
    const add = w.link(extension, "add", MT.register);
    expect(
      await refusal(
        w.call(
          "registervimserver",
          add,
          vc2({ Url: "https://vc9.example.com" }),
        ),
      ),
    ).toMatchObject({ status: 400, minor: "BAD_REQUEST" });
    const wrong = await refusal(
      w.call("registervimserver", add, vc2({ Password: "guess" })),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.message).toContain("user name or password");
    expect(names(await vimServers())).toEqual(["vc1"]);
  });

  it("registers the seed's vc2: the answer has its href and no password; its resources are read", async () => {
    const made = await w.call(
      "registervimserver",
      w.link(extension, "add", MT.register),
      vc2(),
    );
    expect(made.element).toBe("vmext:RegisterVimServerParams");
    const vc = made.value.VimServer as Value;
    expect(vc.href).toMatch(/\/api\/admin\/extension\/vimServer\//);
    expect(vc.Password).toBeUndefined();
    expect(names(await vimServers())).toEqual(["vc1", "VC-2"]);
    const read = (await w.call("getVimServer", vc)).value;
    expect(read.Url).toBe("https://vc2.example.com:443");
    const pools = (
      await w.call(
        "getResourcePoolList",
        w.link(read, "down", MT.resourcePools),
      )
    ).value.ResourcePool as Value[];
    expect(pools.map((p) => p.MoRef)).toEqual(["resgroup-108"]);
  });

  it("refuses registering it again, and a name taken: DUPLICATE_NAME", async () => {
    const add = w.link(extension, "add", MT.register);
    expect(
      await refusal(w.call("registervimserver", add, vc2({ name: "vc-2b" }))),
    ).toMatchObject({ status: 400, minor: "BAD_REQUEST" });
    expect(
      await refusal(w.call("registervimserver", add, vc2({ name: "VC1" }))),
    ).toEqual({
      status: 400,
      minor: "DUPLICATE_NAME",
      message: "The VCD entity VC1 already exists.",
    });
  });

  it("refuses a tenant administrator: 403", async () => {
    const user = w.sim.users.find(
      (u) => u.role === "Organization Administrator",
    )!;
    const client = await clientAs(w, {
      org: user.org,
      name: user.name,
      password: user.password,
    });
    const refused = await refusal(
      w.pkg.api.getVimServerReferences!(client, {
        href: `${w.sim.url}/admin/extension/vimServerReferences`,
      }),
    );
    expect(refused.status).toBe(403);
    expect(refused.minor).toBe("ACCESS_TO_RESOURCE_IS_FORBIDDEN");
  });
});

describe("provider VDCs", () => {
  let vc1: Value;
  let silver: Value;
  let silverVdc: Value;

  const pvdcs = async () =>
    ((
      await w.call(
        "getProviderVdcReferences",
        w.link(extension, "down", MT.pvdcRefs),
      )
    ).value.ProviderVdcReference as Value[] | undefined) ?? [];

  const pvdcParams = (over: Value = {}) => ({
    ...providerVdcParams(vc1.href, "pvdc-silver", "resgroup-9", "Silver"),
    Description: "Cluster-B of vc1",
    ...over,
  });

  /** CreateVdcParams for an AllocationPool VDC of `cpu` MHz on the provider VDC of `href`. */
  const vdcParams = (name: string, href: string | undefined, cpu = 2000) => ({
    name,
    AllocationModel: "AllocationPool",
    ComputeCapacity: {
      Cpu: { Units: "MHz", Allocated: "1000", Limit: String(cpu) },
      Memory: { Units: "MB", Allocated: "1024", Limit: "4096" },
    },
    IsEnabled: true,
    VdcStorageProfile: [
      {
        Enabled: true,
        Units: "MB",
        Limit: "10240",
        Default: true,
        // its Silver storage profile, by the href its ProviderVdc lists
        ProviderVdcStorageProfile: {
          href: `${w.sim.url}/admin/pvdcStorageProfile/${href?.split("/").at(-1) ?? ""}-Silver`,
        },
      },
    ],
    ...(href ? { ProviderVdcReference: { href } } : {}),
  });

  let acmeAdmin: Value;
  const addVdc = () => w.link(acmeAdmin, "add", MT.vdcParams);

  beforeAll(async () => {
    vc1 = (await vimServers()).find((s) => s.name === "vc1")!;
    const cloud = (await w.call("getAdmin", { href: `${w.sim.url}/admin` }))
      .value;
    const ref = (
      cloud.OrganizationReferences.OrganizationReference as Value[]
    ).find((o) => o.name === "acme")!;
    acmeAdmin = (await w.call("getAdminOrg", ref)).value;
  });

  it("lists the seeded provider VDC with its resource pool, capacity and the org VDCs on it", async () => {
    const refs = await pvdcs();
    expect(names(refs)).toEqual(["pvdc-gold"]);
    const gold = (await w.call("getExtensionProvidervdc", refs[0])).value;
    expect(
      (gold.ResourcePoolRefs.VimObjectRef as Value[]).map((r) => [
        r.MoRef,
        r.VimServerRef.name,
      ]),
    ).toEqual([["resgroup-8", "vc1"]]);
    expect(gold.ComputeCapacity.Cpu).toMatchObject({
      Units: "MHz",
      Total: "48000",
    });
    expect(gold.ComputeCapacity.Memory.Total).toBe("262144");
    expect(names(gold.Vdcs.Vdc)).toEqual(["acme-vdc", "globex-vdc"]);
    expect(names(gold.StorageProfiles.ProviderVdcStorageProfile)).toEqual([
      "Gold",
      "Silver",
    ]);
    expect(gold.IsEnabled).toBe(true);
    const admin = (
      await w.call(
        "getAdminProvidervdc",
        w.link(gold, "alternate", MT.adminPvdc),
      )
    ).value;
    expect(admin.name).toBe("pvdc-gold");
    const vdcs = (
      await w.call("getVdcReferences", w.link(admin, "down", MT.vdcRefs))
    ).value;
    expect(names(vdcs.VdcReference)).toEqual(["acme-vdc", "globex-vdc"]);
  });

  it("refuses a provider VDC on a resource pool that backs one, on a storage profile the vCenter lacks, of a name taken", async () => {
    const add = w.link(extension, "add", MT.createPvdc);
    const taken = pvdcParams({
      ResourcePoolRefs: {
        VimObjectRef: [resourcePoolRef(vc1.href, "resgroup-8")],
      },
    });
    expect(
      await refusal(w.call("createProvidervdcsparams", add, taken)),
    ).toEqual({
      status: 400,
      minor: "BAD_REQUEST",
      message:
        "The resource pool resgroup-8 of vc1 already backs the provider VDC pvdc-gold.",
    });
    expect(
      await refusal(
        w.call(
          "createProvidervdcsparams",
          add,
          pvdcParams({ StorageProfile: ["Platinum"] }),
        ),
      ),
    ).toMatchObject({
      status: 400,
      message: "The vCenter server vc1 has no storage profile Platinum.",
    });
    expect(
      await refusal(
        w.call(
          "createProvidervdcsparams",
          add,
          pvdcParams({ name: "PVDC-GOLD" }),
        ),
      ),
    ).toMatchObject({ status: 400, minor: "DUPLICATE_NAME" });
    expect(names(await pvdcs())).toEqual(["pvdc-gold"]);
  });

  it("creates one from the second resource pool: 201 with its task, listed once the task ends", async () => {
    const made = await w.call(
      "createProvidervdcsparams",
      w.link(extension, "add", MT.createPvdc),
      pvdcParams(),
    );
    expect(made.status).toBe(201);
    expect(made.element).toBe("vmext:VMWProviderVdc");
    expect(made.location).toBe(made.value.href);
    expect(made.value.status).toBe(0);
    const end = await w.done(made.value.Tasks.Task[0]);
    expect(end.operationName).toBe("providerVdcCreate");
    silver = (await w.call("getExtensionProvidervdc", made.value)).value;
    expect(silver.status).toBe(1);
    expect(silver.ComputeCapacity.Cpu.Total).toBe("24000");
    expect(names(silver.StorageProfiles.ProviderVdcStorageProfile)).toEqual([
      "Silver",
    ]);
    expect(names(await pvdcs())).toEqual(["pvdc-gold", "pvdc-silver"]);
  });

  it("creates an org VDC only on a provider VDC, with room for it", async () => {
    const noPvdc = await refusal(
      w.call("createVdcsparams", addVdc(), vdcParams("nowhere", undefined)),
    );
    expect(noPvdc).toMatchObject({ status: 400, minor: "BAD_REQUEST" });
    expect(noPvdc.message).toContain("ProviderVdcReference");
    const missing = `${w.sim.url}/admin/providervdc/00000000-0000-4000-8000-000000000000`;
    expect(
      await refusal(
        w.call("createVdcsparams", addVdc(), vdcParams("ghost", missing)),
      ),
    ).toMatchObject({ status: 404, minor: "RESOURCE_NOT_FOUND" });
    expect(
      await refusal(
        w.call(
          "createVdcsparams",
          addVdc(),
          vdcParams("huge", silver.href, 30_000),
        ),
      ),
    ).toEqual({
      status: 400,
      minor: "BAD_REQUEST",
      message:
        "The CPU limit 30000 MHz is more than the provider VDC pvdc-silver has (24000 MHz).",
    });
    const made = await w.call(
      "createVdcsparams",
      addVdc(),
      vdcParams("acme-silver", silver.href),
    );
    await w.done(made.value.Tasks.Task[0]);
    silverVdc = (await w.call("getAdminVdc", made.value)).value;
    expect(silverVdc.ProviderVdcReference.name).toBe("pvdc-silver");
    const read = (await w.call("getExtensionProvidervdc", silver)).value;
    expect(names(read.Vdcs.Vdc)).toEqual(["acme-silver"]);
    expect(read.ComputeCapacity.Cpu.Allocation).toBe("2000");
  });

  it("refuses an org VDC on a disabled provider VDC", async () => {
    expect(
      (await w.call("disableProvidervdc", w.link(silver, "disable"))).status,
    ).toBe(204);
    expect(
      (await w.call("getExtensionProvidervdc", silver)).value.IsEnabled,
    ).toBe(false);
    // "When you disable a provider vDC, you also disable the organization vDCs that use its
    // resources" (POST-DisableProviderVdc)
    expect((await w.call("getAdminVdc", silverVdc)).value.IsEnabled).toBe(
      false,
    );
    expect(
      await refusal(
        w.call("createVdcsparams", addVdc(), vdcParams("late", silver.href)),
      ),
    ).toMatchObject({ status: 400, minor: "BAD_REQUEST" });
    const again = (await w.call("getExtensionProvidervdc", silver)).value;
    expect(
      (await w.call("enableProvidervdc", w.link(again, "enable"))).status,
    ).toBe(204);
  });

  it("refuses deleting a provider VDC an org VDC uses, or one enabled; deletes it (a task) once none does and it is disabled", async () => {
    const gold = (await pvdcs())[0];
    const used = await refusal(w.call("deleteProvidervdc", gold));
    expect(used).toEqual({
      status: 400,
      minor: "BAD_REQUEST",
      message:
        "The provider VDC pvdc-gold cannot be deleted: the organization VDCs acme-vdc, globex-vdc use it.",
    });
    expect(await refusal(w.call("deleteProvidervdc", silver))).toMatchObject({
      status: 400,
      message:
        "The provider VDC pvdc-silver cannot be deleted: the organization VDCs acme-silver use it.",
    });
    await w.call("disableVdc", w.link(silverVdc, "disable"));
    silverVdc = (await w.call("getAdminVdc", silverVdc)).value;
    await w.done(
      (await w.call("deleteAdminVdc", w.link(silverVdc, "remove"))).value,
    );
    // "Before you can delete a provider vDC, you must disable it" (DELETE-ProviderVdc)
    expect(
      await refusal(w.call("deleteProvidervdc", w.link(silver, "remove"))),
    ).toEqual({
      status: 400,
      minor: "BAD_REQUEST",
      message:
        "The provider VDC pvdc-silver cannot be deleted: it is enabled (disable it first).",
    });
    await w.call("disableProvidervdc", w.link(silver, "disable"));
    const gone = await w.call("deleteProvidervdc", w.link(silver, "remove"));
    expect(gone.status).toBe(202);
    await w.done(gone.value);
    expect(names(await pvdcs())).toEqual(["pvdc-gold"]);
    expect(
      await refusal(w.call("getExtensionProvidervdc", silver)),
    ).toMatchObject({
      status: 403,
      minor: "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
    });
  });

  it("resolves the provider VDC's and the vCenter's URNs (GET /entity/{urn}) for the system administrator, not for a tenant", async () => {
    const gold = (await w.call("getExtensionProvidervdc", (await pvdcs())[0]))
      .value;
    const entity = (await w.call("getEntity", { id: gold.id })).value;
    expect(entity.name).toBe("pvdc-gold");
    expect(w.link(entity, "alternate").href).toBe(gold.href);
    const vc = (await w.call("getVimServer", vc1)).value;
    expect(
      w.link((await w.call("getEntity", { id: vc.id })).value, "alternate")
        .href,
    ).toBe(vc.href);
    const user = w.sim.users.find(
      (u) => u.role === "Organization Administrator",
    )!;
    const client = await clientAs(w, {
      org: user.org,
      name: user.name,
      password: user.password,
    });
    expect(
      await refusal(w.pkg.api.getEntity!(client, { id: gold.id })),
    ).toMatchObject({ status: 403, minor: "ACCESS_TO_RESOURCE_IS_FORBIDDEN" });
  });

  it("refuses a tenant administrator the provider VDCs: 403", async () => {
    const user = w.sim.users.find(
      (u) => u.role === "Organization Administrator",
    )!;
    const client = await clientAs(w, {
      org: user.org,
      name: user.name,
      password: user.password,
    });
    const gold = (await pvdcs())[0];
    for (const call of [
      w.pkg.api.getProviderVdcReferences!(client, {
        href: `${w.sim.url}/admin/extension/providerVdcReferences`,
      }),
      w.pkg.api.getAdminProvidervdc!(client, {
        href: gold.href.replace("/extension/", "/"),
      }),
      w.pkg.api.createVdcsparams!(
        client,
        addVdc(),
        vdcParams("mine", gold.href),
      ),
    ])
      expect((await refusal(call)).status).toBe(403);
  });
});

describe("importing a vCenter VM as a vApp (importVmAsVApp)", () => {
  let vc1: Value;
  let acmeVdcHref: string;

  beforeAll(async () => {
    vc1 = (
      await w.call(
        "getVimServer",
        (await vimServers()).find((s) => s.name === "vc1")!,
      )
    ).value;
    const cloud = (await w.call("getAdmin", { href: `${w.sim.url}/admin` }))
      .value;
    const ref = (
      cloud.OrganizationReferences.OrganizationReference as Value[]
    ).find((o) => o.name === "acme")!;
    const acme = (await w.call("getAdminOrg", ref)).value;
    acmeVdcHref = (acme.Vdcs.Vdc as Value[]).find(
      (v) => v.name === "acme-vdc",
    )!.href;
  });

  it("imports legacy-web into acme-vdc: a vApp with its task, the VM gone from the vCenter's list, the tenant sees it", async () => {
    const made = await w.call(
      "createImportVmAsVApp",
      w.link(vc1, "add", MT.importVm),
      {
        name: "legacy",
        Description: "Imported from vc1",
        VmMoRef: "vm-31",
        Vdc: { href: acmeVdcHref },
      },
    );
    expect(made.status).toBe(201);
    expect(made.element).toBe("vcloud:VApp");
    for (const task of made.value.Tasks?.Task ?? []) await w.done(task);
    const vapp = (await w.call("getVApp", made.value)).value;
    expect(vapp.name).toBe("legacy");
    expect(vapp.status).toBe(8);
    const vms = vapp.Children.Vm as Value[];
    expect(vms.map((v) => v.name)).toEqual(["legacy-web"]);
    const left = (
      await w.call("getVimServerVmsList", w.link(vc1, "down", MT.vms))
    ).value;
    expect(names(left.VmObjectRef)).toEqual(["legacy-db"]);
    const user = w.sim.users.find(
      (u) => u.role === "Organization Administrator" && u.org === "acme",
    )!;
    const tenant = await clientAs(w, {
      org: user.org,
      name: user.name,
      password: user.password,
    });
    const seen = (await w.pkg.api.getVApp!(tenant, { href: vapp.href }))
      .value as Value;
    expect(seen.name).toBe("legacy");
  });

  it("imports legacy-db into the vApp (importVmIntoExistingVApp): a task of the vApp, which then has both VMs", async () => {
    const vapp = (
      (await w.call("getVdc", { href: acmeVdcHref.replace("/admin/", "/") }))
        .value.ResourceEntities.ResourceEntity as Value[]
    ).find((e) => e.name === "legacy")!;
    const task = await w.call(
      "createImportVmIntoExistingVApp",
      w.link(vc1, "add", MT.importIntoVApp),
      { VmName: "db", VmMoRef: "vm-32", VApp: { href: vapp.href } },
    );
    expect(task.status).toBe(202);
    await w.done(task.value);
    const read = (await w.call("getVApp", vapp)).value;
    expect((read.Children.Vm as Value[]).map((v) => v.name)).toEqual([
      "legacy-web",
      "db",
    ]);
    const left = (
      await w.call("getVimServerVmsList", w.link(vc1, "down", MT.vms))
    ).value;
    expect(left.VmObjectRef).toBeUndefined();
  });

  it("refuses the VMs imported already, into a new vApp or an existing one", async () => {
    const add = w.link(vc1, "add", MT.importVm);
    expect(
      await refusal(
        w.call("createImportVmAsVApp", add, {
          name: "again",
          VmMoRef: "vm-31",
          Vdc: { href: acmeVdcHref },
        }),
      ),
    ).toEqual({
      status: 400,
      minor: "BAD_REQUEST",
      message: "The vCenter server vc1 has no virtual machine vm-31 to import.",
    });
    expect(
      await refusal(
        w.call("createImportVmAsVApp", add, {
          name: "legacy",
          VmMoRef: "vm-32",
          Vdc: { href: acmeVdcHref },
        }),
      ),
    ).toMatchObject({
      status: 400,
      message: "The vCenter server vc1 has no virtual machine vm-32 to import.",
    });
    const legacy = (
      (await w.call("getVdc", { href: acmeVdcHref.replace("/admin/", "/") }))
        .value.ResourceEntities.ResourceEntity as Value[]
    ).find((e) => e.name === "legacy")!;
    expect(
      await refusal(
        w.call(
          "createImportVmIntoExistingVApp",
          w.link(vc1, "add", MT.importIntoVApp),
          { VmName: "web2", VmMoRef: "vm-31", VApp: { href: legacy.href } },
        ),
      ),
    ).toMatchObject({
      status: 400,
      message: "The vCenter server vc1 has no virtual machine vm-31 to import.",
    });
  });
});

describe("external networks from port groups", () => {
  let vc1: Value;

  const externalNets = async () =>
    (
      await w.call(
        "getExternalNetworkReferences",
        w.link(extension, "down", MT.externalNets),
      )
    ).value.ExternalNetworkReference as Value[] | undefined;

  const body = (over: Value = {}, scope: Value = {}) => ({
    name: "ext-internet",
    Description: "pg-external of vc1",
    Configuration: {
      IpScopes: {
        IpScope: [
          {
            IsInherited: false,
            Gateway: "203.0.113.1",
            Netmask: "255.255.255.0",
            Dns1: "203.0.113.53",
            IsEnabled: true,
            IpRanges: {
              IpRange: [
                { StartAddress: "203.0.113.10", EndAddress: "203.0.113.99" },
              ],
            },
            ...scope,
          },
        ],
      },
      FenceMode: "isolated",
    },
    VimPortGroupRef: {
      VimServerRef: { href: vc1.href },
      MoRef: "dvportgroup-21",
      VimObjectType: "DV_PORTGROUP",
    },
    ...over,
  });

  beforeAll(async () => {
    vc1 = (await vimServers()).find((s) => s.name === "vc1")!;
  });

  it("creates one from a port group of vc1 (201), read back with its IP scope and port group", async () => {
    expect(await externalNets()).toBeUndefined();
    const made = await w.call(
      "createExternalnets",
      w.link(extension, "add", MT.externalNet),
      body(),
    );
    expect(made.status).toBe(201);
    expect(made.element).toBe("vmext:VMWExternalNetwork");
    expect(made.location).toBe(made.value.href);
    // its creation runs as a task, in the answer's Tasks (the guide: "The response includes a Task
    // that tracks the creation of the network")
    const task = made.value.Tasks.Task[0];
    expect(task).toMatchObject({
      operationName: "networkCreateExternalNetwork",
      Owner: { href: made.value.href },
    });
    await w.done(task);
    const read = (await w.call("getExternalnet", made.value)).value;
    expect(read.Tasks).toBeUndefined();
    expect(read.name).toBe("ext-internet");
    expect(read.Configuration.FenceMode).toBe("isolated");
    expect(read.Configuration.IpScopes.IpScope[0].IpRanges.IpRange[0]).toEqual({
      StartAddress: "203.0.113.10",
      EndAddress: "203.0.113.99",
    });
    expect(read.VimPortGroupRef).toMatchObject({
      MoRef: "dvportgroup-21",
      VimObjectType: "DV_PORTGROUP",
    });
    expect(names(await externalNets())).toEqual(["ext-internet"]);
    const entity = (await w.call("getEntity", { id: read.id })).value;
    expect(w.link(entity, "alternate").href).toBe(read.href);
  });

  it("refuses a port group that backs one, one the vCenter lacks, a range outside the subnet, a name taken", async () => {
    const add = w.link(extension, "add", MT.externalNet);
    const create = (b: Value) => refusal(w.call("createExternalnets", add, b));
    expect(await create(body({ name: "ext-2" }))).toEqual({
      status: 400,
      minor: "BAD_REQUEST",
      message:
        "The port group dvportgroup-21 of vc1 already backs the external network ext-internet.",
    });
    const other = (moref: string) => ({
      name: "ext-2",
      VimPortGroupRef: {
        VimServerRef: { href: vc1.href },
        MoRef: moref,
        VimObjectType: "DV_PORTGROUP",
      },
    });
    expect(await create(body(other("dvportgroup-99")))).toMatchObject({
      status: 400,
      message: "The vCenter server vc1 has no port group dvportgroup-99.",
    });
    expect(
      await create(
        body(other("dvportgroup-22"), {
          IpRanges: {
            IpRange: [
              { StartAddress: "203.0.113.10", EndAddress: "203.0.114.5" },
            ],
          },
        }),
      ),
    ).toMatchObject({
      status: 400,
      message:
        'The IP range 203.0.113.10-203.0.114.5 of external network "ext-2" is not inside its subnet 203.0.113.0/24.',
    });
    expect(
      await create(body({ ...other("dvportgroup-22"), name: "EXT-INTERNET" })),
    ).toMatchObject({ status: 400, minor: "DUPLICATE_NAME" });
    expect(names(await externalNets())).toEqual(["ext-internet"]);
  });

  it("changes it by PUT (200 with the task in its Tasks): name, description and ranges kept; port group, gateway and a name taken refused", async () => {
    const [ref] = (await externalNets())!;
    const read = (await w.call("getExternalnet", ref)).value;
    const changed = (over: Value = {}, scopeOver: Value = {}) => ({
      ...withScope(read, {
        IpRanges: {
          IpRange: [
            { StartAddress: "203.0.113.10", EndAddress: "203.0.113.49" },
            { StartAddress: "203.0.113.60", EndAddress: "203.0.113.69" },
          ],
        },
        ...scopeOver,
      }),
      name: "ext-internet-2",
      Description: "renamed",
      ...over,
    });
    const edit = w.link(read, "edit", MT.externalNet);
    const put = await w.call("updateExternalnet", edit, changed());
    expect(put.status).toBe(200);
    expect(put.element).toBe("vmext:VMWExternalNetwork");
    const task = put.value.Tasks.Task[0];
    expect(task.operationName).toBe("networkUpdateExternalNetwork");
    await w.done(task);
    const after = (await w.call("getExternalnet", ref)).value;
    expect(after).toMatchObject({
      name: "ext-internet-2",
      Description: "renamed",
      VimPortGroupRef: { MoRef: "dvportgroup-21" },
    });
    expect(after.Configuration.IpScopes.IpScope[0].IpRanges.IpRange).toEqual([
      { StartAddress: "203.0.113.10", EndAddress: "203.0.113.49" },
      { StartAddress: "203.0.113.60", EndAddress: "203.0.113.69" },
    ]);
    expect(names(await externalNets())).toEqual(["ext-internet-2"]);
    const refused = (body: Value) =>
      refusal(w.call("updateExternalnet", edit, body));
    expect(
      await refused(
        changed({
          VimPortGroupRef: { ...read.VimPortGroupRef, MoRef: "dvportgroup-22" },
        }),
      ),
    ).toEqual({
      status: 400,
      minor: "BAD_REQUEST",
      message:
        'The port group dvportgroup-21 backing external network "ext-internet-2" cannot be changed (to dvportgroup-22).',
    });
    expect(await refused(changed({}, { Gateway: "203.0.113.254" }))).toEqual({
      status: 400,
      minor: "BAD_REQUEST",
      message:
        'The gateways and netmasks of external network "ext-internet-2" cannot be changed (203.0.113.0/24 gateway 203.0.113.1).',
    });
    expect(
      await refused(
        changed(
          {},
          {
            IpRanges: {
              IpRange: [
                { StartAddress: "203.0.113.10", EndAddress: "203.0.114.9" },
              ],
            },
          },
        ),
      ),
    ).toMatchObject({
      status: 400,
      message:
        'The IP range 203.0.113.10-203.0.114.9 of external network "ext-internet-2" is not inside its subnet 203.0.113.0/24.',
    });
    expect(await refused(changed({ name: "acme-net" }))).toEqual({
      status: 400,
      minor: "DUPLICATE_NAME",
      message: "The VCD entity acme-net already exists.",
    });
  });

  it("deletes it through its task", async () => {
    const [ref] = (await externalNets())!;
    const read = (await w.call("getExternalnet", ref)).value;
    const gone = await w.call("deleteExternalnet", w.link(read, "remove"));
    expect(gone.status).toBe(202);
    await w.done(gone.value);
    expect(await externalNets()).toBeUndefined();
  });
});

describe("the bodies", () => {
  it("every body the simulator sent is valid (package validate and libxml2)", async () => {
    await expectAllValid(await loadPackage("30.0"), w.sim.sentBodies!);
  });
});
