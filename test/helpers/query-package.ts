/**
 * What the query tests share: the generated 30.0 package's query service and client, loosely typed
 * (the compile test checks the types), and a simulator seeded with many users in `acme` (for
 * paging and filters).
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { inject } from "vitest";
import type { VcdClient } from "../../runtime/client/client.js";
import type { Filter, Where } from "../../runtime/client/query-filter.js";
import type { Simulator, SimulatorOptions } from "../../simulator/binding.js";
import { defaultSeed } from "../../simulator/default-seed.js";
import type { SeedData } from "../../simulator/store/seed.js";

export type Page = {
  element: string;
  value: {
    total?: string;
    page?: number;
    pageSize?: number;
    Record?: Record<string, unknown>[];
    Reference?: Record<string, unknown>[];
    Link?: { rel: string; href: string }[];
  };
  status: number;
};

export interface QueryPackage {
  query(
    client: VcdClient,
    type: string,
    options?: Record<string, unknown>,
  ): Promise<Page>;
  queryAll(
    client: VcdClient,
    type: string,
    options?: Record<string, unknown>,
  ): AsyncGenerator<Record<string, unknown>, void, undefined>;
  where: Where;
  /** The stubs, the packaged queries among them (`getUsersQuery`, ...). */
  api: Record<
    string,
    (
      client: VcdClient,
      target?: object,
      options?: Record<string, unknown>,
    ) => Promise<Page & { url: string }>
  >;
  QUERY_TYPES: Record<string, { record: string; references?: string }>;
  createClient(options: object): VcdClient;
  createBareClient(options: object): VcdClient;
  toXml(doc: { element: string; value: unknown }): string;
  startSimulator(options?: SimulatorOptions): Promise<Simulator>;
}

export async function loadQueryPackage(): Promise<QueryPackage> {
  const dir = join(inject("generatedDir"), "30.0/dist");
  const load = async (path: string) =>
    (await import(pathToFileURL(join(dir, path)).href)) as Record<
      string,
      unknown
    >;
  const [index, simulator] = await Promise.all([
    load("index.js"),
    load("simulator.js"),
  ]);
  return { ...index, ...simulator } as unknown as QueryPackage;
}

/** The user names the seed adds to `acme`: `u01` ... `u{count}`. */
export const userName = (i: number): string => `u${String(i).padStart(2, "0")}`;

/** Catalog names the seed adds to `acme`, with every character vCD's filters escape. */
export const ODD_CATALOGS = ["web,(1);x", "web\\2", "web(3)"];

/** The default seed, with `count` more users in `acme`, and the catalogs of {@link ODD_CATALOGS}. */
export function seedWithUsers(count: number): SeedData {
  return {
    orgs: defaultSeed.orgs.map((org) =>
      org.name === "acme"
        ? {
            ...org,
            users: [
              ...org.users,
              ...Array.from({ length: count }, (_, i) => ({
                name: userName(i + 1),
                password: "pw",
                role: "vApp User" as const,
                fullName: `User ${i + 1}`,
              })),
            ],
            catalogs: [
              ...(org.catalogs ?? []),
              ...ODD_CATALOGS.map((name) => ({ name, items: [] })),
            ],
          }
        : org,
    ),
  };
}

/** The system administrator's credentials. */
export function systemAdmin(sim: Simulator): {
  user: string;
  org: string;
  password: string;
} {
  const admin = sim.users.find((u) => u.org === "System")!;
  return { user: admin.name, org: admin.org, password: admin.password };
}

export type { Filter };
