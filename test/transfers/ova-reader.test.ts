/**
 * The OVA reader against archives GNU tar writes (ustar, and pax for a long name), fed in small
 * chunks: the entries in order with their bytes, the unread rest of an entry skipped, and a
 * damaged archive (a header's checksum, an archive cut short) refused with the archive and offset.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UstarReader } from "../../runtime/transfer/ustar-reader.js";
import { VcdTransferError } from "../../runtime/transfer/transfer-error.js";

const dir = mkdtempSync(join(tmpdir(), "vcd-ova-reader-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bytes that differ at every offset (so that a shifted read shows). */
function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed * 7 + (i >> 8)) & 0xff;
  return out;
}

/** A tar made by GNU tar from the files, in the order given. */
function tarOf(
  files: Record<string, Uint8Array>,
  format: "ustar" | "pax",
): Uint8Array {
  const root = mkdtempSync(join(dir, "t-"));
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(root, name), content);
  const out = join(root, "out.tar");
  execFileSync("tar", [
    `--format=${format}`,
    "-cf",
    out,
    "-C",
    root,
    ...Object.keys(files),
  ]);
  return new Uint8Array(readFileSync(out));
}

async function* chunked(data: Uint8Array, size: number) {
  for (let i = 0; i < data.byteLength; i += size)
    yield data.subarray(i, i + size);
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: number[] = [];
  for await (const chunk of chunks) parts.push(...chunk);
  return new Uint8Array(parts);
}

const FILES = {
  "vm.ovf": new TextEncoder().encode("<Envelope/>"),
  "vm.mf": new TextEncoder().encode("SHA256(disk1.vmdk)= 00\n"),
  "disk1.vmdk": bytes(70_001, 1),
  "disk2.vmdk": bytes(512, 2),
  "empty.img": new Uint8Array(0),
};

describe("reading an OVA as a stream", () => {
  for (const chunk of [1, 7, 512, 100_000])
    it(`gives each entry in the archive's order with its bytes (chunks of ${chunk} bytes)`, async () => {
      const reader = new UstarReader(chunked(tarOf(FILES, "ustar"), chunk));
      const seen: [string, number, Uint8Array][] = [];
      for (let entry = await reader.next(); entry; entry = await reader.next())
        seen.push([entry.name, entry.size, await collect(entry.chunks)]);
      expect(seen.map(([name, size]) => [name, size])).toEqual(
        Object.entries(FILES).map(([name, data]) => [name, data.byteLength]),
      );
      for (const [name, , data] of seen)
        expect(
          Buffer.from(data).equals(
            Buffer.from(FILES[name as keyof typeof FILES]),
          ),
          name,
        ).toBe(true);
    });

  it("skips what is not read of an entry", async () => {
    const reader = new UstarReader(chunked(tarOf(FILES, "ustar"), 1000));
    const names: string[] = [];
    for (let entry = await reader.next(); entry; entry = await reader.next())
      names.push(entry.name);
    expect(names).toEqual(Object.keys(FILES));
  });

  it("takes a name longer than ustar's 100 bytes from a pax header", async () => {
    const long = `${"d".repeat(120)}.vmdk`;
    const reader = new UstarReader(
      chunked(tarOf({ [long]: bytes(3000, 3) }, "pax"), 333),
    );
    const entry = await reader.next();
    expect(entry?.name).toBe(long);
    expect((await collect(entry!.chunks)).byteLength).toBe(3000);
    expect(await reader.next()).toBeUndefined();
  });

  it("refuses a header whose checksum does not match, naming the archive and the offset", async () => {
    const tar = tarOf(FILES, "ustar");
    const damaged = tar.slice();
    damaged[512 + 512 + 10] ^= 0xff; // the second entry's header (after vm.ovf's header and one block)
    const reader = new UstarReader(chunked(damaged, 4096), "vm.ova");
    const first = await reader.next();
    expect(first?.name).toBe("vm.ovf");
    const error = await reader.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdTransferError);
    expect(error).toMatchObject({ file: "vm.ova", offset: 1024 });
    expect(String(error)).toMatch(/checksum/);
  });

  it("refuses an archive that ends inside an entry", async () => {
    const tar = tarOf(FILES, "ustar");
    const reader = new UstarReader(chunked(tar.subarray(0, 3000), 512));
    await reader.next();
    await reader.next();
    const third = await reader.next();
    expect(third?.name).toBe("disk1.vmdk");
    await expect(collect(third!.chunks)).rejects.toThrow(
      /ends inside an entry/,
    );
  });
});
