/**
 * resolveEntity against the generated 30.0 package's simulator on 127.0.0.1 (its `GET /entity/{urn}`
 * answers the Entity with its alternate link, test/simulator/events-entity.test.ts): from a URN to
 * the typed document, with a notification's entityResolver href, with a bare client, and each
 * failure typed (not a URN: nothing sent; 404; an Entity without an alternate link).
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { VcdClient } from "../../../runtime/client/client.js";
import type * as ClientRuntime from "../../../runtime/client/index.js";
import type { ClientOptions } from "../../../runtime/client/types.js";
import type { ElementPart } from "../../../runtime/xml/index.js";
import type { Simulator } from "../../../simulator/binding.js";
import {
  loadClientPackage,
  type ClientPackage,
} from "../../helpers/generated-packages.js";
import { credentialsOf, tenantAdmin } from "../../helpers/tenant-admin.js";

type Value = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let pkg: ClientPackage;
let sim: Simulator;
let main: typeof ClientRuntime & {
  createBareClient: (options: ClientOptions) => VcdClient;
};
let vcloud: Record<string, ElementPart>;
let catalog: Value;

async function client(options: Partial<ClientOptions> = {}) {
  const c = pkg.createClient({ baseUrl: sim.url, timeout: 10_000, ...options });
  await c.login(credentialsOf(tenantAdmin(sim)));
  return c;
}

beforeAll(async () => {
  pkg = await loadClientPackage("30.0");
  sim = await pkg.startSimulator({ taskStepMs: 2 });
  const dist = join(inject("generatedDir"), "30.0", "dist");
  main = (await import(
    pathToFileURL(join(dist, "index.js")).href
  )) as typeof main;
  vcloud = (await import(
    pathToFileURL(join(dist, "vcloud.js")).href
  )) as typeof vcloud;
  const c = await client();
  const records = (await pkg.api.getCatalogsQuery(c)) as {
    value: { Record: { href: string }[] };
  };
  catalog = (await c.get(records.value.Record[0].href)).value as Value;
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

describe("resolveEntity", () => {
  it("from a URN to the entity's document: the Entity, its alternate link, the document it leads to", async () => {
    const c = await client();
    const urn = catalog.id as string;
    expect(urn).toMatch(/^urn:vcloud:catalog:/);
    const resolved = await main.resolveEntity(c, urn);
    expect(resolved.entity.element).toBe("vcloud:Entity");
    expect(resolved.entity.url).toBe(`${sim.url}/entity/${urn}`);
    expect(resolved.alternate).toMatchObject({
      rel: "alternate",
      href: catalog.href,
    });
    expect(resolved.document.element).toBe("vcloud:Catalog");
    expect((resolved.document.value as Value).name).toBe(catalog.name);
  });

  it("typed by accept, through a notification's entityResolver href", async () => {
    const c = await client();
    const resolved = await main.resolveEntity(c, catalog.id as string, {
      resolver: `${sim.url}/entity/`,
      accept: [vcloud.CatalogSchema],
    });
    expect(resolved.document.element).toBe("vcloud:Catalog");
    expect(resolved.document.url).toBe(catalog.href);
  });

  it("a bare client reads the Entity with entityAccept", async () => {
    const bare = main.createBareClient({ baseUrl: sim.url, timeout: 10_000 });
    await bare.login(credentialsOf(tenantAdmin(sim)));
    const resolved = await main.resolveEntity(bare, catalog.id as string, {
      entityAccept: [vcloud.EntitySchema],
      accept: [vcloud.CatalogSchema],
    });
    expect(resolved.document.element).toBe("vcloud:Catalog");
  });

  it("a string that is no URN is refused before anything is sent", async () => {
    const sent: string[] = [];
    const c = await client({
      fetch: (input, init) => {
        sent.push(String(input));
        return fetch(input, init);
      },
    });
    sent.length = 0;
    const error = await main
      .resolveEntity(c, "catalog/../../admin")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(main.VcdRequestError);
    expect((error as Error).message).toContain(
      '"catalog/../../admin" is not a URN of the form urn:vcloud:<kind>:<id>',
    );
    expect(sent).toEqual([]);
  });

  it("a URN naming nothing: the server's 404 as a VcdApiError", async () => {
    const c = await client();
    const error = await main
      .resolveEntity(c, "urn:vcloud:vdc:aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(main.VcdApiError);
    expect(error).toMatchObject({ status: 404 });
    expect((error as Error).message).toContain("RESOURCE_NOT_FOUND");
  });

  it("an Entity without an alternate link is a VcdResponseError naming the URN", async () => {
    const urn = catalog.id as string;
    const c = await client({
      // The server's Entity, its links taken out.
      fetch: async (input, init) => {
        const answer = await fetch(input, init);
        if (!String(input).includes("/entity/")) return answer;
        const text = (await answer.text()).replace(/<Link\b[^>]*\/>/g, "");
        return new Response(text, {
          status: answer.status,
          headers: answer.headers,
        });
      },
    });
    const error = await main.resolveEntity(c, urn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(main.VcdResponseError);
    expect((error as Error).message).toContain(
      `GET ${sim.url}/entity/${urn}: unexpected answer (200): resolveEntity: the Entity of ${urn} has no alternate link`,
    );
  });
});
