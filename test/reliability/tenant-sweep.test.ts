/**
 * Every operation of the package's table that names an entity in its path, sent by every seeded user
 * with the other tenant's real ids and with ids that exist nowhere (of the right kind), is refused
 * before any answer: 403 ACCESS_TO_RESOURCE_IS_FORBIDDEN, vCD's `Error` (vCD answers a made-up id as
 * it answers another organization's: ../shared/vcd-samples, jclouds-labs-vcloud-director/vdc/
 * error403-fake.xml). And every operation whose right (the simulator's rights table) a predefined
 * role lacks is refused to it on its own tenant's entities (403; the tenants' vApps are shared with
 * everyone at FullControl, so the refusal is the right's, not the access settings'). And, written
 * here apart from the rights table: every write of the `user` tag is refused to a vApp User, but
 * for the few listed below that vCD lets anybody signed in do and the ones the table names a right
 * for (so an operation added without a rule fails this test). The hrefs of a body are checked as
 * a path's ids for the operations without a handler of their own: a `Source` of the other tenant's
 * or of an id that exists nowhere is refused alike.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OperationInfo } from "../../runtime/client/operation.js";
import { PREDEFINED_RIGHTS, rightFor } from "../../simulator/store/rights.js";
import type { RoleName } from "../../simulator/store/seed.js";
import { raw } from "../simulator/helpers/http.js";
import {
  aimed,
  pathsOf,
  startTwoTenants,
  TENANTS,
  tenantIds,
  UNKNOWN,
  unknownIds,
  type Tenant,
  type TwoTenants,
} from "../simulator/helpers/two-tenants.js";

let t: TwoTenants;
let operations: readonly OperationInfo[];

beforeAll(async () => {
  t = await startTwoTenants();
  operations = t.operations;
}, 60_000);

afterAll(async () => {
  await t?.sim.close();
});

interface Probe {
  readonly user: string;
  readonly method: string;
  readonly path: string;
}

/** Sends the probes in small concurrent batches; the ones not answered 403 ACCESS_TO_RESOURCE_IS_FORBIDDEN. */
async function notRefused(probes: readonly Probe[]): Promise<string[]> {
  const wrong: string[] = [];
  const BATCH = 12;
  for (let i = 0; i < probes.length; i += BATCH)
    await Promise.all(
      probes.slice(i, i + BATCH).map(async (p) => {
        const r = await raw(`${t.sim.url}${p.path}`, {
          method: p.method,
          headers: t.sessions[p.user].headers,
        });
        const minor = /minorErrorCode="([^"]*)"/.exec(r.body)?.[1];
        if (r.status !== 403 || minor !== "ACCESS_TO_RESOURCE_IS_FORBIDDEN")
          wrong.push(
            `${p.user} ${p.method} ${p.path}: ${r.status} ${minor ?? r.body.slice(0, 80)}`,
          );
      }),
    );
  return wrong;
}

const tenantOf = (user: string): Tenant =>
  user.startsWith("globex") ? "globex" : "acme";
const other = (tenant: Tenant): Tenant =>
  tenant === "acme" ? "globex" : "acme";

/** The `user`-tag writes a vApp User may send with no right: signing in and out, metrics queries, cancelling a task. */
const OPEN_WRITES: ReadonlySet<string> = new Set([
  "POST /login",
  "POST /sessions",
  "DELETE /session",
  "POST /org/{id}/metrics/historic",
  "POST /vdc/{id}/metrics/historic",
  "POST /task/{id}/action/cancel",
]);

