/**
 * Rights are enforced: a user of a custom role may use only the operations whose right (vCD's name,
 * `vApp: Power Operations`, ...) the role holds; without it, 403 "This operation is denied." (vCD's
 * answer to an operation the caller's role lacks: ../shared/vcd-samples,
 * jclouds-labs-vcloud-director/network/error403-catalog.xml). The vApp is shared with everyone of the
 * organization at FullControl, so that only the right decides.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  INSTANTIATE_TYPE,
  instantiateBody,
  UserSession,
  VCLOUD_NS,
} from "../simulator/helpers/session.js";
import {
  roleBody,
  startTwoTenants,
  type TwoTenants,
} from "../simulator/helpers/two-tenants.js";

const ROLE = "application/vnd.vmware.admin.role+xml";
const USER = "application/vnd.vmware.admin.user+xml";

let t: TwoTenants;
let admin: UserSession;

beforeAll(async () => {
  t = await startTwoTenants();
  admin = t.sessions["acme-admin"];
}, 60_000);

afterAll(async () => {
  await t?.sim.close();
});

/** A user of acme with a new role holding `rights`, logged in. */
async function userWith(
  name: string,
  rights: readonly string[],
): Promise<UserSession> {
  const role = await admin.send(
    "POST",
    `/admin/org/${t.ids.acme.org}/roles`,
    ROLE,
    roleBody(`${name}-role`, rights),
  );
  expect(role.status, role.body).toBe(201);
  const user = await admin.send(
    "POST",
    `/admin/org/${t.ids.acme.org}/users`,
    USER,
    `<User xmlns="${VCLOUD_NS}" name="${name}"><IsEnabled>true</IsEnabled><Role href="${role.value!.href}"/><Password>${name}-pw</Password></User>`,
  );
  expect(user.status, user.body).toBe(201);
  return UserSession.open(t.sim, t.pkg, {
    org: "acme",
    name,
    password: `${name}-pw`,
  });
}

const vapp = () => `/vApp/vapp-${t.ids.acme.vApp}`;

describe("a custom role's rights", () => {
  it("without `vApp: Power Operations`: power operations are refused; with it, allowed, and nothing more", async () => {
    const viewer = await userWith("viewer", ["Organization vDC: View"]);
    expect((await viewer.send("GET", vapp())).status).toBe(200);
    for (const action of ["powerOn", "powerOff", "reboot", "suspend"]) {
      const r = await viewer.send("POST", `${vapp()}/power/action/${action}`);
      expect(r.status, action).toBe(403);
      expect(r.value).toMatchObject({
        minorErrorCode: "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
        message: "This operation is denied.",
      });
    }
    const deploy = await viewer.send("POST", `${vapp()}/action/deploy`);
    expect(deploy.status).toBe(403);

    const operator = await userWith("operator", ["vApp: Power Operations"]);
    const on = await operator.send("POST", `${vapp()}/power/action/powerOn`);
    expect(on.status, on.body).toBe(202);
    await operator.waitFor(on.value!);
    // no `vApp: Delete`, no `vApp: Snapshot Operations`, no `vApp: Create / Reconfigure a vApp`
    expect((await operator.send("DELETE", vapp())).status).toBe(403);
    expect(
      (await operator.send("POST", `${vapp()}/action/createSnapshot`)).status,
    ).toBe(403);
    const instantiate = await operator.send(
      "POST",
      `/vdc/${t.ids.acme.vdc}/action/instantiateVAppTemplate`,
      INSTANTIATE_TYPE,
      instantiateBody(
        "not-mine",
        `${t.sim.url}/vAppTemplate/vappTemplate-${t.ids.acme.vAppTemplate}`,
      ),
    );
    expect(instantiate.status).toBe(403);
  });

  it("without `Disk: Create` and `Catalog: View Private and Shared Catalogs`: refused; the predefined vApp Author has both", async () => {
    const none = await userWith("nobody", []);
    const disk = `<DiskCreateParams xmlns="${VCLOUD_NS}"><Disk name="d" size="1048576"/></DiskCreateParams>`;
    const DISK = "application/vnd.vmware.vcloud.diskCreateParams+xml";
    expect(
      (await none.send("POST", `/vdc/${t.ids.acme.vdc}/disk`, DISK, disk))
        .status,
    ).toBe(403);
    expect(
      (await none.send("GET", `/catalog/${t.ids.acme.catalog}`)).status,
    ).toBe(403);
    const author = t.sessions["acme-author"];
    expect(
      (await author.send("POST", `/vdc/${t.ids.acme.vdc}/disk`, DISK, disk))
        .status,
    ).toBe(201);
    expect(
      (await author.send("GET", `/catalog/${t.ids.acme.catalog}`)).status,
    ).toBe(200);
  });
});
