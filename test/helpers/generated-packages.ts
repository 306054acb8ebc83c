/**
 * The generated vCD package, built once per test run into a temporary folder (see
 * test/global-setup.ts), for API 30.0 and for every version ("all").
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { inject } from "vitest";

/** What a generated package exports (typed loosely: the tests drive it through its schema). */
export interface GeneratedPackage {
  fromXml(xml: string, options?: object): { element: string; value: unknown };
  toXml(
    doc: { element: string; value: unknown },
    options?: { strict?: boolean; declaration?: boolean },
  ): string;
  validate(doc: {
    element: string;
    value: unknown;
  }): { path: string; rule: string; expected: string; message: string }[];
  fromXmlFragment(xml: string): {
    element: string;
    type: string;
    value: unknown;
  };
  toXmlFragment(
    doc: { element: string; type: string; value: unknown },
    options?: object,
  ): string;
  elements: { element: string; type: string; abstract?: boolean }[];
  schema: import("../../runtime/xml/schema-data.js").SchemaData;
  [name: string]: unknown;
}

declare module "vitest" {
  export interface ProvidedContext {
    generatedDir: string;
  }
}

export async function loadPackage(
  apiVersion: "30.0" | "all",
): Promise<GeneratedPackage> {
  return importPackage(join(inject("generatedDir"), apiVersion));
}

/** The compiled package in `dir`, with its schema descriptors. */
export async function importPackage(dir: string): Promise<GeneratedPackage> {
  const index = (await import(
    pathToFileURL(join(dir, "dist/index.js")).href
  )) as GeneratedPackage;
  const schema = (await import(
    pathToFileURL(join(dir, "dist/schema.js")).href
  )) as { schema: GeneratedPackage["schema"] };
  return { ...index, schema: schema.schema };
}

/** A stub of the generated package, typed loosely (the tests drive every one the same way). */
export type Stub = (
  client: unknown,
  target?: unknown,
  ...rest: unknown[]
) => Promise<{
  element: string | null;
  value: unknown;
  status: number;
  location: string | undefined;
}>;

/** The client side of a generated package: its operations table, stubs, client and simulator. */
export interface ClientPackage {
  readonly operations: readonly import("../../runtime/client/operation.js").OperationInfo[];
  readonly api: Record<string, Stub>;
  readonly createClient: (
    options: import("../../runtime/client/types.js").ClientOptions,
  ) => import("../../runtime/client/client.js").VcdClient;
  readonly startSimulator: (
    options?: import("../../simulator/binding.js").SimulatorOptions,
  ) => Promise<import("../../simulator/binding.js").Simulator>;
  readonly API_VERSION: string;
}

export async function loadClientPackage(
  apiVersion: "30.0" | "all",
): Promise<ClientPackage> {
  return importClientPackage(join(inject("generatedDir"), apiVersion));
}

/** The client side of the compiled package in `dir`. */
export async function importClientPackage(dir: string): Promise<ClientPackage> {
  const load = async (path: string) =>
    (await import(pathToFileURL(join(dir, "dist", path)).href)) as Record<
      string,
      unknown
    >;
  const [operations, api, client, simulator] = await Promise.all([
    load("operations.js"),
    load("api/index.js"),
    load("client.js"),
    load("simulator.js"),
  ]);
  return {
    operations: operations.operations as ClientPackage["operations"],
    api: api as ClientPackage["api"],
    createClient: client.createClient as ClientPackage["createClient"],
    API_VERSION: client.API_VERSION as string,
    startSimulator: simulator.startSimulator as ClientPackage["startSimulator"],
  };
}
