/**
 * vcd-codegen runtime, simulator (Node only): a schema-strict vCloud Director server for tests and
 * local development, in the style of moto. A store keeps vCD's state and rules (store/), handlers per
 * resource read requests with the package's readers and answer with its writers (handlers/), and the
 * routes come from the package's operations table. Every refusal is a vCD `Error` document.
 *
 * ```ts
 * import { startSimulator } from "@vcd-codegen/vcloud/simulator";
 * const sim = await startSimulator({ taskStepMs: 10, recordBodies: true });
 * // sim.url = "http://127.0.0.1:PORT/api"; sim.users[0] is the system administrator;
 * // sim.versions: what /api/versions lists (the package's oldest supported version to its own,
 * // or the `versions` option); sim.sentBodies: every XML body sent (with recordBodies)
 * await sim.close();
 * ```
 */
import { statSync } from "node:fs";
import {
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_TASK_RETENTION_MS,
  DEFAULT_TASK_STEP_MS,
  DEFAULT_TOKEN_IDLE_TIMEOUT,
  type Simulator,
  type SimulatorBinding,
  type SimulatorOptions,
  type SentBody,
} from "./binding.js";
import { defaultSeed } from "./default-seed.js";
import { Extensibility } from "./extensibility.js";
import { DEFAULT_EXTENSION_TIMEOUT_MS } from "./extensions/forwarder.js";
import { Hrefs } from "./handlers/hrefs.js";
import { versionsDocument } from "./handlers/session.js";
import { MinimalInstances } from "./handlers/minimal.js";
import type { Services } from "./pipeline.js";
import { DEFAULT_MAX_REQUEST_BYTES } from "./request/body-bytes.js";
import { ContentModels } from "./request/content-model.js";
import { render } from "./render.js";
import { ResponseCache } from "./response-cache.js";
import { Router } from "./router.js";
import { SchemaFiles } from "./schema-files.js";
import { listen } from "./server.js";
import { loadSeed, ROLE_NAMES } from "./store/seed.js";
import { Store } from "./store/store.js";
import { DiskRules } from "./store/disks.js";
import { VAppRules } from "./store/vapps.js";
import { StaticFiles } from "./static-files.js";
import { Transfers } from "./transfer/transfers.js";
import { Unavailable } from "./unavailable.js";
import { supportedVersions } from "./versions.js";

export type {
  SentBody,
  Simulator,
  SimulatorBinding,
  SimulatorDocuments,
  SimulatorOptions,
  SimulatorUser,
} from "./binding.js";
export type * from "./store/seed.js";
export { defaultSeed } from "./default-seed.js";
export { VcdFault } from "./fault.js";

export async function startSimulator(
  binding: SimulatorBinding,
  options: SimulatorOptions = {},
): Promise<Simulator> {
  if (
    options.staticDir !== undefined &&
    !statSync(options.staticDir, { throwIfNoEntry: false })?.isDirectory()
  )
    throw new Error(`staticDir: no such folder: ${options.staticDir}`);
  const loaded = loadSeed(options.seed ?? defaultSeed);
  const seed =
    options.scale === undefined ? loaded : { ...loaded, scale: options.scale };
  const store = new Store(seed, {
    tokenIdleTimeout: options.tokenIdleTimeout ?? DEFAULT_TOKEN_IDLE_TIMEOUT,
    taskStepMs: options.taskStepMs ?? DEFAULT_TASK_STEP_MS,
    taskRetentionMs: options.taskRetentionMs ?? DEFAULT_TASK_RETENTION_MS,
  });
  const router = new Router(binding.operations);
  const versions = supportedVersions(binding, options.versions);
  const highest = versions[versions.length - 1];
  const sent: SentBody[] | undefined = options.recordBodies ? [] : undefined;
  // Set once the server listens (the handlers need its URL): read only when a request comes.
  let services: Services | undefined; // eslint-disable-line prefer-const
  const http = await listen(() => services!, options.port ?? 0, sent, {
    maxRequestBytes: options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
    headersTimeoutMs: options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
  });
  const url = `http://127.0.0.1:${http.port}/api`;
  const hrefs = new Hrefs(url, router);
  const renderer = { router, documents: binding.documents };
  const rules = new VAppRules(store);
  const unavailable = new Unavailable();
  const transfers = new Transfers(() => store.ids.next("transfer"));
  const extensibility = new Extensibility(
    store,
    url,
    options.extensionTimeoutMs ?? DEFAULT_EXTENSION_TIMEOUT_MS,
  );
  services = {
    binding,
    router,
    store,
    rules,
    disks: new DiskRules(store, rules),
    hrefs,
    models: new ContentModels(binding.schema),
    minimal: new MinimalInstances(binding.schema, url),
    versions,
    highest,
    versionsAnswer: render(
      renderer,
      "GET",
      "/versions",
      {
        status: 200,
        doc: versionsDocument(
          hrefs,
          versions,
          binding.operations,
          binding.schema,
        ),
      },
      highest,
    ),
    schemas: options.schemaDir ? new SchemaFiles(options.schemaDir) : undefined,
    cache: new ResponseCache(),
    transfers,
    documents: binding.documents,
    unavailable,
    staticFiles: options.staticDir
      ? new StaticFiles(options.staticDir)
      : undefined,
    extensibility,
  };
  const users = seed.orgs
    .flatMap((org) =>
      org.users.map((u) => ({
        org: org.name,
        name: u.name,
        password: u.password,
        role: u.role,
      })),
    )
    .sort((a, b) => rank(a) - rank(b));
  return {
    url,
    users,
    versions,
    sentBodies: sent ?? [],
    failNextTask: (kind, message = `The task ${kind} failed (simulated).`) =>
      store.tasks.failNext(kind, message),
    failNextRequests: (count, status, options) => {
      if (status !== 503)
        throw new RangeError(
          `failNextRequests: only 503 is simulated (a load balancer without a cell), not ${String(status)}`,
        );
      unavailable.schedule(count, options?.retryAfter);
    },
    get transferFolder() {
      return transfers.spool.root;
    },
    reset: () => {
      unavailable.clear();
      extensibility.reset();
      store.reset();
      transfers.reset();
    },
    close: async () => {
      await http.close();
      await extensibility.close();
      transfers.dispose();
    },
  };
}

/** The system administrator first, then the tenants' users in seed order (stable sort). */
function rank(user: { org: string; role: string }): number {
  return user.org === "System" && user.role === ROLE_NAMES[0] ? 0 : 1;
}
