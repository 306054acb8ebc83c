/**
 * Events and the entity resolver, with raw HTTP: every login and every task that ends is an event
 * of vCD's type, read by the `event` query (the user's organization only) and `adminEvent` (every
 * organization for the system administrator); `GET /entity/{urn}` answers the Entity with its
 * alternate link for each kept kind, 404 for a URN naming nothing, 403 for another organization's
 * entity; every body sent is valid (the package's validate and libxml2).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { startSeeded, sessionOf } from "./helpers/seeded.js";
import { UserSession, VCLOUD_NS, type Entity } from "./helpers/session.js";
import { expectAllValid } from "./helpers/valid-bodies.js";

let sim: Simulator;
let pkg: GeneratedPackage;
let system: UserSession;
let admin: UserSession;

type Page = Entity & { total: string; Record?: Record<string, unknown>[] };
const query = (s: UserSession, q: string) =>
  s.get(`/query?${q}`) as Promise<Page>;
let diskHref = "";

beforeAll(async () => {
  ({ sim, pkg } = await startSeeded({ recordBodies: true }));
  system = await UserSession.open(sim, pkg, sim.users[0]);
  admin = await sessionOf(sim, pkg, "acme-admin");
  const vdc = (await query(admin, "type=orgVdc")).Record![0].href as string;
  const disk = await admin.send(
    "POST",
    `${vdc}/disk`,
    "application/vnd.vmware.vcloud.diskCreateParams+xml",
    `<DiskCreateParams xmlns="${VCLOUD_NS}"><Disk name="ev-disk" size="1048576"/></DiskCreateParams>`,
  );
  expect(disk.status, disk.body).toBe(201);
  diskHref = disk.value!.href;
  const task = /href="([^"]*\/api\/task\/[^"]+)"/.exec(disk.body)![1];
  await admin.waitFor({ href: task, name: "task" });
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

describe("events", () => {
  it("a login and a disk's creation are events of vCD's types, of the acting user's organization", async () => {
    const page = await query(admin, "type=event&format=records&pageSize=128");
    const types = page.Record!.map((r) => r.eventType);
    expect(types).toContain("com/vmware/vcloud/event/session/login");
    expect(types).toContain("com/vmware/vcloud/event/disk/create");
    const created = page.Record!.find(
      (r) => r.eventType === "com/vmware/vcloud/event/disk/create",
    )!;
    expect(created).toMatchObject({
      eventStatus: 0,
      userName: "acme-admin",
      orgName: "acme",
      entityType: "disk",
      entityName: "ev-disk",
      serviceNamespace: "com.vmware.vcloud",
    });
    // the System administrator's login is not acme's
    expect(page.Record!.every((r) => r.orgName === "acme")).toBe(true);
  });

  it("adminEvent: the system administrator sees every organization's", async () => {
    const page = await query(system, "type=adminEvent&format=records");
    const orgs = new Set(page.Record!.map((r) => r.orgName));
    expect(orgs).toEqual(new Set(["System", "acme"]));
    // the admin record alone has the event's id (QueryResultAdminEventRecordType)
    for (const r of page.Record!)
      expect(r.eventId as string).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("the entity resolver", () => {
  it("answers the Entity with its alternate link for each kept kind", async () => {
    const kinds: [string, string][] = [
      ["organization", "urn:vcloud:org:"],
      ["orgVdc", "urn:vcloud:vdc:"],
      ["catalog", "urn:vcloud:catalog:"],
      ["vAppTemplate", "urn:vcloud:vapptemplate:"],
      ["user", "urn:vcloud:user:"],
      ["disk", "urn:vcloud:disk:"],
      ["orgVdcNetwork", "urn:vcloud:network:"],
    ];
    for (const [type, prefix] of kinds) {
      const record = (await query(admin, `type=${type}&format=idrecords`))
        .Record![0];
      const id = record.id as string;
      expect(id.startsWith(prefix), `${type} ${id}`).toBe(true);
      const href = (
        await query(
          admin,
          `type=${type}&format=records&filter=name==${String(record.name)}`,
        )
      ).Record![0].href;
      const entity = await admin.get(`/entity/${id}`, "vcloud:Entity");
      expect(entity.id).toBe(id);
      const alternate = entity.Link!.find((l) => l.rel === "alternate")!;
      expect(alternate.href, type).toBe(href);
      const followed = await admin.send("GET", alternate.href);
      expect(followed.status, `${type}: ${followed.body}`).toBe(200);
    }
    const disk = await admin.get(diskHref);
    const viaUrn = await admin.get(
      `/entity/${String(disk.id)}`,
      "vcloud:Entity",
    );
    expect(viaUrn.Link!.find((l) => l.rel === "alternate")!.href).toBe(
      diskHref,
    );
  });

  it("a URN naming nothing is a 404; another organization's entity a 403", async () => {
    const missing = await admin.send(
      "GET",
      "/entity/urn:vcloud:vdc:aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
    );
    expect(missing.status, missing.body).toBe(404);
    expect(missing.element).toBe("vcloud:Error");
    expect(missing.value!.minorErrorCode).toBe("RESOURCE_NOT_FOUND");
    const systemOrg = (
      await query(
        system,
        "type=organization&format=idrecords&filter=name==System",
      )
    ).Record![0].id as string;
    const other = await admin.send("GET", `/entity/${systemOrg}`);
    expect(other.status, other.body).toBe(403);
    expect(other.value!.minorErrorCode).toBe("ACCESS_TO_RESOURCE_IS_FORBIDDEN");
  });

  it("sends only schema-valid bodies (package validate and libxml2)", async () => {
    await expectAllValid(pkg, sim.sentBodies!);
  }, 60_000);
});
