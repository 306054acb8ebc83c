/**
 * Retrying a 503 (a vCD's load balancer with no cell to hand the request to), against the 30.0
 * package's simulator on 127.0.0.1 and its `failNextRequests(n, 503)`: the simulator's answer is
 * HAProxy's page, not a vCD Error; `Retry-After` is honoured up to `maxRetryAfter`; a POST is
 * retried too (the server did not act: one vApp is made); the caller's signal ends a wait at once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../runtime/client/client.js";
import type { VcdApiError } from "../../runtime/client/errors.js";
import type { RetryEvent } from "../../runtime/client/retry.js";
import type { ClientOptions } from "../../runtime/client/types.js";
import type { Simulator } from "../../simulator/binding.js";
import type { ClientPackage } from "../helpers/generated-packages.js";
import { credentialsOf, tenantAdmin } from "../helpers/tenant-admin.js";
import {
  requestLog,
  sessionPackage,
  type PackageErrors,
} from "./session-package.js";

type Value = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let pkg: ClientPackage;
let errors: PackageErrors;
let sim: Simulator;

beforeAll(async () => {
  ({ pkg, errors } = await sessionPackage());
  sim = await pkg.startSimulator({ taskStepMs: 5 });
}, 60_000);

afterEach(() => {
  sim.failNextRequests(0, 503);
});

afterAll(async () => {
  await sim?.close();
});

async function loggedIn(options: Partial<ClientOptions> = {}) {
  const log = requestLog();
  const client: VcdClient = pkg.createClient({
    baseUrl: sim.url,
    timeout: 5_000,
    middleware: [log.middleware],
    ...options,
  });
  await client.login(credentialsOf(tenantAdmin(sim)));
  log.sent.length = 0;
  return { client, sent: log.sent };
}

const orgList = (client: VcdClient, retry?: unknown) =>
  pkg.api.getOrg(
    client,
    undefined,
    retry === undefined ? undefined : { retry },
  );

const orgGets = (sent: readonly string[]) =>
  sent.filter((r) => r === "GET /api/org").length;

describe("the simulator's failNextRequests", () => {
  it("answers the next requests 503 as HAProxy does, before any check, then as before", async () => {
    sim.failNextRequests(2, 503, { retryAfter: 7 });
    for (let i = 0; i < 2; i++) {
      // Not even logged in: the load balancer answers before any cell checks anything.
      const answer = await fetch(`${sim.url}/org`);
      expect(answer.status).toBe(503);
      expect(answer.headers.get("content-type")).toBe("text/html");
      expect(answer.headers.get("retry-after")).toBe("7");
      expect(answer.headers.get("cache-control")).toBe("no-cache");
      expect(await answer.text()).toBe(
        "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n",
      );
    }
    // Then the cell's checks again: this request names no version in Accept (406).
    const after = await fetch(`${sim.url}/org`);
    expect(after.status).toBe(406);
    await after.text();
  });

  it("takes only 503, and a whole count", () => {
    expect(() => sim.failNextRequests(1, 500 as 503)).toThrow(/only 503/);
    expect(() => sim.failNextRequests(-1, 503)).toThrow(/whole number/);
  });
});

describe("retry on 503", () => {
  it("without it, a 503 is a VcdApiError with the load balancer's page, sent once", async () => {
    const { client, sent } = await loggedIn();
    sim.failNextRequests(1, 503);
    const error = await orgList(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.VcdApiError);
    expect((error as VcdApiError).status).toBe(503);
    expect((error as VcdApiError).error).toBeUndefined();
    expect((error as VcdApiError).body).toContain("No server is available");
    expect(orgGets(sent)).toBe(1);
  });

  it("waits what Retry-After says, up to maxRetryAfter, rather than the back-off", async () => {
    const retries: RetryEvent[] = [];
    const { client, sent } = await loggedIn({
      retry: {
        baseDelay: 5_000,
        maxRetryAfter: 40,
        onRetry: (r) => retries.push(r),
      },
    });
    sim.failNextRequests(2, 503, { retryAfter: 1 });
    const started = Date.now();
    const orgs = await orgList(client);
    expect(orgs.element).toBe("vcloud:OrgList");
    expect(retries.map((r) => r.delay)).toEqual([40, 40]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
    expect(orgGets(sent)).toBe(3);
  });

  it("waits the whole Retry-After when it is under maxRetryAfter", async () => {
    const retries: RetryEvent[] = [];
    const { client } = await loggedIn({
      retry: { baseDelay: 1, onRetry: (r) => retries.push(r) },
    });
    sim.failNextRequests(1, 503, { retryAfter: 1 });
    const started = Date.now();
    expect((await orgList(client)).element).toBe("vcloud:OrgList");
    expect(retries.map((r) => r.delay)).toEqual([1_000]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
  });

  it("retries a POST too: the server did not act, and one vApp is made", async () => {
    const { client, sent } = await loggedIn({ retry: { baseDelay: 5 } });
    const vdcs = await client.get(`${sim.url}/query?type=orgVdc`);
    const vdc = ((vdcs.value as Value).Record as Value[])[0].href as string;
    const items = await client.get(`${sim.url}/query?type=catalogItem`);
    const template = ((items.value as Value).Record as Value[])[0].entity;
    sim.failNextRequests(2, 503);
    const created = await pkg.api.instantiateVAppTemplate(
      client,
      { href: `${vdc}/action/instantiateVAppTemplate` },
      { name: "made-once", Source: { href: template }, AllEULAsAccepted: true },
    );
    expect(created.element).toBe("vcloud:VApp");
    expect(
      sent.filter((r) => r.endsWith("/action/instantiateVAppTemplate")),
    ).toHaveLength(3);
    const made = await client.get(
      `${sim.url}/query?type=vApp&filter=name==made-once`,
    );
    expect((made.value as Value).Record).toHaveLength(1);
  });

  it("gives up after the last attempt with the first 503", async () => {
    const retries: RetryEvent[] = [];
    const { client, sent } = await loggedIn({
      retry: { attempts: 3, baseDelay: 1, onRetry: (r) => retries.push(r) },
    });
    sim.failNextRequests(5, 503);
    const error = await orgList(client).catch((e: unknown) => e);
    expect((error as VcdApiError).status).toBe(503);
    expect(error).toBe(retries[0].error);
    expect(orgGets(sent)).toBe(3);
  });

  it("an abort during the back-off ends the call at once, and nothing more is sent", async () => {
    const { client, sent } = await loggedIn({ retry: true });
    sim.failNextRequests(1, 503, { retryAfter: 20 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error("enough")), 50);
    const error = await pkg.api
      .getOrg(client, undefined, { signal: controller.signal })
      .catch((e: unknown) => e);
    const took = Date.now() - started;
    expect(error).toBeInstanceOf(errors.VcdAbortError);
    expect((error as Error).cause).toEqual(new Error("enough"));
    expect((error as VcdApiError).url).toBe(`${sim.url}/org`);
    expect(took).toBeLessThan(1_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(orgGets(sent)).toBe(1);
  });
});
