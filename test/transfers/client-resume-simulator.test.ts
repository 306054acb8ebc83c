/**
 * A transfer broken in the middle, against the simulator: the client's fetch is wrapped so that a
 * piece's body fails half-way (the connection ends mid-request, as a reset does); the client reads
 * the File's `bytesTransferred` from the template, sends the rest from there, and the simulator's
 * own manifest check passes on the bytes it holds. An abort stops the upload at once: the call
 * rejects, no piece follows, and the template's upload task is cancelled (the simulator removes it). The
 * transfer's overall timeout ends it with a `VcdTransferError` caused by `VcdTimeoutError`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFixture, type Fixture } from "./client-fixture.js";
import { bytesOf, descriptorOf, sha256 } from "./helpers.js";

let fx: Fixture;

beforeAll(async () => {
  fx = await startFixture();
}, 60_000);

afterAll(async () => {
  await fx?.sim.close();
});

const disk = { name: "disk1.vmdk", bytes: bytesOf(400_000, 7) };
const descriptor = descriptorOf([disk], ["vm"]);
const manifest = `SHA256(disk1.vmdk)= ${sha256(disk.bytes)}\n`;
const PIECE = 100_000;

interface Seen {
  range: string | null;
  /** Bytes the body gave fetch (read from it). */
  read: number;
  /** The piece came as a stream (the Node entry's body), not as bytes. */
  streamed: boolean;
}

/**
 * A fetch that hands transfer PUTs their body as a stream, read in 8 KiB steps, and can break one.
 * The piece comes as the Node entry sends it (a one-chunk stream) or as bytes (a browser's).
 */
function wrappedFetch(
  seen: Seen[],
  breakAt: (n: number) => number | undefined,
  onRead?: (n: number, read: number) => void,
): typeof fetch {
  return async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (
      init?.method !== "PUT" ||
      !url.includes("/transfer/") ||
      init.body === undefined ||
      init.body === null
    )
      return fetch(input, init);
    const streamed = !(init.body instanceof Uint8Array);
    const body =
      init.body instanceof Uint8Array
        ? init.body
        : new Uint8Array(await new Response(init.body).arrayBuffer());
    const n = seen.length;
    const entry: Seen = {
      range: new Headers(init.headers).get("content-range"),
      read: 0,
      streamed,
    };
    seen.push(entry);
    const cut = breakAt(n);
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (cut !== undefined && entry.read >= cut) {
          controller.error(new Error("the connection broke"));
          return;
        }
        if (entry.read >= body.byteLength) return controller.close();
        const chunk = body.subarray(entry.read, entry.read + 8192);
        entry.read += chunk.byteLength;
        controller.enqueue(chunk.slice());
        onRead?.(n, entry.read);
      },
    });
    const headers = new Headers(init.headers);
    headers.set("content-length", String(body.byteLength));
    return fetch(input, {
      ...init,
      headers,
      body: stream,
      duplex: "half",
    } as RequestInit);
  };
}

describe("a transfer broken in the middle, against the simulator", () => {
  it("resumes from the File's bytesTransferred, and the simulator's manifest check passes", async () => {
    const seen: Seen[] = [];
    // PUT 0 is the descriptor, 1 the manifest, 2 and 3 disk1's first pieces: 3 breaks after 40 960 bytes.
    const client = await fx.client({
      fetch: wrappedFetch(seen, (n) => (n === 3 ? 40_960 : undefined)),
    });
    const catalog = await fx.catalog(client);
    const result = await fx.transfer.uploadOvf(client, catalog, {
      name: "resumed",
      descriptor,
      files: { "disk1.vmdk": new Uint8Array(disk.bytes) },
      manifest,
      checkManifest: false, // the simulator checks the bytes it put together
      pieceSize: PIECE,
    });
    expect(Number(result.template.status)).toBe(8);
    const ranges = seen.map((s) => s.range);
    expect(ranges[3]).toBe("bytes 100000-199999/400000");
    const resumed = /^bytes (\d+)-199999\/400000$/.exec(ranges[4] ?? "");
    expect(resumed, String(ranges[4])).not.toBeNull();
    // The simulator kept what reached it of the broken piece: the rest starts past the piece's start.
    expect(Number(resumed![1])).toBeGreaterThan(100_000);
    expect(Number(resumed![1])).toBeLessThanOrEqual(140_960);
    expect(ranges.slice(5)).toEqual([
      "bytes 200000-299999/400000",
      "bytes 300000-399999/400000",
    ]);
    // The Node entry streams each piece (undici would copy a byte body whole).
    expect(seen.map((s) => s.streamed)).toEqual(seen.map(() => true));
  });

  it("an abort stops it at once: no piece after it, and the template's task is cancelled (the simulator removes it)", async () => {
    const seen: Seen[] = [];
    const controller = new AbortController();
    let abortedAt = 0;
    const client = await fx.client({
      fetch: wrappedFetch(
        seen,
        () => undefined,
        (n, read) => {
          // The abort comes while disk1's second piece is being read, 16 KiB into it.
          if (n !== 2 || read < 16_384 || abortedAt) return;
          abortedAt = Date.now();
          controller.abort(new Error("stop"));
        },
      ),
    });
    const catalog = await fx.catalog(client);
    const error = await fx.transfer
      .uploadOvf(client, catalog, {
        name: "aborted",
        descriptor,
        files: { "disk1.vmdk": new Uint8Array(disk.bytes) },
        pieceSize: PIECE,
        signal: controller.signal,
      })
      .catch((e: unknown) => e);
    expect(Date.now() - abortedAt).toBeLessThan(250);
    expect(error).toMatchObject({
      name: "VcdTransferError",
      file: "disk1.vmdk",
      offset: PIECE,
    });
    expect((error as Error).cause).toMatchObject({ name: "VcdAbortError" });
    // The abort cancelled the template's upload task: the simulator removed it (and its bytes).
    await expect(
      client.get((error as { entity: string }).entity),
    ).rejects.toMatchObject({ status: 403 });
    // No piece was sent after the abort.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen.length).toBe(3);
  });

  it("the transfer's overall timeout ends it: VcdTransferError caused by VcdTimeoutError", async () => {
    // The disk's PUTs never answer; each piece may take a minute, the whole upload 800 ms.
    const hanging: typeof fetch = (input, init) =>
      init?.method === "PUT" && String(input).endsWith("/disk1.vmdk")
        ? new Promise((_, reject) =>
            init.signal?.addEventListener("abort", () =>
              reject(init.signal!.reason),
            ),
          )
        : fetch(input, init);
    const client = await fx.client({ fetch: hanging });
    const catalog = await fx.catalog(client);
    const started = Date.now();
    const error = await fx.transfer
      .uploadOvf(client, catalog, {
        name: "timed-out",
        descriptor,
        files: { "disk1.vmdk": new Uint8Array(disk.bytes) },
        timeout: 800,
        pieceTimeout: 60_000,
      })
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error).toMatchObject({
      name: "VcdTransferError",
      file: "disk1.vmdk",
      offset: 0,
    });
    expect((error as Error).cause).toMatchObject({
      name: "VcdTimeoutError",
      timeout: 800,
    });
  });
});
