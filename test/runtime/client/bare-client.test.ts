/**
 * `createBareClient` as a browser app uses it: bundled with esbuild (tree-shaking) with a few stubs,
 * then run against the generated 30.0 package's simulator on 127.0.0.1. The bundle holds the rows
 * and descriptors of those stubs only, and works with them: login, the org, its VDC and catalog,
 * instantiating a vApp, powering it on, waiting for tasks; a `get` reads what it is told to.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Simulator } from "../../../simulator/binding.js";
import { bundleApps, type BundledApp } from "../../helpers/bundle.js";
import { loadClientPackage } from "../../helpers/generated-packages.js";
import { credentialsOf, tenantAdmin } from "../../helpers/tenant-admin.js";

type Value = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Fn = (...args: unknown[]) => Promise<Value>;

let sim: Simulator;
let app: BundledApp;

const STUBS = [
  "getOrg",
  "getOrgById",
  "getVdc",
  "getCatalog",
  "getCatalogItem",
  "instantiateVAppTemplate",
  "getVApp",
  "powerOn",
];

beforeAll(async () => {
  const pkg = await loadClientPackage("30.0");
  sim = await pkg.startSimulator({ taskStepMs: 5 });
  const dist = join(inject("generatedDir"), "30.0", "dist");
  const from = (module: string) => JSON.stringify(join(dist, module));
  const apps = await bundleApps(
    {
      bare: `export { createBareClient, findLink, followLink, waitForTask, VcdRequestError, VcdResponseError } from ${from("index.js")};
export { ${STUBS.join(", ")} } from ${from("api/index.js")};
export { VAppSchema } from ${from("vcloud.js")};`,
    },
    dist,
  );
  app = apps.get("bare")!;
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

const fn = (name: string) => app.exports[name] as Fn;

describe("a bare client, bundled", () => {
  it("holds only the operation rows and descriptors of the stubs it imports", () => {
    expect(app.text).toContain('"/vApp/{id}/power/action/powerOn"');
    expect(app.text).toContain('"vcloud:VAppType"');
    // Another operation's row, and the descriptors no imported stub reaches.
    expect(app.text).not.toContain('"/vApp/{id}/power/action/powerOff"');
    expect(app.text).not.toContain('"/admin/extension/vimServer/{id}"');
    expect(app.text).not.toContain('"vmext:VimServerType"');
    expect(app.text).not.toContain('"vcloud:QueryResultRecordsType"');
  });

  it("logs in, instantiates a vApp, powers it on and waits for its tasks, with only those stubs", async () => {
    const client = (app.exports.createBareClient as (o: object) => Value)({
      baseUrl: sim.url,
      timeout: 5_000,
    });
    const findLink = app.exports.findLink as (
      v: unknown,
      rel: string,
      type?: string,
    ) => Value;
    const waitForTask = app.exports.waitForTask as Fn;
    const admin = tenantAdmin(sim);
    const session = await client.login(credentialsOf(admin));
    expect(session.element).toBe("vcloud:Session");
    const orgList = await fn("getOrg")(client);
    const org = await fn("getOrgById")(
      client,
      (orgList.value.Org as Value[]).find((o) => o.name === admin.org),
    );
    expect(org.element).toBe("vcloud:Org");
    const vdc = await fn("getVdc")(
      client,
      findLink(org.value, "down", "application/vnd.vmware.vcloud.vdc+xml"),
    );
    const catalog = await fn("getCatalog")(
      client,
      findLink(org.value, "down", "application/vnd.vmware.vcloud.catalog+xml"),
    );
    const item = await fn("getCatalogItem")(
      client,
      catalog.value.CatalogItems.CatalogItem[0],
    );
    const created = await fn("instantiateVAppTemplate")(
      client,
      findLink(
        vdc.value,
        "add",
        "application/vnd.vmware.vcloud.instantiateVAppTemplateParams+xml",
      ),
      {
        name: "bare-vapp",
        Source: { href: item.value.Entity.href },
        AllEULAsAccepted: true,
      },
    );
    expect(created.element).toBe("vcloud:VApp");
    const done = await waitForTask(client, created.value.Tasks.Task[0], {
      interval: 5,
    });
    expect(done.status).toBe("success");
    const vapp = await fn("getVApp")(client, created.value);
    const task = await fn("powerOn")(
      client,
      findLink(vapp.value, "power:powerOn"),
    );
    expect(task.element).toBe("vcloud:Task");
    expect(
      (await waitForTask(client, task.value, { interval: 5 })).status,
    ).toBe("success");
    expect((await fn("getVApp")(client, vapp.value)).value.status).toBe(4);

    // A get reads the elements every client reads, or those it is given.
    await expect(client.get(vapp.value.href)).rejects.toThrow(
      "root element vcloud:VApp: without accept, this get reads vcloud:Session or vcloud:Task or versioning:SupportedVersions (give the element's schema in accept)",
    );
    await expect(client.get(vapp.value.href)).rejects.toBeInstanceOf(
      app.exports.VcdResponseError as new () => Error,
    );
    const got = await client.get(vapp.value.href, {
      accept: [app.exports.VAppSchema],
    });
    expect(got.element).toBe("vcloud:VApp");
    expect(got.value.name).toBe("bare-vapp");

    // No operations table: a link is refused before anything is sent.
    const followLink = app.exports.followLink as Fn;
    const refused = followLink(client, findLink(vapp.value, "power:powerOn"));
    await expect(refused).rejects.toBeInstanceOf(
      app.exports.VcdRequestError as new () => Error,
    );
    await expect(refused).rejects.toThrow(/no operations table/);
    await client.logout();
  });
});
