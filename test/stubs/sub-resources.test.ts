/**
 * A stub takes as its target the entity its sub-resource belongs to: the VM itself (its href) for
 * `/vApp/{id}/guestCustomizationSection`, or the section's own href, as before; the href of another
 * kind of entity is still refused before sending. `idOf` gives the id of an href where one is still
 * wanted. Against the 30.0 package's simulator on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../runtime/client/client.js";
import { VcdRequestError } from "../../runtime/client/errors.js";
import { idOf } from "../../runtime/client/id-of.js";
import { subResourceOf } from "../../runtime/client/request.js";
import { waitForTasks } from "../../runtime/client/tasks.js";
import type { Simulator } from "../../simulator/binding.js";
import {
  loadClientPackage,
  loadPackage,
  type ClientPackage,
} from "../helpers/generated-packages.js";
import { credentialsOf, tenantAdmin } from "../helpers/tenant-admin.js";

type Value = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let pkg: ClientPackage;
let sim: Simulator;
let client: VcdClient;
let vm: Value;
let vdcHref: string;
const seen: string[] = [];

beforeAll(async () => {
  pkg = await loadClientPackage("30.0");
  sim = await pkg.startSimulator({ taskStepMs: 5 });
  client = pkg.createClient({
    baseUrl: sim.url,
    timeout: 5_000,
    middleware: [
      {
        onRequest: ({ request }: { request: Request }) => {
          seen.push(`${request.method} ${request.url}`);
          return request;
        },
      },
    ],
  });
  await client.login(credentialsOf(tenantAdmin(sim)));
  const vdcs = await client.get(`${sim.url}/query?type=orgVdc`);
  vdcHref = ((vdcs.value as Value).Record as Value[])[0].href;
  const items = await client.get(`${sim.url}/query?type=catalogItem`);
  const templateHref = ((items.value as Value).Record as Value[])[0].entity;
  const created = await pkg.api.instantiateVAppTemplate(
    client,
    { href: `${vdcHref}/action/instantiateVAppTemplate` },
    {
      name: "sub-resources",
      Source: { href: templateHref },
      AllEULAsAccepted: true,
    },
  );
  const vapp = (await waitForTasks(client, created as never)) as Value;
  vm = vapp.Children.Vm[0] as Value;
  expect(vm.href).toMatch(/\/vApp\/vm-/);
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

describe("a sub-resource's stub", () => {
  it("takes the VM itself: the section below the VM's href is read", async () => {
    seen.length = 0;
    const section = await pkg.api.getVAppGuestCustomizationSection(
      client,
      vm as { href: string },
    );
    expect(section.element).toBe("vcloud:GuestCustomizationSection");
    expect(seen).toEqual([`GET ${vm.href}/guestCustomizationSection`]);
    // The same as by id, without cutting the id out of the href.
    const byId = await pkg.api.getVAppGuestCustomizationSection(client, {
      id: idOf(vm.href),
    });
    expect(byId.value).toEqual(section.value);
  });

  it("takes the section's own href as before, and writes through the VM too", async () => {
    const section = (
      await pkg.api.getVAppGuestCustomizationSection(
        client,
        vm as { href: string },
      )
    ).value as Value;
    const own = await pkg.api.getVAppGuestCustomizationSection(client, {
      href: section.href as string,
    });
    expect(own.value).toEqual(section);
    seen.length = 0;
    const task = await pkg.api.updateVAppGuestCustomizationSection(
      client,
      vm as { href: string },
      { ...section, ComputerName: "sub-resource-1" },
    );
    expect(task.element).toBe("vcloud:Task");
    expect(seen).toEqual([`PUT ${vm.href}/guestCustomizationSection`]);
  });

  it("refuses another kind of entity before sending (a VDC's href for a VM's section)", async () => {
    seen.length = 0;
    await expect(
      pkg.api.getVAppGuestCustomizationSection(client, { href: vdcHref }),
    ).rejects.toMatchObject({
      name: "VcdRequestError",
      message: expect.stringContaining("which is no such path") as unknown,
    });
    expect(seen).toEqual([]);
  });
});

describe("subResourceOf", () => {
  it("is what the template adds below the entity an href names, the longest entity first", () => {
    expect(
      subResourceOf("/vApp/{id}/guestCustomizationSection", "/vApp/vm-1"),
    ).toBe("/guestCustomizationSection");
    expect(
      subResourceOf("/vApp/{id}/power/action/powerOn", "/vApp/vapp-1"),
    ).toBe("/power/action/powerOn");
    expect(
      subResourceOf(
        "/org/{id}/catalog/{catalogId}/controlAccess",
        "/org/o-1/catalog/c-1",
      ),
    ).toBe("/controlAccess");
    // A path that is no entity of the template, or what would leave a parameter unfilled:
    expect(
      subResourceOf("/vApp/{id}/power/action/powerOn", "/vdc/v-1"),
    ).toBeUndefined();
    expect(
      subResourceOf("/org/{id}/catalog/{catalogId}/controlAccess", "/org/o-1"),
    ).toBeUndefined();
  });
});

describe("idOf", () => {
  it("is the last segment of an href's path, decoded, from a string or anything with an href", async () => {
    expect(idOf("https://vcd.example.com/api/vApp/vm-1")).toBe("vm-1");
    expect(idOf({ href: "https://vcd.example.com/api/admin/org/a%20b/" })).toBe(
      "a b",
    );
    expect(() => idOf("https://vcd.example.com/")).toThrow(VcdRequestError);
    const index = (await loadPackage("30.0")) as Record<string, unknown>;
    expect(typeof index.idOf).toBe("function");
  });
});
