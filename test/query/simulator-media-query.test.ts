/**
 * The simulator's media query types over the media it keeps: an ISO uploaded through the transfer
 * service (the catalog's add link for media, ranged PUTs) is found by `media` and `adminMedia` in
 * every format with the store's values (name, size, status, owner, catalog and its item, VDC,
 * organization, busy while its upload's task runs); filtered by name; not seen by another tenant;
 * adminMedia is refused to a vApp user and sees every organization as the system administrator;
 * catalogItem lists media items too;
 * cancelling an upload's task removes the medium; every body it sent is valid (the package's
 * validate and libxml2).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { sessionOf, startSeeded } from "../simulator/helpers/seeded.js";
import {
  UserSession,
  VCLOUD_NS,
  type Entity,
} from "../simulator/helpers/session.js";
import { expectAllValid } from "../simulator/helpers/valid-bodies.js";
import { bytesOf, putInPieces } from "../transfers/helpers.js";

const MEDIA = "application/vnd.vmware.vcloud.media+xml";

let sim: Simulator;
let pkg: GeneratedPackage;
let system: UserSession;
let admin: UserSession;
let user: UserSession;
let globex: UserSession;
const iso = bytesOf(100_000, 7);

type Rec = Record<string, unknown> & { $element: string; href: string };
type Page = Entity & { total: string; Record?: Rec[]; Reference?: Rec[] };
const query = (s: UserSession, q: string) =>
  s.get(`/query?${q}`) as Promise<Page>;

/** Starts the upload of an ISO into acme's catalog: the media's href and its File's upload href. */
async function startIso(
  name: string,
  size: number,
): Promise<{ mediaHref: string; uploadHref: string; itemHref: string }> {
  const catalogs = (await admin.get("/query?type=catalog")).Record as Entity[];
  const catalog = await admin.get(catalogs[0].href);
  const add = catalog.Link!.find((l) => l.rel === "add" && l.type === MEDIA)!;
  const r = await admin.send(
    "POST",
    add.href,
    MEDIA,
    `<Media xmlns="${VCLOUD_NS}" name="${name}" size="${size}" imageType="iso"/>`,
  );
  expect(r.status, r.body).toBe(201);
  const mediaHref = (r.value!.Entity as Entity).href;
  const media = await admin.get(mediaHref, "vcloud:Media");
  const file = (media.Files as { File: Entity[] }).File[0];
  return { mediaHref, uploadHref: file.Link![0].href, itemHref: r.value!.href };
}

let done: { mediaHref: string; itemHref: string };
let pending: { mediaHref: string; itemHref: string };

