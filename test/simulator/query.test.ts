/**
 * The query service over the store, with raw HTTP: the query list, typed queries in records,
 * idrecords and references, filter (`==`, `;`, `,`, wildcards, parentheses), sorting, paging with
 * its links followed to the end, the typed query paths, who sees what, and every body valid.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { startSeeded, sessionOf } from "./helpers/seeded.js";
import {
  INSTANTIATE_TYPE,
  instantiateBody,
  link,
  UserSession,
  type Entity,
} from "./helpers/session.js";
import { expectAllValid } from "./helpers/valid-bodies.js";

let sim: Simulator;
let pkg: GeneratedPackage;
let admin: UserSession;
let system: UserSession;
const NAMES = ["q-1", "q-2", "q-3", "q-4", "q-5", "q-6", "q-7"];

type Records = Entity & {
  total: string;
  page: number;
  pageSize: number;
  Record?: (Record<string, unknown> & { $element: string })[];
  Reference?: (Record<string, unknown> & { $element: string })[];
};

const records = (s: UserSession, query: string) =>
  s.get(`/query?${query}`) as Promise<Records>;
const names = (r: Records) => (r.Record ?? []).map((x) => x.name);

beforeAll(async () => {
  ({ sim, pkg } = await startSeeded());
  admin = await sessionOf(sim, pkg, "acme-admin");
  system = await UserSession.open(sim, pkg, sim.users[0]);
  const item = (await records(admin, "type=catalogItem")).Record![0];
  const vdc = (await records(admin, "type=orgVdc")).Record![0];
  for (const name of NAMES) {
    const r = await admin.send(
      "POST",
      `${vdc.href as string}/action/instantiateVAppTemplate`,
      INSTANTIATE_TYPE,
      instantiateBody(name, item.entity as string),
    );
    expect(r.status, r.body).toBe(201);
    const tasks = (r.value!.Tasks as { Task: Entity[] }).Task;
    expect((await admin.waitFor(tasks[0])).status).toBe("success");
  }
  const q3 = (await records(admin, "type=vApp&filter=name==q-3")).Record![0];
  await admin.task("POST", `${q3.href as string}/power/action/powerOn`);
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

describe("the query service", () => {
  it("GET /query without type: the QueryList, a link per type and format", async () => {
    const list = await admin.get("/query", "vcloud:QueryList");
    const vapp = list.Link!.filter((l) => l.name === "vApp");
    expect(vapp.map((l) => l.type).sort()).toEqual([
      "application/vnd.vmware.vcloud.query.idrecords+xml",
      "application/vnd.vmware.vcloud.query.records+xml",
      "application/vnd.vmware.vcloud.query.references+xml",
    ]);
    const r = await admin.get(link(list, "down").href);
    expect(r.name).toBe(list.Link![0].name);
  });

  it("records: the type's record elements with the store's values", async () => {
    const r = await records(admin, "type=vApp");
    expect(r.total).toBe("7");
    expect(r.page).toBe(1);
    expect(r.pageSize).toBe(25);
    expect(r.name).toBe("vApp");
    expect(r.href).toBe(
      `${sim.url}/query?type=vApp&page=1&pageSize=25&format=records`,
    );
    expect(new Set(r.Record!.map((x) => x.$element))).toEqual(
      new Set(["vcloud:VAppRecord"]),
    );
    expect(names(r).sort()).toEqual(NAMES);
    const q3 = r.Record!.find((x) => x.name === "q-3")!;
    expect(q3).toMatchObject({
      status: "POWERED_ON",
      isDeployed: true,
      vdcName: "acme-vdc",
      ownerName: "acme-admin",
    });
    expect(q3.href).toMatch(/\/api\/vApp\/vapp-[0-9a-f-]{36}$/);
    expect(q3.vdc).toMatch(/\/api\/vdc\/[0-9a-f-]{36}$/);
    expect(r.Link!.map((l) => l.rel)).toEqual(["alternate", "alternate"]);
  });

  it("filter: ==, wildcards, ; (and), , (or), parentheses; an unknown property or bad syntax is a 400", async () => {
    expect(names(await records(admin, "type=vApp&filter=name==q-3"))).toEqual([
      "q-3",
    ]);
    expect(names(await records(admin, "type=vApp&filter=name==Q-3"))).toEqual([
      "q-3",
    ]);
    expect(
      names(
        await records(admin, "type=vApp&filter=name==q-1,name==q-2"),
      ).sort(),
    ).toEqual(["q-1", "q-2"]);
    expect(
      names(
        await records(admin, "type=vApp&filter=status==POWERED_ON;name==q-*"),
      ),
    ).toEqual(["q-3"]);
    expect(
      names(
        await records(
          admin,
          `type=vApp&filter=${encodeURIComponent("(name==q-1,name==q-3);status==POWERED_OFF")}`,
        ),
      ),
    ).toEqual(["q-1"]);
    expect(
      (await records(admin, "type=vApp&filter=status!=POWERED_ON")).total,
    ).toBe("6");
    for (const [filter, message] of [
      ["colour==red", 'the property "colour"'],
      ["name=q-1", "is not valid"],
      ["(name==q-1", "missing )"],
    ]) {
      const r = await admin.send(
        "GET",
        `/query?type=vApp&filter=${encodeURIComponent(filter)}`,
      );
      expect(r.status, filter).toBe(400);
      expect(r.element).toBe("vcloud:Error");
      expect(r.value!.message).toContain(message);
    }
  });

  it("sortAsc and sortDesc by any property; an unknown one is a 400", async () => {
    expect(names(await records(admin, "type=vApp&sortDesc=name"))).toEqual(
      [...NAMES].reverse(),
    );
    expect(names(await records(admin, "type=vApp&sortAsc=name"))).toEqual(
      NAMES,
    );
    const byStatus = names(
      await records(admin, "type=vApp&sortDesc=status&filter=name==q-*"),
    );
    expect(byStatus[0]).toBe("q-3");
    expect(
      (await admin.send("GET", "/query?type=vApp&sortAsc=colour")).status,
    ).toBe(400);
  });

  it("paging: pageSize, the nextPage links followed to the last page, firstPage/previousPage/lastPage", async () => {
    const first = await records(admin, "type=vApp&sortAsc=name&pageSize=3");
    expect(first.total).toBe("7");
    const rels = first.Link!.map((l) => l.rel);
    expect(rels).toContain("nextPage");
    expect(rels).not.toContain("previousPage");
    expect(link(first, "lastPage").href).toContain("page=3&pageSize=3");
    const seen: unknown[] = [];
    let page: Records | undefined = first;
    for (let i = 0; page && i < 10; i++) {
      seen.push(...names(page));
      const next = page.Link!.find((l) => l.rel === "nextPage");
      if (!next) break;
      page = (await admin.get(next.href)) as Records;
    }
    expect(seen).toEqual(NAMES);
    expect(page!.page).toBe(3);
    expect(names(page!)).toEqual(["q-7"]);
    expect(link(page!, "previousPage").href).toContain("page=2&pageSize=3");
    expect(link(page!, "firstPage").href).toContain("page=1&pageSize=3");
    const beyond = await records(admin, "type=vApp&pageSize=3&page=9");
    expect(beyond.Record ?? []).toEqual([]);
    expect((await admin.send("GET", "/query?type=vApp&page=0")).status).toBe(
      400,
    );
    expect((await records(admin, "type=vApp&pageSize=500")).pageSize).toBe(128);
  });

  it("references and idrecords", async () => {
    const refs = await admin.send(
      "GET",
      "/query?type=vApp&format=references&sortAsc=name",
    );
    expect(refs.status).toBe(200);
    expect(refs.headers.get("content-type")).toBe(
      "application/vnd.vmware.vcloud.query.references+xml;version=30.0",
    );
    expect(refs.element).toBe("vcloud:VAppReferences");
    const list = (refs.value as Records).Reference!;
    expect(list).toHaveLength(7);
    expect(list[0]).toMatchObject({
      $element: "vcloud:VAppReference",
      name: "q-1",
      type: "application/vnd.vmware.vcloud.vApp+xml",
    });
    expect(list[0].id).toMatch(/^urn:vcloud:vapp:/);
    const ids = await records(
      admin,
      "type=vApp&format=idrecords&filter=name==q-1",
    );
    expect(ids.type).toBe("application/vnd.vmware.vcloud.query.idrecords+xml");
    expect(ids.Record![0].id).toBe(list[0].id);
    expect(ids.Record![0].vdc).toMatch(/^urn:vcloud:vdc:/);
    const byUrn = await records(
      admin,
      `type=vApp&filter=vdc==${encodeURIComponent(ids.Record![0].vdc as string)}`,
    );
    expect(byUrn.total).toBe("7");
  });

  it("the typed query paths answer the query of their type", async () => {
    const typed = (await admin.get("/vApps/query?sortAsc=name")) as Records;
    expect(names(typed)).toEqual(NAMES);
    expect(typed.href).toBe(
      `${sim.url}/vApps/query?page=1&pageSize=25&format=records&sortAsc=name`,
    );
    const vms = (await admin.get(
      "/vms/query?filter=isVAppTemplate==false",
    )) as Records;
    expect(vms.Record!.map((r) => r.containerName).sort()).toEqual(NAMES);
    expect(vms.Record![0]).toMatchObject({
      $element: "vcloud:VMRecord",
      numberOfCpus: 2,
      memoryMB: 2048,
    });
    const orgs = (await system.get(
      "/admin/orgs/query?sortAsc=name",
    )) as Records;
    expect(names(orgs)).toEqual(
      ["acme", "globex", "System"].sort((a, b) => a.localeCompare(b)),
    );
  });

  it("each user sees their organization (a vApp User only the vApps theirs or shared with them); admin types need an administrator", async () => {
    const user = (name: string) => sim.users.find((u) => u.name === name)!;
    const globex = await UserSession.open(sim, pkg, user("globex-admin"));
    expect((await records(globex, "type=vApp")).total).toBe("0");
    expect(names(await records(globex, "type=organization"))).toEqual([
      "globex",
    ]);
    const vappUser = await UserSession.open(sim, pkg, user("acme-user"));
    // the administrator's vApps, not shared with the vApp User: invisible to them
    expect((await records(vappUser, "type=vApp")).total).toBe("0");
    expect((await vappUser.send("GET", "/query?type=adminVApp")).status).toBe(
      403,
    );
    expect(
      (await admin.send("GET", "/admin/extension/vapps/query")).status,
    ).toBe(403);
    const all = await records(system, "type=adminVApp&filter=name==q-1");
    expect(all.Record![0]).toMatchObject({
      $element: "vcloud:AdminVAppRecord",
      numberOfVMs: 1,
    });
    expect(all.Record![0].org).toMatch(/\/api\/org\//);
    expect(
      ((await system.get("/admin/extension/vapps/query")) as Records).total,
    ).toBe("7");
  });

  it("catalogItem, orgVdc, task, vAppTemplate, user records from the store", async () => {
    const item = (await records(admin, "type=catalogItem")).Record![0];
    expect(item).toMatchObject({
      name: "photon-template",
      catalogName: "acme-catalog",
      entityType: "vapptemplate",
    });
    const vdc = (await records(admin, "type=orgVdc")).Record![0];
    expect(vdc).toMatchObject({
      name: "acme-vdc",
      numberOfVApps: 7,
      numberOfRunningVMs: 1,
      numberOfVMs: 7,
    });
    const tasks = await records(
      admin,
      "type=task&filter=name==vdcInstantiateVapp;status==success",
    );
    expect(tasks.total).toBe("7");
    expect(tasks.Record!.map((t) => t.objectName).sort()).toEqual(NAMES);
    expect(
      (await records(admin, "type=vAppTemplate")).Record![0],
    ).toMatchObject({ name: "photon-template", catalogName: "acme-catalog" });
    expect(names(await records(admin, "type=user&sortAsc=name"))).toEqual([
      "acme-admin",
      "acme-author",
      "acme-user",
    ]);
    expect((await admin.send("GET", "/query?type=nothing")).status).toBe(400);
    expect(
      (await admin.send("GET", "/query?type=vApp&format=json")).status,
    ).toBe(400);
  });

  it("sends only schema-valid bodies (package validate and libxml2)", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});
