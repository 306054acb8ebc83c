/**
 * Metadata of a vApp through the generated client: typed values (string, number, boolean,
 * dateTime) added with one task and read back with their types in the GENERAL domain; one value
 * read, changed and deleted through its links; the SYSTEM domain and restricted visibilities (only
 * the system administrator writes them; a tenant sees READONLY entries without edit links and no
 * PRIVATE ones; a SYSTEM entry changed by posting it again, a read-only one deleted by him). Each step asserts on the state the simulator ends in; every body it sent is
 * validated by libxml2.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../../runtime/client/client.js";
import { loadPackage } from "../../helpers/generated-packages.js";
import { expectAllValid } from "../helpers/valid-bodies.js";
import {
  clientAs,
  instantiate,
  startWorkflow,
  tenant,
  type Value,
  type Workflow,
} from "./harness.js";

const MT = "application/vnd.vmware.vcloud.metadata+xml";
const VALUE_MT = "application/vnd.vmware.vcloud.metadata.value+xml";

let w: Workflow;
let system: VcdClient;
let metadataLink: Value;

const entry = (
  key: string,
  type: string,
  value: string | boolean,
  domain?: { $value: string; visibility: string },
) => ({
  ...(domain ? { Domain: domain } : {}),
  Key: key,
  TypedValue: { $type: `vcloud:${type}`, Value: value },
});
/** The entries by key, as the tenant administrator (or `client`) reads them. */
async function entries(client?: VcdClient): Promise<Record<string, Value>> {
  const doc = client
    ? await w.pkg.api.getVAppMetadata(client, metadataLink)
    : await w.call("getVAppMetadata", metadataLink);
  return Object.fromEntries(
    (((doc.value as Value).MetadataEntry as Value[]) ?? []).map((e) => [
      e.Key,
      e,
    ]),
  );
}

beforeAll(async () => {
  w = await startWorkflow();
  await w.loginAs("Organization Administrator");
  const { vdc, templateHref } = await tenant(w);
  const vapp = await instantiate(w, vdc, templateHref, "meta");
  metadataLink = w.link(vapp, "down", MT);
  system = await clientAs(w, w.sim.users[0]);
}, 60_000);
afterAll(() => w?.close());

