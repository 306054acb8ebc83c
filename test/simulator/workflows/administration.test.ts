/**
 * Administration through the generated client, as the system administrator: an organization
 * created from the cloud view (a tenant administrator refused), a VDC in it (ready when its task
 * ends), a user who then logs in with their role, a group, a role; the organization's general
 * settings changed; the AdminOrg and AdminVdc views; then everything deleted again (user, group,
 * role; the VDC and the organization once disabled, each through its task). Each step asserts on
 * the state the simulator ends in; every body it sent is validated by libxml2.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPackage } from "../../helpers/generated-packages.js";
import { expectAllValid } from "../helpers/valid-bodies.js";
import {
  clientAs,
  startWorkflow,
  type Value,
  type Workflow,
} from "./harness.js";

const MT = {
  cloud: "application/vnd.vmware.admin.vcloud+xml",
  adminOrg: "application/vnd.vmware.admin.organization+xml",
  adminVdc: "application/vnd.vmware.admin.vdc+xml",
  vdc: "application/vnd.vmware.vcloud.vdc+xml",
  vdcParams: "application/vnd.vmware.admin.createVdcParams+xml",
  user: "application/vnd.vmware.admin.user+xml",
  group: "application/vnd.vmware.admin.group+xml",
  role: "application/vnd.vmware.admin.role+xml",
  general: "application/vnd.vmware.admin.organizationGeneralSettings+xml",
};

let w: Workflow;
let cloud: Value;
let roles: Record<string, string>;
let org: Value;
let vdc: Value;
let user: Value;
let group: Value;
let role: Value;

const names = (list: Value[] | undefined) => (list ?? []).map((r) => r.name);
const adminOrg = async () => (await w.call("getAdminOrg", org)).value;
/** The href of the seed's provider VDC (`pvdc-gold`), from the provider VDC references. */
const seededProviderVdc = async (): Promise<string> =>
  (
    (
      await w.call("getProviderVdcReferences", {
        href: `${w.sim.url}/admin/extension/providerVdcReferences`,
      })
    ).value.ProviderVdcReference as Value[]
  )[0].href as string;
const clientOf = (login: { org: string; name: string; password: string }) =>
  clientAs(w, login);

beforeAll(async () => {
  w = await startWorkflow();
  const session = await w.loginAs("System Administrator");
  cloud = (await w.call("getAdmin", w.link(session, "down", MT.cloud))).value;
  roles = Object.fromEntries(
    (cloud.RoleReferences.RoleReference as Value[]).map((r) => [
      r.name,
      r.href,
    ]),
  );
}, 60_000);
afterAll(() => w?.close());

