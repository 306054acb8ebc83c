/**
 * The OVF descriptor and manifest of an upload: a descriptor that is not an OVF envelope is refused
 * (400, naming why) and can be sent again; with `manifestRequired="true"` the template lists
 * `descriptor.mf` once the descriptor is in, and each file is checked against it: a digest that does
 * not match fails the template's task with its Error (naming the file and both digests) and the
 * template is FAILED_CREATION (-1); digests that match (SHA-256 or SHA-1) let it resolve.
 */
import { createHash } from "node:crypto";
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
  put,
  sha256,
  startUpload,
  withDescriptor,
} from "./helpers.js";

let sim: Simulator;
let pkg: GeneratedPackage;
let admin: UserSession;

beforeAll(async () => {
  ({ sim, pkg } = await startSeeded());
  admin = await sessionOf(sim, pkg, "acme-admin");
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

const disks = [
  { name: "a.vmdk", bytes: bytesOf(40_000, 3) },
  { name: "b.vmdk", bytes: bytesOf(30_000, 4) },
];
const descriptor = descriptorOf(disks, ["vm"]);

const taskOf = async (href: string): Promise<Entity> =>
  (
    (await admin.get(href, "vcloud:VAppTemplate")).Tasks as {
      Task: Entity[];
    }
  ).Task[0];

describe("the descriptor", () => {
  it("one that is not an OVF envelope is refused (400), and a good one may follow", async () => {
    const { templateHref } = await startUpload(admin, "not-ovf");
    const href = (await filesOf(admin, templateHref)).get(
      "descriptor.ovf",
    )!.href;
    const notXml = await put(admin, href, Buffer.from("<ovf:Envelope"));
    expect(notXml.status).toBe(400);
    expect(await notXml.text()).toContain("not well-formed XML");
    const notOvf = await put(
      admin,
      href,
      Buffer.from('<Envelope xmlns="urn:other"/>'),
    );
    expect(notOvf.status).toBe(400);
    expect(await notOvf.text()).toContain(
      "http://schemas.dmtf.org/ovf/envelope/1",
    );
    const files = await withDescriptor(admin, templateHref, descriptor);
    expect([...files.keys()]).toEqual(["descriptor.ovf", "a.vmdk", "b.vmdk"]);
  });
});

describe("the manifest", () => {
  it("is listed as descriptor.mf after the descriptor when the upload asks for one", async () => {
    const { templateHref } = await startUpload(admin, "with-mf", true);
    const files = await withDescriptor(admin, templateHref, descriptor);
    expect([...files.keys()]).toEqual([
      "descriptor.ovf",
      "a.vmdk",
      "b.vmdk",
      "descriptor.mf",
    ]);
    expect(files.get("descriptor.mf")!.size).toBe(-1);
  });

  it("a file whose digest does not match fails the task with its Error; the template is -1", async () => {
    const { templateHref } = await startUpload(admin, "mismatch", true);
    const files = await withDescriptor(admin, templateHref, descriptor);
    const task = await taskOf(templateHref);
    const wrong = sha256(Buffer.from("other bytes"));
    const manifest = `SHA256(package.ovf)= ${sha256(Buffer.from(descriptor))}\nSHA256(a.vmdk)= ${sha256(disks[0].bytes)}\nSHA256(b.vmdk)= ${wrong}\n`;
    for (const [name, bytes] of [
      ["descriptor.mf", Buffer.from(manifest)],
      ["a.vmdk", disks[0].bytes],
    ] as const) {
      const r = await put(admin, files.get(name)!.href, bytes);
      expect(r.status, name).toBe(200);
    }
    expect((await admin.get(task.href, "vcloud:Task")).status).toBe("running");
    const r = await put(admin, files.get("b.vmdk")!.href, disks[1].bytes);
    expect(r.status).toBe(200);
    const failed = await admin.get(task.href, "vcloud:Task");
    expect(failed.status).toBe("error");
    const error = failed.Error as { message: string; majorErrorCode: unknown };
    expect(error.message).toContain('"b.vmdk"');
    expect(error.message).toContain(wrong);
    expect(error.message).toContain(sha256(disks[1].bytes));
    const template = await admin.get(templateHref, "vcloud:VAppTemplate");
    expect(Number(template.status)).toBe(-1);
    expect(template.Files).toBeUndefined();
  });

  it("digests that match (SHA-1 here, the descriptor's too) let the template resolve", async () => {
    const { templateHref } = await startUpload(admin, "matching", true);
    const files = await withDescriptor(admin, templateHref, descriptor);
    const sha1 = (b: Buffer) => createHash("sha1").update(b).digest("hex");
    const manifest = [
      `SHA1(package.ovf)= ${sha1(Buffer.from(descriptor))}`,
      ...disks.map((d) => `SHA1(${d.name})= ${sha1(d.bytes)}`),
    ].join("\n");
    for (const d of disks) {
      const r = await put(admin, files.get(d.name)!.href, d.bytes);
      expect(r.status).toBe(200);
    }
    const mf = await put(
      admin,
      files.get("descriptor.mf")!.href,
      Buffer.from(manifest),
    );
    expect(mf.status).toBe(200);
    const template = await admin.get(templateHref, "vcloud:VAppTemplate");
    expect(Number(template.status)).toBe(8);
  });

  it("a descriptor that does not match the manifest's .ovf entry fails the task too", async () => {
    const { templateHref } = await startUpload(admin, "bad-ovf-digest", true);
    const files = await withDescriptor(admin, templateHref, descriptor);
    const task = await taskOf(templateHref);
    const r = await put(
      admin,
      files.get("descriptor.mf")!.href,
      Buffer.from(`SHA256(package.ovf)= ${sha256(Buffer.from("x"))}\n`),
    );
    expect(r.status).toBe(200);
    const failed = await admin.get(task.href, "vcloud:Task");
    expect(failed.status).toBe("error");
    expect((failed.Error as { message: string }).message).toContain(
      '"package.ovf"',
    );
  });

  it("everything the simulator answered is schema-valid", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});
