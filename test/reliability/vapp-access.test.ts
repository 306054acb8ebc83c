/**
 * Access settings are enforced: a vApp User cannot read, change, power or delete another user's vApp
 * that is not shared with them (403, and the vApp query does not list it); `ReadOnly` lets them read
 * it only, `Change` also operate and change it, `FullControl` also delete it; their own vApp they
 * control fully. vCD answers a vApp the user may not see as it answers a missing one (403
 * ACCESS_TO_RESOURCE_IS_FORBIDDEN, "No access to entity": ../shared/vcd-samples,
 * libcloud-vcloud_1_5/api_vApp_vapp_access_to_resource_forbidden.xml). The vApp's tasks are bound
 * alike (read, cancelled, queried and listed only by those who may read the vApp), the VDC lists
 * among its resources only the vApps the user may read, and a clone that moves a vApp
 * (`IsSourceDelete`) needs what deleting it does.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  VCLOUD_NS,
  type Entity,
  type UserSession,
} from "../simulator/helpers/session.js";
import {
  acmeVApp,
  startTwoTenants,
  type TwoTenants,
} from "../simulator/helpers/two-tenants.js";

const ACCESS = "application/vnd.vmware.vcloud.controlAccess+xml";
const VAPP = "application/vnd.vmware.vcloud.vApp+xml";

let t: TwoTenants;
let admin: UserSession;
let user: UserSession;
let userHref: string;

beforeAll(async () => {
  t = await startTwoTenants();
  admin = t.sessions["acme-admin"];
  user = t.sessions["acme-user"];
  userHref = `${t.sim.url}/admin/user/${t.ids.acme.user}`;
}, 60_000);

afterAll(async () => {
  await t?.sim.close();
});

/** A new vApp of the administrator's, shared with the vApp User at `level` (or not at all). */
const adminVApp = (name: string, level?: string): Promise<Entity> =>
  acmeVApp(t, admin, name, level ? { userHref, level } : undefined);

const edit = (name: string) =>
  `<VApp xmlns="${VCLOUD_NS}" name="${name}"><Description>renamed</Description></VApp>`;

/**
 * What the vApp User gets for each use: read, query, edit and power on `vapp`, and delete a second
 * vApp of the same sharing, `other` (a vApp just powered on could not be deleted).
 */
async function uses(
  vapp: Entity,
  other: Entity,
): Promise<Record<string, number | boolean>> {
  const listed = (
    ((await user.get(`/query?type=vApp&filter=name==${vapp.name}`)).Record as
      Entity[] | undefined) ?? []
  ).length;
  const read = await user.send("GET", vapp.href);
  const changed = await user.send("PUT", vapp.href, VAPP, edit(vapp.name));
  // The vApp is busy while its rename runs (BUSY_ENTITY): power it once that is done.
  if (changed.status === 202) await user.waitFor(changed.value as Entity);
  const powered = await user.send("POST", `${vapp.href}/power/action/powerOn`);
  const deleted = await user.send("DELETE", other.href);
  return {
    listed: listed === 1,
    read: read.status,
    changed: changed.status,
    powered: powered.status,
    deleted: deleted.status,
  };
}