beforeAll(async () => {
  ({ sim, pkg } = await startSeeded({ recordBodies: true }));
  system = await UserSession.open(sim, pkg, sim.users[0]);
  admin = await sessionOf(sim, pkg, "acme-admin");
  user = await sessionOf(sim, pkg, "acme-user");
  globex = await sessionOf(sim, pkg, "globex-admin");
  const first = await startIso("q-boot.iso", iso.length);
  await putInPieces(admin, first.uploadHref, iso, 40_000);
  done = first;
  pending = await startIso("q-pending.iso", 5_000);
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

describe("the simulator's media query types", () => {
  it("media: a record per medium with the store's values", async () => {
    const page = await query(admin, "type=media&format=records");
    expect(page.name).toBe("media");
    expect(page.total).toBe("2");
    const [boot, waiting] = [...page.Record!].sort((a, b) =>
      String(a.name).localeCompare(String(b.name)),
    );
    expect(boot.$element).toBe("vcloud:MediaRecord");
    expect(boot.href).toBe(done.mediaHref);
    const vdc = (await query(admin, "type=orgVdc")).Record![0];
    const org = (await query(admin, "type=organization")).Record![0];
    const catalog = (await query(admin, "type=catalog")).Record![0];
    const owner = (await query(admin, "type=user&filter=name==acme-admin"))
      .Record![0];
    expect(boot).toMatchObject({
      name: "q-boot.iso",
      storageB: String(iso.length),
      status: "RESOLVED",
      isBusy: false,
      isPublished: false,
      ownerName: "acme-admin",
      owner: owner.href,
      vdcName: "acme-vdc",
      vdc: vdc.href,
      org: org.href,
      catalogName: "acme-catalog",
      catalog: catalog.href,
      catalogItem: done.itemHref,
    });
    expect(Date.parse(String(boot.creationDate))).not.toBeNaN();
    expect(vdc.numberOfMedia).toBe(2);
    // The second one's upload has not begun: its task runs.
    expect(waiting).toMatchObject({
      name: "q-pending.iso",
      href: pending.mediaHref,
      storageB: "5000",
      status: "UNRESOLVED",
      isBusy: true,
    });
  });

  it("idrecords name it by URN, references by href, in both types", async () => {
    for (const type of ["media", "adminMedia"]) {
      const ids = await query(admin, `type=${type}&format=idrecords`);
      expect(ids.Record!.map((r) => r.name).sort(), type).toEqual([
        "q-boot.iso",
        "q-pending.iso",
      ]);
      for (const r of ids.Record!) {
        expect(r.id as string).toMatch(/^urn:vcloud:media:[0-9a-f-]{36}$/);
        expect(r.vdc as string).toMatch(/^urn:vcloud:vdc:/);
      }
      const refs = await query(admin, `type=${type}&format=references`);
      expect(new Set(refs.Reference!.map((r) => r.$element))).toEqual(
        new Set(["vcloud:MediaReference"]),
      );
      expect(refs.Reference!.map((r) => r.href).sort()).toEqual(
        [done.mediaHref, pending.mediaHref].sort(),
      );
      for (const r of refs.Reference!) expect(r.type).toBe(MEDIA);
    }
  });

  it("filters by name, sorts, selects fields", async () => {
    const byName = await query(admin, "type=media&filter=name==q-boot.iso");
    expect(byName.total).toBe("1");
    expect(byName.Record![0].href).toBe(done.mediaHref);
    const sorted = await query(
      admin,
      "type=media&sortDesc=storageB&fields=name,storageB",
    );
    expect(sorted.Record!.map((r) => [r.name, r.storageB])).toEqual([
      ["q-boot.iso", String(iso.length)],
      ["q-pending.iso", "5000"],
    ]);
    expect(sorted.Record![0].vdcName).toBeUndefined();
    const resolved = await query(
      admin,
      "type=adminMedia&filter=status==RESOLVED",
    );
    expect(resolved.Record!.map((r) => r.name)).toEqual(["q-boot.iso"]);
    expect(resolved.Record![0].$element).toBe("vcloud:AdminMediaRecord");
  });

  it("another tenant sees none of it; its vApp user sees it in media only", async () => {
    expect((await query(globex, "type=media")).total).toBe("0");
    expect((await query(globex, "type=adminMedia")).total).toBe("0");
    expect((await query(user, "type=media")).total).toBe("2");
    const r = await user.send("GET", "/query?type=adminMedia");
    expect(r.status).toBe(403);
    expect(r.element).toBe("vcloud:Error");
  });

  it("adminMedia: the system administrator sees every organization's", async () => {
    const page = await query(system, "type=adminMedia");
    expect(page.total).toBe("2");
    const org = (await query(admin, "type=organization")).Record![0];
    for (const r of page.Record!) expect(r.org).toBe(org.href);
  });

  it("catalogItem and adminCatalogItem list the media items beside the template's", async () => {
    for (const type of ["catalogItem", "adminCatalogItem"]) {
      const page = await query(admin, `type=${type}&format=idrecords`);
      const byName = new Map(page.Record!.map((r) => [r.name, r]));
      expect([...byName.keys()].sort(), type).toEqual([
        "photon-template",
        "q-boot.iso",
        "q-pending.iso",
      ]);
      expect(byName.get("q-boot.iso")).toMatchObject({
        entityType: "media",
        entityName: "q-boot.iso",
        status: "RESOLVED",
        vdcName: "acme-vdc",
        ownerName: "acme-admin",
      });
      expect(byName.get("q-boot.iso")!.entity).toBe(
        `urn:vcloud:media:${done.mediaHref.split("/").pop()}`,
      );
      expect(byName.get("q-pending.iso")!.status).toBe("UNRESOLVED");
      expect(byName.get("photon-template")!.entityType).toBe("vapptemplate");
    }
    const media = await query(
      admin,
      "type=catalogItem&filter=entityType==media&format=records",
    );
    expect(media.Record!.map((r) => r.href).sort()).toEqual(
      [done.itemHref, pending.itemHref].sort(),
    );
    expect((await query(globex, "type=catalogItem")).total).toBe("0");
  });

  it("cancelling an upload's task removes the medium and its catalog item: the queries no longer find it", async () => {
    const media = await admin.get(pending.mediaHref, "vcloud:Media");
    const task = (media.Tasks as { Task: Entity[] }).Task[0];
    const cancel = await admin.send("POST", `${task.href}/action/cancel`);
    expect(cancel.status).toBe(204);
    const page = await query(admin, "type=media");
    expect(page.Record!.map((r) => r.name)).toEqual(["q-boot.iso"]);
    expect((await query(system, "type=adminMedia")).total).toBe("1");
    const catalog = (await query(admin, "type=catalog")).Record![0];
    expect(catalog.numberOfMedia).toBe(1);
    expect((await query(admin, "type=orgVdc")).Record![0].numberOfMedia).toBe(
      1,
    );
    expect((await admin.send("GET", pending.mediaHref)).status).toBe(403);
  });

  it("sends only schema-valid bodies (package validate and libxml2)", async () => {
    await expectAllValid(pkg, sim.sentBodies!);
  }, 60_000);
});
