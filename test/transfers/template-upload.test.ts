/**
 * Uploading an OVF package to create a vApp template, by hand with fetch against the simulator's
 * transfer service: the template starts UNRESOLVED (status 0) with one file, `descriptor.ovf`; its
 * PUT lists the disks the descriptor references; ranged PUTs move `bytesTransferred`; when all are
 * complete the task succeeds, the template is RESOLVED (8) with a VM per VirtualSystem and can be
 * instantiated. Every XML body the simulator sent is schema-valid.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { sessionOf, startSeeded } from "../simulator/helpers/seeded.js";
import {
  INSTANTIATE_TYPE,
  instantiateBody,
  type Entity,
  type UserSession,
} from "../simulator/helpers/session.js";
import { expectAllValid } from "../simulator/helpers/valid-bodies.js";
import {
  bytesOf,
  descriptorOf,
  filesOf,
  put,
  putInPieces,
  startUpload,
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
  { name: "disk1.vmdk", bytes: bytesOf(300_000, 1) },
  { name: "disk2.vmdk", bytes: bytesOf(123_457, 2) },
];

describe("upload an OVF package of two disks", () => {
  let templateHref: string;
  let task: Entity;

  it("creates the template UNRESOLVED (0) with descriptor.ovf to upload and its task running", async () => {
    ({ templateHref } = await startUpload(admin, "uploaded-two-disks"));
    const t = await admin.get(templateHref, "vcloud:VAppTemplate");
    expect(Number(t.status)).toBe(0);
    expect(t.ovfDescriptorUploaded).toBe(false);
    const tasks = (t.Tasks as { Task: Entity[] }).Task;
    expect(tasks.map((x) => [x.operationName, x.status])).toEqual([
      ["vdcUploadOvfContents", "running"],
    ]);
    task = tasks[0];
    const files = await filesOf(admin, templateHref);
    expect([...files.keys()]).toEqual(["descriptor.ovf"]);
    const d = files.get("descriptor.ovf")!;
    expect(d.rel).toBe("upload:default");
    expect(d.bytesTransferred).toBe(0);
    expect(new URL(d.href).pathname).toMatch(
      /^\/transfer\/[0-9a-f-]{36}\/descriptor\.ovf$/,
    );
    expect(new URL(d.href).origin).toBe(new URL(sim.url).origin);
  });

  it("the descriptor's PUT lists the files it references, with their sizes", async () => {
    const files = await filesOf(admin, templateHref);
    const descriptor = Buffer.from(descriptorOf(disks, ["web", "db"]), "utf8");
    const r = await put(admin, files.get("descriptor.ovf")!.href, descriptor);
    expect(r.status, await r.text()).toBe(200);
    const after = await filesOf(admin, templateHref);
    expect(
      [...after.values()].map((f) => [f.name, f.size, f.bytesTransferred]),
    ).toEqual([
      ["descriptor.ovf", descriptor.length, descriptor.length],
      ["disk1.vmdk", 300_000, 0],
      ["disk2.vmdk", 123_457, 0],
    ]);
    const t = await admin.get(templateHref, "vcloud:VAppTemplate");
    expect(t.ovfDescriptorUploaded).toBe(true);
    expect(Number(t.status)).toBe(0);
  });

  it("ranged PUTs move bytesTransferred; the task runs until the last byte", async () => {
    const files = await filesOf(admin, templateHref);
    await putInPieces(
      admin,
      files.get("disk1.vmdk")!.href,
      disks[0].bytes,
      65_536,
    );
    const mid = await filesOf(admin, templateHref);
    expect(mid.get("disk1.vmdk")!.bytesTransferred).toBe(300_000);
    expect(mid.get("disk2.vmdk")!.bytesTransferred).toBe(0);
    const running = await admin.get(task.href, "vcloud:Task");
    expect(running.status).toBe("running");
    await putInPieces(
      admin,
      files.get("disk2.vmdk")!.href,
      disks[1].bytes,
      50_000,
    );
    const done = await admin.get(task.href, "vcloud:Task");
    expect(done.status).toBe("success");
  });

  it("the template is RESOLVED (8), a VM per VirtualSystem, no Files left, and instantiable", async () => {
    const t = await admin.get(templateHref, "vcloud:VAppTemplate");
    expect(Number(t.status)).toBe(8);
    expect(t.Files).toBeUndefined();
    const vms = (t.Children as { Vm: Entity[] }).Vm;
    expect(vms.map((v) => v.name)).toEqual(["web", "db"]);
    const vdcs = (await admin.get("/query?type=orgVdc")).Record as Entity[];
    const r = await admin.send(
      "POST",
      `${vdcs[0].href}/action/instantiateVAppTemplate`,
      INSTANTIATE_TYPE,
      instantiateBody("from-upload", templateHref),
    );
    expect(r.status, r.body).toBe(201);
    const made = await admin.waitFor(
      (r.value!.Tasks as { Task: Entity[] }).Task[0],
    );
    expect(made.status).toBe("success");
    const vapp = await admin.get(r.value!.href, "vcloud:VApp");
    expect(
      ((vapp.Children as { Vm: Entity[] }).Vm ?? []).map((v) => v.name),
    ).toEqual(["web", "db"]);
  });

  it("everything the simulator answered is schema-valid", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});
