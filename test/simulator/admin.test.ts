/**
 * Administration with raw HTTP: the cloud view; the system administrator creates an organization
 * (with settings) and a VDC; the new organization's administrator logs in and creates a group and a
 * role, users with those roles, and changes the organization's settings; each refusal (privilege,
 * duplicate name, missing password, predefined role) and the state the simulator ends in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { startSeeded } from "./helpers/seeded.js";
import {
  link,
  UserSession,
  VCLOUD_NS,
  type Entity,
} from "./helpers/session.js";
import { expectAllValid } from "./helpers/valid-bodies.js";

const MT = {
  org: "application/vnd.vmware.admin.organization+xml",
  vdcParams: "application/vnd.vmware.admin.createVdcParams+xml",
  user: "application/vnd.vmware.admin.user+xml",
  group: "application/vnd.vmware.admin.group+xml",
  role: "application/vnd.vmware.admin.role+xml",
  general: "application/vnd.vmware.admin.organizationGeneralSettings+xml",
};

let sim: Simulator;
let pkg: GeneratedPackage;
let system: UserSession;
let org: Entity;
let bob: UserSession;
let roles: Record<string, string>;

const refs = (e: Entity, list: string, item: string) =>
  ((e[list] as Record<string, Entity[] | undefined>)[item] ?? []).map(
    (r) => r.name,
  );

const orgBody = (name: string) =>
  `<AdminOrg xmlns="${VCLOUD_NS}" name="${name}"><Description>Made in a test</Description><FullName>Initech Corporation</FullName><IsEnabled>true</IsEnabled><Settings><OrgGeneralSettings><CanPublishCatalogs>false</CanPublishCatalogs><DeployedVMQuota>10</DeployedVMQuota></OrgGeneralSettings></Settings></AdminOrg>`;
/** The seed's provider VDC (its href, read before the tests). */
let providerVdcHref = "";
const vdcBody = (name: string, model = "AllocationPool") =>
  `<CreateVdcParams xmlns="${VCLOUD_NS}" name="${name}"><Description>Initech's VDC</Description><AllocationModel>${model}</AllocationModel><ComputeCapacity><Cpu><Units>MHz</Units><Allocated>2000</Allocated><Limit>4000</Limit></Cpu><Memory><Units>MB</Units><Allocated>2048</Allocated><Limit>8192</Limit></Memory></ComputeCapacity><IsEnabled>true</IsEnabled><VdcStorageProfile><Enabled>true</Enabled><Units>MB</Units><Limit>102400</Limit><Default>true</Default><ProviderVdcStorageProfile href="${sim.url}/admin/pvdcStorageProfile/${providerVdcHref.split("/").at(-1)}-Gold"/></VdcStorageProfile><ProviderVdcReference href="${providerVdcHref}"/></CreateVdcParams>`;
const userBody = (
  name: string,
  role: string,
  password = "<Password>s3cret-pw</Password>",
) =>
  `<User xmlns="${VCLOUD_NS}" name="${name}"><FullName>${name} of Initech</FullName><EmailAddress>${name}@initech.example</EmailAddress><IsEnabled>true</IsEnabled><Role href="${role}"/>${password}</User>`;