describe("every operation checks the entities its path names", () => {
  it("the ids aimed with are real: their tenant's administrator reads each (200)", async () => {
    for (const tenant of TENANTS) {
      const ids = t.ids[tenant];
      const admin = t.sessions[`${tenant}-admin`];
      const paths = [
        `/vApp/vapp-${ids.vApp}`,
        `/vApp/vm-${ids.vm}`,
        `/vAppTemplate/vappTemplate-${ids.vAppTemplate}`,
        `/vAppTemplate/vm-${ids.templateVm}`,
        `/org/${ids.org}`,
        `/tasksList/${ids.org}`,
        `/vdc/${ids.vdc}`,
        `/network/${ids.network}`,
        `/catalog/${ids.catalog}`,
        `/catalogItem/${ids.catalogItem}`,
        `/disk/${ids.disk}`,
        `/task/${ids.task}`,
        `/admin/user/${ids.user}`,
        `/admin/group/${ids.group}`,
        `/admin/role/${ids.role}`,
      ];
      for (const path of paths)
        expect((await admin.send("GET", path)).status, path).toBe(200);
    }
  });

  it("another tenant's ids: 403 for every operation, as each tenant user", async () => {
    const ops = aimed(operations);
    expect(ops.length).toBeGreaterThan(300);
    const users = t.sim.users.filter((u) => u.org !== "System");
    expect(users.map((u) => u.name).sort()).toEqual([
      "acme-admin",
      "acme-author",
      "acme-user",
      "globex-admin",
      "globex-author",
      "globex-user",
    ]);
    const probes = users.flatMap((u) =>
      ops.flatMap((op) =>
        pathsOf(op, tenantIds(t.ids[other(tenantOf(u.name))])).map((path) => ({
          user: u.name,
          method: op.method,
          path,
        })),
      ),
    );
    expect(await notRefused(probes)).toEqual([]);
  });

  it("ids that exist nowhere: 403 for every operation, as every user (the system administrator too)", async () => {
    // But the entity resolver: a URN that names nothing is its 404 RESOURCE_NOT_FOUND (issue 20's
    // "Entity resolver ... 404 otherwise"; test/simulator/events-entity.test.ts checks it).
    const resolver = (op: OperationInfo) =>
      op.method === "GET" && /^\/entity\/\{[^}]+\}$/.test(op.path);
    expect(aimed(operations).filter(resolver)).toHaveLength(1);
    const probes = t.sim.users.flatMap((u) =>
      aimed(operations)
        .filter((op) => !resolver(op))
        .flatMap((op) =>
          pathsOf(op, unknownIds).map((path) => ({
            user: u.name,
            method: op.method,
            path,
          })),
        ),
    );
    expect(await notRefused(probes)).toEqual([]);
  });

  it("a right the role lacks: 403 on the tenant's own entities", async () => {
    const probes: Probe[] = [];
    for (const u of t.sim.users.filter((x) => x.org !== "System")) {
      const rights: readonly string[] = PREDEFINED_RIGHTS[u.role as RoleName];
      for (const op of operations.filter((o) => o.tag === "user")) {
        const right = rightFor(op.method, op.path);
        if (right === undefined || rights.includes(right)) continue;
        for (const path of pathsOf(op, tenantIds(t.ids[tenantOf(u.name)])))
          probes.push({ user: u.name, method: op.method, path });
      }
    }
    // the vApp Users and Authors of both tenants lack some rights (the administrators none)
    expect(new Set(probes.map((p) => p.user))).toEqual(
      new Set(["acme-author", "acme-user", "globex-author", "globex-user"]),
    );
    expect(probes.length).toBeGreaterThan(40);
    expect(await notRefused(probes)).toEqual([]);
  });

  it("every user-tag write the rights table names no right for is refused to a vApp User, but the open ones", async () => {
    const writes = operations.filter(
      (o) => o.tag === "user" && o.method !== "GET",
    );
    expect(writes.length).toBeGreaterThan(100);
    const unnamed = writes.filter(
      (o) => rightFor(o.method, o.path) === undefined,
    );
    // the open ones are all the table leaves without a right (a rule added to one of them is fine)
    expect(
      unnamed
        .map((o) => `${o.method} ${o.path}`)
        .filter((k) => !OPEN_WRITES.has(k)),
    ).toEqual([]);
    const probes = writes
      .filter((o) => !OPEN_WRITES.has(`${o.method} ${o.path}`))
      .flatMap((op) =>
        pathsOf(op, tenantIds(t.ids.acme))
          .filter(() => {
            const right = rightFor(op.method, op.path)!;
            return !PREDEFINED_RIGHTS["vApp User"].includes(right);
          })
          .map((path) => ({ user: "acme-user", method: op.method, path })),
      );
    expect(probes.map((p) => `${p.method} ${p.path}`)).toContain(
      `DELETE /vdc/${t.ids.acme.vdc}`,
    );
    expect(await notRefused(probes)).toEqual([]);
  });

  it("a body's Source of another tenant or that exists nowhere: 403, for operations without their own handler", async () => {
    const acme = t.ids.acme;
    const globex = t.ids.globex;
    const base = t.sim.url;
    const NS = `xmlns="http://www.vmware.com/vcloud/v1.5"`;
    const copy = (source: string) => ({
      path: `/catalog/${acme.catalog}/action/copy`,
      type: "application/vnd.vmware.vcloud.copyOrMoveCatalogItemParams+xml",
      body: `<CopyOrMoveCatalogItemParams ${NS} name="c"><Source href="${base}${source}"/></CopyOrMoveCatalogItemParams>`,
    });
    const cloneTemplate = (source: string) => ({
      path: `/vdc/${acme.vdc}/action/cloneVAppTemplate`,
      type: "application/vnd.vmware.vcloud.cloneVAppTemplateParams+xml",
      body: `<CloneVAppTemplateParams ${NS} name="c"><Source href="${base}${source}"/></CloneVAppTemplateParams>`,
    });
    const cloneMedia = (source: string) => ({
      path: `/vdc/${acme.vdc}/action/cloneMedia`,
      type: "application/vnd.vmware.vcloud.cloneMediaParams+xml",
      body: `<CloneMediaParams ${NS} name="c"><Source href="${base}${source}"/></CloneMediaParams>`,
    });
    const send = (r: { path: string; type: string; body: string }) =>
      t.sessions["acme-admin"].send("POST", r.path, r.type, r.body);
    // the tenant's own sources are taken: the refusals below are the Source's
    for (const r of [
      copy(`/catalogItem/${acme.catalogItem}`),
      cloneTemplate(`/vAppTemplate/vappTemplate-${acme.vAppTemplate}`),
    ]) {
      const got = await send(r);
      expect(got.status, `${r.path} ${got.body}`).toBeLessThan(300);
    }
    const refused = [
      copy(`/catalogItem/${globex.catalogItem}`),
      copy(`/catalogItem/${UNKNOWN}`),
      cloneTemplate(`/vAppTemplate/vappTemplate-${globex.vAppTemplate}`),
      cloneTemplate(`/vAppTemplate/vappTemplate-${UNKNOWN}`),
      cloneMedia(`/media/${UNKNOWN}`),
    ];
    const wrong: string[] = [];
    for (const r of refused) {
      const got = await send(r);
      const minor = /minorErrorCode="([^"]*)"/.exec(got.body)?.[1];
      if (got.status !== 403 || minor !== "ACCESS_TO_RESOURCE_IS_FORBIDDEN")
        wrong.push(
          `${r.path} ${r.body}: ${got.status} ${minor ?? got.body.slice(0, 80)}`,
        );
    }
    expect(wrong).toEqual([]);
  });

  it("an id that is no UUID: 400 BAD_REQUEST in vCD's words; an unknown VM: entity.vm", async () => {
    const admin = t.sessions["acme-admin"];
    const answer = async (path: string) => {
      const r = await admin.send("GET", path);
      return `${r.status} ${/minorErrorCode="([^"]*)"/.exec(r.body)?.[1]} ${/message="([^"]*)"/.exec(r.body)?.[1]}`;
    };
    // ../shared/vcd-samples, jclouds-labs-vcloud-director/{vdc,network,org,media,task}/error400.xml
    const field =
      "400 BAD_REQUEST validation error on field 'id': String value has invalid format or length";
    expect({
      vdc: await answer("/vdc/NOTAUUID"),
      network: await answer("/network/NOTAUUID"),
      org: await answer("/org/NOTAUUID"),
      media: await answer("/media/NOTAUUID"),
      task: await answer("/task/NOTAUUID"),
      tasksList: await answer("/tasksList/NOTAUUID"),
    }).toEqual({
      vdc: "400 BAD_REQUEST validation error : EntityRef has incorrect type, expected type is com.vmware.vcloud.entity.vdc.",
      network:
        "400 BAD_REQUEST validation error : EntityRef has incorrect type, expected type is com.vmware.vcloud.entity.network.",
      org: field,
      media: field,
      task: field,
      tasksList: field,
    });
    // a right's id is its name, not a UUID
    const right = `/admin/right/${encodeURIComponent("vApp: Power Operations")}`;
    expect((await admin.send("GET", right)).status).toBe(200);
    expect(await answer(`/vApp/vm-${UNKNOWN}`)).toBe(
      `403 ACCESS_TO_RESOURCE_IS_FORBIDDEN No access to entity &quot;com.vmware.vcloud.entity.vm:${UNKNOWN}&quot;.`,
    );
    expect(await answer(`/vApp/vapp-${UNKNOWN}`)).toBe(
      `403 ACCESS_TO_RESOURCE_IS_FORBIDDEN No access to entity &quot;com.vmware.vcloud.entity.vapp:${UNKNOWN}&quot;.`,
    );
  });
});
