/**
 * The guide's catalog and media procedures through the generated 30.0 package, against its
 * simulator: "Create a Catalog" (the AdminOrg's add link), "Publish a Catalog", "Control Access to
 * Catalogs", "Copy or Move a Catalog Item", "Upload a Media Image", "Insert or Eject Removable Media"
 * and deleting a catalog (empty, or `recursive=true`); one refusal per rule the simulator applies,
 * each in vCD's `Error` document; every body it sent valid (the package's validate and libxml2).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPackage } from "../../helpers/generated-packages.js";
import {
  transferEntry,
  type Transfer,
} from "../../transfers/client-fixture.js";
import { expectAllValid } from "../helpers/valid-bodies.js";
import {
  clientAs,
  instantiate,
  section,
  startWorkflow,
  tenant,
  type Value,
  type Workflow,
  refusal,
} from "./harness.js";

const ADMIN_CATALOG = "application/vnd.vmware.admin.catalog+xml";

let w: Workflow;
let transfer: Transfer;
let seeded: Awaited<ReturnType<typeof tenant>>;
let adminOrg: Value;
let vm: Value;

const uuid = (value: Value): string => String(value.id).split(":").pop()!;

/** The call's refusal: its status and vCD's minor code and message. */
async function createCatalog(name: string): Promise<Value> {
  const made = await w.call(
    "createCatalogs",
    w.link(adminOrg, "add", ADMIN_CATALOG),
    { name, Description: `${name}, made by the test` },
  );
  expect(made.status).toBe(201);
  expect(made.element).toBe("vcloud:AdminCatalog");
  expect(made.location).toBe(made.value.href);
  return (await w.call("getCatalog", w.link(made.value, "alternate"))).value;
}

async function uploadIso(catalog: Value, name: string): Promise<Value> {
  const { media } = await transfer.uploadMedia(w.client, catalog, {
    name,
    imageType: "iso",
    file: new Uint8Array(4096).fill(7),
  });
  return media as Value;
}

const mediaParams = (media: Value) => ({ Media: { href: media.href } });

beforeAll(async () => {
  w = await startWorkflow();
  transfer = await transferEntry();
  await w.loginAs("Organization Administrator");
  seeded = await tenant(w);
  adminOrg = (await w.call("getAdminOrg", { id: uuid(seeded.org) })).value;
  const vapp = await instantiate(w, seeded.vdc, seeded.templateHref, "media");
  vm = (await w.call("getVApp", vapp.Children.Vm[0])).value;
}, 60_000);
afterAll(() => w?.close());