describe("a vApp's access settings bind a vApp User", () => {
  it("not shared: invisible (403 for every use, not in the query)", async () => {
    const vapp = await adminVApp("private");
    expect(await uses(vapp, await adminVApp("private-2"))).toEqual({
      listed: false,
      read: 403,
      changed: 403,
      powered: 403,
      deleted: 403,
    });
    const r = await user.send("GET", vapp.href);
    expect(r.value).toMatchObject({
      minorErrorCode: "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
    });
    expect(String(r.value!.message)).toContain("No access to entity");
    // the administrator still sees it, unchanged
    expect((await admin.get(vapp.href, "vcloud:VApp")).name).toBe("private");
  });

  it("ReadOnly: read and listed, nothing else", async () => {
    const vapp = await adminVApp("read-only", "ReadOnly");
    expect(
      await uses(vapp, await adminVApp("read-only-2", "ReadOnly")),
    ).toEqual({
      listed: true,
      read: 200,
      changed: 403,
      powered: 403,
      deleted: 403,
    });
  });

  it("Change: read, changed and powered, not deleted; FullControl and the owner: deleted too", async () => {
    const vapp = await adminVApp("change", "Change");
    const got = await uses(vapp, await adminVApp("change-2", "Change"));
    expect(got).toMatchObject({ listed: true, read: 200, deleted: 403 });
    expect(got.changed).toBe(202);
    expect(got.powered).toBe(202);
    const full = await adminVApp("full", "FullControl");
    const fullGot = await uses(full, await adminVApp("full-2", "FullControl"));
    expect(fullGot).toEqual({
      listed: true,
      read: 200,
      changed: 202,
      powered: 202,
      deleted: 202,
    });
    // sharing needs FullControl
    const share = (v: Entity) =>
      user.send(
        "POST",
        `${v.href}/action/controlAccess`,
        ACCESS,
        `<ControlAccessParams xmlns="${VCLOUD_NS}"><IsSharedToEveryone>true</IsSharedToEveryone><EveryoneAccessLevel>ReadOnly</EveryoneAccessLevel></ControlAccessParams>`,
      );
    expect((await share(vapp)).status).toBe(403);
    expect((await share(full)).status).toBe(200);
    const [given, other] = [
      await adminVApp("given"),
      await adminVApp("given-2"),
    ];
    for (const v of [given, other]) {
      const put = await admin.send(
        "PUT",
        `${v.href}/owner`,
        "application/vnd.vmware.vcloud.owner+xml",
        `<Owner xmlns="${VCLOUD_NS}"><User href="${userHref}"/></Owner>`,
      );
      expect(put.status, put.body).toBe(204);
    }
    expect(await uses(given, other)).toEqual({
      listed: true,
      read: 200,
      changed: 202,
      powered: 202,
      deleted: 202,
    });
  });

  it("its tasks, the task query and the VDC's resources follow the vApp's access", async () => {
    const named = async (path: string, name: string) =>
      (await user.send("GET", path)).body.includes(name);
    for (const [name, level] of [
      ["task-private", undefined],
      ["task-read-only", "ReadOnly"],
    ] as const) {
      const vapp = await adminVApp(name, level);
      const task = await admin.send(
        "POST",
        `${vapp.href}/power/action/powerOn`,
      );
      expect(task.status, task.body).toBe(202);
      const taskHref = (task.value as Entity).href;
      const seen = {
        task: (await user.send("GET", taskHref)).status,
        cancel: (await user.send("POST", `${taskHref}/action/cancel`)).status,
        query: await named("/query?type=task&pageSize=128", name),
        tasksList: await named(`/tasksList/${t.ids.acme.org}`, name),
        vdc: await named(`/vdc/${t.ids.acme.vdc}`, name),
      };
      expect(seen, name).toEqual(
        level
          ? { task: 200, cancel: 403, query: true, tasksList: true, vdc: true }
          : {
              task: 403,
              cancel: 403,
              query: false,
              tasksList: false,
              vdc: false,
            },
      );
      // the administrator sees all of it
      expect((await admin.send("GET", taskHref)).status).toBe(200);
      expect(
        (await admin.send("GET", `/vdc/${t.ids.acme.vdc}`)).body,
      ).toContain(name);
    }
  });

  it("a ReadOnly vApp Author may copy the vApp but not move it (IsSourceDelete deletes the source)", async () => {
    const author = t.sessions["acme-author"];
    const users = (await admin.get("/query?type=user")).Record as Entity[];
    const authorHref = users.find((u) => u.name === "acme-author")!.href;
    const made = await adminVApp("moved-away");
    const shared = await admin.send(
      "POST",
      `${made.href}/action/controlAccess`,
      ACCESS,
      `<ControlAccessParams xmlns="${VCLOUD_NS}"><IsSharedToEveryone>false</IsSharedToEveryone><AccessSettings><AccessSetting><Subject href="${authorHref}"/><AccessLevel>ReadOnly</AccessLevel></AccessSetting></AccessSettings></ControlAccessParams>`,
    );
    expect(shared.status, shared.body).toBe(200);
    const clone = (name: string, move: boolean) =>
      author.send(
        "POST",
        `/vdc/${t.ids.acme.vdc}/action/cloneVApp`,
        "application/vnd.vmware.vcloud.cloneVAppParams+xml",
        `<CloneVAppParams xmlns="${VCLOUD_NS}" name="${name}"><Source href="${made.href}"/><IsSourceDelete>${move}</IsSourceDelete></CloneVAppParams>`,
      );
    expect((await author.send("DELETE", made.href)).status).toBe(403);
    const moved = await clone("moved-copy", true);
    expect(moved.status, moved.body).toBe(403);
    const copied = await clone("plain-copy", false);
    expect(copied.status, copied.body).toBe(201);
    await author.waitFor((copied.value!.Tasks as { Task: Entity[] }).Task[0]);
    // the source is still there
    expect((await admin.get(made.href, "vcloud:VApp")).name).toBe("moved-away");
  });
});