beforeAll(async () => {
  ({ sim, pkg } = await startSeeded());
  system = await UserSession.open(sim, pkg, sim.users[0]);
  // an org VDC is created on a provider VDC: the seed's
  const pvdcs = await system.get(
    "/admin/extension/providerVdcReferences",
    "vmext:VMWProviderVdcReferences",
  );
  providerVdcHref = (pvdcs.ProviderVdcReference as Entity[])[0].href;
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

describe("administration", () => {
  it("the cloud view: organizations and the predefined roles, with the links to add them", async () => {
    const cloud = await system.get("/admin", "vcloud:VCloud");
    expect(
      refs(cloud, "OrganizationReferences", "OrganizationReference").sort(),
    ).toEqual(["System", "acme", "globex"].sort());
    const roleRefs = (cloud.RoleReferences as { RoleReference: Entity[] })
      .RoleReference;
    roles = Object.fromEntries(roleRefs.map((r) => [r.name, r.href]));
    expect(Object.keys(roles)).toContain("Organization Administrator");
    expect(link(cloud, "add", MT.org).href).toBe(`${sim.url}/admin/orgs`);
  });

  it("the system administrator creates an organization with its settings; others may not; names are unique", async () => {
    const acmeAdmin = await UserSession.open(
      sim,
      pkg,
      sim.users.find((u) => u.name === "acme-admin")!,
    );
    expect(
      (await acmeAdmin.send("POST", "/admin/orgs", MT.org, orgBody("initech")))
        .status,
    ).toBe(403);
    const r = await system.send(
      "POST",
      "/admin/orgs",
      MT.org,
      orgBody("initech"),
    );
    expect(r.status, r.body).toBe(201);
    expect(r.element).toBe("vcloud:AdminOrg");
    org = r.value!;
    expect(r.headers.get("location")).toBe(org.href);
    expect(org.FullName).toBe("Initech Corporation");
    const general = (
      org.Settings as { OrgGeneralSettings: Record<string, unknown> }
    ).OrgGeneralSettings;
    expect(general).toMatchObject({
      CanPublishCatalogs: false,
      DeployedVMQuota: 10,
    });
    const again = await system.send(
      "POST",
      "/admin/orgs",
      MT.org,
      orgBody("INITECH"),
    );
    expect(again.status).toBe(400);
    expect(again.value!.minorErrorCode).toBe("DUPLICATE_NAME");
    const bad = await system.send(
      "POST",
      "/admin/orgs",
      MT.org,
      orgBody("no spaces allowed"),
    );
    expect(bad.status).toBe(400);
    const listed = await system.get("/admin/orgs/query?filter=name==initech");
    expect((listed.Record as Entity[])[0].displayName).toBe(
      "Initech Corporation",
    );
  });

  it("the system administrator creates a VDC: 201 with its creation task, ready when the task ends", async () => {
    const add = link(org, "add", MT.vdcParams);
    const wrong = await system.send(
      "POST",
      add.href,
      add.type,
      vdcBody("initech-vdc", "Unlimited"),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.value!.message).toContain("allocation model");
    const r = await system.send(
      "POST",
      add.href,
      add.type,
      vdcBody("initech-vdc"),
    );
    expect(r.status, r.body).toBe(201);
    expect(r.element).toBe("vcloud:AdminVdc");
    expect(r.value!.status).toBe(0);
    const task = (r.value!.Tasks as { Task: Entity[] }).Task[0];
    expect(task.operationName).toBe("vdcCreateVdc");
    expect((await system.waitFor(task)).status).toBe("success");
    const vdc = await system.get(r.value!.href, "vcloud:AdminVdc");
    expect(vdc.status).toBe(1);
    expect(vdc.AllocationModel).toBe("AllocationPool");
    const cpu = (vdc.ComputeCapacity as { Cpu: { Limit: unknown } }).Cpu;
    expect(String(cpu.Limit)).toBe("4000");
    expect(refs(await system.get(org.href), "Vdcs", "Vdc")).toEqual([
      "initech-vdc",
    ]);
    expect(
      (await system.send("POST", add.href, add.type, vdcBody("initech-vdc")))
        .value!.minorErrorCode,
    ).toBe("DUPLICATE_NAME");
  });

  it("users: created with a role and a password, then able to log in with that role", async () => {
    const add = link(org, "add", MT.user);
    const noPassword = await system.send(
      "POST",
      add.href,
      add.type,
      userBody("bob", roles["Organization Administrator"], ""),
    );
    expect(noPassword.status).toBe(400);
    expect(noPassword.value!.message).toContain("password");
    const r = await system.send(
      "POST",
      add.href,
      add.type,
      userBody("bob", roles["Organization Administrator"]),
    );
    expect(r.status, r.body).toBe(201);
    expect((r.value!.Role as Entity).name).toBe("Organization Administrator");
    expect(r.value!.Password).toBeUndefined();
    expect(
      (
        await system.send(
          "POST",
          add.href,
          add.type,
          userBody("bob", roles["vApp User"]),
        )
      ).value!.minorErrorCode,
    ).toBe("DUPLICATE_NAME");
    bob = await UserSession.open(sim, pkg, {
      org: "initech",
      name: "bob",
      password: "s3cret-pw",
    });
    const session = await bob.get("/session", "vcloud:Session");
    expect(session.roles).toBe("Organization Administrator");
    expect((await bob.get(org.href, "vcloud:AdminOrg")).name).toBe("initech");
    const acme = (await system.get("/admin/orgs/query?filter=name==acme"))
      .Record as Entity[];
    expect(
      (await bob.send("GET", acme[0].href.replace("/org/", "/admin/org/")))
        .status,
    ).toBe(403);
  });

  it("the organization's administrator creates a group and a role, and a user with that role", async () => {
    const group = await bob.send(
      "POST",
      link(org, "add", MT.group).href,
      MT.group,
      `<Group xmlns="${VCLOUD_NS}" name="engineers"><Description>The engineers</Description><Role href="${roles["vApp Author"]}"/></Group>`,
    );
    expect(group.status, group.body).toBe(201);
    expect((group.value!.Role as Entity).name).toBe("vApp Author");
    expect((await bob.get(group.value!.href, "vcloud:Group")).Description).toBe(
      "The engineers",
    );
    const role = await bob.send(
      "POST",
      "/admin/roles",
      MT.role,
      `<Role xmlns="${VCLOUD_NS}" name="Auditor"><Description>Reads everything</Description><RightReferences><RightReference href="${sim.url}/admin/right/1" name="Organization: View" type="application/vnd.vmware.admin.right+xml"/></RightReferences></Role>`,
    );
    expect(role.status, role.body).toBe(201);
    const rights = (role.value!.RightReferences as { RightReference: Entity[] })
      .RightReference;
    expect(rights.map((r) => r.name)).toEqual(["Organization: View"]);
    const milton = await bob.send(
      "POST",
      link(org, "add", MT.user).href,
      MT.user,
      userBody("milton", role.value!.href),
    );
    expect(milton.status, milton.body).toBe(201);
    expect((milton.value!.Role as Entity).name).toBe("Auditor");
    const users = (await bob.get("/admin/users/query?sortAsc=name"))
      .Record as Entity[];
    expect(users.map((u) => u.name)).toEqual(["bob", "milton"]);
    expect(
      ((await bob.get("/admin/groups/query")).Record as Entity[]).map(
        (g) => g.name,
      ),
    ).toEqual(["engineers"]);
    const inUse = await bob.send("DELETE", role.value!.href);
    expect(inUse.status).toBe(400);
    expect(inUse.value!.message).toContain("assigned to users");
    expect((await bob.send("DELETE", roles["vApp User"])).status).toBe(400);
    expect((await bob.send("DELETE", milton.value!.href)).status).toBe(204);
    expect((await bob.send("DELETE", role.value!.href)).status).toBe(204);
    const after = await bob.get(org.href, "vcloud:AdminOrg");
    expect(refs(after, "Users", "UserReference")).toEqual(["bob"]);
    expect(refs(after, "Groups", "GroupReference")).toEqual(["engineers"]);
  });

  it("the organization's administrator changes its general settings", async () => {
    const settings = link(await bob.get(org.href), "down", MT.general).href;
    const r = await bob.send(
      "PUT",
      settings,
      MT.general,
      `<GeneralOrgSettings xmlns="${VCLOUD_NS}"><CanPublishCatalogs>true</CanPublishCatalogs><DeployedVMQuota>5</DeployedVMQuota><StoredVmQuota>20</StoredVmQuota></GeneralOrgSettings>`,
    );
    expect(r.status, r.body).toBe(200);
    const general = (
      (await bob.get(org.href)).Settings as {
        OrgGeneralSettings: Record<string, unknown>;
      }
    ).OrgGeneralSettings;
    expect(general).toMatchObject({
      CanPublishCatalogs: true,
      DeployedVMQuota: 5,
      StoredVmQuota: 20,
    });
  });

  it("sends only schema-valid bodies (package validate and libxml2)", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});
