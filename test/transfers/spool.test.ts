/**
 * The simulator's spool, where the transfer service keeps the bytes: a descriptor whose
 * `ovf:href` names no file ("." or "..", which would be the spool's folders) is refused with a 400
 * when it is read, the template's task still running; a PUT whose spool file cannot be opened
 * answers a 500 that does not name the simulator's temporary folder, and leaves the file free for
 * the next PUT (not busy, which would be a 416).
 */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { sessionOf, startSeeded } from "../simulator/helpers/seeded.js";
import type { UserSession } from "../simulator/helpers/session.js";
import {
  bytesOf,
  descriptorOf,
  filesOf,
  put,
  startUpload,
  withDescriptor,
} from "./helpers.js";

let sim: Simulator;
let pkg: GeneratedPackage;
let admin: UserSession;

beforeAll(async () => {
  ({ sim, pkg } = await startSeeded({}));
  admin = await sessionOf(sim, pkg, "acme-admin");
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

describe("the transfer service's spool", () => {
  for (const href of [".", ".."])
    it(`a descriptor with ovf:href "${href}" is refused (400) when it is read`, async () => {
      const { templateHref } = await startUpload(admin, `dots-${href.length}`);
      const files = await filesOf(admin, templateHref);
      const descriptor = descriptorOf(
        [{ name: href, bytes: bytesOf(1000, 1) }],
        ["vm"],
      );
      const r = await put(
        admin,
        files.get("descriptor.ovf")!.href,
        Buffer.from(descriptor, "utf8"),
      );
      expect(r.status).toBe(400);
      expect(await r.text()).toContain(
        `has ovf:href &quot;${href}&quot;, which names no file`,
      );
      // The descriptor starts over (a good one may be sent); nothing was listed for the bad name.
      const after = await filesOf(admin, templateHref);
      expect([...after.keys()]).toEqual(["descriptor.ovf"]);
      expect(after.get("descriptor.ovf")!.bytesTransferred).toBe(0);
    });

  it("a PUT whose spool file cannot be opened answers a 500 without the spool's path, and the file stays free", async () => {
    const disk = { name: "disk.vmdk", bytes: bytesOf(20_000, 2) };
    const { templateHref } = await startUpload(admin, "no-spool");
    const files = await withDescriptor(
      admin,
      templateHref,
      descriptorOf([disk], ["vm"]),
    );
    const href = files.get("disk.vmdk")!.href;
    // The transfer's folder in the spool (/transfer/<uuid>/<name>), taken away.
    const uuid = new URL(href).pathname.split("/")[2];
    const folder = join(sim.transferFolder, uuid);
    rmSync(folder, { recursive: true, force: true });
    const failed = await put(admin, href, disk.bytes);
    expect(failed.status).toBe(500);
    const text = await failed.text();
    expect(text).toContain("ENOENT");
    expect(text).not.toContain(sim.transferFolder);
    mkdirSync(folder);
    const again = await put(admin, href, disk.bytes);
    expect(again.status, await again.text()).toBe(200);
    // Complete: the template lists no file of it any more.
    expect((await filesOf(admin, templateHref)).get("disk.vmdk")).toBe(
      undefined,
    );
  });
});
