/**
 * The transfer service's byte ranges, as vCD has them: a piece must begin at the file's
 * `bytesTransferred` (416 with vCD's reason phrase and an empty body otherwise: out of order, a
 * repeat of a stored piece, an overlap), must not end past the file's size (416); a malformed
 * `Content-Range` or a body of another length than its range is 400, and so is a body without a
 * range longer than what the file lacks. A PUT cut off half-way keeps
 * what came, and the client resumes from `bytesTransferred`; the file's bytes are then the ones
 * sent (its digest checked through a manifest).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { sessionOf, startSeeded } from "../simulator/helpers/seeded.js";
import type { UserSession } from "../simulator/helpers/session.js";
import {
  bytesOf,
  descriptorOf,
  eventually,
  filesOf,
  put,
  putCutOff,
  putInPieces,
  sha256,
  startUpload,
  withDescriptor,
} from "./helpers.js";

let sim: Simulator;
let pkg: GeneratedPackage;
let admin: UserSession;
const disk = { name: "disk.vmdk", bytes: bytesOf(200_000, 7) };
let templateHref: string;
let diskHref: string;

beforeAll(async () => {
  ({ sim, pkg } = await startSeeded({}));
  admin = await sessionOf(sim, pkg, "acme-admin");
  ({ templateHref } = await startUpload(admin, "ranges", true));
  const files = await withDescriptor(
    admin,
    templateHref,
    descriptorOf([disk], ["vm"]),
  );
  diskHref = files.get("disk.vmdk")!.href;
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

const transferred = async () =>
  (await filesOf(admin, templateHref)).get("disk.vmdk")!.bytesTransferred;

const NOT_AT_LAST_BYTE =
  "Content-Range not satisifiable: Request must begin at the last byte stored";

describe("pieces of an upload", () => {
  it("a first piece that does not start at 0 is refused: 416, vCD's reason phrase, no body", async () => {
    const r = await put(admin, diskHref, disk.bytes, {
      start: 1000,
      end: 1999,
    });
    expect(r.status).toBe(416);
    expect(r.statusText).toBe(NOT_AT_LAST_BYTE);
    expect(await r.text()).toBe("");
    expect(await transferred()).toBe(0);
  });

  it("pieces in order move bytesTransferred", async () => {
    await putInPieces(admin, diskHref, disk.bytes, 25_000, 0, 50_000);
    expect(await transferred()).toBe(50_000);
  });

  it("a repeat of the last piece, an overlap and a gap are refused (416), nothing moves", async () => {
    for (const range of [
      { start: 25_000, end: 49_999 },
      { start: 40_000, end: 59_999 },
      { start: 50_001, end: 60_000 },
    ]) {
      const r = await put(admin, diskHref, disk.bytes, range);
      expect(r.status, `${range.start}-${range.end}`).toBe(416);
      expect(r.statusText).toBe(NOT_AT_LAST_BYTE);
    }
    expect(await transferred()).toBe(50_000);
  });

  it("a piece past the file's size is refused (416)", async () => {
    const r = await put(admin, diskHref, Buffer.alloc(200_010), {
      start: 50_000,
      end: 200_009,
      total: 200_000,
    });
    expect(r.status).toBe(416);
    expect(await transferred()).toBe(50_000);
  });

  it("a chunked PUT without Content-Range is bounded by the file's size: a longer body is 400, the file never past its size", async () => {
    const { templateHref: href } = await startUpload(admin, "unbounded");
    const small = { name: "small.vmdk", bytes: bytesOf(30_000, 8) };
    const files = await withDescriptor(
      admin,
      href,
      descriptorOf([small], ["vm"]),
    );
    const longer = Buffer.concat([small.bytes, Buffer.alloc(10_000)]);
    // A stream body: chunked, no Content-Length.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < longer.length; i += 10_000)
          controller.enqueue(new Uint8Array(longer.subarray(i, i + 10_000)));
        controller.close();
      },
    });
    const r = await fetch(files.get("small.vmdk")!.href, {
      method: "PUT",
      headers: {
        "x-vcloud-authorization": admin.headers["x-vcloud-authorization"],
      },
      body,
      duplex: "half",
      signal: AbortSignal.timeout(10_000),
    } as RequestInit);
    expect(r.status).toBe(400);
    expect(await r.text()).toContain("lacks");
    const held = (await filesOf(admin, href)).get("small.vmdk")!;
    expect(held.bytesTransferred).toBeLessThanOrEqual(small.bytes.length);
  });

  it("a malformed Content-Range, a total other than the size, a body longer than its range: 400", async () => {
    const token = admin.headers["x-vcloud-authorization"];
    const bad = await fetch(diskHref, {
      method: "PUT",
      headers: {
        "x-vcloud-authorization": token,
        "Content-Range": "50000-59999",
      },
      body: new Uint8Array(10_000),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("bytes first-last/total");
    const total = await put(admin, diskHref, disk.bytes, {
      start: 50_000,
      end: 59_999,
      total: 300_000,
    });
    expect(total.status).toBe(400);
    const longer = await fetch(diskHref, {
      method: "PUT",
      headers: {
        "x-vcloud-authorization": token,
        "Content-Range": `bytes 50000-50009/${disk.bytes.length}`,
      },
      body: new Uint8Array(disk.bytes.subarray(50_000, 50_100)),
    });
    expect(longer.status).toBe(400);
    expect(await transferred()).toBe(50_000);
  });

  it("a PUT cut off half-way keeps what came; the rest, sent from bytesTransferred, completes the file", async () => {
    await putCutOff(
      admin,
      diskHref,
      disk.bytes,
      { start: 50_000, end: 149_999 },
      30_000,
    );
    const reached = await eventually(transferred, (n) => n > 50_000);
    expect(reached).toBeLessThanOrEqual(80_000);
    // The service is free again (the cut-off PUT no longer holds the file).
    const last = await eventually(
      async () =>
        (
          await put(admin, diskHref, disk.bytes, {
            start: await transferred(),
            end: disk.bytes.length - 1,
          })
        ).status,
      (status) => status === 200,
    );
    expect(last).toBe(200);
    expect(await transferred()).toBe(200_000);
    // The manifest names the disk's SHA-256: the task succeeds only if the bytes kept are the ones sent.
    const manifest = Buffer.from(`SHA256(disk.vmdk)= ${sha256(disk.bytes)}\n`);
    const mf = (await filesOf(admin, templateHref)).get("descriptor.mf")!;
    const r = await put(admin, mf.href, manifest);
    expect(r.status, await r.text()).toBe(200);
    const template = await admin.get(templateHref, "vcloud:VAppTemplate");
    expect(Number(template.status)).toBe(8);
  });
});
