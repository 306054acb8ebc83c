/**
 * Downloads, vCD's way: a template's `enable` link (`enableDownload`) is a task; then its `Files`
 * carry `download:default` links (`/transfer/{uuid}/descriptor.ovf`, each file beside it) serving
 * what was uploaded: the whole file (200, its sha256 the upload's) or a `Range` (206 with
 * `Content-Range`; 416 past the end); `disableDownload` closes those URLs (404). A seeded template,
 * never uploaded, serves a descriptor with a virtual system per VM.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { sessionOf, startSeeded } from "../simulator/helpers/seeded.js";
import type { Entity, UserSession } from "../simulator/helpers/session.js";
import { expectAllValid } from "../simulator/helpers/valid-bodies.js";
import {
  bytesOf,
  descriptorOf,
  filesOf,
  get,
  put,
  putInPieces,
  sha256,
  startUpload,
  withDescriptor,
} from "./helpers.js";

let sim: Simulator;
let pkg: GeneratedPackage;
let admin: UserSession;
const disks = [
  { name: "disk1.vmdk", bytes: bytesOf(250_000, 11) },
  { name: "disk2.vmdk", bytes: bytesOf(70_001, 12) },
];
const descriptor = descriptorOf(disks, ["one"]);
let templateHref: string;

beforeAll(async () => {
  ({ sim, pkg } = await startSeeded());
  admin = await sessionOf(sim, pkg, "acme-admin");
  ({ templateHref } = await startUpload(admin, "to-download"));
  const files = await withDescriptor(admin, templateHref, descriptor);
  for (const d of disks)
    await putInPieces(admin, files.get(d.name)!.href, d.bytes, 100_000);
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

async function enable(
  href: string,
): Promise<Map<string, { href: string; rel: string; size: number }>> {
  const t = await admin.get(href, "vcloud:VAppTemplate");
  const link = t.Link!.find((l) => l.rel === "enable")!;
  expect(link.href).toMatch(/\/action\/enableDownload$/);
  const task = await admin.task("POST", link.href);
  expect(task.status).toBe("success");
  return filesOf(admin, href);
}

describe("download a vApp template as OVF", () => {
  let files: Map<string, { href: string; rel: string; size: number }>;

  it("enableDownload is a task; then Files carry download:default links, the descriptor's at .../descriptor.ovf", async () => {
    files = await enable(templateHref);
    expect([...files.keys()]).toEqual([
      "descriptor.ovf",
      "disk1.vmdk",
      "disk2.vmdk",
    ]);
    for (const f of files.values()) expect(f.rel).toBe("download:default");
    const d = new URL(files.get("descriptor.ovf")!.href);
    expect(d.pathname).toMatch(/^\/transfer\/[0-9a-f-]{36}\/descriptor\.ovf$/);
    expect(new URL(files.get("disk1.vmdk")!.href).pathname).toBe(
      d.pathname.replace("descriptor.ovf", "disk1.vmdk"),
    );
  });

  it("GET serves what was uploaded: the descriptor, and each disk with the upload's sha256", async () => {
    const r = await get(admin, files.get("descriptor.ovf")!.href);
    expect(r.status).toBe(200);
    expect(await r.text()).toBe(descriptor);
    for (const d of disks) {
      const g = await get(admin, files.get(d.name)!.href);
      expect(g.status).toBe(200);
      expect(g.headers.get("accept-ranges")).toBe("bytes");
      expect(g.headers.get("content-length")).toBe(String(d.bytes.length));
      expect(sha256(Buffer.from(await g.arrayBuffer()))).toBe(sha256(d.bytes));
    }
  });

  it("a Range is honoured (206 with Content-Range), one past the end is 416", async () => {
    const href = files.get("disk1.vmdk")!.href;
    const r = await get(admin, href, "bytes=1000-1999");
    expect(r.status).toBe(206);
    expect(r.headers.get("content-range")).toBe("bytes 1000-1999/250000");
    expect(Buffer.from(await r.arrayBuffer())).toEqual(
      disks[0].bytes.subarray(1000, 2000),
    );
    const rest = await get(admin, href, "bytes=200000-");
    expect(rest.status).toBe(206);
    expect(Buffer.from(await rest.arrayBuffer())).toEqual(
      disks[0].bytes.subarray(200_000),
    );
    const past = await get(admin, href, "bytes=250000-");
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe("bytes */250000");
  });

  it("a download's URL takes no PUT", async () => {
    const r = await put(admin, files.get("disk1.vmdk")!.href, Buffer.from("x"));
    expect(r.status).toBe(403);
  });

  it("disableDownload closes the URLs (404) and the Files go", async () => {
    const t = await admin.get(templateHref, "vcloud:VAppTemplate");
    const link = t.Link!.find((l) => l.rel === "disable")!;
    const r = await admin.send("POST", link.href);
    expect(r.status).toBe(204);
    expect((await get(admin, files.get("disk1.vmdk")!.href)).status).toBe(404);
    expect((await filesOf(admin, templateHref)).size).toBe(0);
    // Enabled again: the same bytes, at a new transfer.
    const again = await enable(templateHref);
    expect(again.get("disk1.vmdk")!.href).not.toBe(
      files.get("disk1.vmdk")!.href,
    );
    const g = await get(admin, again.get("disk2.vmdk")!.href);
    expect(sha256(Buffer.from(await g.arrayBuffer()))).toBe(
      sha256(disks[1].bytes),
    );
  });

  it("a seeded template, never uploaded, serves a descriptor with a VirtualSystem per VM", async () => {
    const items = (await admin.get("/query?type=catalogItem"))
      .Record as Entity[];
    const seeded = items.find((i) => i.name === "photon-template")!;
    const seededFiles = await enable(seeded.entity as string);
    expect([...seededFiles.keys()]).toEqual(["descriptor.ovf"]);
    const text = await (
      await get(admin, seededFiles.get("descriptor.ovf")!.href)
    ).text();
    expect(text).toContain(
      'xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"',
    );
    expect(text).toContain("<ovf:Name>photon</ovf:Name>");
  });

  it("everything the simulator answered is schema-valid", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});
