/**
 * `uploadMedia` through the package's `transfer/node` entry against the simulator: an ISO from a
 * file on disk (read at positions into the pieces; downloaded back whole, the file closed) and a
 * floppy image from a stream, in pieces, with progress; the media ends with its
 * task done, its size and status as the simulator sets them. An aborted upload cancels the media's
 * task (the simulator removes it, the name is free again). A stream without a size is refused
 * before anything is sent.
 */
import {
  mkdtempSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../runtime/client/client.js";
import { startFixture, type Fixture, type Value } from "./client-fixture.js";
import { bytesOf, sha256 } from "./helpers.js";

let fx: Fixture;
let client: VcdClient;
let catalog: Value;
const dir = mkdtempSync(join(tmpdir(), "vcd-upload-media-"));

beforeAll(async () => {
  fx = await startFixture();
  client = await fx.client();
  catalog = await fx.catalog(client);
}, 60_000);

afterAll(async () => {
  await fx?.sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("uploadMedia", () => {
  it("uploads an ISO from a file on disk, in pieces, and the media's task ends", async () => {
    const iso = bytesOf(333_333, 11);
    writeFileSync(join(dir, "tools.iso"), iso);
    const reports: [number, number | undefined][] = [];
    const result = await fx.transfer.uploadMedia(client, catalog, {
      name: "tools.iso",
      description: "an ISO",
      imageType: "iso",
      file: { path: join(dir, "tools.iso") },
      pieceSize: 100_000,
      onProgress: (p) => reports.push([p.bytes, p.serverBytes]),
    });
    // After each piece (once the image is in, the upload is over: no File left to read).
    expect(reports).toEqual([
      [100_000, undefined],
      [200_000, undefined],
      [300_000, undefined],
      [333_333, undefined],
    ]);
    expect(result.media).toMatchObject({ name: "tools.iso", imageType: "iso" });
    expect(Number(result.media.size)).toBe(333_333);
    expect(Number(result.media.status)).toBe(1);
    expect(result.file).toEqual({
      name: "file",
      bytes: 333_333,
      checked: false,
    });
    // The file was read at positions into the pieces, whole and in order, and let go of after.
    const back = await fx.transfer.downloadMedia(
      client,
      result.media,
      join(dir, "tools-back.iso"),
    );
    expect(back.file.digest?.hex).toBe(sha256(iso));
    const open = readdirSync("/proc/self/fd").map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return "";
      }
    });
    expect(open).not.toContain(join(dir, "tools.iso"));
  });

  it("uploads a floppy image from a stream of known size", async () => {
    const floppy = bytesOf(1_474_560, 12);
    async function* chunks() {
      for (let i = 0; i < floppy.length; i += 65_536)
        yield new Uint8Array(floppy.subarray(i, i + 65_536));
    }
    const result = await fx.transfer.uploadMedia(client, catalog, {
      name: "boot.flp",
      imageType: "floppy",
      file: chunks(),
      size: floppy.length,
    });
    expect(result.media).toMatchObject({
      name: "boot.flp",
      imageType: "floppy",
    });
    expect(result.file.bytes).toBe(floppy.length);
  });

  it("an upload aborted mid-way cancels the media's task: the media is gone and its name may be used again", async () => {
    const iso = bytesOf(300_000, 13);
    const controller = new AbortController();
    const error = await fx.transfer
      .uploadMedia(client, catalog, {
        name: "aborted.iso",
        imageType: "iso",
        file: new Uint8Array(iso),
        pieceSize: 100_000,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.bytes >= 100_000) controller.abort();
        },
      })
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe("VcdTransferError");
    // The catalog's items of that name (the simulator removes the item with what it names).
    const named = async () =>
      (
        (((await client.get(catalog.href)).value as Value).CatalogItems
          ?.CatalogItem ?? []) as Value[]
      ).filter((item) => item.name === "aborted.iso");
    expect(await named()).toHaveLength(0);
    const again = await fx.transfer.uploadMedia(client, catalog, {
      name: "aborted.iso",
      imageType: "iso",
      file: new Uint8Array(iso),
    });
    expect(Number(again.media.status)).toBe(1);
    expect(await named()).toHaveLength(1);
  });

  it("a stream without a size is refused before anything is sent", async () => {
    async function* chunks() {
      yield new Uint8Array(10);
    }
    await expect(
      fx.transfer.uploadMedia(client, catalog, {
        name: "x.iso",
        imageType: "iso",
        file: chunks(),
      }),
    ).rejects.toMatchObject({
      name: "VcdRequestError",
      message: expect.stringMatching(/size is not known/),
    });
  });
});