describe("metadata of a vApp through the client", () => {
  it("starts empty; typed entries added with one task read back with their types", async () => {
    const doc = (await w.call("getVAppMetadata", metadataLink)).value;
    expect(doc.MetadataEntry ?? []).toEqual([]);
    const task = await w.call("createVAppMetadata", w.link(doc, "add", MT), {
      MetadataEntry: [
        entry("team", "MetadataStringValue", "web"),
        entry("replicas", "MetadataNumberValue", "3"),
        entry("public", "MetadataBooleanValue", true),
        entry("expires", "MetadataDateTimeValue", "2030-01-01T00:00:00Z"),
      ],
    });
    expect(task.status).toBe(202);
    expect((await w.done(task.value)).operationName).toBe("metadataUpdate");
    const e = await entries();
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
    expect(Number(e.replicas.TypedValue.Value)).toBe(3);
    expect(e.expires.TypedValue.$type).toBe("vcloud:MetadataDateTimeValue");
    expect(Date.parse(e.expires.TypedValue.Value)).toBe(
      Date.parse("2030-01-01T00:00:00Z"),
    );
    expect(e.team.Domain).toEqual({
      $value: "GENERAL",
      visibility: "READWRITE",
    });
  });

  it("one value: read, changed and deleted through its links (each write a task)", async () => {
    const replicas = (await entries()).replicas;
    const one = await w.call(
      "getVAppMetadataByKey",
      w.link(replicas, "edit", VALUE_MT),
    );
    expect(one.element).toBe("vcloud:MetadataValue");
    expect(Number(one.value.TypedValue.Value)).toBe(3);
    await w.done(
      (
        await w.call(
          "updateVAppMetadataByKey",
          w.link(replicas, "edit", VALUE_MT),
          { TypedValue: { $type: "vcloud:MetadataNumberValue", Value: "5" } },
        )
      ).value,
    );
    expect(Number((await entries()).replicas.TypedValue.Value)).toBe(5);
    const pub = (await entries()).public;
    await w.done(
      (await w.call("deleteVAppMetadataByKey", w.link(pub, "remove"))).value,
    );
    expect(Object.keys(await entries()).sort()).toEqual([
      "expires",
      "replicas",
      "team",
    ]);
    await expect(
      w.call("getVAppMetadataByKey", w.link(pub, "edit", VALUE_MT)),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("refuses a number that is not one (the client checks it before sending)", async () => {
    const replicas = (await entries()).replicas;
    await expect(
      w.call("updateVAppMetadataByKey", w.link(replicas, "edit", VALUE_MT), {
        TypedValue: { $type: "vcloud:MetadataNumberValue", Value: "many" },
      }),
    ).rejects.toThrow(/TypedValue.Value/);
    expect(Number((await entries()).replicas.TypedValue.Value)).toBe(5);
  });

  it("SYSTEM and restricted entries: the system administrator's; PRIVATE hidden from the tenant", async () => {
    const billing = entry("billing", "MetadataStringValue", "gold", {
      $value: "SYSTEM",
      visibility: "READONLY",
    });
    await expect(
      w.call("createVAppMetadata", metadataLink, { MetadataEntry: [billing] }),
    ).rejects.toMatchObject({ status: 403 });
    const task = await w.pkg.api.createVAppMetadata(system, metadataLink, {
      MetadataEntry: [
        billing,
        entry("secret", "MetadataStringValue", "x", {
          $value: "SYSTEM",
          visibility: "PRIVATE",
        }),
        entry("frozen", "MetadataStringValue", "y", {
          $value: "GENERAL",
          visibility: "READONLY",
        }),
      ],
    });
    await w.done(task.value);
    const seen = await entries(system);
    expect(Object.keys(seen)).toEqual(
      expect.arrayContaining(["billing", "secret", "frozen", "team"]),
    );
    expect(seen.secret.Domain).toEqual({
      $value: "SYSTEM",
      visibility: "PRIVATE",
    });
    const tenantView = await entries();
    expect(Object.keys(tenantView)).not.toContain("secret");
    expect(tenantView.billing.Domain).toEqual({
      $value: "SYSTEM",
      visibility: "READONLY",
    });
    expect(tenantView.frozen.Link.map((l: Value) => l.rel)).toEqual(["up"]);
    const frozenHref = w.link(seen.frozen, "edit", VALUE_MT);
    await expect(
      w.call("updateVAppMetadataByKey", frozenHref, {
        TypedValue: { $type: "vcloud:MetadataStringValue", Value: "z" },
      }),
    ).rejects.toMatchObject({ status: 403 });
    expect((await entries()).frozen.TypedValue.Value).toBe("y");
  });

  it("the system administrator changes a SYSTEM entry (posted again) and deletes a read-only one", async () => {
    // 30.0 has no /vApp/{id}/metadata/{domain}/{key}: SYSTEM entries are changed by POSTing them.
    const task = await w.pkg.api.createVAppMetadata(system, metadataLink, {
      MetadataEntry: [
        entry("billing", "MetadataStringValue", "platinum", {
          $value: "SYSTEM",
          visibility: "READONLY",
        }),
      ],
    });
    await w.done(task.value);
    expect((await entries()).billing.TypedValue.Value).toBe("platinum");
    const frozen = (await entries(system)).frozen;
    const removed = await w.pkg.api.deleteVAppMetadataByKey(
      system,
      w.link(frozen, "remove"),
    );
    await w.done(removed.value);
    expect(Object.keys(await entries(system)).sort()).toEqual([
      "billing",
      "expires",
      "replicas",
      "secret",
      "team",
    ]);
    expect(Object.keys(await entries()).sort()).toEqual([
      "billing",
      "expires",
      "replicas",
      "team",
    ]);
  });

  it("every body the simulator sent is valid (package validate and libxml2)", async () => {
    await expectAllValid(await loadPackage("30.0"), w.sim.sentBodies);
  });
});
