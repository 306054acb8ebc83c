/**
 * Downloads through the package's `transfer/node` entry against the simulator: a template
 * uploaded with `uploadOvf` comes back with `downloadTemplate` (enableDownload, its task, the
 * descriptor, each file) into a folder, each file's SHA-256 the upload's; a media image with
 * `downloadMedia` to a path; a download whose connection breaks mid-way resumes with `Range` from
 * the byte it reached; an abort stops it with `VcdTransferError`.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../runtime/client/client.js";
import { startFixture, type Fixture, type Value } from "./client-fixture.js";
import { bytesOf, descriptorOf, sha256 } from "./helpers.js";

let fx: Fixture;
let client: VcdClient;
let catalog: Value;
let template: Value;
const dir = mkdtempSync(join(tmpdir(), "vcd-download-"));
const disks = [
  { name: "disk1.vmdk", bytes: bytesOf(250_000, 21) },
  { name: "disk2.vmdk", bytes: bytesOf(77_777, 22) },
];
const descriptor = descriptorOf(disks, ["vm"]);

beforeAll(async () => {
  fx = await startFixture();
  client = await fx.client();
  catalog = await fx.catalog(client);
  template = (
    await fx.transfer.uploadOvf(client, catalog, {
      name: "to-download",
      descriptor,
      files: Object.fromEntries(
        disks.map((d) => [d.name, new Uint8Array(d.bytes)]),
      ),
    })
  ).template;
}, 60_000);

afterAll(async () => {
  await fx?.sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("downloads", () => {
  it("downloadTemplate writes the descriptor and each file into a folder, each SHA-256 the upload's", async () => {
    const out = join(dir, "template");
    const reports: string[] = [];
    const result = await fx.transfer.downloadTemplate(client, template, out, {
      onProgress: (p) => reports.push(`${p.file} ${p.fileBytes}`),
    });
    expect(result.descriptor).toBe(descriptor);
    expect(readFileSync(join(out, "descriptor.ovf"), "utf8")).toBe(descriptor);
    for (const d of disks)
      expect(sha256(readFileSync(join(out, d.name))), d.name).toBe(
        sha256(d.bytes),
      );
    expect(result.files.map((f) => [f.name, f.bytes, f.digest?.hex])).toEqual([
      [
        "descriptor.ovf",
        Buffer.byteLength(descriptor),
        sha256(Buffer.from(descriptor)),
      ],
      ...disks.map((d) => [d.name, d.bytes.length, sha256(d.bytes)]),
    ]);
    expect(reports.at(-1)).toBe(`disk2.vmdk ${disks[1].bytes.length}`);
  });

  it("downloadMedia writes the image to a path, its SHA-256 the upload's", async () => {
    const iso = bytesOf(123_456, 23);
    const { media } = await fx.transfer.uploadMedia(client, catalog, {
      name: "down.iso",
      imageType: "iso",
      file: new Uint8Array(iso),
    });
    const path = join(dir, "media", "down.iso");
    const result = await fx.transfer.downloadMedia(client, media, path);
    expect(sha256(readFileSync(path))).toBe(sha256(iso));
    expect(result.file).toMatchObject({
      name: "file",
      bytes: iso.length,
      digest: { hex: sha256(iso) },
    });
  });

  it("a download whose connection breaks mid-way resumes with Range from the byte it reached", async () => {
    const ranges: (string | null)[] = [];
    let broken = false;
    const breaking: typeof fetch = async (input, init) => {
      const url = String(input);
      const response = await fetch(input, init);
      if (!url.endsWith("/disk1.vmdk")) return response;
      ranges.push(new Headers(init?.headers).get("range"));
      if (broken) return response;
      broken = true;
      // The body ends with an error after 100 000 bytes: as a connection reset does.
      const reader = response.body!.getReader();
      let passed = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await reader.read();
          if (next.done) return controller.close();
          const room = 100_000 - passed;
          if (room <= 0) {
            await reader.cancel();
            return controller.error(new TypeError("terminated"));
          }
          const chunk = next.value.subarray(0, room);
          passed += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      return new Response(body, {
        status: response.status,
        headers: response.headers,
      });
    };
    const c = await fx.client({ fetch: breaking });
    const out = join(dir, "resumed");
    await fx.transfer.downloadTemplate(c, template, out);
    expect(ranges).toEqual([null, "bytes=100000-"]);
    expect(sha256(readFileSync(join(out, "disk1.vmdk")))).toBe(
      sha256(disks[0].bytes),
    );
  });

  it("a sink that throws ends the download, not tried again, and the answer's body is cancelled", async () => {
    const iso = bytesOf(2_000_000, 24);
    const { media } = await fx.transfer.uploadMedia(client, catalog, {
      name: "sink-fails.iso",
      imageType: "iso",
      file: new Uint8Array(iso),
    });
    const gets: string[] = [];
    const watching: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).includes("/transfer/")) return response;
      gets.push(String(input));
      // The body as the client reads it, telling whether it was cancelled.
      const reader = response.body!.getReader();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await reader.read();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        },
        cancel(reason) {
          gets.push("cancelled");
          return reader.cancel(reason);
        },
      });
      return new Response(body, {
        status: response.status,
        headers: response.headers,
      });
    };
    const c = await fx.client({ fetch: watching });
    const error = await fx.transfer
      .downloadMedia(c, media, async () => {
        throw new Error("the disk is full");
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "VcdTransferError", file: "file" });
    expect(((error as Error).cause as Error).message).toBe("the disk is full");
    expect(gets).toHaveLength(2);
    expect(gets[1]).toBe("cancelled");
  });

  it("an abort stops a download with VcdTransferError naming the file", async () => {
    const controller = new AbortController();
    const sinks = (name: string) => {
      const hash = createHash("sha256");
      return async (chunk: Uint8Array) => {
        hash.update(chunk);
        if (name === "disk1.vmdk") controller.abort(new Error("enough"));
      };
    };
    const error = await fx.transfer
      .downloadTemplate(client, template, sinks, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "VcdTransferError",
      file: "disk1.vmdk",
    });
    expect((error as Error).cause).toMatchObject({ name: "VcdAbortError" });
  });
});
