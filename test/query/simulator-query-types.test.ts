/**
 * The simulator's query types, with raw HTTP: every type it keeps, in every format, names the
 * entities of the store (the seed, the vApps seeded at scale, a disk and a group made through the
 * API); the admin variants are refused to a vApp user and see every organization as the system
 * administrator; a type of the schema set it keeps nothing of answers an empty page; an unknown
 * type is a 400; every body it sent is valid (the package's validate and libxml2).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { startSeeded, sessionOf } from "../simulator/helpers/seeded.js";
import {
  UserSession,
  VCLOUD_NS,
  type Entity,
} from "../simulator/helpers/session.js";
import { expectAllValid } from "../simulator/helpers/valid-bodies.js";

let sim: Simulator;
let pkg: GeneratedPackage;
let system: UserSession;
let admin: UserSession;
let user: UserSession;

type Page = Entity & {
  total: string;
  Record?: (Record<string, unknown> & { $element: string })[];
  Reference?: (Record<string, unknown> & { $element: string })[];
};
const query = (s: UserSession, q: string) =>
  s.get(`/query?${q}`) as Promise<Page>;
const names = (p: Page) =>
  [...(p.Record ?? p.Reference ?? [])].map((r) => r.name).sort();

/** The kept types, the record element each answers, and the names acme-admin sees. */
const KEPT: readonly [string, string, readonly string[]][] = [
  ["organization", "vcloud:OrgRecord", ["acme"]],
  ["orgVdc", "vcloud:OrgVdcRecord", ["acme-vdc"]],
  ["adminOrgVdc", "vcloud:AdminVdcRecord", ["acme-vdc"]],
  ["catalog", "vcloud:CatalogRecord", ["acme-catalog"]],
  ["adminCatalog", "vcloud:AdminCatalogRecord", ["acme-catalog"]],
  ["catalogItem", "vcloud:CatalogItemRecord", ["photon-template"]],
  ["adminCatalogItem", "vcloud:AdminCatalogItemRecord", ["photon-template"]],
  ["vAppTemplate", "vcloud:VAppTemplateRecord", ["photon-template"]],
  ["adminVAppTemplate", "vcloud:AdminVAppTemplateRecord", ["photon-template"]],
  [
    "vApp",
    "vcloud:VAppRecord",
    ["scale-vapp-000001", "scale-vapp-000002", "scale-vapp-000003"],
  ],
  [
    "adminVApp",
    "vcloud:AdminVAppRecord",
    ["scale-vapp-000001", "scale-vapp-000002", "scale-vapp-000003"],
  ],
  [
    "vm",
    "vcloud:VMRecord",
    ["photon", "vm-1", "vm-1", "vm-1", "vm-2", "vm-2", "vm-2"],
  ],
  [
    "adminVM",
    "vcloud:AdminVMRecord",
    ["photon", "vm-1", "vm-1", "vm-1", "vm-2", "vm-2", "vm-2"],
  ],
  ["orgVdcNetwork", "vcloud:OrgVdcNetworkRecord", ["acme-net"]],
  ["user", "vcloud:UserRecord", ["acme-admin", "acme-author", "acme-user"]],
  [
    "adminUser",
    "vcloud:AdminUserRecord",
    ["acme-admin", "acme-author", "acme-user"],
  ],
  ["group", "vcloud:GroupRecord", ["q-group"]],
  ["adminGroup", "vcloud:AdminGroupRecord", ["q-group"]],
  ["disk", "vcloud:DiskRecord", ["q-disk"]],
  ["adminDisk", "vcloud:AdminDiskRecord", ["q-disk"]],
  [
    "orgVdcStorageProfile",
    "vcloud:OrgVdcStorageProfileRecord",
    ["Gold", "Silver"],
  ],
  [
    "adminOrgVdcStorageProfile",
    "vcloud:AdminOrgVdcStorageProfileRecord",
    ["Gold", "Silver"],
  ],
];

