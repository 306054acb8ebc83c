/**
 * Provisioning an organization through the generated client: a vApp captured to a template in the
 * VDC and added to the catalog as an item (read back, listed, refused twice and to a vApp user,
 * removed); the owners of a vApp template and of a catalog (`GET/PUT .../owner`, only to a user of
 * the organization); access control of a catalog and of a vApp (`controlAccess`), read back. Each
 * step asserts on the state the simulator ends in; every body it sent is validated by libxml2.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPackage } from "../../helpers/generated-packages.js";
import { expectAllValid } from "../helpers/valid-bodies.js";
import {
  instantiate,
  startWorkflow,
  tenant,
  type Value,
  type Workflow,
} from "./harness.js";

const MT = {
  catalogItem: "application/vnd.vmware.vcloud.catalogItem+xml",
  capture: "application/vnd.vmware.vcloud.captureVAppParams+xml",
  owner: "application/vnd.vmware.vcloud.owner+xml",
  access: "application/vnd.vmware.vcloud.controlAccess+xml",
  adminOrg: "application/vnd.vmware.admin.organization+xml",
  adminCatalog: "application/vnd.vmware.admin.catalog+xml",
};

let w: Workflow;
let org: Value;
let vdc: Value;
let catalog: Value;
let templateHref: string;
/** The users of the tenant organization by name (from its AdminOrg). */
let users: Record<string, string>;

const refetch = async (stub: string, v: Value) => (await w.call(stub, v)).value;

beforeAll(async () => {
  w = await startWorkflow();
  await w.loginAs("Organization Administrator");
  ({ org, vdc, catalog, templateHref } = await tenant(w));
  const admin = (
    await w.call("getAdminOrg", w.link(org, "alternate", MT.adminOrg))
  ).value;
  users = Object.fromEntries(
    (admin.Users.UserReference as Value[]).map((u) => [u.name, u.href]),
  );
}, 60_000);
afterAll(() => w?.close());

