/**
 * Metadata of a vApp with raw HTTP: typed values (string, number, boolean, dateTime) added, read,
 * changed and removed through tasks; the domains and visibilities (SYSTEM and restricted entries
 * for the system administrator only, PRIVATE ones hidden from tenants); an invalid typed value
 * refused; a failed task changing nothing; every body valid.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { startSeeded, sessionOf, instantiateFirst } from "./helpers/seeded.js";
import {
  link,
  UserSession,
  VCLOUD_NS,
  type Entity,
} from "./helpers/session.js";
import { expectAllValid } from "./helpers/valid-bodies.js";

const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const MT = "application/vnd.vmware.vcloud.metadata+xml";
const VALUE_MT = "application/vnd.vmware.vcloud.metadata.value+xml";

let sim: Simulator;
let pkg: GeneratedPackage;
let admin: UserSession;
let system: UserSession;
let metadataHref: string;

const entry = (key: string, type: string, value: string, domain = "") =>
  `<MetadataEntry>${domain}<Key>${key}</Key><TypedValue xsi:type="${type}"><Value>${value}</Value></TypedValue></MetadataEntry>`;
const metadata = (...entries: string[]) =>
  `<Metadata xmlns="${VCLOUD_NS}" xmlns:xsi="${XSI}">${entries.join("")}</Metadata>`;
const value = (type: string, v: string) =>
  `<MetadataValue xmlns="${VCLOUD_NS}" xmlns:xsi="${XSI}"><TypedValue xsi:type="${type}"><Value>${v}</Value></TypedValue></MetadataValue>`;

type Entry = Entity & {
  Key: string;
  Domain: { $value: string; visibility: string };
  TypedValue: { $type: string; Value: unknown };
};
const entries = async (s: UserSession) =>
  ((await s.get(metadataHref, "vcloud:Metadata")).MetadataEntry ??
    []) as Entry[];
const byKey = async (s: UserSession) =>
  Object.fromEntries((await entries(s)).map((e) => [e.Key, e]));

beforeAll(async () => {
  ({ sim, pkg } = await startSeeded());
  admin = await sessionOf(sim, pkg, "acme-admin");
  system = await UserSession.open(sim, pkg, sim.users[0]);
  const r = await instantiateFirst(admin, "meta");
  metadataHref = link(await admin.get(r.value!.href), "down", MT).href;
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

describe("metadata of a vApp", () => {
  it("starts empty, with a link to add entries", async () => {
    const doc = await admin.get(metadataHref, "vcloud:Metadata");
    expect(doc.MetadataEntry ?? []).toEqual([]);
    expect(link(doc, "add", MT).href).toBe(metadataHref);
  });

  it("POST adds typed entries (a task); they read back with their types in the GENERAL domain", async () => {
    const task = await admin.task(
      "POST",
      metadataHref,
      MT,
      metadata(
        entry("team", "MetadataStringValue", "web"),
        entry("replicas", "MetadataNumberValue", "3"),
        entry("public", "MetadataBooleanValue", "true"),
        entry("expires", "MetadataDateTimeValue", "2030-01-01T00:00:00Z"),
      ),
    );
    expect(task.status).toBe("success");
    expect(task.operationName).toBe("metadataUpdate");
    const e = await byKey(admin);
    expect(Object.keys(e).sort()).toEqual([
      "expires",
      "public",
      "replicas",
      "team",
    ]);
    expect(e.team.TypedValue).toEqual({
      $type: "vcloud:MetadataStringValue",
      Value: "web",
    });
    expect(e.public.TypedValue).toEqual({
      $type: "vcloud:MetadataBooleanValue",
      Value: true,
    });
    expect(e.replicas.TypedValue.$type).toBe("vcloud:MetadataNumberValue");
    expect(String(e.replicas.TypedValue.Value)).toBe("3");
    expect(e.team.Domain).toEqual({
      $value: "GENERAL",
      visibility: "READWRITE",
    });
    expect(link(e.team, "edit", VALUE_MT).href).toBe(`${metadataHref}/team`);
  });

  it("one entry: GET, PUT a new value, DELETE (each write a task)", async () => {
    const one = await admin.get(
      `${metadataHref}/replicas`,
      "vcloud:MetadataValue",
    );
    expect(String((one.TypedValue as { Value: unknown }).Value)).toBe("3");
    expect(
      (
        await admin.task(
          "PUT",
          `${metadataHref}/replicas`,
          VALUE_MT,
          value("MetadataNumberValue", "5"),
        )
      ).status,
    ).toBe("success");
    expect(String((await byKey(admin)).replicas.TypedValue.Value)).toBe("5");
    expect((await admin.task("DELETE", `${metadataHref}/public`)).status).toBe(
      "success",
    );
    expect(Object.keys(await byKey(admin)).sort()).toEqual([
      "expires",
      "replicas",
      "team",
    ]);
    const gone = await admin.send("GET", `${metadataHref}/public`);
    expect(gone.status).toBe(403);
    expect(gone.value!.message).toContain('"public"');
  });

  it("refuses a value that is not of its type (400, the schema's words) and an untyped one", async () => {
    const r = await admin.send(
      "PUT",
      `${metadataHref}/replicas`,
      VALUE_MT,
      value("MetadataNumberValue", "many"),
    );
    expect(r.status).toBe(400);
    expect(r.element).toBe("vcloud:Error");
    expect(r.value!.message).toMatch(/cvc-datatype-valid|Value/);
    const untyped = await admin.send(
      "POST",
      metadataHref,
      MT,
      metadata("<MetadataEntry><Key>k</Key></MetadataEntry>"),
    );
    expect(untyped.status).toBe(400);
    expect(untyped.value!.message).toContain("needs a TypedValue");
  });

  it("SYSTEM domain and restricted visibility: the system administrator's; PRIVATE hidden from tenants", async () => {
    const system1 = entry(
      "billing",
      "MetadataStringValue",
      "gold",
      '<Domain visibility="READONLY">SYSTEM</Domain>',
    );
    const denied = await admin.send(
      "POST",
      metadataHref,
      MT,
      metadata(system1),
    );
    expect(denied.status).toBe(403);
    expect(
      (
        await system.task(
          "POST",
          metadataHref,
          MT,
          metadata(
            system1,
            entry(
              "secret",
              "MetadataStringValue",
              "x",
              '<Domain visibility="PRIVATE">SYSTEM</Domain>',
            ),
            entry(
              "frozen",
              "MetadataStringValue",
              "y",
              '<Domain visibility="READONLY">GENERAL</Domain>',
            ),
          ),
        )
      ).status,
    ).toBe("success");
    expect(Object.keys(await byKey(system))).toContain("secret");
    const tenant = await byKey(admin);
    expect(Object.keys(tenant)).not.toContain("secret");
    expect(tenant.billing.Domain).toEqual({
      $value: "SYSTEM",
      visibility: "READONLY",
    });
    expect(tenant.frozen.Link!.map((l) => l.rel)).toEqual(["up"]);
    const change = await admin.send(
      "PUT",
      `${metadataHref}/frozen`,
      VALUE_MT,
      value("MetadataStringValue", "z"),
    );
    expect(change.status).toBe(403);
  });

  it("a failed task changes nothing", async () => {
    sim.failNextTask(
      "metadataUpdate",
      "The metadata store is down (simulated).",
    );
    const task = await admin.task(
      "PUT",
      `${metadataHref}/team`,
      VALUE_MT,
      value("MetadataStringValue", "db"),
    );
    expect(task.status).toBe("error");
    expect((task.Error as { message: string }).message).toBe(
      "The metadata store is down (simulated).",
    );
    expect((await byKey(admin)).team.TypedValue.Value).toBe("web");
  });

  it("sends only schema-valid bodies (package validate and libxml2)", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});