describe("catalogs: created, published, shared, deleted", () => {
  it("creates a catalog through the AdminOrg's add link: 201, listed in the organization", async () => {
    const catalog = await createCatalog("scratch");
    expect(catalog.name).toBe("scratch");
    expect(catalog.Description).toBe("scratch, made by the test");
    expect(catalog.IsPublished).toBe(false);
    const org = (await w.call("getOrgById", seeded.org)).value;
    const names = (org.Link as Value[])
      .filter((l) => l.type === "application/vnd.vmware.vcloud.catalog+xml")
      .map((l) => l.name);
    expect(names).toContain("scratch");
  });

  it("refuses a second catalog of the same name in the organization: DUPLICATE_NAME", async () => {
    const refused = await refusal(
      w.call("createCatalogs", w.link(adminOrg, "add", ADMIN_CATALOG), {
        name: "Scratch",
      }),
    );
    expect(refused).toEqual({
      status: 400,
      minor: "DUPLICATE_NAME",
      message: "The VCD entity Scratch already exists.",
    });
  });

  it("publishes and unpublishes a catalog (204), read back as IsPublished", async () => {
    const catalog = await createCatalog("published");
    const admin = (await w.call("getAdminCatalog", { id: uuid(catalog) }))
      .value;
    const publish = w.link(admin, "publish");
    expect(
      (await w.call("publish", publish, { IsPublished: true })).status,
    ).toBe(204);
    expect((await w.call("getCatalog", catalog)).value.IsPublished).toBe(true);
    await w.call("publish", publish, { IsPublished: false });
    expect((await w.call("getCatalog", catalog)).value.IsPublished).toBe(false);
  });

  it("refuses publishing when the organization's settings do not allow it (CanPublishCatalogs false)", async () => {
    const catalog = await createCatalog("unpublishable");
    const general = await w.call("getOrgSettingsGeneral", {
      id: uuid(seeded.org),
    });
    await w.call(
      "updateOrgSettingsGeneral",
      { id: uuid(seeded.org) },
      { ...general.value, CanPublishCatalogs: false },
    );
    try {
      const refused = await refusal(
        w.call("publish", { id: uuid(catalog) }, { IsPublished: true }),
      );
      expect(refused).toEqual({
        status: 400,
        minor: "BAD_REQUEST",
        message: 'The organization "acme" is not allowed to publish catalogs.',
      });
      expect((await w.call("getCatalog", catalog)).value.IsPublished).toBe(
        false,
      );
    } finally {
      await w.call(
        "updateOrgSettingsGeneral",
        { id: uuid(seeded.org) },
        { ...general.value, CanPublishCatalogs: true },
      );
    }
  });

  it("shares a catalog with everyone (controlAccess) and reads the settings back", async () => {
    const catalog = await createCatalog("shared");
    const target = { id: uuid(seeded.org), catalogId: uuid(catalog) };
    const set = await w.call("controlAccessCatalog", target, {
      IsSharedToEveryone: true,
      EveryoneAccessLevel: "ReadOnly",
    });
    expect(set.value).toMatchObject({
      IsSharedToEveryone: true,
      EveryoneAccessLevel: "ReadOnly",
    });
    const read = await w.call("getCatalogControlAccess", target);
    expect(read.value).toMatchObject({
      IsSharedToEveryone: true,
      EveryoneAccessLevel: "ReadOnly",
    });
  });

  it("refuses creating a catalog to a vApp User (403), and to another organization's administrator", async () => {
    const user = w.sim.users.find((u) => u.role === "vApp User")!;
    const client = await clientAs(w, user);
    const stub = w.pkg.api.createCatalogs;
    await expect(
      stub(client, { id: uuid(seeded.org) }, { name: "not-mine" }),
    ).rejects.toMatchObject({ name: "VcdApiError", status: 403 });
    const other = w.sim.users.find(
      (u) => u.role === "Organization Administrator" && u.org !== user.org,
    );
    if (other) {
      const otherClient = await clientAs(w, other);
      await expect(
        stub(otherClient, { id: uuid(seeded.org) }, { name: "not-mine" }),
      ).rejects.toMatchObject({ name: "VcdApiError", status: 403 });
    }
    const org = (await w.call("getAdminOrg", { id: uuid(seeded.org) })).value;
    expect(
      (org.Catalogs.CatalogReference as Value[]).map((c) => c.name),
    ).not.toContain("not-mine");
  });

  it("refuses deleting a catalog that is not empty; deletes it with recursive=true (a task), items gone", async () => {
    const catalog = await createCatalog("doomed");
    const media = await uploadIso(catalog, "doomed.iso");
    const refused = await refusal(
      w.call("deleteCatalog", { id: uuid(catalog) }),
    );
    expect(refused).toEqual({
      status: 400,
      minor: "BAD_REQUEST",
      message:
        'The catalog "doomed" cannot be deleted because it is not empty.',
    });
    const task = await w.call(
      "deleteCatalog",
      { id: uuid(catalog) },
      { query: { recursive: true } },
    );
    expect(task.status).toBe(202);
    await w.done(task.value);
    await expect(w.call("getCatalog", catalog)).rejects.toMatchObject({
      status: 403,
    });
    await expect(w.call("getMedia", media)).rejects.toMatchObject({
      status: 403,
    });
  });

  it("deletes an empty catalog (a task)", async () => {
    const catalog = await createCatalog("empty");
    const admin = (await w.call("getAdminCatalog", { id: uuid(catalog) }))
      .value;
    const task = await w.call("deleteCatalog", w.link(admin, "remove"));
    await w.done(task.value);
    const org = (await w.call("getAdminOrg", { id: uuid(seeded.org) })).value;
    expect(
      (org.Catalogs.CatalogReference as Value[]).map((c) => c.name),
    ).not.toContain("empty");
  });
});

