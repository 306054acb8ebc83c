/**
 * Provisioning with raw HTTP: owners of a vApp, its template and a catalog (only an organization
 * administrator changes them, to a user of the same organization), and access control of a catalog
 * and a vApp (the owner or an administrator sets it; levels and subjects checked), asserting on what
 * the simulator keeps and shows in its queries; every body valid.
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

const OWNER = "application/vnd.vmware.vcloud.owner+xml";
const ACCESS = "application/vnd.vmware.vcloud.controlAccess+xml";

let sim: Simulator;
let pkg: GeneratedPackage;
let admin: UserSession;
let author: UserSession;
let users: Record<string, string>;
let catalog: Entity;
let vapp: Entity;

const as = (name: string) => sessionOf(sim, pkg, name);
const owner = (href: string) =>
  `<Owner xmlns="${VCLOUD_NS}"><User href="${href}"/></Owner>`;
const access = (
  everyone: string | undefined,
  ...settings: [string, string][]
) =>
  `<ControlAccessParams xmlns="${VCLOUD_NS}"><IsSharedToEveryone>${everyone !== undefined}</IsSharedToEveryone>${everyone ? `<EveryoneAccessLevel>${everyone}</EveryoneAccessLevel>` : ""}${settings.length ? `<AccessSettings>${settings.map(([href, level]) => `<AccessSetting><Subject href="${href}"/><AccessLevel>${level}</AccessLevel></AccessSetting>`).join("")}</AccessSettings>` : ""}</ControlAccessParams>`;

beforeAll(async () => {
  ({ sim, pkg } = await startSeeded());
  admin = await as("acme-admin");
  author = await as("acme-author");
  const list = (await admin.get("/query?type=adminUser")).Record as Entity[];
  users = Object.fromEntries(list.map((u) => [u.name, u.href]));
  const catalogs = (await admin.get("/query?type=catalog")).Record as Entity[];
  catalog = await admin.get(catalogs[0].href, "vcloud:Catalog");
  const r = await instantiateFirst(author, "shared");
  vapp = await author.get(r.value!.href, "vcloud:VApp");
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

describe("owners and access control", () => {
  it("a vApp's owner: its creator; only an administrator changes it, to a user of the organization", async () => {
    const ownerHref = link(vapp, "down", OWNER).href;
    const now = await author.get(ownerHref, "vcloud:Owner");
    expect((now.User as Entity).name).toBe("acme-author");
    expect(
      (await author.send("PUT", ownerHref, OWNER, owner(users["acme-user"])))
        .status,
    ).toBe(403);
    const globex = (
      (await (await as("globex-admin")).get("/query?type=adminUser"))
        .Record as Entity[]
    )[0];
    const foreign = await admin.send(
      "PUT",
      ownerHref,
      OWNER,
      owner(globex.href),
    );
    expect(foreign.status).toBe(400);
    expect(foreign.value!.message).toContain(
      "a user of the entity's organization",
    );
    expect(
      (await admin.send("PUT", ownerHref, OWNER, owner(users["acme-user"])))
        .status,
    ).toBe(204);
    expect(((await admin.get(ownerHref)).User as Entity).name).toBe(
      "acme-user",
    );
    const record = (
      (await admin.get("/query?type=vApp&filter=name==shared"))
        .Record as Entity[]
    )[0];
    expect(record.ownerName).toBe("acme-user");
  });

  it("the template's owner, and a catalog's owner changed by the administrator", async () => {
    const item = (
      (await admin.get("/query?type=catalogItem")).Record as Entity[]
    )[0];
    const t = await admin.get(`${item.entity as string}/owner`, "vcloud:Owner");
    expect((t.User as Entity).name).toBe("acme-admin");
    const catalogOwner =
      catalog.href.replace("/catalog/", "/admin/catalog/") + "/owner";
    expect(
      ((await admin.get(catalogOwner, "vcloud:Owner")).User as Entity).name,
    ).toBe("acme-admin");
    expect(
      (
        await admin.send(
          "PUT",
          catalogOwner,
          OWNER,
          owner(users["acme-author"]),
        )
      ).status,
    ).toBe(204);
    expect(((await admin.get(catalogOwner)).User as Entity).name).toBe(
      "acme-author",
    );
    const record = (
      (await admin.get("/query?type=catalog")).Record as Entity[]
    )[0];
    expect(record.ownerName).toBe("acme-author");
  });

  it("a catalog's access control: shared to everyone and per user, kept and answered; bad levels and subjects refused", async () => {
    const get = link(catalog, "down", ACCESS).href;
    const set = link(catalog, "controlAccess", ACCESS).href;
    const start = await admin.get(get, "vcloud:ControlAccessParams");
    expect(start.IsSharedToEveryone).toBe(false);
    expect(start.AccessSettings).toBeUndefined();
    const r = await admin.send(
      "POST",
      set,
      ACCESS,
      access("ReadOnly", [users["acme-user"], "Change"]),
    );
    expect(r.status, r.body).toBe(200);
    expect(r.value).toMatchObject({
      IsSharedToEveryone: true,
      EveryoneAccessLevel: "ReadOnly",
    });
    const kept = await admin.get(get, "vcloud:ControlAccessParams");
    const setting = (kept.AccessSettings as { AccessSetting: Entity[] })
      .AccessSetting[0];
    expect(setting.AccessLevel).toBe("Change");
    expect((setting.Subject as Entity).name).toBe("acme-user");
    for (const [body, message] of [
      [access("Everything"), "EveryoneAccessLevel"],
      [access(undefined, [users["acme-user"], "Admin"]), "access level"],
      [
        access(undefined, [
          `${sim.url}/admin/user/00000000-0000-4000-8000-000000000000`,
          "ReadOnly",
        ]),
        "not a user or group",
      ],
    ]) {
      const bad = await admin.send("POST", set, ACCESS, body);
      expect(bad.status, message).toBe(400);
      expect(bad.value!.message).toContain(message);
    }
    const after = await admin.get(get);
    expect(after.EveryoneAccessLevel).toBe("ReadOnly");
  });

  it("a vApp's access control: its owner or an administrator sets it, another user may not", async () => {
    const set = `${vapp.href}/action/controlAccess`;
    expect(
      (await author.send("POST", set, ACCESS, access("ReadOnly"))).status,
    ).toBe(403);
    const owner = await as("acme-user");
    const r = await owner.send(
      "POST",
      set,
      ACCESS,
      access(undefined, [users["acme-author"], "FullControl"]),
    );
    expect(r.status, r.body).toBe(200);
    const kept = await admin.get(
      link(vapp, "down", ACCESS).href,
      "vcloud:ControlAccessParams",
    );
    expect(kept.IsSharedToEveryone).toBe(false);
    const setting = (kept.AccessSettings as { AccessSetting: Entity[] })
      .AccessSetting[0];
    expect(setting).toMatchObject({ AccessLevel: "FullControl" });
    expect((setting.Subject as Entity).name).toBe("acme-author");
  });

  it("sends only schema-valid bodies (package validate and libxml2)", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});
