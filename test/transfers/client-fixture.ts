/**
 * The generated 30.0 package's client logged in to its simulator, the package's transfer entries
 * (`transfer` and `transfer/node`, as a consumer imports them), and the first catalog: what the
 * client transfer tests start from.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { inject } from "vitest";
import type { VcdClient } from "../../runtime/client/client.js";
import type { ClientOptions } from "../../runtime/client/types.js";
import type * as NodeTransfer from "../../runtime/transfer/node/index.js";
import type { Simulator } from "../../simulator/binding.js";
import {
  loadClientPackage,
  type ClientPackage,
} from "../helpers/generated-packages.js";
import { credentialsOf, tenantAdmin } from "../helpers/tenant-admin.js";

export type Transfer = typeof NodeTransfer;
export type Value = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The package's `transfer/node` entry (its `dist/`). */
export async function transferEntry(): Promise<Transfer> {
  const file = join(
    inject("generatedDir"),
    "30.0",
    "dist/runtime/transfer/node/index.js",
  );
  return (await import(pathToFileURL(file).href)) as Transfer;
}

export interface Fixture {
  readonly pkg: ClientPackage;
  readonly sim: Simulator;
  readonly transfer: Transfer;
  /** A new client logged in as the tenant's administrator. */
  client(options?: Partial<ClientOptions>): Promise<VcdClient>;
  /** The first catalog the administrator sees (its value). */
  catalog(client: VcdClient): Promise<Value>;
}

export async function startFixture(): Promise<Fixture> {
  const pkg = await loadClientPackage("30.0");
  const sim = await pkg.startSimulator({ taskStepMs: 2 });
  const transfer = await transferEntry();
  return {
    pkg,
    sim,
    transfer,
    async client(options = {}) {
      const client = pkg.createClient({
        baseUrl: sim.url,
        timeout: 10_000,
        ...options,
      });
      await client.login(credentialsOf(tenantAdmin(sim)));
      return client;
    },
    async catalog(client) {
      const records = (await pkg.api.getCatalogsQuery(client)) as {
        value: { Record: { href: string }[] };
      };
      return (await client.get(records.value.Record[0].href)).value as Value;
    },
  };
}