describe("catalog items: copied and moved (CopyOrMoveCatalogItemParams)", () => {
  let target: Value;
  beforeAll(async () => {
    target = await createCatalog("copies");
  });

  it("copies the seeded template's item into another catalog: a new item and template, the source kept", async () => {
    const task = await w.call("copy", w.link(target, "copy"), {
      name: "template-copy",
      Source: { href: seeded.item.href },
    });
    expect(task.status).toBe(202);
    const end = await w.done(task.value);
    expect(end.Owner.href).toBe(target.href);
    const after = (await w.call("getCatalog", target)).value;
    const refs = after.CatalogItems.CatalogItem as Value[];
    expect(refs.map((r) => r.name)).toEqual(["template-copy"]);
    const copy = (await w.call("getCatalogItem", refs[0])).value;
    expect(copy.Entity.href).not.toBe(seeded.templateHref);
    const template = (await w.call("getVAppTemplate", copy.Entity)).value;
    expect(template.name).toBe("template-copy");
    // The source is where it was.
    const source = (await w.call("getCatalog", seeded.catalog)).value;
    expect(
      (source.CatalogItems.CatalogItem as Value[]).map((r) => r.href),
    ).toContain(seeded.item.href);
  });

  it("refuses a copy whose name the target catalog already has: DUPLICATE_NAME", async () => {
    const refused = await refusal(
      w.call("copy", w.link(target, "copy"), {
        name: "TEMPLATE-COPY",
        Source: { href: seeded.item.href },
      }),
    );
    expect(refused).toEqual({
      status: 400,
      minor: "DUPLICATE_NAME",
      message: "The VCD entity TEMPLATE-COPY already exists.",
    });
  });

  it("moves a media item to another catalog, renamed: the same media, relinked", async () => {
    const from = await createCatalog("iso-shelf");
    const media = await uploadIso(from, "moving.iso");
    const item = (
      (await w.call("getCatalog", from)).value.CatalogItems
        .CatalogItem as Value[]
    )[0];
    const task = await w.call("move", w.link(target, "move"), {
      name: "moved.iso",
      Source: { href: item.href },
    });
    await w.done(task.value);
    expect((await w.call("getCatalog", from)).value.CatalogItems).toEqual({});
    const moved = (await w.call("getCatalogItem", item)).value;
    expect(moved.name).toBe("moved.iso");
    expect(moved.Entity.href).toBe(media.href);
    expect(w.link(moved, "up").href).toBe(target.href);
  });

  it("refuses moving an item into the catalog that holds it", async () => {
    const item = (
      (await w.call("getCatalog", target)).value.CatalogItems
        .CatalogItem as Value[]
    )[0];
    const refused = await refusal(
      w.call("move", w.link(target, "move"), { Source: { href: item.href } }),
    );
    expect(refused).toEqual({
      status: 400,
      minor: "BAD_REQUEST",
      message: `The catalog item "${item.name}" is already in catalog "copies".`,
    });
  });

  it("refuses copying another organization's item into a catalog (403: vCD does not say it exists)", async () => {
    const foreign = w.sim.users.find(
      (u) => u.role === "Organization Administrator" && u.org !== "acme",
    );
    expect(foreign, "the seed's second tenant").toBeDefined();
    const client = await clientAs(w, foreign!);
    const theirOrg = ((await client.get(`${w.sim.url}/org`)).value as Value)
      .Org[0] as Value;
    const made = await w.pkg.api.createCatalogs(
      client,
      { id: theirOrg.href.split("/").pop() },
      { name: "globex-isos" },
    );
    const theirs = (
      await client.get(
        (made.value as Value).Link.find((l: Value) => l.rel === "alternate")
          .href,
      )
    ).value as Value;
    await transfer.uploadMedia(client, theirs, {
      name: "theirs.iso",
      imageType: "iso",
      file: new Uint8Array(16),
    });
    const theirItem = ((await client.get(theirs.href)).value as Value)
      .CatalogItems.CatalogItem[0] as Value;
    await expect(
      w.call("copy", w.link(target, "copy"), {
        Source: { href: theirItem.href },
      }),
    ).rejects.toMatchObject({ status: 403 });
  });
});

