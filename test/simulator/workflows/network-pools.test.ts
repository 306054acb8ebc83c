/**
 * Network pools and the provider query types (the guide's "Managing a Cloud": "Create a Network
 * Pool", and the provider's packaged queries) through a package generated for API 36.0 (where the
 * operations document types the pool bodies; at 30.0 `networkPools` takes none), against its
 * simulator, as the system administrator: the seed's VLAN pool on pvdc-gold and acme-vdc; a VLAN,
 * a port group and a VXLAN pool created (201 with the creating task), changed (PUT), repaired,
 * deleted (a task); an org VDC created on a pool. Refusals: a pool in use, overlapping VLAN ranges,
 * ranges outside 1..4094, a port group an external network or another pool backs, a switch or port
 * group the vCenter lacks, a name taken (DUPLICATE_NAME), a made-up id (403), a tenant (403). The
 * provider query types in each format with filter, sort, fields and pages. Every body the
 * simulator sent is valid (the package's validate and libxml2, against the 36.0 set).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveOptions } from "../../../generator/config/options.js";
import { generate } from "../../../generator/generate.js";
import type { VcdClient } from "../../../runtime/client/client.js";
import {
  importClientPackage,
  importPackage,
  type GeneratedPackage,
} from "../../helpers/generated-packages.js";
import { PROJECT_ROOT, VCD_API_36_DIR } from "../../helpers/vcd-inputs.js";
import { expectAllValid } from "../helpers/valid-bodies.js";
import {
  badRequest,
  clientAs,
  providerVdcParams,
  refusal,
  startWorkflow,
  type Value,
  type Workflow,
} from "./harness.js";

const MT = {
  extension: "application/vnd.vmware.admin.vmwExtension+xml",
  poolRefs: "application/vnd.vmware.admin.vmwNetworkPoolReferences+xml",
  addPool: "application/vnd.vmware.admin.networkPool+xml",
  pvdcRefs: "application/vnd.vmware.admin.vmwProviderVdcReferences+xml",
  vimServerRefs: "application/vnd.vmware.admin.vmwVimServerReferences+xml",
  externalNet: "application/vnd.vmware.admin.vmwexternalnet+xml",
  vdcParams: "application/vnd.vmware.admin.createVdcParams+xml",
};

let root: string;
let index: GeneratedPackage;
let w: Workflow;
let extension: Value;
let vc1: Value;

const names = (list: Value[] | undefined) => (list ?? []).map((r) => r.name);
const switchRef = (moref = "dvs-41") => ({
  VimServerRef: { href: vc1.href },
  MoRef: moref,
  VimObjectType: "DV_SWITCH",
});
const vlanPool = (
  name: string,
  ranges: [number, number][],
  over: Value = {},
) => ({
  $type: "vmext:VlanPoolType",
  name,
  Description: `${name}, made by the test`,
  VlanRange: ranges.map(([Start, End]) => ({ Start, End })),
  VimSwitchRef: switchRef(),
  ...over,
});
const portGroupPool = (name: string, morefs: string[]) => ({
  $type: "vmext:PortGroupPoolType",
  name,
  PortGroupRefs: {
    VimObjectRef: morefs.map((MoRef) => ({
      VimServerRef: { href: vc1.href },
      MoRef,
      VimObjectType: "DV_PORTGROUP",
    })),
  },
  VimServer: { href: vc1.href },
});

/** A PUT takes either media type of the pool: the document names the element (its first, networkPool+xml). */
const doc = (value: Value) => ({ element: "vmext:VMWNetworkPool", value });

async function pools(): Promise<Value[]> {
  const refs = await w.call(
    "getNetworkPoolReferences",
    w.link(extension, "down", MT.poolRefs),
  );
  expect(refs.element).toBe("vmext:VMWNetworkPoolReferences");
  return (refs.value.NetworkPoolReference as Value[] | undefined) ?? [];
}
const pool = async (name: string) =>
  (
    await w.call(
      "getNetworkPool",
      (await pools()).find((p) => p.name === name),
    )
  ).value;
