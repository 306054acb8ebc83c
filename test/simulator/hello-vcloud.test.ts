/**
 * The guide's "Hello vCloud" workflow against the simulator, with raw HTTP: versions, login, the
 * organization, VDC and catalog, instantiation of the template, power on and off, guest
 * customization, deletion and logout, asserting on the state the simulator ends in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startSimulator,
  type Simulator,
} from "../../simulator/index.js";
import { Router } from "../../simulator/router.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { simulatorBinding } from "./helpers/binding.js";
import { ACCEPT, basic, raw } from "./helpers/http.js";
import { expectAllValid } from "./helpers/valid-bodies.js";

interface Link {
  rel: string;
  href: string;
  type?: string;
  name?: string;
}
type Entity = {
  href: string;
  name: string;
  id?: string;
  status?: number | string;
  Link?: Link[];
} & Record<string, unknown>;

let sim: Simulator;
let pkg: GeneratedPackage;
let headers: Record<string, string>;
let router: Router;

beforeAll(async () => {
  const loaded = await simulatorBinding();
  pkg = loaded.pkg;
  sim = await startSimulator(loaded.binding, {
    taskStepMs: 5,
    recordBodies: true,
  });
  router = new Router(loaded.binding.operations);
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

async function get(href: string, element: string): Promise<Entity> {
  const r = await raw(href, { headers });
  expect(r.status, `GET ${href}: ${r.body}`).toBe(200);
  const doc = pkg.fromXml(r.body);
  expect(doc.element).toBe(element);
  return doc.value as Entity;
}

const link = (e: Entity, rel: string, type?: string): Link => {
  const found = e.Link?.find(
    (l) => l.rel === rel && (type === undefined || l.type === type),
  );
  expect(found, `${e.name}: no link ${rel} ${type ?? ""}`).toBeDefined();
  return found!;
};

async function waitFor(task: Entity): Promise<Entity> {
  for (let i = 0; i < 50; i++) {
    const now = await get(task.href, "vcloud:Task");
    if (now.status === "success" || now.status === "error") return now;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`task ${task.href} did not end`);
}

async function send(
  method: string,
  href: string,
  contentType?: string,
  body?: string,
) {
  const r = await raw(href, {
    method,
    headers: {
      ...headers,
      ...(contentType ? { "Content-Type": contentType } : {}),
    },
    ...(body !== undefined ? { body } : {}),
  });
  return {
    ...r,
    value: r.body ? (pkg.fromXml(r.body).value as Entity) : undefined,
    element: r.body ? pkg.fromXml(r.body).element : undefined,
  };
}

describe("Hello vCloud against the simulator", () => {
  let vdc: Entity;
  let templateHref: string;
  let vapp: Entity;

  it("versions name the login URL on the simulator; login answers a Session and both token headers", async () => {
    const versions = pkg.fromXml((await raw(`${sim.url}/versions`)).body)
      .value as {
      VersionInfo: { Version: string; LoginUrl: string }[];
    };
    expect(versions.VersionInfo.map((v) => v.Version)).toContain("30.0");
    const loginUrl = versions.VersionInfo[0].LoginUrl;
    expect(loginUrl).toBe(`${sim.url}/sessions`);
    const user = sim.users[1];
    const r = await raw(loginUrl, {
      method: "POST",
      headers: {
        Accept: ACCEPT,
        Authorization: basic(`${user.name}@${user.org}`, user.password),
      },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe(
      "application/vnd.vmware.vcloud.session+xml;version=30.0",
    );
    const token = r.headers.get("x-vcloud-authorization")!;
    expect(r.headers.get("x-vmware-vcloud-access-token")).toBe(token);
    expect(r.headers.get("x-vmware-vcloud-token-type")).toBe("Bearer");
    const session = pkg.fromXml(r.body).value as Entity & {
      user: string;
      org: string;
    };
    expect(session).toMatchObject({ user: "acme-admin", org: "acme" });
    expect(
      link(session, "down", "application/vnd.vmware.vcloud.orgList+xml").href,
    ).toBe(`${sim.url}/org`);
    headers = { Accept: ACCEPT, "x-vcloud-authorization": token };
  });

  it("follows OrgList -> Org -> Vdc and Catalog -> CatalogItem -> VAppTemplate", async () => {
    const list = await get(`${sim.url}/org`, "vcloud:OrgList");
    const orgs = list.Org as Entity[];
    expect(orgs.map((o) => o.name)).toEqual(["acme"]);
    const org = await get(orgs[0].href, "vcloud:Org");
    expect(org.id).toMatch(/^urn:vcloud:org:[0-9a-f-]{36}$/);
    vdc = await get(
      link(org, "down", "application/vnd.vmware.vcloud.vdc+xml").href,
      "vcloud:Vdc",
    );
    expect(link(vdc, "up").href).toBe(org.href);
    const catalog = await get(
      link(org, "down", "application/vnd.vmware.vcloud.catalog+xml").href,
      "vcloud:Catalog",
    );
    const items = (catalog.CatalogItems as { CatalogItem: Entity[] })
      .CatalogItem;
    const item = await get(items[0].href, "vcloud:CatalogItem");
    templateHref = (item.Entity as Entity).href;
    expect(templateHref).toMatch(
      /\/api\/vAppTemplate\/vappTemplate-[0-9a-f-]{36}$/,
    );
    const template = await get(templateHref, "vcloud:VAppTemplate");
    expect(
      (template.Children as { Vm: Entity[] }).Vm.map((v) => v.name),
    ).toEqual(["photon"]);
  });

  it("instantiates the template: 201 with the VApp holding a running task, then the vApp resolves powered off", async () => {
    const add = vdc.Link!.find((l) =>
      l.href.endsWith("/action/instantiateVAppTemplate"),
    )!;
    expect(add.rel).toBe("add");
    const body = `<InstantiateVAppTemplateParams xmlns="http://www.vmware.com/vcloud/v1.5" name="hello" deploy="false" powerOn="false"><Description>Hello vCloud</Description><Source href="${templateHref}"/><AllEULAsAccepted>true</AllEULAsAccepted></InstantiateVAppTemplateParams>`;
    const r = await send("POST", add.href, add.type, body);
    expect(r.status, r.body).toBe(201);
    expect(r.element).toBe("vcloud:VApp");
    vapp = r.value!;
    expect(r.headers.get("location")).toBe(vapp.href);
    expect(vapp.id).toMatch(/^urn:vcloud:vapp:/);
    expect(vapp.href).toMatch(/\/api\/vApp\/vapp-[0-9a-f-]{36}$/);
    const tasks = (vapp.Tasks as { Task: Entity[] }).Task;
    expect(tasks).toHaveLength(1);
    expect(tasks[0].operationName).toBe("vdcInstantiateVapp");
    const done = await waitFor(tasks[0]);
    expect(done.status).toBe("success");
    expect(done.Progress).toBe(100);
    vapp = await get(vapp.href, "vcloud:VApp");
    expect(vapp.status).toBe(8);
    expect(vapp.Tasks).toBeUndefined();
    expect(vapp.Description).toBe("Hello vCloud");
    const again = await send("POST", add.href, add.type, body);
    expect(again.status).toBe(400);
    expect(again.value!.minorErrorCode).toBe("DUPLICATE_NAME");
    const inVdc = await get(vdc.href, "vcloud:Vdc");
    const entities = (inVdc.ResourceEntities as { ResourceEntity: Entity[] })
      .ResourceEntity;
    expect(entities.map((e) => e.href)).toContain(vapp.href);
  });

  it("powers the vApp on and off through its links; status 4 then 8, for the vApp and its VM", async () => {
    const on = link(vapp, "power:powerOn");
    const r = await send("POST", on.href);
    expect(r.status).toBe(202);
    expect(r.element).toBe("vcloud:Task");
    expect(r.value!.status).toBe("queued");
    expect((await waitFor(r.value!)).status).toBe("success");
    vapp = await get(vapp.href, "vcloud:VApp");
    expect(vapp.status).toBe(4);
    const vmRef = (vapp.Children as { Vm: Entity[] }).Vm[0];
    expect(vmRef.href).toMatch(/\/api\/vApp\/vm-[0-9a-f-]{36}$/);
    const vm = await get(vmRef.href, "vcloud:Vm");
    expect(vm.status).toBe(4);
    expect(link(vm, "up").href).toBe(vapp.href);
    expect(vapp.Link!.some((l) => l.rel === "power:powerOn")).toBe(false);
    expect((await send("POST", on.href)).status).toBe(400);
    const del = await send("DELETE", vapp.href);
    expect(del.status).toBe(400);
    const off = await send("POST", link(vapp, "power:powerOff").href);
    expect(off.status).toBe(202);
    expect((await waitFor(off.value!)).status).toBe("success");
    vapp = await get(vapp.href, "vcloud:VApp");
    expect(vapp.status).toBe(8);
    expect((await get(vmRef.href, "vcloud:Vm")).status).toBe(8);
  });

  it("reads and changes the VM's guest customization (202 task, then applied)", async () => {
    const vmRef = (vapp.Children as { Vm: Entity[] }).Vm[0];
    const vm = await get(vmRef.href, "vcloud:Vm");
    const sectionRef = (vm.Section as Entity[]).find((s) =>
      String(s.href).includes("guestCustomizationSection"),
    )!;
    const section = await get(
      `${sectionRef.href}/`,
      "vcloud:GuestCustomizationSection",
    );
    expect(section.ComputerName).toBe("photon");
    const edit = link(section, "edit");
    const changed = pkg.toXml({
      element: "vcloud:GuestCustomizationSection",
      value: {
        ...section,
        ComputerName: "hello-1",
        AdminPasswordAuto: false,
        AdminPassword: "S3cret!",
      },
    });
    const r = await send("PUT", edit.href, edit.type, changed);
    expect(r.status, r.body).toBe(202);
    expect((await waitFor(r.value!)).status).toBe("success");
    const after = await get(
      sectionRef.href,
      "vcloud:GuestCustomizationSection",
    );
    expect(after).toMatchObject({
      ComputerName: "hello-1",
      AdminPasswordAuto: false,
      AdminPassword: "S3cret!",
    });
    expect(after.VirtualMachineId).toBe(section.VirtualMachineId);
    const bad = await send(
      "PUT",
      edit.href,
      edit.type,
      changed.replace("hello-1", "12345"),
    );
    expect(bad.status).toBe(400);
  });

  it("reads the CPU and memory items and changes the memory", async () => {
    const vmHref = (vapp.Children as { Vm: Entity[] }).Vm[0].href;
    const cpu = await get(
      `${vmHref}/virtualHardwareSection/cpu`,
      "vcloud:Item",
    );
    expect((cpu.VirtualQuantity as { $value: string }).$value).toBe("2");
    const memory = await get(
      `${vmHref}/virtualHardwareSection/memory`,
      "vcloud:Item",
    );
    const body = pkg.toXml({
      element: "vcloud:Item",
      value: { ...memory, VirtualQuantity: { $value: "4096" } },
    });
    const r = await send(
      "PUT",
      `${vmHref}/virtualHardwareSection/memory`,
      "application/vnd.vmware.vcloud.rasdItem+xml",
      body,
    );
    expect(r.status, r.body).toBe(202);
    expect((await waitFor(r.value!)).status).toBe("success");
    const after = await get(
      `${vmHref}/virtualHardwareSection/memory`,
      "vcloud:Item",
    );
    expect((after.VirtualQuantity as { $value: string }).$value).toBe("4096");
  });

  it("a task told to fail ends in error with an Error, and leaves the state as it was", async () => {
    sim.failNextTask("vappPowerOn", "the host is gone");
    const r = await send("POST", link(vapp, "power:powerOn").href);
    const done = await waitFor(r.value!);
    expect(done.status).toBe("error");
    expect(done.Error).toMatchObject({
      message: "the host is gone",
      majorErrorCode: 500,
    });
    expect((await get(vapp.href, "vcloud:VApp")).status).toBe(8);
  });

  it("deletes the vApp (202 task); then it is gone from the VDC; logout ends the session", async () => {
    const r = await send("DELETE", link(vapp, "remove").href);
    expect(r.status).toBe(202);
    expect((await waitFor(r.value!)).status).toBe("success");
    const gone = await raw(vapp.href, { headers });
    expect(gone.status).toBe(403);
    expect((pkg.fromXml(gone.body).value as Entity).minorErrorCode).toBe(
      "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
    );
    const inVdc = await get(vdc.href, "vcloud:Vdc");
    const entities = (
      (inVdc.ResourceEntities as { ResourceEntity?: Entity[] })
        .ResourceEntity ?? []
    ).map((e) => e.href);
    expect(entities).not.toContain(vapp.href);
    expect((await send("DELETE", `${sim.url}/session`)).status).toBe(204);
    expect((await raw(`${sim.url}/org`, { headers })).status).toBe(401);
  });

  it("reset() goes back to the seed", async () => {
    sim.reset();
    expect((await raw(`${sim.url}/org`, { headers })).status).toBe(401);
  });

  it("every Link it wrote names an operation of the table, on the simulator's base URL", () => {
    const bad: string[] = [];
    const methodOf = (rel: string) =>
      rel === "edit"
        ? "PUT"
        : rel === "remove"
          ? "DELETE"
          : rel === "down" || rel === "up" || rel === "alternate"
            ? "GET"
            : "POST";
    let count = 0;
    for (const s of sim.sentBodies)
      for (const m of s.body.matchAll(/<(?:vcloud:)?Link\b([^>]*)>/g)) {
        const rel = /\brel="([^"]+)"/.exec(m[1])![1];
        const href = /\bhref="([^"]+)"/.exec(m[1])![1];
        count++;
        if (
          !href.startsWith(`${sim.url}/`) ||
          !router.has(methodOf(rel), href.slice(sim.url.length))
        )
          bad.push(`${rel} ${href}`);
      }
    expect(count).toBeGreaterThan(50);
    expect(bad).toEqual([]);
  });

  it("sends only schema-valid bodies (package validate and libxml2)", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});
