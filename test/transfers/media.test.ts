/**
 * A media image (ISO) up and down: the catalog's add link for media with a `Media` body answers 201
 * with the CatalogItem whose Entity is the new Media, UNRESOLVED (0) with one File `file` of the
 * declared size and its `upload:default` link, its task running; ranged PUTs complete it (status 1,
 * the task succeeds); `enableDownload` then serves the same bytes (`download:default`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { sessionOf, startSeeded } from "../simulator/helpers/seeded.js";
import {
  VCLOUD_NS,
  type Entity,
  type UserSession,
} from "../simulator/helpers/session.js";
import { expectAllValid } from "../simulator/helpers/valid-bodies.js";
import { bytesOf, get, putInPieces, sha256 } from "./helpers.js";

const MEDIA = "application/vnd.vmware.vcloud.media+xml";

let sim: Simulator;
let pkg: GeneratedPackage;
let admin: UserSession;
const iso = bytesOf(180_000, 21);

beforeAll(async () => {
  ({ sim, pkg } = await startSeeded());
  admin = await sessionOf(sim, pkg, "acme-admin");
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

type FileValue = Entity & {
  size: string | number;
  bytesTransferred: string | number;
};
const fileOf = (media: Entity): FileValue =>
  (media.Files as { File: FileValue[] }).File[0];

describe("upload and download a media image", () => {
  let mediaHref: string;

  it("creates the media UNRESOLVED (0), one File 'file' of its size with an upload link, its task running", async () => {
    const catalogs = (await admin.get("/query?type=catalog"))
      .Record as Entity[];
    const catalog = await admin.get(catalogs[0].href);
    const add = catalog.Link!.find((l) => l.rel === "add" && l.type === MEDIA)!;
    const r = await admin.send(
      "POST",
      add.href,
      MEDIA,
      `<Media xmlns="${VCLOUD_NS}" name="disk.iso" size="${iso.length}" imageType="iso"><Description>an ISO</Description></Media>`,
    );
    expect(r.status, r.body).toBe(201);
    expect(r.element).toBe("vcloud:CatalogItem");
    const entity = r.value!.Entity as Entity;
    expect(entity.type).toBe(MEDIA);
    mediaHref = entity.href;
    const media = await admin.get(mediaHref, "vcloud:Media");
    expect(Number(media.status)).toBe(0);
    const file = fileOf(media);
    expect([
      file.name,
      Number(file.size),
      Number(file.bytesTransferred),
    ]).toEqual(["file", iso.length, 0]);
    expect(file.Link![0].rel).toBe("upload:default");
    expect(new URL(file.Link![0].href).pathname).toMatch(
      /^\/transfer\/[0-9a-f-]{36}\/file$/,
    );
    const tasks = (media.Tasks as { Task: Entity[] }).Task;
    expect(tasks.map((t) => [t.operationName, t.status])).toEqual([
      ["vdcUploadMedia", "running"],
    ]);
  });

  it("ranged PUTs complete it: status 1 (resolved), the task succeeded, the Files gone", async () => {
    const media = await admin.get(mediaHref, "vcloud:Media");
    const task = (media.Tasks as { Task: Entity[] }).Task[0];
    await putInPieces(admin, fileOf(media).Link![0].href, iso, 64_000);
    const done = await admin.get(mediaHref, "vcloud:Media");
    expect(Number(done.status)).toBe(1);
    expect(done.Files).toBeUndefined();
    expect((await admin.get(task.href, "vcloud:Task")).status).toBe("success");
  });

  it("enableDownload serves the same bytes at download:default", async () => {
    const media = await admin.get(mediaHref, "vcloud:Media");
    const enable = media.Link!.find((l) => l.rel === "enable")!;
    expect((await admin.task("POST", enable.href)).status).toBe("success");
    const file = fileOf(await admin.get(mediaHref, "vcloud:Media"));
    expect(file.Link![0].rel).toBe("download:default");
    const r = await get(admin, file.Link![0].href);
    expect(r.status).toBe(200);
    expect(sha256(Buffer.from(await r.arrayBuffer()))).toBe(sha256(iso));
  });

  it("the catalog's records count it as media, not as a template", async () => {
    const records = (await admin.get("/query?type=catalog"))
      .Record as (Entity & {
      numberOfMedia: string | number;
      numberOfVAppTemplates: string | number;
    })[];
    expect(Number(records[0].numberOfMedia)).toBe(1);
    expect(Number(records[0].numberOfVAppTemplates)).toBe(1); // the seeded one
  });

  it("everything the simulator answered is schema-valid", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});
