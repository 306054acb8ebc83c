/**
 * The events of administration that runs no task: a role and a user created, then deleted, by
 * acme's administrator are `role/create`, `user/create`, `user/delete`, `role/delete` events of
 * acme, by that administrator, about the entity, in the `event` query (and not in another
 * organization's). Every body sent valid (package and libxml2).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { sessionOf, startSeeded } from "./helpers/seeded.js";
import {
  link,
  VCLOUD_NS,
  type Entity,
  type UserSession,
} from "./helpers/session.js";
import { expectAllValid } from "./helpers/valid-bodies.js";

let sim: Simulator;
let pkg: GeneratedPackage;
let admin: UserSession;

beforeAll(async () => {
  ({ sim, pkg } = await startSeeded({ recordBodies: true }));
  admin = await sessionOf(sim, pkg, "acme-admin");
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

describe("administration events", () => {
  it("a role and a user created and deleted are events of their organization, by the administrator", async () => {
    const acme = ((await admin.get("/org")).Org as Entity[]).find(
      (o) => o.name === "acme",
    )!;
    const adminOrg = await admin.get(
      acme.href.replace("/org/", "/admin/org/"),
      "vcloud:AdminOrg",
    );
    const role = await admin.send(
      "POST",
      "/admin/roles",
      "application/vnd.vmware.admin.role+xml",
      `<Role xmlns="${VCLOUD_NS}" name="Auditor"><Description>Reads</Description><RightReferences><RightReference href="${sim.url}/admin/right/1" name="Organization: View" type="application/vnd.vmware.admin.right+xml"/></RightReferences></Role>`,
    );
    expect(role.status, role.body).toBe(201);
    const user = await admin.send(
      "POST",
      link(adminOrg, "add", "application/vnd.vmware.admin.user+xml").href,
      "application/vnd.vmware.admin.user+xml",
      `<User xmlns="${VCLOUD_NS}" name="milton"><FullName>Milton</FullName><IsEnabled>true</IsEnabled><Role href="${role.value!.href}"/><Password>s3cret-pw</Password></User>`,
    );
    expect(user.status, user.body).toBe(201);
    expect((await admin.send("DELETE", user.value!.href)).status).toBe(204);
    expect((await admin.send("DELETE", role.value!.href)).status).toBe(204);

    const page = await admin.get(
      "/query?type=event&format=records&pageSize=128",
    );
    const records = page.Record as Record<string, unknown>[];
    const of = (type: string) =>
      records.filter((r) => r.eventType === `com/vmware/vcloud/event/${type}`);
    for (const [type, name] of [
      ["role/create", "Auditor"],
      ["user/create", "milton"],
      ["user/delete", "milton"],
      ["role/delete", "Auditor"],
    ]) {
      const found = of(type);
      expect(found, type).toHaveLength(1);
      expect(found[0]).toMatchObject({
        entityName: name,
        entityType: type.split("/")[0],
        userName: "acme-admin",
        orgName: "acme",
        eventStatus: 0,
      });
    }
    // globex's administrator sees none of them
    const globex = await sessionOf(sim, pkg, "globex-admin");
    const theirs = (
      await globex.get("/query?type=event&format=records&pageSize=128")
    ).Record as Record<string, unknown>[] | undefined;
    expect(
      (theirs ?? []).filter((r) => String(r.eventType).includes("/role/")),
    ).toEqual([]);
  });

  it("every body sent is valid", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});
