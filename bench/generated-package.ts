/**
 * The generated package every bench works on: generated once per run into a temporary folder
 * (with its stubs, client and simulator), and loaded from its `dist/` by the few functions the
 * benches call.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ResolvedOptions } from "../generator/config/options.js";
import { generate } from "../generator/generate.js";

export interface Doc {
  readonly element: string;
  readonly value: unknown;
}

export interface Reply extends Doc {
  readonly status: number;
  readonly url: string;
}

/** The part of a `VcdClient` the benches use. */
export interface BenchClient {
  readonly token: string | undefined;
  resume(token: string, kind?: "bearer" | "vcloud"): void;
  login(credentials: {
    user: string;
    org: string;
    password: string;
  }): Promise<Reply>;
  get(target: string | { href: string }): Promise<Reply>;
}

type Target = Readonly<Record<string, string>> | { readonly href: string };

export interface GeneratedPackage {
  fromXml(xml: string, options?: { maxAttributes?: number }): Doc;
  toXml(doc: Doc, options?: { strict?: boolean }): string;
  validate(doc: Doc): unknown[];
  createClient(options: {
    baseUrl: string;
    fetch?: typeof fetch;
    timeout?: number;
  }): BenchClient;
  waitForTask(
    client: BenchClient,
    task: unknown,
    options?: { interval?: number; timeout?: number },
  ): Promise<unknown>;
}

export interface GeneratedApi {
  getVApp(client: BenchClient, target: Target): Promise<Reply>;
  getVAppGuestCustomizationSection(
    client: BenchClient,
    target: Target,
  ): Promise<Reply>;
  updateVAppGuestCustomizationSection(
    client: BenchClient,
    target: Target,
    body: object,
  ): Promise<Reply>;
  instantiateVAppTemplate(
    client: BenchClient,
    target: Target,
    body: object,
  ): Promise<Reply>;
}

export interface SimulatorHandle {
  readonly url: string;
  readonly users: readonly {
    org: string;
    name: string;
    password: string;
    role: string;
  }[];
  close(): Promise<void>;
}

export interface GeneratedSimulator {
  startSimulator(options?: {
    port?: number;
    taskStepMs?: number;
    seed?: unknown;
  }): Promise<SimulatorHandle>;
}

/** Generates the package of `options` into a new temporary folder; returns the package's folder. */
export function generateForBench(options: ResolvedOptions): string {
  const out = join(mkdtempSync(join(tmpdir(), "vcd-codegen-bench-")), "vcloud");
  generate({ ...options, outDir: out }, false);
  return out;
}

/** The URL of one of the package's compiled modules (`index`, `client`, `api/index`...). */
export function moduleUrl(packageDir: string, module: string): string {
  return pathToFileURL(join(packageDir, "dist", `${module}.js`)).href;
}

export async function loadPackage(
  packageDir: string,
): Promise<GeneratedPackage> {
  return (await import(moduleUrl(packageDir, "index"))) as GeneratedPackage;
}

export async function loadApi(packageDir: string): Promise<GeneratedApi> {
  return (await import(moduleUrl(packageDir, "api/index"))) as GeneratedApi;
}

export async function loadSimulator(
  packageDir: string,
): Promise<GeneratedSimulator> {
  return (await import(
    moduleUrl(packageDir, "simulator")
  )) as GeneratedSimulator;
}