describe("media: uploaded, inserted into a VM and ejected", () => {
  let shelf: Value;
  let iso: Value;
  beforeAll(async () => {
    shelf = await createCatalog("isos");
    iso = await uploadIso(shelf, "tools.iso");
  });

  const vmHardware = async () =>
    section((await w.call("getVApp", vm)).value, "ovf:VirtualHardwareSection")
      .Item as Value[];

  it("inserts a resolved ISO through the VM's media:insertMedia link (a task of the VM); the drive shows it", async () => {
    expect(Number(iso.status)).toBe(1);
    const task = await w.call(
      "insertMedia",
      w.link(vm, "media:insertMedia"),
      mediaParams(iso),
    );
    expect(task.status).toBe(202);
    const end = await w.done(task.value);
    expect(end.Owner.href).toBe(vm.href);
    const drive = (await vmHardware()).find(
      (i) => i.ResourceType.$value === "15",
    );
    expect(drive?.ResourceSubType.$value).toBe("vmware.cdrom.iso");
    expect(drive?.HostResource[0].$value).toBe("tools.iso");
  });

  it("refuses a second image into a VM that holds one, and the same image again", async () => {
    const other = await uploadIso(shelf, "other.iso");
    expect(
      await refusal(
        w.call(
          "insertMedia",
          w.link(vm, "media:insertMedia"),
          mediaParams(other),
        ),
      ),
    ).toEqual({
      status: 400,
      minor: "BAD_REQUEST",
      message: `The VM "${vm.name}" already has media "tools.iso" inserted; eject it first.`,
    });
    expect(
      (
        await refusal(
          w.call(
            "insertMedia",
            w.link(vm, "media:insertMedia"),
            mediaParams(iso),
          ),
        )
      ).message,
    ).toBe(`The media "tools.iso" is already inserted into VM "${vm.name}".`);
  });

  it("refuses deleting a media image a VM holds", async () => {
    expect(await refusal(w.call("deleteMedia", iso))).toEqual({
      status: 400,
      minor: "BAD_REQUEST",
      message: `The media "tools.iso" is inserted into VM "${vm.name}" and cannot be deleted; eject it first.`,
    });
  });

  it("refuses ejecting an image the VM does not hold", async () => {
    const other = await uploadIso(shelf, "not-inserted.iso");
    expect(
      await refusal(
        w.call(
          "ejectMedia",
          w.link(vm, "media:ejectMedia"),
          mediaParams(other),
        ),
      ),
    ).toEqual({
      status: 400,
      minor: "BAD_REQUEST",
      message: `The media "not-inserted.iso" is not inserted into VM "${vm.name}".`,
    });
  });

  it("ejects the image (a task): the drive is gone, and the image can be deleted", async () => {
    const task = await w.call(
      "ejectMedia",
      w.link(vm, "media:ejectMedia"),
      mediaParams(iso),
    );
    await w.done(task.value);
    expect(
      (await vmHardware()).some((i) => i.ResourceType.$value === "15"),
    ).toBe(false);
    const removed = await w.call("deleteMedia", iso);
    await w.done(removed.value);
    await expect(w.call("getMedia", iso)).rejects.toMatchObject({
      status: 403,
    });
  });

  it("refuses inserting an image whose upload is not complete (status 0)", async () => {
    const link = w.link(
      shelf,
      "add",
      "application/vnd.vmware.vcloud.media+xml",
    );
    const started = await w.call("upload", link, {
      element: "vcloud:Media",
      value: { name: "half.iso", size: "100000", imageType: "iso" },
    });
    const pending = (await w.call("getMedia", started.value.Entity)).value;
    expect(Number(pending.status)).toBe(0);
    expect(
      await refusal(
        w.call(
          "insertMedia",
          w.link(vm, "media:insertMedia"),
          mediaParams(pending),
        ),
      ),
    ).toEqual({
      status: 400,
      minor: "BAD_REQUEST",
      message:
        'The media "half.iso" is not ready (its upload is not complete).',
    });
  });

  it("refuses insertMedia on a vApp rather than a VM", async () => {
    const vapp = w.link(vm, "up");
    const id = vapp.href.split("/").pop();
    expect(
      (await refusal(w.call("insertMedia", { id }, mediaParams(iso)))).message,
    ).toBe("This operation applies to a virtual machine, not to a vApp.");
  });

  it("copies a media item into another catalog: a second media of the same size", async () => {
    const source = await uploadIso(shelf, "copied.iso");
    const item = (
      (await w.call("getCatalog", shelf)).value.CatalogItems
        .CatalogItem as Value[]
    ).find((i) => i.name === "copied.iso")!;
    const into = await createCatalog("iso-copies");
    await w.done(
      (
        await w.call("copy", w.link(into, "copy"), {
          Source: { href: item.href },
        })
      ).value,
    );
    const ref = (
      (await w.call("getCatalog", into)).value.CatalogItems
        .CatalogItem as Value[]
    )[0];
    const copy = (await w.call("getCatalogItem", ref)).value;
    expect(copy.name).toBe("copied.iso");
    expect(copy.Entity.href).not.toBe(source.href);
    const media = (await w.call("getMedia", copy.Entity)).value;
    expect(media.size).toBe(source.size);
    expect(Number(media.status)).toBe(1);
  });
});

describe("the bodies", () => {
  it("every body the simulator sent is valid (package validate and libxml2)", async () => {
    await expectAllValid(await loadPackage("30.0"), w.sim.sentBodies!);
  });
});
