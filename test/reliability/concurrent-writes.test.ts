/**
 * Under concurrent writes nothing is lost. The ordering: an entity is busy while its task runs, and
 * a second write to it is refused with BUSY_ENTITY (as vCD answers it), so the writes accepted on
 * one entity apply one after the other, in the order they were accepted. Checked directly (a rename
 * takes effect; a metadata DELETE right after a PUT of the same key is BUSY_ENTITY, and once
 * accepted removes the key), then under a bounded load (8 clients for 3 s renaming vApps and
 * writing and deleting their metadata: bench/simulator-load.ts) with a consistency check at the end:
 * every vApp's name and key is what its last successful write made it, no two vApps share a name,
 * and nothing else failed. A vApp's name stays unique in its VDC under concurrent renames: a rename
 * holds its new name while its task runs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeLoad } from "../../bench/simulator-load.js";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { VCLOUD_NS, type UserSession } from "../simulator/helpers/session.js";
import { errorOf, newVApp, sessionOf, startWith } from "./helpers/simulator.js";

const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const VAPP_MT = "application/vnd.vmware.vcloud.vApp+xml";
const VALUE_MT = "application/vnd.vmware.vcloud.metadata.value+xml";

let sim: Simulator;
/** Tasks of 1 s steps (polls move them on): a task runs until polled, whatever the machine's speed. */
let slow: Simulator;
let pkg: GeneratedPackage;
let admin: UserSession;

beforeAll(async () => {
  ({ sim, pkg } = await startWith({ taskStepMs: 5 }));
  ({ sim: slow } = await startWith({ taskStepMs: 1000 }));
  admin = await sessionOf(slow, pkg, "acme-admin");
}, 60_000);

afterAll(async () => {
  await sim?.close();
  await slow?.close();
});

const rename = (name: string, description = "") =>
  `<VApp xmlns="${VCLOUD_NS}" name="${name}"><Description>${description}</Description></VApp>`;
const value = (v: string) =>
  `<MetadataValue xmlns="${VCLOUD_NS}" xmlns:xsi="${XSI}"><TypedValue xsi:type="MetadataStringValue"><Value>${v}</Value></TypedValue></MetadataValue>`;

function busy(r: { status: number; body: string }) {
  expect(r.status, r.body).toBe(400);
  const error = errorOf(pkg, r.body);
  expect(error.minor).toBe("BUSY_ENTITY");
  expect(error.message).toMatch(/is busy completing an operation\.$/);
}

describe("the ordering of writes to one entity", () => {
  it("PUT /vApp/{id} renames the vApp in a task; a second write while it runs is BUSY_ENTITY", async () => {
    const vapp = await newVApp(admin, "order-1");
    const first = await admin.send(
      "PUT",
      vapp,
      VAPP_MT,
      rename("order-1b", "new"),
    );
    expect(first.status, first.body).toBe(202);
    expect(first.value!.operationName).toBe("vappUpdateVapp");
    busy(await admin.send("PUT", vapp, VAPP_MT, rename("order-1c")));
    busy(await admin.send("PUT", `${vapp}/metadata/k`, VALUE_MT, value("v")));
    expect((await admin.waitFor(first.value!)).status).toBe("success");
    const now = await admin.get(vapp, "vcloud:VApp");
    expect(now.name).toBe("order-1b");
    expect(now.Description).toBe("new");
  });

  it("an operation outside the stateful core on a vApp has the vApp's own task: busy both ways", async () => {
    // POST /vApp/{id}/action/discardSuspendedState has no handler of its own (the fallback's
    // task): it waits for the vApp's rename, and the vApp is busy while it runs.
    const vapp = await newVApp(admin, "order-5");
    const discard = `${vapp}/action/discardSuspendedState`;
    const renaming = await admin.send("PUT", vapp, VAPP_MT, rename("order-5b"));
    expect(renaming.status, renaming.body).toBe(202);
    busy(await admin.send("POST", discard));
    await admin.waitFor(renaming.value!);
    const discarding = await admin.send("POST", discard);
    expect(discarding.status, discarding.body).toBe(202);
    expect(discarding.value!.Owner).toMatchObject({ href: vapp });
    busy(await admin.send("PUT", vapp, VAPP_MT, rename("order-5c")));
    expect((await admin.waitFor(discarding.value!)).status).toBe("success");
    expect((await admin.get(vapp, "vcloud:VApp")).name).toBe("order-5b");
  });

  it("refuses a name another vApp of the VDC has (DUPLICATE_NAME)", async () => {
    const vapp = await newVApp(admin, "order-2");
    await newVApp(admin, "order-2-taken");
    const r = await admin.send("PUT", vapp, VAPP_MT, rename("order-2-taken"));
    expect(r.status, r.body).toBe(400);
    expect(errorOf(pkg, r.body).minor).toBe("DUPLICATE_NAME");
  });

  it("a running rename holds its name: a second rename or a new vApp to it is DUPLICATE_NAME, until it ends", async () => {
    const a = await newVApp(admin, "order-4a");
    const b = await newVApp(admin, "order-4b");
    const first = await admin.send("PUT", a, VAPP_MT, rename("order-4-same"));
    expect(first.status, first.body).toBe(202);
    const second = await admin.send("PUT", b, VAPP_MT, rename("order-4-same"));
    expect(second.status, second.body).toBe(400);
    expect(errorOf(pkg, second.body).minor).toBe("DUPLICATE_NAME");
    await expect(newVApp(admin, "order-4-same")).rejects.toThrow(
      /DUPLICATE_NAME/,
    );
    expect((await admin.waitFor(first.value!)).status).toBe("success");
    const named = await admin.get("/query?type=vApp&filter=name==order-4-same");
    expect((named.Record as unknown[] | undefined)?.length).toBe(1);
    // The old name is free once the rename is done.
    const back = await admin.send("PUT", b, VAPP_MT, rename("order-4a"));
    expect(back.status, back.body).toBe(202);
    expect((await admin.waitFor(back.value!)).status).toBe("success");
  });

  it("a metadata DELETE right after a PUT of the same key is BUSY_ENTITY; accepted after, it removes the key", async () => {
    const vapp = await newVApp(admin, "order-3");
    const key = `${vapp}/metadata/k`;
    const put = await admin.send("PUT", key, VALUE_MT, value("one"));
    expect(put.status, put.body).toBe(202);
    busy(await admin.send("DELETE", key));
    expect((await admin.waitFor(put.value!)).status).toBe("success");
    const again = await admin.send("PUT", key, VALUE_MT, value("two"));
    expect((await admin.waitFor(again.value!)).status).toBe("success");
    const del = await admin.send("DELETE", key);
    expect(del.status, del.body).toBe(202);
    expect((await admin.waitFor(del.value!)).status).toBe("success");
    expect((await admin.send("GET", key)).status).toBe(403);
  });
});

describe("a bounded load of concurrent writes", () => {
  it("loses nothing: 8 clients for 3 s, every vApp as its last successful write left it", async () => {
    const load = await writeLoad({
      url: sim.url,
      user: sim.users.find((u) => u.name === "acme-admin")!,
      fromXml: (xml) => pkg.fromXml(xml),
      clients: 8,
      vapps: 4,
      seconds: 3,
    });
    expect(load.errors).toEqual([]);
    expect(load.lost).toEqual([]);
    expect(load.shared).toEqual([]);
    // The load did write and did meet busy entities (else the check proves little).
    expect(load.applied).toBeGreaterThan(50);
    expect(load.busy).toBeGreaterThan(0);
    expect(load.duplicate).toBeGreaterThan(0);
  });
});
