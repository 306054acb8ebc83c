/**
 * Where the bytes live and when they go: each simulator keeps them in its own temporary folder
 * (`transferFolder`); a DELETE of a template whose upload is open stops it at once (its transfer
 * URL answers 404, its bytes are removed, its catalog item gone), as does cancelling the upload's
 * task; `reset()` empties the folder and `close()` removes it.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { sessionOf, startSeeded } from "../simulator/helpers/seeded.js";
import type { Entity, UserSession } from "../simulator/helpers/session.js";
import {
  bytesOf,
  descriptorOf,
  put,
  putInPieces,
  startUpload,
  withDescriptor,
} from "./helpers.js";

let sim: Simulator;
let pkg: GeneratedPackage;
let admin: UserSession;
const disk = { name: "big.vmdk", bytes: bytesOf(120_000, 31) };

beforeAll(async () => {
  ({ sim, pkg } = await startSeeded({}));
  admin = await sessionOf(sim, pkg, "acme-admin");
}, 60_000);

let closed = false;
afterAll(async () => {
  if (!closed) await sim?.close();
});

/** Every file below the simulator's transfer folder (`<transfer>/<name>`), with its size. */
function spooled(): Map<string, number> {
  const found = new Map<string, number>();
  for (const entry of readdirSync(sim.transferFolder, {
    recursive: true,
    withFileTypes: true,
  }))
    if (entry.isFile())
      found.set(
        join(relative(sim.transferFolder, entry.parentPath), entry.name),
        statSync(join(entry.parentPath, entry.name)).size,
      );
  return found;
}

/** A template with its descriptor in and half of its disk sent: its href, item and disk's href. */
async function halfUploaded(name: string) {
  const { templateHref, item } = await startUpload(admin, name);
  const files = await withDescriptor(
    admin,
    templateHref,
    descriptorOf([disk], ["vm"]),
  );
  const diskHref = files.get(disk.name)!.href;
  await putInPieces(admin, diskHref, disk.bytes, 30_000, 0, 60_000);
  return { templateHref, item, diskHref };
}

describe("the transfer folder", () => {
  it("is the simulator's own, in the OS's temporary folder, and holds the bytes as they come", async () => {
    expect(sim.transferFolder.startsWith(tmpdir())).toBe(true);
    await halfUploaded("kept");
    const kept = spooled();
    expect([...kept.keys()].map((k) => k.split("/")[1]).sort()).toEqual([
      "big.vmdk",
      "descriptor.ovf",
    ]);
    expect([...kept].find(([k]) => k.endsWith("/big.vmdk"))?.[1]).toBe(60_000);
  });

  it("a DELETE of the template mid-transfer stops it: URL 404, bytes removed, item gone", async () => {
    const before = spooled().size;
    const { templateHref, item, diskHref } = await halfUploaded("deleted");
    expect(spooled().size).toBe(before + 2);
    const task = await admin.task("DELETE", templateHref);
    expect(task.status).toBe("success");
    expect(spooled().size).toBe(before);
    const r = await put(admin, diskHref, disk.bytes, {
      start: 60_000,
      end: 119_999,
    });
    expect(r.status).toBe(404);
    expect((await admin.send("GET", templateHref)).status).toBe(403);
    expect((await admin.send("GET", item.href)).status).toBe(403);
  });

  it("cancelling the upload's task does the same", async () => {
    const before = spooled().size;
    const { templateHref, diskHref } = await halfUploaded("cancelled");
    const t = await admin.get(templateHref, "vcloud:VAppTemplate");
    const task = (t.Tasks as { Task: Entity[] }).Task[0];
    const cancel = await admin.send("POST", `${task.href}/action/cancel`);
    expect(cancel.status).toBe(204);
    expect((await admin.get(task.href, "vcloud:Task")).status).toBe("aborted");
    expect(spooled().size).toBe(before);
    expect((await put(admin, diskHref, disk.bytes)).status).toBe(404);
    expect((await admin.send("GET", templateHref)).status).toBe(403);
  });

  it("reset() empties it; close() removes it", async () => {
    expect(spooled().size).toBeGreaterThan(0);
    sim.reset();
    expect(existsSync(sim.transferFolder)).toBe(true);
    expect(spooled().size).toBe(0);
    admin = await sessionOf(sim, pkg, "acme-admin");
    await halfUploaded("after-reset");
    expect(spooled().size).toBe(2);
    await sim.close();
    closed = true;
    expect(existsSync(sim.transferFolder)).toBe(false);
  });
});
