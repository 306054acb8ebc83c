/**
 * Roles are per organization: a role's name is unique within its organization only (another tenant
 * may have a role of the same name; a second one in the same organization is DUPLICATE_NAME), one
 * tenant can neither read nor delete another's role (403), nor give it to its users, nor see it
 * among the roles it lists; the predefined roles are every organization's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  VCLOUD_NS,
  type Entity,
  type UserSession,
} from "../simulator/helpers/session.js";
import {
  roleBody,
  startTwoTenants,
  type TwoTenants,
} from "../simulator/helpers/two-tenants.js";

const ROLE = "application/vnd.vmware.admin.role+xml";
const USER = "application/vnd.vmware.admin.user+xml";

let t: TwoTenants;
let acme: UserSession;
let globex: UserSession;

beforeAll(async () => {
  t = await startTwoTenants();
  acme = t.sessions["acme-admin"];
  globex = t.sessions["globex-admin"];
}, 60_000);

afterAll(async () => {
  await t?.sim.close();
});

const create = (s: UserSession, org: string, name: string) =>
  s.send("POST", `/admin/org/${org}/roles`, ROLE, roleBody(name, []));

const roleNames = async (s: UserSession): Promise<string[]> =>
  (
    ((await s.get("/admin")).RoleReferences as { RoleReference: Entity[] })
      .RoleReference ?? []
  ).map((r) => r.name);

describe("roles per organization", () => {
  it("the same name in two tenants; twice in one is DUPLICATE_NAME", async () => {
    const mine = await create(acme, t.ids.acme.org, "Auditor");
    expect(mine.status, mine.body).toBe(201);
    const theirs = await create(globex, t.ids.globex.org, "Auditor");
    expect(theirs.status, theirs.body).toBe(201);
    expect(theirs.value!.href).not.toBe(mine.value!.href);
    const again = await acme.send(
      "POST",
      "/admin/roles",
      ROLE,
      roleBody("auditor", []),
    );
    expect(again.status).toBe(400);
    expect(again.value).toMatchObject({ minorErrorCode: "DUPLICATE_NAME" });
    // a predefined role's name is every organization's
    expect((await create(globex, t.ids.globex.org, "vApp User")).status).toBe(
      400,
    );
  });

  it("another tenant's role: not read, not deleted, not listed, not given", async () => {
    const acmeRole = `/admin/role/${t.ids.acme.role}`;
    expect((await acme.send("GET", acmeRole)).status).toBe(200);
    const read = await globex.send("GET", acmeRole);
    expect(read.status).toBe(403);
    expect(read.value).toMatchObject({
      minorErrorCode: "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
    });
    expect((await globex.send("DELETE", acmeRole)).status).toBe(403);
    expect((await acme.send("GET", acmeRole)).status).toBe(200);
    // both have an "Operator" (two-tenants.ts): each lists its own and the predefined ones
    const listed = await roleNames(globex);
    expect(listed.filter((n) => n === "Operator")).toHaveLength(1);
    expect(listed).toContain("vApp User");
    const refs = (
      (await globex.get("/admin")).RoleReferences as {
        RoleReference: Entity[];
      }
    ).RoleReference;
    expect(refs.map((r) => r.href)).not.toContain(`${t.sim.url}${acmeRole}`);
    const given = await globex.send(
      "POST",
      `/admin/org/${t.ids.globex.org}/users`,
      USER,
      `<User xmlns="${VCLOUD_NS}" name="mole"><IsEnabled>true</IsEnabled><Role href="${t.sim.url}${acmeRole}"/><Password>mole-pw</Password></User>`,
    );
    expect(given.status).toBe(400);
    // nor create a role in the other tenant; its own it creates and deletes
    expect((await create(globex, t.ids.acme.org, "Intruder")).status).toBe(403);
    const made = await create(globex, t.ids.globex.org, "Temporary");
    expect(made.status).toBe(201);
    expect((await globex.send("DELETE", made.value!.href)).status).toBe(204);
    expect((await globex.send("GET", made.value!.href)).status).toBe(403);
  });
});
