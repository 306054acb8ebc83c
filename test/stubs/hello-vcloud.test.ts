/**
 * The Programming Guide's "Hello vCloud" workflow end to end through the generated package's client
 * and stubs, against its simulator on 127.0.0.1: versions, login, the org list, the org, its VDC
 * and catalog, the catalog item, uploading a template (an OVF package, through the package's
 * `transfer/node` entry), instantiating it, waiting for the task, power on, the
 * VM's GuestCustomizationSection changed and put back, power off, delete, log out. Links are
 * followed as vCD means clients to (the stubs take a Link as their target); each step asserts on
 * the state the simulator ends in.
 *
 * Twice: with the package for API 30.0, and with the package for the guide's own version, 5.5
 * (generated from the 36.0 set, whose oldest operations document is 27.0: its operations are those
 * of that document that 5.5 has), against its simulator, started at 5.5.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { resolveOptions } from "../../generator/config/options.js";
import { generate } from "../../generator/generate.js";
import type { VcdClient } from "../../runtime/client/client.js";
import type * as NodeTransfer from "../../runtime/transfer/node/index.js";
import type { Simulator } from "../../simulator/binding.js";
import {
  importClientPackage,
  importPackage,
  loadClientPackage,
  loadPackage,
  type ClientPackage,
  type GeneratedPackage,
} from "../helpers/generated-packages.js";
import { PROJECT_ROOT, VCD_API_36_DIR } from "../helpers/vcd-inputs.js";
import { validateWithLibxml2 } from "../helpers/libxml2.js";
import { credentialsOf, tenantAdmin } from "../helpers/tenant-admin.js";

interface Link {
  readonly rel: string;
  readonly href: string;
  readonly type?: string;
  readonly name?: string;
}
type Value = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The package for the guide's version, generated from the 36.0 set into a temporary folder. */
async function guidePackage(): Promise<{
  pkg: ClientPackage;
  index: GeneratedPackage;
  dir: string;
  remove: () => void;
}> {
  const root = mkdtempSync(join(tmpdir(), "vcd-codegen-hello-5.5-"));
  const dir = join(root, "vcloud");
  generate(
    await resolveOptions(
      { input: VCD_API_36_DIR, out: dir, apiVersion: "5.5" },
      {},
      PROJECT_ROOT,
    ),
    false,
  );
  return {
    pkg: await importClientPackage(dir),
    index: await importPackage(dir),
    dir,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

describe.each([
  { version: "30.0", operationsFrom: undefined },
  { version: "5.5", operationsFrom: "27.0" },
])("Hello vCloud at $version", ({ version, operationsFrom }) => {
  let sim: Simulator;
  let pkg: ClientPackage;
  let index: GeneratedPackage;
  let client: VcdClient;
  let remove: (() => void) | undefined;
  let transfer: typeof NodeTransfer;
  let waitForTask: (
    client: VcdClient,
    task: unknown,
    options?: object,
  ) => Promise<Value>;
  let findLink: (
    value: unknown,
    rel: string,
    type?: string,
  ) => Link | undefined;

  beforeAll(async () => {
    let dir = join(inject("generatedDir"), "30.0");
    if (version === "30.0") {
      pkg = await loadClientPackage("30.0");
      index = await loadPackage("30.0");
    } else ({ pkg, index, dir, remove } = await guidePackage());
    transfer = (await import(
      pathToFileURL(join(dir, "dist/runtime/transfer/node/index.js")).href
    )) as typeof NodeTransfer;
    waitForTask = index.waitForTask as typeof waitForTask;
    findLink = index.findLink as typeof findLink;
    sim = await pkg.startSimulator({ taskStepMs: 5, recordBodies: true });
    client = pkg.createClient({ baseUrl: sim.url, timeout: 5_000 });
  }, 60_000);

  afterAll(async () => {
    await sim?.close();
    remove?.();
  });

  const call = (name: string, ...args: unknown[]) =>
    pkg.api[name](client, ...args) as Promise<{
      element: string | null;
      value: Value;
      status: number;
      location?: string;
    }>;

  function linkOf(value: Value, rel: string, type?: string): Link {
    const link = findLink(value, rel, type);
    expect(
      link,
      `${value.name}: a ${rel} link${type ? ` of ${type}` : ""}`,
    ).toBeDefined();
    return link!;
  }

  describe("through the generated client", () => {
    it("the package speaks the version, with the operations of its document", () => {
      expect(pkg.API_VERSION).toBe(version);
      if (operationsFrom) {
        // Operations from the oldest document, less what 5.5 does not have.
        expect(pkg.operations.length).toBeGreaterThan(500);
        const ids = new Set(pkg.operations.map((o) => `${o.method} ${o.path}`));
        expect(ids.has("POST /vdc/{id}/action/instantiateVAppTemplate")).toBe(
          true,
        );
        // Added in 27.0 (VM affinity rules: VM_AFFINITY_RULES is 20.0, VM groups 27.0).
        expect(ids.has("GET /admin/extension/vmGroups/name/{groupName}")).toBe(
          false,
        );
        expect(pkg.operations.some((o) => o.addedIn || o.removedIn)).toBe(
          false,
        );
      }
    });

    it("runs from login to logout, and the simulator ends in the state the workflow asked for", async () => {
      const versions = await client.versions();
      expect(versions.element).toBe("versioning:SupportedVersions");
      const admin = tenantAdmin(sim);
      const session = await client.login(credentialsOf(admin));
      expect(session.element).toBe("vcloud:Session");
      expect(client.apiVersion).toBe(version);
      expect(client.tokenKind).toBe("bearer");

      const orgList = await call("getOrg");
      expect(orgList.element).toBe("vcloud:OrgList");
      const orgRef = (orgList.value.Org as Value[]).find(
        (o) => o.name === admin.org,
      )!;
      const org = await call("getOrgById", orgRef); // a Reference as the target
      expect(org.element).toBe("vcloud:Org");

      const vdc = await call(
        "getVdc",
        linkOf(org.value, "down", "application/vnd.vmware.vcloud.vdc+xml"),
      );
      expect(vdc.element).toBe("vcloud:Vdc");
      const catalog = await call(
        "getCatalog",
        linkOf(org.value, "down", "application/vnd.vmware.vcloud.catalog+xml"),
      );
      expect(catalog.element).toBe("vcloud:Catalog");
      const itemRef = catalog.value.CatalogItems.CatalogItem[0] as Value;
      const item = await call("getCatalogItem", itemRef);
      expect(item.value.Entity.type).toBe(
        "application/vnd.vmware.vcloud.vAppTemplate+xml",
      );

      // Upload a template (the guide's "Upload an OVF Package to Create a vApp Template"),
      // through the package's transfer entry, then instantiate it.
      const disk = new Uint8Array(256 * 1024).map((_, i) => (i * 7) & 0xff);
      const uploaded = await transfer.uploadOvf<Value>(client, catalog.value, {
        name: "hello-template",
        description: "uploaded by the workflow",
        descriptor: `<?xml version="1.0" encoding="UTF-8"?>
<ovf:Envelope xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1">
  <ovf:References><ovf:File ovf:id="file1" ovf:href="hello.vmdk" ovf:size="${disk.byteLength}"/></ovf:References>
  <ovf:VirtualSystem ovf:id="hello-vm"><ovf:Info>A VM</ovf:Info><ovf:Name>hello-vm</ovf:Name></ovf:VirtualSystem>
</ovf:Envelope>`,
        files: { "hello.vmdk": disk },
      });
      expect(Number(uploaded.template.status)).toBe(8);
      expect(uploaded.template.name).toBe("hello-template");

      const instantiate = linkOf(
        vdc.value,
        "add",
        "application/vnd.vmware.vcloud.instantiateVAppTemplateParams+xml",
      );
      const created = await call("instantiateVAppTemplate", instantiate, {
        name: "hello-vapp",
        Description: "from the guide",
        Source: { href: uploaded.template.href },
        AllEULAsAccepted: true,
      });
      expect([201, 202]).toContain(created.status);
      expect(created.element).toBe("vcloud:VApp");
      const tasks = created.value.Tasks.Task as Value[];
      const progress: unknown[] = [];
      const done = await waitForTask(client, tasks[0], {
        interval: 5,
        onProgress: (t: Value) => progress.push(t.status),
      });
      expect(done.status).toBe("success");
      expect(progress.length).toBeGreaterThan(0);

      let vapp = await call("getVApp", created.value);
      expect(vapp.element).toBe("vcloud:VApp");
      expect(vapp.value.name).toBe("hello-vapp");
      const powerOn = await call(
        "powerOn",
        linkOf(vapp.value, "power:powerOn"),
      );
      expect(powerOn.element).toBe("vcloud:Task");
      await waitForTask(client, powerOn.value, { interval: 5 });
      vapp = await call("getVApp", vapp.value);
      expect(vapp.value.status).toBe(4);

      const vmRef = vapp.value.Children.Vm[0] as Value;
      const vm = await call("getVApp", vmRef); // the same path serves a Vm for a vm- id
      expect(vm.element).toBe("vcloud:Vm");
      // The VM carries its sections, each with the href to read and change it at.
      const gcsLink = (vm.value.Section as Value[]).find(
        (section) => section.$element === "vcloud:GuestCustomizationSection",
      )!;
      expect(gcsLink.href).toMatch(/\/guestCustomizationSection\/?$/);
      const gcs = await call("getVAppGuestCustomizationSection", gcsLink);
      expect(gcs.element).toBe("vcloud:GuestCustomizationSection");
      const changed = {
        ...gcs.value,
        ComputerName: "hello-01",
        AdminPasswordEnabled: false,
      };
      const update = await call(
        "updateVAppGuestCustomizationSection",
        linkOf(
          gcs.value,
          "edit",
          "application/vnd.vmware.vcloud.guestCustomizationSection+xml",
        ),
        changed,
      );
      expect(update.status).toBe(202);
      await waitForTask(client, update.value, { interval: 5 });
      const after = await call("getVAppGuestCustomizationSection", gcsLink);
      expect(after.value.ComputerName).toBe("hello-01");
      expect(after.value.AdminPasswordEnabled).toBe(false);

      const powerOff = await call(
        "powerOff",
        linkOf(vapp.value, "power:powerOff"),
      );
      await waitForTask(client, powerOff.value, { interval: 5 });
      vapp = await call("getVApp", vapp.value);
      expect(vapp.value.status).toBe(8);

      const removal = await call("deleteVApp", linkOf(vapp.value, "remove"));
      await waitForTask(client, removal.value, { interval: 5 });
      await expect(call("getVApp", vapp.value)).rejects.toMatchObject({
        name: "VcdApiError",
        status: 403,
      });

      await client.logout();
      expect(client.token).toBeUndefined();
      await expect(call("getOrg")).rejects.toMatchObject({
        name: "VcdAuthError",
        status: 401,
      });
    });

    it("every body the simulator sent in the workflow is valid for libxml2 (the 30.0 XSDs), and at the version", async () => {
      const bodies = sim.sentBodies
        .filter((b) => b.body.startsWith("<?xml") || b.body.startsWith("<"))
        .map((b, i) => ({ name: `sent-${i}.xml`, xml: b.body }));
      expect(bodies.length).toBeGreaterThan(20);
      const verdicts = await validateWithLibxml2(bodies);
      const invalid = bodies
        .filter((b) => !verdicts.get(b.name)!.valid)
        .map((b) => verdicts.get(b.name)!.errors[0]);
      // The 30.0 XSDs require a Session's AuthorizedLocations (added in 29.0): the 5.5 login's
      // Session has none, as a 5.5 server's (see test/samples-by-version/).
      expect(invalid).toEqual(
        version === "30.0"
          ? []
          : [
              "Schemas validity error : Element '{http://www.vmware.com/vcloud/v1.5}Session': Missing child element(s). Expected is one of ( {http://www.vmware.com/vcloud/v1.5}Link, {http://www.vmware.com/vcloud/v1.5}AuthorizedLocations ).",
            ],
      );
      const validate = index.validate as (
        doc: { element: string; value: unknown },
        options: { apiVersion: string },
      ) => unknown[];
      const fromXml = index.fromXml;
      for (const body of bodies)
        expect(
          validate(fromXml(body.xml), { apiVersion: version }),
          body.xml.slice(0, 200),
        ).toEqual([]);
    });
  });
});