const create = async (body: Value) => {
  const made = await w.call(
    "createNetworkPools",
    w.link(extension, "add", MT.addPool),
    body,
  );
  expect(made.status).toBe(201);
  expect(made.element).toBe("vmext:VMWNetworkPool");
  expect(made.location).toBe(made.value.href);
  const tasks = (made.value.Tasks?.Task ?? []) as Value[];
  expect(tasks.map((t) => t.operationName)).toEqual([
    "networkCreateNetworkPool",
  ]);
  await w.done(tasks[0]);
  return (await w.call("getNetworkPool", made.value)).value;
};
const refused = (body: Value) =>
  refusal(
    w.call("createNetworkPools", w.link(extension, "add", MT.addPool), body),
  );

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "vcd-codegen-pools-36-"));
  const dir = join(root, "vcloud");
  generate(
    await resolveOptions(
      { input: VCD_API_36_DIR, out: dir, apiVersion: "36.0" },
      {},
      PROJECT_ROOT,
    ),
    false,
  );
  index = await importPackage(dir);
  w = await startWorkflow({}, { pkg: await importClientPackage(dir), index });
  const session = await w.loginAs("System Administrator");
  extension = (
    await w.call("getAdminExtension", w.link(session, "down", MT.extension))
  ).value;
  vc1 = (
    (
      await w.call(
        "getVimServerReferences",
        w.link(extension, "down", MT.vimServerRefs),
      )
    ).value.VimServerReference as Value[]
  ).find((s) => s.name === "vc1")!;
}, 120_000);
afterAll(async () => {
  await w?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("the seeded network pool", () => {
  it("is listed and read as a VlanPoolType: its VLAN range on dvSwitch-A of vc1", async () => {
    expect(names(await pools())).toEqual(["np-gold-vlan"]);
    const np = await pool("np-gold-vlan");
    expect(np.$type).toBe("vmext:VlanPoolType");
    expect(np.status).toBe(1);
    expect(np.id).toMatch(/^urn:vcloud:networkpool:/);
    expect(np.VlanRange).toEqual([{ Start: 100, End: 199 }]);
    expect(np.VimSwitchRef).toMatchObject({
      MoRef: "dvs-41",
      VimObjectType: "DV_SWITCH",
    });
    expect(np.VimSwitchRef.VimServerRef.name).toBe("vc1");
    const entity = (await w.call("getEntity", { id: np.id })).value;
    expect(w.link(entity, "alternate").href).toBe(np.href);
  });

  it("is pvdc-gold's (NetworkPoolReferences) and acme-vdc's (NetworkPoolReference)", async () => {
    const refs = (
      await w.call(
        "getProviderVdcReferences",
        w.link(extension, "down", MT.pvdcRefs),
      )
    ).value.ProviderVdcReference as Value[];
    const gold = (await w.call("getExtensionProvidervdc", refs[0])).value;
    expect(names(gold.NetworkPoolReferences.NetworkPoolReference)).toEqual([
      "np-gold-vlan",
    ]);
    const acme = (gold.Vdcs.Vdc as Value[]).find((v) => v.name === "acme-vdc")!;
    const vdc = (await w.call("getAdminVdc", acme)).value;
    expect(vdc.NetworkPoolReference.name).toBe("np-gold-vlan");
    const globex = (gold.Vdcs.Vdc as Value[]).find(
      (v) => v.name === "globex-vdc",
    )!;
    expect(
      (await w.call("getAdminVdc", globex)).value.NetworkPoolReference,
    ).toBeUndefined();
  });

  it("cannot be deleted while pvdc-gold and acme-vdc use it", async () => {
    const np = await pool("np-gold-vlan");
    expect(await refusal(w.call("deleteNetworkPool", np))).toEqual(
      badRequest(
        "The network pool np-gold-vlan cannot be deleted: the provider VDC pvdc-gold, the organization VDC acme-vdc use it.",
      ),
    );
  });

  it("refuses a made-up pool id as vCD refuses a made-up id: 403", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    expect(await refusal(w.call("getNetworkPool", { id }))).toEqual({
      status: 403,
      minor: "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
      message: `No access to entity "com.vmware.vcloud.entity.networkPool:${id}".`,
    });
  });

  it("refuses a tenant administrator: 403", async () => {
    const user = w.sim.users.find((u) => u.name === "acme-admin")!;
    const tenant: VcdClient = await clientAs(w, user);
    const call = w.pkg.api.getNetworkPoolReferences!(tenant, {
      href: `${w.sim.url}/admin/extension/networkPoolReferences`,
    });
    expect((await refusal(call)).status).toBe(403);
  });
});

describe("creating, changing and deleting network pools", () => {
  it("creates a VLAN pool beside the seed's (201 with its task), listed once the task ends", async () => {
    const made = await create(
      vlanPool("np-vlan-2", [
        [200, 249],
        [300, 300],
      ]),
    );
    expect(made.VlanRange).toEqual([
      { Start: 200, End: 249 },
      { Start: 300, End: 300 },
    ]);
    expect(made.UsedNetworksCount).toBe(0);
    expect(names(await pools())).toEqual(["np-gold-vlan", "np-vlan-2"]);
  });

  it("refuses VLAN ranges that overlap (its own, another pool's on the switch) or leave 1..4094", async () => {
    expect(await refused(vlanPool("np-x", [[150, 160]]))).toEqual(
      badRequest(
        "The VLAN range 150-160 of network pool np-x overlaps the range 100-199 of network pool np-gold-vlan on the switch dvs-41.",
      ),
    );
    expect(
      await refused(
        vlanPool("np-x", [
          [500, 510],
          [510, 520],
        ]),
      ),
    ).toEqual(
      badRequest(
        "The VLAN range 510-520 of network pool np-x overlaps its range 500-510.",
      ),
    );
    for (const range of [
      [0, 10],
      [4000, 4095],
      [20, 10],
    ] as [number, number][])
      expect(await refused(vlanPool("np-x", [range]))).toEqual(
        badRequest(
          `The VLAN range ${range[0]}-${range[1]} of network pool np-x is not a range of VLAN ids inside 1-4094.`,
        ),
      );
    expect(
      await refused(
        vlanPool("np-x", [[600, 610]], { VimSwitchRef: switchRef("dvs-99") }),
      ),
    ).toEqual(
      badRequest("The vCenter server vc1 has no distributed switch dvs-99."),
    );
    expect(await refused(vlanPool("NP-GOLD-VLAN", [[600, 610]]))).toMatchObject(
      { status: 400, minor: "DUPLICATE_NAME" },
    );
    expect(names(await pools())).toEqual(["np-gold-vlan", "np-vlan-2"]);
  });

  it("creates a port group pool; refuses a port group a pool or an external network backs, or that vc1 lacks", async () => {
    const made = await create(portGroupPool("np-pg", ["dvportgroup-22"]));
    expect(made.$type).toBe("vmext:PortGroupPoolType");
    expect(
      (made.PortGroupRefs.VimObjectRef as Value[]).map((r) => r.MoRef),
    ).toEqual(["dvportgroup-22"]);
    expect(made.VimServer.name).toBe("vc1");
    expect(await refused(portGroupPool("np-pg-2", ["dvportgroup-22"]))).toEqual(
      badRequest(
        "The port group dvportgroup-22 of vc1 already backs the network pool np-pg.",
      ),
    );
    expect(await refused(portGroupPool("np-pg-2", ["dvportgroup-99"]))).toEqual(
      badRequest("The vCenter server vc1 has no port group dvportgroup-99."),
    );
    // an external network on dvportgroup-21: the pool may not take it, nor it the pool's
    await w.call(
      "createExternalnets",
      w.link(extension, "add", MT.externalNet),
      {
        name: "ext-pools",
        Configuration: {
          IpScopes: {
            IpScope: [
              {
                IsInherited: false,
                Gateway: "198.51.100.1",
                Netmask: "255.255.255.0",
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
      },
    );
    expect(await refused(portGroupPool("np-pg-2", ["dvportgroup-21"]))).toEqual(
      badRequest(
        "The port group dvportgroup-21 of vc1 already backs the external network ext-pools.",
      ),
    );
    const taken = await refusal(
      w.call("createExternalnets", w.link(extension, "add", MT.externalNet), {
        name: "ext-pools-2",
        Configuration: {
          IpScopes: {
            IpScope: [
              {
                IsInherited: false,
                Gateway: "198.51.101.1",
                Netmask: "255.255.255.0",
              },
            ],
          },
          FenceMode: "isolated",
        },
        VimPortGroupRef: {
          VimServerRef: { href: vc1.href },
          MoRef: "dvportgroup-22",
          VimObjectType: "DV_PORTGROUP",
        },
      }),
    );
    expect(taken).toEqual(
      badRequest(
        "The port group dvportgroup-22 of vc1 already backs the network pool np-pg.",
      ),
    );
  });

  it("creates a VXLAN pool on the switch; refuses a pool of no type it keeps", async () => {
    const made = await create({
      $type: "vmext:VxlanPoolType",
      name: "np-vxlan",
      VimSwitchRef: switchRef(),
    });
    expect(made.$type).toBe("vmext:VxlanPoolType");
    expect(made.VimSwitchRef.MoRef).toBe("dvs-41");
    expect(await refused({ name: "np-plain" })).toEqual(
      badRequest(
        "A network pool of type VMWNetworkPoolType cannot be made here: the types are VlanPoolType, PortGroupPoolType and VxlanPoolType (xsi:type).",
      ),
    );
  });

  it("changes a VLAN pool by PUT (name, description, ranges), under the same rules", async () => {
    const np = await pool("np-vlan-2");
    const put = await w.call(
      "updateNetworkPool",
      np,
      doc({
        ...vlanPool("np-vlan-two", [[200, 260]]),
        Description: "renamed",
      }),
    );
    expect(put.element).toBe("vmext:VMWNetworkPool");
    expect(put.value.name).toBe("np-vlan-two");
    expect(put.value.Description).toBe("renamed");
    expect(put.value.VlanRange).toEqual([{ Start: 200, End: 260 }]);
    expect(
      await refusal(
        w.call(
          "updateNetworkPool",
          np,
          doc(vlanPool("np-vlan-two", [[190, 260]])),
        ),
      ),
    ).toEqual(
      badRequest(
        "The VLAN range 190-260 of network pool np-vlan-two overlaps the range 100-199 of network pool np-gold-vlan on the switch dvs-41.",
      ),
    );
    expect(
      await refusal(
        w.call(
          "updateNetworkPool",
          np,
          doc(portGroupPool("np-vlan-two", ["network-23"])),
        ),
      ),
    ).toEqual(
      badRequest(
        "The network pool np-vlan-two is a VlanPoolType: its type cannot become PortGroupPoolType.",
      ),
    );
    expect(
      await refusal(
        w.call("updateNetworkPool", np, doc(vlanPool("np-pg", [[200, 260]]))),
      ),
    ).toMatchObject({ status: 400, minor: "DUPLICATE_NAME" });
  });

  it("creates an org VDC on a pool of the provider VDC's vCenter; the pool is then in use", async () => {
    const cloud = (await w.call("getAdmin", { href: `${w.sim.url}/admin` }))
      .value;
    const ref = (
      cloud.OrganizationReferences.OrganizationReference as Value[]
    ).find((o) => o.name === "globex")!;
    const org = (await w.call("getAdminOrg", ref)).value;
    const gold = (
      (
        await w.call(
          "getProviderVdcReferences",
          w.link(extension, "down", MT.pvdcRefs),
        )
      ).value.ProviderVdcReference as Value[]
    )[0];
    const np = await pool("np-vlan-two");
    const params = (poolHref: string) => ({
      name: "globex-vdc-2",
      AllocationModel: "AllocationPool",
      ComputeCapacity: {
        Cpu: { Units: "MHz", Allocated: "1000", Limit: "2000" },
        Memory: { Units: "MB", Allocated: "1024", Limit: "4096" },
      },
      IsEnabled: true,
      VdcStorageProfile: [
        {
          Enabled: true,
          Units: "MB",
          Limit: "10240",
          Default: true,
          // its Gold storage profile, by the href its ProviderVdc lists
          ProviderVdcStorageProfile: {
            href: `${w.sim.url}/admin/pvdcStorageProfile/${(gold.href as string).split("/").at(-1)}-Gold`,
          },
        },
      ],
      NetworkPoolReference: { href: poolHref },
      ProviderVdcReference: { href: gold.href },
    });
    const made = await w.call(
      "createVdcsparams",
      w.link(org, "add", MT.vdcParams),
      params(np.href),
    );
    for (const task of made.value.Tasks?.Task ?? []) await w.done(task);
    const vdc = (await w.call("getAdminVdc", made.value)).value;
    expect(vdc.NetworkPoolReference).toMatchObject({
      name: "np-vlan-two",
      href: np.href,
    });
    const pvdc = (await w.call("getExtensionProvidervdc", gold)).value;
    expect(names(pvdc.NetworkPoolReferences.NetworkPoolReference)).toEqual([
      "np-gold-vlan",
      "np-vlan-two",
    ]);
    expect(await refusal(w.call("deleteNetworkPool", np))).toEqual(
      badRequest(
        "The network pool np-vlan-two cannot be deleted: the organization VDC globex-vdc-2 uses it.",
      ),
    );
    // a pool that does not exist: 404, as a provider VDC that does not (provider/provider-vdcs.ts)
    const ghost = "00000000-0000-4000-8000-000000000000";
    expect(
      await refusal(
        w.call(
          "createVdcsparams",
          w.link(org, "add", MT.vdcParams),
          params(`${w.sim.url}/admin/extension/networkPool/${ghost}`),
        ),
      ),
    ).toEqual({
      status: 404,
      minor: "RESOURCE_NOT_FOUND",
      message: `The network pool ${ghost} does not exist.`,
    });
  });

  it("repairs a pool (a task), then deletes an unused one (a task): no longer listed or read", async () => {
    const np = await pool("np-vxlan");
    const repair = await w.call("repair", np);
    expect(repair.element).toBe("vcloud:Task");
    await w.done(repair.value);
    const sync = await w.call("syncNetworkPool", np);
    await w.done(sync.value);
    const task = await w.call("deleteNetworkPool", np);
    expect(task.element).toBe("vcloud:Task");
    expect(task.value.operationName).toBe("networkDeleteNetworkPool");
    await w.done(task.value);
    expect(names(await pools())).not.toContain("np-vxlan");
    expect((await refusal(w.call("getNetworkPool", np))).status).toBe(403);
  });
});

describe("a provider VDC assigned a VXLAN pool (VMWProviderVdcParams' NetworkPool)", () => {
  const pvdcParams = (poolHref: string) => ({
    ...providerVdcParams(vc1.href, "pvdc-silver", "resgroup-9", "Silver"),
    NetworkPool: { href: poolHref },
  });
  const add = () =>
    w.link(
      extension,
      "add",
      "application/vnd.vmware.admin.createProviderVdcParams+xml",
    );

  it("refuses a pool that is not VXLAN; takes a VXLAN pool, listed in its NetworkPoolReferences, then in use", async () => {
    const vlan = await pool("np-vlan-two");
    expect(
      await refusal(
        w.call("createProvidervdcsparams", add(), pvdcParams(vlan.href)),
      ),
    ).toEqual(
      badRequest(
        "The network pool np-vlan-two is a VlanPoolType: a provider VDC is assigned a VXLAN (or Geneve) pool.",
      ),
    );
    const vxlan = await create({
      $type: "vmext:VxlanPoolType",
      name: "np-vxlan-silver",
      VimSwitchRef: switchRef(),
    });
    const made = await w.call(
      "createProvidervdcsparams",
      add(),
      pvdcParams(vxlan.href),
    );
    expect(made.status).toBe(201);
    for (const task of made.value.Tasks?.Task ?? []) await w.done(task);
    const silver = (await w.call("getExtensionProvidervdc", made.value)).value;
    expect(names(silver.NetworkPoolReferences.NetworkPoolReference)).toEqual([
      "np-vxlan-silver",
    ]);
    expect(await refusal(w.call("deleteNetworkPool", vxlan))).toEqual(
      badRequest(
        "The network pool np-vxlan-silver cannot be deleted: the provider VDC pvdc-silver uses it.",
      ),
    );
  });
});

describe("the provider query types", () => {
  const query = (type: string, options: Value = {}) =>
    w.call("getQuery", {}, { query: { type, ...options } });

  it("networkPool: records, idrecords and references; filtered, sorted, its fields, in pages", async () => {
    const records = (await query("networkPool", { sortAsc: "name" })).value;
    expect(records.total).toBe("4");
    const rows = records.Record as Value[];
    expect(rows.map((r) => [r.name, r.networkPoolType, r.vcName])).toEqual([
      ["np-gold-vlan", 0, "vc1"],
      ["np-pg", 2, "vc1"],
      ["np-vlan-two", 0, "vc1"],
      ["np-vxlan-silver", 1, "vc1"],
    ]);
    expect(rows.every((r) => r.$element === "vcloud:NetworkPoolRecord")).toBe(
      true,
    );
    const vlans = (
      await query("networkPool", {
        filter: "networkPoolType==0",
        sortDesc: "name",
        fields: "name,dvSwitchNameList",
      })
    ).value.Record as Value[];
    expect(vlans.map((r) => [r.name, r.dvSwitchNameList, r.vcName])).toEqual([
      ["np-vlan-two", "dvSwitch-A", undefined],
      ["np-gold-vlan", "dvSwitch-A", undefined],
    ]);
    const ids = (await query("networkPool", { format: "idrecords" })).value
      .Record as Value[];
    expect(ids[0].id).toMatch(/^urn:vcloud:networkpool:/);
    const refs = (
      await query("networkPool", { format: "references", sortAsc: "name" })
    ).value;
    expect(refs.name).toBe("networkPool");
    expect((refs.Reference as Value[]).map((r) => r.name)).toEqual([
      "np-gold-vlan",
      "np-pg",
      "np-vlan-two",
      "np-vxlan-silver",
    ]);
    const page2 = (
      await query("networkPool", { sortAsc: "name", pageSize: 2, page: 2 })
    ).value;
    expect((page2.Record as Value[]).map((r) => r.name)).toEqual([
      "np-vlan-two",
      "np-vxlan-silver",
    ]);
    expect(w.link(page2, "previousPage").href).toContain("page=1");
  });

  it("answers each provider type from the store: vCenters, resource pools, datastores, port groups, switches, hosts, provider VDCs, storage profiles, external networks", async () => {
    const rows = async (type: string) =>
      ((await query(type, { sortAsc: "name" })).value.Record ?? []) as Value[];
    expect(
      (await rows("virtualCenter")).map((r) => [r.name, r.url, r.isEnabled]),
    ).toEqual([["vc1", "https://vc1.example.com:443", true]]);
    expect(
      (await rows("resourcePool")).map((r) => [
        r.name,
        r.moref,
        r.providerName,
      ]),
    ).toEqual([
      ["Cluster-A", "resgroup-8", "pvdc-gold"],
      ["Cluster-B", "resgroup-9", "pvdc-silver"],
    ]);
    expect(
      (await rows("datastore")).map((r) => [r.name, r.storageMB, r.vcName]),
    ).toEqual([
      // xs:long is read as a string (beyond 2^53 a number would lose digits)
      ["hdd-01", "8388608", "vc1"],
      ["ssd-01", "2097152", "vc1"],
    ]);
    expect(
      (await rows("portgroup")).map((r) => [
        r.name,
        r.portgroupType,
        r.networkName,
      ]),
    ).toEqual([
      // sorted without regard to case, as the query service sorts strings
      ["pg-external", "DV_PORTGROUP", "ext-pools"],
      ["pg-vxlan", "DV_PORTGROUP", undefined],
      ["VM Network", "NETWORK", undefined],
    ]);
    expect((await rows("dvSwitch")).map((r) => r.name)).toEqual(["dvSwitch-A"]);
    expect(
      (await rows("host")).map((r) => [
        r.name,
        r.osVersion,
        r.vcName,
        r.connectionState,
      ]),
    ).toEqual([
      ["esx-01.example.com", "7.0.3", "vc1", "CONNECTED"],
      ["esx-02.example.com", "7.0.3", "vc1", "CONNECTED"],
    ]);
    expect(
      (await rows("providerVdc")).map((r) => [
        r.name,
        r.cpuLimitMhz,
        r.numberOfVdcs,
      ]),
    ).toEqual([
      ["pvdc-gold", "48000", 3],
      ["pvdc-silver", "24000", 0],
    ]);
    expect(
      (await rows("providerVdcStorageProfile")).map((r) => [
        r.name,
        r.storageProfileMoref,
      ]),
    ).toEqual([
      ["Gold", "vm-storage-policy-1"],
      ["Silver", "vm-storage-policy-2"],
      ["Silver", "vm-storage-policy-2"],
    ]);
    expect(
      (await rows("externalNetwork")).map((r) => [
        r.name,
        r.gateway,
        r.subnetPrefixLength,
      ]),
    ).toEqual([["ext-pools", "198.51.100.1", 24]]);
  });

  it("answers the packaged queries of the extension API: vimServerReferences/query, networkPoolReferences/query", async () => {
    const vcs = await w.call(
      "getVimServerReferencesQuery",
      {},
      { query: { format: "references" } },
    );
    expect(
      (
        (vcs.value.Reference ?? vcs.value.VirtualCenterReference) as Value[]
      ).map((r) => r.name),
    ).toEqual(["vc1"]);
    const np = await w.call(
      "getNetworkPoolReferencesQuery",
      {},
      {
        query: { filter: "name==np-pg" },
      },
    );
    expect((np.value.Record as Value[]).map((r) => r.name)).toEqual(["np-pg"]);
  });

  it("are the system administrator's alone: a tenant administrator is refused 403 and does not see them listed", async () => {
    const user = w.sim.users.find((u) => u.name === "acme-admin")!;
    const tenant = await clientAs(w, user);
    const call = w.pkg.api.getQuery!(
      tenant,
      {},
      {
        query: { type: "networkPool" },
      },
    );
    expect(await refusal(call)).toMatchObject({
      status: 403,
      minor: "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
    });
    const list = (await w.pkg.api.getQuery!(tenant, {})).value as Value;
    const listed = new Set((list.Link as Value[]).map((l) => l.name));
    expect(listed.has("adminVApp")).toBe(true);
    expect(listed.has("networkPool")).toBe(false);
    expect(listed.has("virtualCenter")).toBe(false);
    const mine = (await w.call("getQuery", {})).value;
    expect((mine.Link as Value[]).some((l) => l.name === "networkPool")).toBe(
      true,
    );
  });

  it("count the pools of a merged provider VDC as the target's: its own primary, the moved one not", async () => {
    const rows = async (type: string) =>
      ((await query(type, { sortAsc: "name" })).value.Record ?? []) as Value[];
    const pvdcs = await rows("providerVdc");
    const gold = pvdcs.find((p) => p.name === "pvdc-gold")!;
    const silver = pvdcs.find((p) => p.name === "pvdc-silver")!;
    const task = await w.call(
      "merge",
      { href: `${gold.href}/action/merge` },
      { ProviderVdcReference: [{ href: silver.href }] },
    );
    await w.done(task.value);
    expect(
      (await rows("resourcePool")).map((r) => [
        r.moref,
        r.isPrimary,
        r.providerName,
      ]),
    ).toEqual([
      ["resgroup-8", true, "pvdc-gold"],
      ["resgroup-9", false, "pvdc-gold"],
    ]);
    expect(
      (await rows("providerVdc")).map((r) => [r.name, r.numberOfResourcePools]),
    ).toEqual([["pvdc-gold", 2]]);
  });
});

it("every body the simulator sent is valid (package validate and libxml2, 36.0 set)", async () => {
  await expectAllValid(index, w.sim.sentBodies!, VCD_API_36_DIR);
});