beforeAll(async () => {
  ({ sim, pkg } = await startSeeded({
    recordBodies: true,
    scale: { vapps: 3, vmsPerVApp: 2 },
  }));
  system = await UserSession.open(sim, pkg, sim.users[0]);
  admin = await sessionOf(sim, pkg, "acme-admin");
  user = await sessionOf(sim, pkg, "acme-user");
  const vdc = (await query(admin, "type=orgVdc")).Record![0].href as string;
  const disk = await admin.send(
    "POST",
    `${vdc}/disk`,
    "application/vnd.vmware.vcloud.diskCreateParams+xml",
    `<DiskCreateParams xmlns="${VCLOUD_NS}"><Disk name="q-disk" size="1048576"/></DiskCreateParams>`,
  );
  expect(disk.status, disk.body).toBe(201);
  const org = (await query(admin, "type=organization")).Record![0]
    .href as string;
  const group = await admin.send(
    "POST",
    `${org.replace("/api/org/", "/api/admin/org/")}/groups`,
    "application/vnd.vmware.admin.group+xml",
    `<Group xmlns="${VCLOUD_NS}" name="q-group"/>`,
  );
  expect(group.status, group.body).toBe(201);
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

describe("the simulator's query types", () => {
  it.each(KEPT)(
    "%s: its records, idrecords and references name the store's entities",
    async (type, element, expected) => {
      const records = await query(admin, `type=${type}&format=records`);
      expect(records.name).toBe(type);
      expect(records.total).toBe(String(expected.length));
      expect(new Set(records.Record!.map((r) => r.$element))).toEqual(
        new Set([element]),
      );
      expect(names(records)).toEqual([...expected].sort());
      for (const r of records.Record!)
        expect(r.href as string).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\//);
      const ids = await query(admin, `type=${type}&format=idrecords`);
      expect(names(ids)).toEqual([...expected].sort());
      for (const r of ids.Record!)
        // (a VDC storage profile's kind is vCD's `vdcstorageProfile`)
        expect(r.id as string).toMatch(/^urn:vcloud:[a-zA-Z]+:[0-9a-f-]{36}$/);
      const refs = await query(admin, `type=${type}&format=references`);
      expect(names(refs)).toEqual([...expected].sort());
      expect(refs.Reference!.map((r) => r.href).sort()).toEqual(
        records.Record!.map((r) => r.href).sort(),
      );
    },
  );

  it("record values come from the store: a scaled vApp's VDC, status and VMs", async () => {
    const vapp = (
      await query(admin, "type=adminVApp&filter=name==scale-vapp-000002")
    ).Record![0];
    expect(vapp).toMatchObject({
      vdcName: "acme-vdc",
      status: "POWERED_OFF",
      isDeployed: false,
      numberOfVMs: 2,
      memoryAllocationMB: 2048,
    });
    const vms = await query(
      admin,
      `type=adminVM&filter=container==${encodeURIComponent(vapp.href as string)}`,
    );
    expect(names(vms)).toEqual(["vm-1", "vm-2"]);
    expect(vms.Record![0].org).toBe(
      (await query(admin, "type=organization")).Record![0].href,
    );
    const disk = (await query(admin, "type=disk")).Record![0];
    expect(disk).toMatchObject({ sizeB: "1048576", vdcName: "acme-vdc" });
    const right = await query(
      admin,
      `type=right&filter=${encodeURIComponent("name==vApp: Power Operations")}`,
    );
    expect(right.Record![0]).toMatchObject({
      name: "vApp: Power Operations",
      category: "vApp",
    });
  });

  it("the system administrator's admin variants see every organization", async () => {
    expect(names(await query(system, "type=adminOrgVdc"))).toEqual([
      "acme-vdc",
      "globex-vdc",
    ]);
    expect((await query(system, "type=adminVApp")).total).toBe("3");
    expect(names(await query(system, "type=organization"))).toEqual([
      "System",
      "acme",
      "globex",
    ]);
    const globex = await sessionOf(sim, pkg, "globex-admin");
    expect((await query(globex, "type=adminVApp")).total).toBe("0");
    expect((await query(globex, "type=adminDisk")).total).toBe("0");
  });

  it("admin variants are refused to a vApp user (403), as vCD", async () => {
    for (const type of [
      "adminVApp",
      "adminVM",
      "adminOrgVdc",
      "adminGroup",
      "adminDisk",
      "adminUser",
    ]) {
      const r = await user.send("GET", `/query?type=${type}`);
      expect(r.status, type).toBe(403);
      expect(r.element).toBe("vcloud:Error");
    }
    expect((await query(user, "type=vApp")).total).toBe("0");
  });

  it("a type the simulator keeps nothing of answers an empty page of its records; an unknown type is a 400", async () => {
    for (const type of [
      "edgeGateway",
      "strandedItem",
      "externalNetwork",
    ])
      for (const format of ["records", "idrecords", "references"]) {
        const r = await system.send(
          "GET",
          `/query?type=${type}&format=${format}`,
        );
        expect(r.status, `${type} ${format}: ${r.body}`).toBe(200);
        expect(r.value!.total, `${type} ${format}`).toBe("0");
        expect(r.value!.name).toBe(type);
      }
    const list = await admin.get("/query", "vcloud:QueryList");
    const listed = new Set(list.Link!.map((l) => l.name));
    for (const type of ["edgeGateway", "adminVM", "disk", "right"])
      expect(listed.has(type), type).toBe(true);
    const unknown = await admin.send("GET", "/query?type=noSuchType");
    expect(unknown.status).toBe(400);
    expect(unknown.element).toBe("vcloud:Error");
    expect(unknown.value!.message).toContain(
      '"noSuchType" is not a query type',
    );
  });

  it("sends only schema-valid bodies (package validate and libxml2)", async () => {
    await expectAllValid(pkg, sim.sentBodies!);
  }, 60_000);
});
