/**
 * `uploadOvf` through the generated package (its `transfer/node` entry) against its simulator: an
 * OVF package of several files given as every kind of source (a Uint8Array, a Blob, a
 * ReadableStream, a file on disk), in pieces, with progress; an OVA (made by GNU tar) read as a
 * stream; a manifest checked by the client (a mismatch stops before the file is complete and
 * cancels the template's task) and by the simulator (with the client's check off, the task fails
 * with its Error). The template ends RESOLVED (8) with a VM per VirtualSystem, instantiable.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../runtime/client/client.js";
import { startFixture, type Fixture, type Value } from "./client-fixture.js";
import { bytesOf, descriptorOf, sha256 } from "./helpers.js";

let fx: Fixture;
let client: VcdClient;
let catalog: Value;
const dir = mkdtempSync(join(tmpdir(), "vcd-upload-ovf-"));

beforeAll(async () => {
  fx = await startFixture();
  client = await fx.client();
  catalog = await fx.catalog(client);
}, 60_000);

afterAll(async () => {
  await fx?.sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const disks = [
  { name: "disk1.vmdk", bytes: bytesOf(300_000, 1) },
  { name: "disk2.vmdk", bytes: bytesOf(123_457, 2) },
  { name: "disk3.vmdk", bytes: bytesOf(70_000, 3) },
  { name: "disk4.vmdk", bytes: bytesOf(5_000, 4) },
];
const descriptor = descriptorOf(disks, ["web", "db"]);

function streamOf(
  bytes: Uint8Array,
  chunk: number,
): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(at, at + chunk));
      at += chunk;
    },
  });
}

function manifestOf(files: { name: string; bytes: Uint8Array }[]): string {
  return files
    .map((f) => `SHA256(${f.name})= ${sha256(Buffer.from(f.bytes))}\n`)
    .join("");
}

describe("uploadOvf", () => {
  it("uploads a package of four files, each source of its own kind, in pieces, and the template resolves", async () => {
    writeFileSync(join(dir, "disk4.vmdk"), disks[3].bytes);
    const reports: {
      file: string;
      fileBytes: number;
      bytes: number;
      total?: number;
      serverBytes?: number;
    }[] = [];
    const result = await fx.transfer.uploadOvf(client, catalog, {
      name: "four-disks",
      description: "uploaded by uploadOvf",
      descriptor,
      files: {
        "disk1.vmdk": new Uint8Array(disks[0].bytes),
        "disk2.vmdk": new Blob([new Uint8Array(disks[1].bytes)]),
        "disk3.vmdk": { size: 70_000, stream: streamOf(disks[2].bytes, 9_999) },
        "disk4.vmdk": { path: join(dir, "disk4.vmdk") },
      },
      pieceSize: 64 * 1024,
      onProgress: (p) => reports.push(p),
    });
    expect(Number(result.template.status)).toBe(8);
    const vms = (result.template.Children as { Vm: Value[] }).Vm.map(
      (vm) => vm.name,
    );
    expect(vms).toEqual(["web", "db"]);
    expect(result.files.map((f) => [f.name, f.bytes])).toEqual([
      ["descriptor.ovf", Buffer.byteLength(descriptor)],
      ...disks.map((d) => [d.name, d.bytes.length]),
    ]);
    // Without a manifest nothing is hashed (nor checked).
    expect(result.files.filter((f) => f.digest || f.checked)).toEqual([]);
    // Progress: after each piece, growing, ending at the total of all the files.
    const total =
      Buffer.byteLength(descriptor) +
      disks.reduce((n, d) => n + d.bytes.length, 0);
    expect(reports.at(-1)).toMatchObject({
      file: "disk4.vmdk",
      bytes: total,
      total,
    });
    for (let i = 1; i < reports.length; i++)
      expect(reports[i].bytes).toBeGreaterThanOrEqual(reports[i - 1].bytes);
    // disk1 (300 000 bytes) went in five pieces of 64 KiB at most.
    expect(
      reports
        .filter((r) => r.file === "disk1.vmdk" && r.serverBytes === undefined)
        .map((r) => r.fileBytes),
    ).toEqual([65536, 131072, 196608, 262144, 300000]);
    // Each file's last report but the last file's is what the server says it holds, the whole
    // file (once the last is in, the upload is over and the template lists no file to upload).
    for (const d of disks.slice(0, -1))
      expect(reports.filter((r) => r.file === d.name).at(-1)).toMatchObject({
        fileBytes: d.bytes.length,
        serverBytes: d.bytes.length,
      });
  });

  it("the uploaded template can be instantiated", async () => {
    const result = await fx.transfer.uploadOvf(client, catalog, {
      name: "to-instantiate",
      descriptor: descriptorOf(disks.slice(0, 1), ["only"]),
      files: { "disk1.vmdk": new Uint8Array(disks[0].bytes) },
    });
    const records = (await fx.pkg.api.getVdcsQuery(client)) as {
      value: { Record: { href: string }[] };
    };
    const vdc = (await client.get(records.value.Record[0].href)).value as Value;
    const link = (vdc.Link as Value[]).find(
      (l) => l.rel === "add" && /instantiateVAppTemplateParams/.test(l.type),
    );
    const reply = (await fx.pkg.api.instantiateVAppTemplate(client, link, {
      element: "vcloud:InstantiateVAppTemplateParams",
      value: { name: "from-upload", Source: { href: result.template.href } },
    })) as { value: Value };
    const vapp = (await (
      await import("../../runtime/client/tasks.js")
    ).waitForTasks(client, reply.value as { href: string })) as Value;
    expect((vapp.Children as { Vm: Value[] }).Vm.map((vm) => vm.name)).toEqual([
      "only",
    ]);
  });

  it("an OVA (tar) is read as a stream: the descriptor, the manifest, the files in the archive's order", async () => {
    const root = mkdtempSync(join(dir, "ova-"));
    writeFileSync(join(root, "vm.ovf"), descriptor);
    writeFileSync(
      join(root, "vm.mf"),
      manifestOf([
        { name: "vm.ovf", bytes: Buffer.from(descriptor) },
        ...disks,
      ]),
    );
    for (const d of disks) writeFileSync(join(root, d.name), d.bytes);
    const order = ["disk3.vmdk", "disk1.vmdk", "disk4.vmdk", "disk2.vmdk"];
    execFileSync("tar", [
      "--format=ustar",
      "-cf",
      join(root, "vm.ova"),
      "-C",
      root,
      "vm.ovf",
      "vm.mf",
      ...order,
    ]);
    const result = await fx.transfer.uploadOvf(client, catalog, {
      name: "from-ova",
      ova: { path: join(root, "vm.ova") },
      pieceSize: 100_000,
    });
    expect(Number(result.template.status)).toBe(8);
    expect(result.files.map((f) => f.name)).toEqual([
      "descriptor.ovf",
      "descriptor.mf",
      ...order,
    ]);
    expect(result.files.filter((f) => f.checked).map((f) => f.name)).toEqual(
      order,
    );
    expect(
      result.files.filter((f) => f.checked).map((f) => f.digest?.hex),
    ).toEqual(order.map((n) => sha256(disks.find((d) => d.name === n)!.bytes)));
  });

  it("a file whose digest is not the manifest's: VcdTransferError naming it before its last piece, and the template's task cancelled", async () => {
    const wrong = manifestOf([
      disks[0],
      { name: "disk2.vmdk", bytes: bytesOf(123_457, 99) },
    ]);
    const pieces: string[] = [];
    const error = await fx.transfer
      .uploadOvf(client, catalog, {
        name: "bad-digest",
        descriptor: descriptorOf(disks.slice(0, 2), ["vm"]),
        files: {
          "disk1.vmdk": new Uint8Array(disks[0].bytes),
          "disk2.vmdk": {
            size: 123_457,
            stream: streamOf(disks[1].bytes, 50_000),
          },
        },
        manifest: wrong,
        pieceSize: 50_000,
        onProgress: (p) => pieces.push(`${p.file} ${p.fileBytes}`),
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(fx.transfer.VcdTransferError);
    expect(error).toMatchObject({
      name: "VcdTransferError",
      file: "disk2.vmdk",
    });
    expect((error as { digest: { actual: string } }).digest.actual).toBe(
      sha256(disks[1].bytes),
    );
    // Its last piece (100 000..123 456) was never sent.
    expect(pieces.filter((p) => p.startsWith("disk2"))).toEqual([
      "disk2.vmdk 50000",
      "disk2.vmdk 100000",
    ]);
    // The task was cancelled: the simulator removed the template (govcd's removeCatalogItemOnError).
    const href = (error as { entity: string }).entity;
    await expect(client.get(href)).rejects.toMatchObject({ status: 403 });
  });

  it("an upload aborted mid-way cancels the template's task: the template is gone and its name may be used again", async () => {
    const controller = new AbortController();
    const upload = (signal?: AbortSignal) =>
      fx.transfer.uploadOvf(client, catalog, {
        name: "aborted-ovf",
        descriptor: descriptorOf(disks.slice(0, 1), ["vm"]),
        files: { "disk1.vmdk": new Uint8Array(disks[0].bytes) },
        pieceSize: 50_000,
        signal,
        onProgress: (p) => {
          if (p.file === "disk1.vmdk" && p.fileBytes >= 50_000)
            controller.abort();
        },
      });
    const error = await upload(controller.signal).catch((e: unknown) => e);
    expect((error as Error).name).toBe("VcdTransferError");
    // The catalog's items of that name (the simulator removes the item with what it names).
    const named = async () =>
      (
        (((await client.get(catalog.href)).value as Value).CatalogItems
          ?.CatalogItem ?? []) as Value[]
      ).filter((item) => item.name === "aborted-ovf");
    expect(await named()).toHaveLength(0);
    const again = await upload();
    expect(Number(again.template.status)).toBe(8);
    expect(await named()).toHaveLength(1);
  });

  it("with the client's check off, the simulator's check fails the task with its Error (VcdTaskError)", async () => {
    const wrong = manifestOf([
      { name: "disk1.vmdk", bytes: bytesOf(300_000, 42) },
    ]);
    const error = await fx.transfer
      .uploadOvf(client, catalog, {
        name: "server-digest",
        descriptor: descriptorOf(disks.slice(0, 1), ["vm"]),
        files: { "disk1.vmdk": new Uint8Array(disks[0].bytes) },
        manifest: wrong,
        checkManifest: false,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "VcdTaskError", taskStatus: "error" });
    expect((error as { error?: { message: string } }).error?.message).toMatch(
      /disk1\.vmdk/,
    );
  });

  it("a descriptor that references a file not given is refused before anything is sent", async () => {
    await expect(
      fx.transfer.uploadOvf(client, catalog, {
        name: "missing",
        descriptor,
        files: { "disk1.vmdk": new Uint8Array(1) },
      }),
    ).rejects.toThrow(
      /references disk2\.vmdk, disk3\.vmdk, disk4\.vmdk, which files does not hold/,
    );
  });
});