describe("provisioning an organization through the client", () => {
  let template: Value;
  let item: Value;

  it("adds a vApp template to the catalog as an item, and reads it back", async () => {
    const vapp = await instantiate(w, vdc, templateHref, "golden");
    const captured = await w.call(
      "captureVAppVdc",
      w.link(vdc, "add", MT.capture),
      {
        name: "golden-template",
        Description: "Captured for the catalog",
        Source: { href: vapp.href },
      },
    );
    expect(captured.status).toBe(201);
    expect(captured.element).toBe("vcloud:VAppTemplate");
    for (const t of captured.value.Tasks?.Task ?? []) await w.done(t);
    template = await refetch("getVAppTemplate", captured.value);
    expect(template.Children.Vm).toHaveLength(1);

    const made = await w.call(
      "createCatalogItems",
      w.link(catalog, "add", MT.catalogItem),
      {
        name: "golden",
        Description: "The golden image",
        Entity: { href: template.href },
      },
    );
    expect(made.status).toBe(201);
    expect(made.element).toBe("vcloud:CatalogItem");
    expect(made.location).toBe(made.value.href);
    item = await refetch("getCatalogItem", made.value);
    expect(item).toMatchObject({
      name: "golden",
      Description: "The golden image",
    });
    expect(item.Entity.href).toBe(template.href);
    const up = await w.call(
      "getCatalog",
      w.link(item, "up", "application/vnd.vmware.vcloud.catalog+xml"),
    );
    expect(
      (up.value.CatalogItems.CatalogItem as Value[]).map((i) => i.name).sort(),
    ).toEqual(["golden", "photon-template"]);
    const listed = await w.call(
      "getQuery",
      {},
      { query: { type: "catalogItem", filter: "name==golden" } },
    );
    expect((listed.value.Record as Value[]).map((r) => r.entity)).toEqual([
      template.href,
    ]);
  });

  it("refuses the same template twice, a name used in the catalog, and a vApp user", async () => {
    const add = w.link(catalog, "add", MT.catalogItem);
    await expect(
      w.call("createCatalogItems", add, {
        name: "golden-2",
        Entity: { href: template.href },
      }),
    ).rejects.toMatchObject({ status: 400 });
    const other = await instantiate(w, vdc, templateHref, "other");
    const captured = await w.call(
      "captureVAppVdc",
      w.link(vdc, "add", MT.capture),
      {
        name: "other-template",
        Source: { href: other.href },
      },
    );
    for (const t of captured.value.Tasks?.Task ?? []) await w.done(t);
    await expect(
      w.call("createCatalogItems", add, {
        name: "GOLDEN",
        Entity: { href: captured.value.href },
      }),
    ).rejects.toMatchObject({
      status: 400,
      error: { minorErrorCode: "DUPLICATE_NAME" },
    });
    await w.client.logout();
    await w.loginAs("vApp User");
    await expect(
      w.call("createCatalogItems", add, {
        name: "mine",
        Entity: { href: captured.value.href },
      }),
    ).rejects.toMatchObject({ status: 403 });
    await w.client.logout();
    await w.loginAs("Organization Administrator");
    const kept = await refetch("getCatalog", catalog);
    expect(kept.CatalogItems.CatalogItem).toHaveLength(2);
  });

  it("the template's owner is its creator; the catalog's owner changes to a user of the organization", async () => {
    const owner = await w.call(
      "getVAppTemplateOwner",
      w.link(template, "down", MT.owner),
    );
    expect(owner.element).toBe("vcloud:Owner");
    expect(owner.value.User.name).toBe("acme-admin");

    const admin = await w.call(
      "getAdminCatalog",
      w.link(catalog, "alternate", MT.adminCatalog),
    );
    expect(admin.element).toBe("vcloud:AdminCatalog");
    expect(admin.value.name).toBe(catalog.name);
    const catalogOwner = w.link(admin.value, "down", MT.owner);
    const before = await w.call("getCatalogOwner", catalogOwner);
    expect(before.value.User.name).toBe("acme-admin");
    const put = await w.call(
      "updateCatalogOwner",
      w.link(before.value, "edit", MT.owner),
      { User: { href: users["acme-author"] } },
    );
    expect(put.status).toBe(204);
    expect(
      (await w.call("getCatalogOwner", catalogOwner)).value.User.name,
    ).toBe("acme-author");
    const record = await w.call(
      "getQuery",
      {},
      { query: { type: "catalog", filter: `name==${catalog.name}` } },
    );
    expect(record.value.Record[0].ownerName).toBe("acme-author");

    const globex = (await w.call("getOrg")).value.Org.find(
      (o: Value) => o.name === "globex",
    );
    expect(globex).toBeUndefined(); // a tenant sees only its own organization
    await expect(
      w.call("updateCatalogOwner", w.link(before.value, "edit", MT.owner), {
        User: {
          href: `${w.sim.url}/admin/user/00000000-0000-4000-8000-000000000000`,
        },
      }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it("controls access to the catalog: shared to everyone read-only, and a user with Change", async () => {
    const start = await w.call(
      "getCatalogControlAccess",
      w.link(catalog, "down", MT.access),
    );
    expect(start.value.IsSharedToEveryone).toBe(false);
    const set = await w.call(
      "controlAccessCatalog",
      w.link(catalog, "controlAccess", MT.access),
      {
        IsSharedToEveryone: true,
        EveryoneAccessLevel: "ReadOnly",
        AccessSettings: {
          AccessSetting: [
            { Subject: { href: users["acme-user"] }, AccessLevel: "Change" },
          ],
        },
      },
    );
    expect(set.element).toBe("vcloud:ControlAccessParams");
    const kept = (
      await w.call(
        "getCatalogControlAccess",
        w.link(catalog, "down", MT.access),
      )
    ).value;
    expect(kept).toMatchObject({
      IsSharedToEveryone: true,
      EveryoneAccessLevel: "ReadOnly",
    });
    const setting = kept.AccessSettings.AccessSetting[0];
    expect(setting.AccessLevel).toBe("Change");
    expect(setting.Subject.name).toBe("acme-user");
    await expect(
      w.call(
        "controlAccessCatalog",
        w.link(catalog, "controlAccess", MT.access),
        {
          IsSharedToEveryone: true,
          EveryoneAccessLevel: "Everything",
        },
      ),
    ).rejects.toMatchObject({ status: 400 });
  });

  it("controls access to a vApp: its owner or an administrator, and not another user", async () => {
    let vapp = await instantiate(w, vdc, templateHref, "shared");
    await w.client.logout();
    await w.loginAs("vApp User");
    await expect(
      w.call("controlAccessVApp", w.link(vapp, "controlAccess", MT.access), {
        IsSharedToEveryone: true,
        EveryoneAccessLevel: "ReadOnly",
      }),
    ).rejects.toMatchObject({ status: 403 });
    await w.client.logout();
    await w.loginAs("Organization Administrator");
    const set = await w.call(
      "controlAccessVApp",
      w.link(vapp, "controlAccess", MT.access),
      {
        IsSharedToEveryone: false,
        AccessSettings: {
          AccessSetting: [
            {
              Subject: { href: users["acme-author"] },
              AccessLevel: "FullControl",
            },
          ],
        },
      },
    );
    expect(set.value.IsSharedToEveryone).toBe(false);
    vapp = await refetch("getVApp", vapp);
    const kept = (
      await w.call("getVAppControlAccess", w.link(vapp, "down", MT.access))
    ).value;
    expect(kept.IsSharedToEveryone).toBe(false);
    expect(kept.AccessSettings.AccessSetting).toHaveLength(1);
    expect(kept.AccessSettings.AccessSetting[0]).toMatchObject({
      AccessLevel: "FullControl",
      Subject: { name: "acme-author" },
    });
  });

  it("removes the catalog item, and its template with it", async () => {
    const removed = await w.call("deleteCatalogItem", w.link(item, "remove"));
    expect(removed.status).toBe(204);
    await expect(w.call("getCatalogItem", item)).rejects.toMatchObject({
      status: 403,
    });
    await expect(w.call("getVAppTemplate", template)).rejects.toMatchObject({
      status: 403,
    });
    const kept = await refetch("getCatalog", catalog);
    expect(
      (kept.CatalogItems.CatalogItem as Value[]).map((i) => i.name),
    ).toEqual(["photon-template"]);
  });

  it("every body the simulator sent is valid (package validate and libxml2)", async () => {
    await expectAllValid(await loadPackage("30.0"), w.sim.sentBodies);
  });
});