describe("administration through the client", () => {
  it("creates an organization with its settings; a tenant administrator may not", async () => {
    const add = w.link(cloud, "add", MT.adminOrg);
    const body = {
      name: "initech",
      Description: "Made in a test",
      FullName: "Initech Corporation",
      IsEnabled: true,
      Settings: {
        OrgGeneralSettings: { CanPublishCatalogs: false, DeployedVMQuota: 10 },
      },
    };
    const tenant = await clientOf(
      w.sim.users.find((u) => u.role === "Organization Administrator")!,
    );
    await expect(w.pkg.api.createOrgs(tenant, add, body)).rejects.toMatchObject(
      { status: 403 },
    );
    const made = await w.call("createOrgs", add, body);
    expect(made.status).toBe(201);
    expect(made.element).toBe("vcloud:AdminOrg");
    expect(made.location).toBe(made.value.href);
    org = made.value;
    expect(org.Settings.OrgGeneralSettings).toMatchObject({
      CanPublishCatalogs: false,
      DeployedVMQuota: 10,
    });
    await expect(
      w.call("createOrgs", add, { ...body, name: "INITECH" }),
    ).rejects.toMatchObject({
      status: 400,
      error: { minorErrorCode: "DUPLICATE_NAME" },
    });
    cloud = (await w.call("getAdmin", cloud)).value;
    expect(names(cloud.OrganizationReferences.OrganizationReference)).toContain(
      "initech",
    );
  });

  it("creates a VDC in it: 201 with its creation task, ready when the task ends", async () => {
    // the seed's provider VDC (an org VDC is created on one: test/simulator/workflows/provider.test.ts)
    const pvdc = await seededProviderVdc();
    const made = await w.call(
      "createVdcsparams",
      w.link(org, "add", MT.vdcParams),
      {
        name: "initech-vdc",
        Description: "Initech's VDC",
        AllocationModel: "AllocationPool",
        ComputeCapacity: {
          Cpu: { Units: "MHz", Allocated: "2000", Limit: "4000" },
          Memory: { Units: "MB", Allocated: "2048", Limit: "8192" },
        },
        IsEnabled: true,
        VdcStorageProfile: [
          {
            Enabled: true,
            Units: "MB",
            Limit: "102400",
            Default: true,
            // one of its storage profiles, by the href its ProviderVdc lists
            ProviderVdcStorageProfile: {
              href: `${w.sim.url}/admin/pvdcStorageProfile/${pvdc.split("/").at(-1)}-Gold`,
            },
          },
        ],
        ProviderVdcReference: { href: pvdc },
      },
    );
    expect(made.status).toBe(201);
    expect(made.element).toBe("vcloud:AdminVdc");
    expect(made.value.status).toBe(0);
    const task = made.value.Tasks.Task[0];
    expect((await w.done(task)).operationName).toBe("vdcCreateVdc");
    vdc = (await w.call("getAdminVdc", made.value)).value;
    expect(vdc.status).toBe(1);
    expect(vdc.AllocationModel).toBe("AllocationPool");
    expect(vdc.ComputeCapacity.Cpu.Limit).toBe("4000");
    expect(vdc.IsEnabled).toBe(true);
    const tenantView = await w.call("getVdc", w.link(vdc, "alternate", MT.vdc));
    expect(tenantView.element).toBe("vcloud:Vdc");
    expect(tenantView.value.name).toBe("initech-vdc");
    expect(names((await adminOrg()).Vdcs.Vdc)).toEqual(["initech-vdc"]);
  });

  it("creates users; one logs in with their role; a user without a password is refused", async () => {
    const add = w.link(org, "add", MT.user);
    const body = {
      name: "bob",
      FullName: "Bob of Initech",
      EmailAddress: "bob@initech.example",
      IsEnabled: true,
      Role: { href: roles["Organization Administrator"] },
      Password: "s3cret-pw",
    };
    const { Password: _, ...noPassword } = body;
    await expect(w.call("createUsers", add, noPassword)).rejects.toMatchObject({
      status: 400,
    });
    const made = await w.call("createUsers", add, body);
    expect(made.status).toBe(201);
    const bobValue = (await w.call("getUser", made.value)).value;
    expect(bobValue.Role.name).toBe("Organization Administrator");
    expect(bobValue.Password).toBeUndefined();
    const milton = await w.call("createUsers", add, {
      ...body,
      name: "milton",
      Role: { href: roles["vApp User"] },
    });
    user = (await w.call("getUser", milton.value)).value;
    expect(user.Role.name).toBe("vApp User");
    const bob = await clientOf({
      org: "initech",
      name: "bob",
      password: "s3cret-pw",
    });
    const session = await w.pkg.api.getSession(bob);
    expect((session.value as Value).roles).toBe("Organization Administrator");
    expect(((await w.pkg.api.getAdminOrg(bob, org)).value as Value).name).toBe(
      "initech",
    );
    await bob.logout();
  });

  it("creates a group and a role, read back", async () => {
    const made = await w.call("createGroups", w.link(org, "add", MT.group), {
      name: "engineers",
      Description: "The engineers",
      Role: { href: roles["vApp Author"] },
    });
    expect(made.status).toBe(201);
    group = (await w.call("getGroup", made.value)).value;
    expect(group).toMatchObject({
      name: "engineers",
      Description: "The engineers",
    });
    expect(group.Role.name).toBe("vApp Author");
    const created = await w.call(
      "createAdminRoles",
      w.link(cloud, "add", MT.role),
      {
        name: "Auditor",
        Description: "Reads everything",
        RightReferences: {
          RightReference: [
            {
              href: `${w.sim.url}/admin/right/1`,
              name: "Organization: View",
              type: "application/vnd.vmware.admin.right+xml",
            },
          ],
        },
      },
    );
    expect(created.status).toBe(201);
    role = (await w.call("getRole", created.value)).value;
    expect(names(role.RightReferences.RightReference)).toEqual([
      "Organization: View",
    ]);
    cloud = (await w.call("getAdmin", cloud)).value;
    expect(names(cloud.RoleReferences.RoleReference)).toContain("Auditor");
  });

  it("changes the organization's general settings", async () => {
    const general = await w.call(
      "getOrgSettingsGeneral",
      w.link(org, "down", MT.general),
    );
    expect(general.element).toBe("vcloud:GeneralOrgSettings");
    const put = await w.call(
      "updateOrgSettingsGeneral",
      w.link(general.value, "edit", MT.general),
      { CanPublishCatalogs: true, DeployedVMQuota: 5, StoredVmQuota: 20 },
    );
    expect(put.status).toBe(200);
    expect((await adminOrg()).Settings.OrgGeneralSettings).toMatchObject({
      CanPublishCatalogs: true,
      DeployedVMQuota: 5,
      StoredVmQuota: 20,
    });
  });

  it("the AdminOrg and AdminVdc views hold what was created", async () => {
    const view = await adminOrg();
    expect(view).toMatchObject({
      name: "initech",
      FullName: "Initech Corporation",
      IsEnabled: true,
    });
    expect(names(view.Users.UserReference).sort()).toEqual(["bob", "milton"]);
    expect(names(view.Groups.GroupReference)).toEqual(["engineers"]);
    expect(names(view.Vdcs.Vdc)).toEqual(["initech-vdc"]);
    expect(w.link(view, "alternate").type).toBe(
      "application/vnd.vmware.vcloud.org+xml",
    );
    const adminVdc = await w.call("getAdminVdc", view.Vdcs.Vdc[0]);
    expect(adminVdc.element).toBe("vcloud:AdminVdc");
    expect(w.link(adminVdc.value, "up", MT.adminOrg).href).toBe(org.href);
    const listed = await w.call(
      "getOrgsQuery",
      {},
      {
        query: { filter: "name==initech" },
      },
    );
    expect((listed.value as Value).Record[0].displayName).toBe(
      "Initech Corporation",
    );
  });

  it("deletes a user, the group and the role", async () => {
    expect((await w.call("deleteUser", w.link(user, "remove"))).status).toBe(
      204,
    );
    expect((await w.call("deleteGroup", group)).status).toBe(204);
    expect((await w.call("deleteRole", role)).status).toBe(204);
    const view = await adminOrg();
    expect(names(view.Users?.UserReference)).toEqual(["bob"]);
    expect(names(view.Groups?.GroupReference)).toEqual([]);
    await expect(w.call("getUser", user)).rejects.toMatchObject({
      status: 403,
    });
    cloud = (await w.call("getAdmin", cloud)).value;
    expect(names(cloud.RoleReferences.RoleReference)).not.toContain("Auditor");
  });

  it("deletes the VDC once disabled, then the organization once disabled (each a task)", async () => {
    vdc = (await w.call("getAdminVdc", vdc)).value;
    await expect(w.call("deleteAdminVdc", vdc)).rejects.toMatchObject({
      status: 400,
    });
    await expect(w.call("deleteOrg", org)).rejects.toMatchObject({
      status: 400,
    });
    expect((await w.call("disableVdc", w.link(vdc, "disable"))).status).toBe(
      204,
    );
    vdc = (await w.call("getAdminVdc", vdc)).value;
    expect(vdc.IsEnabled).toBe(false);
    const gone = await w.call("deleteAdminVdc", w.link(vdc, "remove"));
    expect(gone.status).toBe(202);
    expect((await w.done(gone.value)).operationName).toBe("vdcDeleteVdc");
    await expect(w.call("getAdminVdc", vdc)).rejects.toMatchObject({
      status: 403,
    });
    let view = await adminOrg();
    expect(names(view.Vdcs?.Vdc)).toEqual([]);
    await expect(w.call("deleteOrg", org)).rejects.toMatchObject({
      status: 400,
    }); // still enabled
    expect((await w.call("disableOrg", w.link(view, "disable"))).status).toBe(
      204,
    );
    view = await adminOrg();
    expect(view.IsEnabled).toBe(false);
    const deleted = await w.call("deleteOrg", w.link(view, "remove"));
    expect((await w.done(deleted.value)).operationName).toBe("orgDelete");
    await expect(w.call("getAdminOrg", org)).rejects.toMatchObject({
      status: 403,
    });
    cloud = (await w.call("getAdmin", cloud)).value;
    expect(
      names(cloud.OrganizationReferences.OrganizationReference),
    ).not.toContain("initech");
    await expect(
      clientOf({ org: "initech", name: "bob", password: "s3cret-pw" }),
    ).rejects.toMatchObject({ status: 401 }); // its users went with it
  });

  it("every body the simulator sent is valid (package validate and libxml2)", async () => {
    await expectAllValid(await loadPackage("30.0"), w.sim.sentBodies);
  });
});
