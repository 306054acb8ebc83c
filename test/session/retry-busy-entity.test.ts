/**
 * Retrying vCD's `400 BUSY_ENTITY` (`createClient({ retry })`, a call's `options.retry`), against
 * the 30.0 package's simulator on 127.0.0.1: a vApp just instantiated is busy while its task runs
 * (three steps of `taskStepMs`), so powering it on at once is refused. With retries the power-on
 * goes through once the task ends; without, it is the VcdApiError BUSY_ENTITY; at the deadline or
 * the last attempt the error thrown is the first one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../runtime/client/client.js";
import type { VcdApiError } from "../../runtime/client/errors.js";
import type { RetryEvent } from "../../runtime/client/retry.js";
import type { ClientOptions } from "../../runtime/client/types.js";
import type { Simulator } from "../../simulator/binding.js";
import type { ClientPackage } from "../helpers/generated-packages.js";
import { credentialsOf, tenantAdmin } from "../helpers/tenant-admin.js";
import {
  instantiate,
  requestLog,
  sessionPackage,
  type PackageErrors,
} from "./session-package.js";

/** A task step: the instantiate's task holds the vApp for three of them. */
const STEP_MS = 100;

let pkg: ClientPackage;
let errors: PackageErrors;
let sim: Simulator;

beforeAll(async () => {
  ({ pkg, errors } = await sessionPackage());
  sim = await pkg.startSimulator({ taskStepMs: STEP_MS });
}, 60_000);

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
  return { client, sent: log.sent };
}

/** Powers on the vApp at `href` (the stub's POST). */
const powerOn = (client: VcdClient, href: string, retry?: unknown) =>
  pkg.api.powerOn(
    client,
    { href: `${href}/power/action/powerOn` },
    retry === undefined ? undefined : { retry },
  );

const powerOns = (sent: readonly string[]) =>
  sent.filter((r) => r.endsWith("/power/action/powerOn")).length;

function expectBusy(error: unknown): asserts error is VcdApiError {
  expect(error).toBeInstanceOf(errors.VcdApiError);
  const busy = error as VcdApiError;
  expect(busy.status).toBe(400);
  expect(busy.minorErrorCode).toBe("BUSY_ENTITY");
  expect(busy.serverMessage).toMatch(/is busy completing an operation\.$/);
}

describe("retry on BUSY_ENTITY", () => {
  it("without it, powering on a vApp whose instantiate still runs is the VcdApiError BUSY_ENTITY, sent once", async () => {
    const { client, sent } = await loggedIn();
    const vapp = await instantiate(pkg, client, sim, "busy-no-retry");
    const error = await powerOn(client, vapp).catch((e: unknown) => e);
    expectBusy(error);
    expect(powerOns(sent)).toBe(1);
  });

  it("with the client's retry, the power-on goes through once the task ends, after back-offs", async () => {
    const retries: RetryEvent[] = [];
    const { client, sent } = await loggedIn({
      retry: {
        attempts: 100,
        baseDelay: 20,
        maxDelay: 80,
        deadline: 10_000,
        onRetry: (r) => retries.push(r),
      },
    });
    const vapp = await instantiate(pkg, client, sim, "busy-retried");
    const task = await powerOn(client, vapp);
    expect(task.element).toBe("vcloud:Task");
    expect(retries.length).toBeGreaterThan(0);
    for (const r of retries) {
      expectBusy(r.error);
      // Full jitter: from 0 to the doubling cap, never past maxDelay.
      expect(r.delay).toBeGreaterThanOrEqual(0);
      expect(r.delay).toBeLessThanOrEqual(
        Math.min(80, 20 * 2 ** (r.attempt - 1)),
      );
    }
    expect(retries.map((r) => r.attempt)).toEqual(retries.map((_, i) => i + 1));
    expect(powerOns(sent)).toBe(retries.length + 1);
  });

  it("a call's retry turns it on for that call, and retry: false off", async () => {
    const { client, sent } = await loggedIn({ retry: { baseDelay: 20 } });
    const first = await instantiate(pkg, client, sim, "busy-call-off");
    expectBusy(await powerOn(client, first, false).catch((e: unknown) => e));
    expect(powerOns(sent)).toBe(1);

    const plain = await loggedIn();
    const second = await instantiate(pkg, plain.client, sim, "busy-call-on");
    const task = await powerOn(plain.client, second, {
      attempts: 100,
      baseDelay: 20,
      maxDelay: 80,
    });
    expect(task.element).toBe("vcloud:Task");
    expect(powerOns(plain.sent)).toBeGreaterThan(1);
  });

  it("a call's retry overrides the client's field by field (an undefined field of the call leaves the client's)", async () => {
    const retries: RetryEvent[] = [];
    const { client, sent } = await loggedIn({
      retry: {
        attempts: 2,
        baseDelay: 100,
        maxDelay: 1,
        onRetry: (r) => retries.push(r),
      },
    });
    const vapp = await instantiate(pkg, client, sim, "busy-override");
    const error = await powerOn(client, vapp, {
      attempts: 4,
      maxDelay: undefined,
    }).catch((e: unknown) => e);
    expectBusy(error);
    // The call's attempts; the client's maxDelay (1 ms, well within the task's 300 ms) and onRetry.
    expect(powerOns(sent)).toBe(4);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2, 3]);
    for (const r of retries) expect(r.delay).toBeLessThanOrEqual(1);
  });

  it("gives up at the deadline, throwing the first error", async () => {
    const retries: RetryEvent[] = [];
    const { client, sent } = await loggedIn();
    const vapp = await instantiate(pkg, client, sim, "busy-deadline");
    const started = Date.now();
    const error = await powerOn(client, vapp, {
      attempts: 1_000,
      baseDelay: 10,
      maxDelay: 20,
      deadline: 120,
      onRetry: (r: RetryEvent) => retries.push(r),
    }).catch((e: unknown) => e);
    const took = Date.now() - started;
    expectBusy(error);
    expect(retries.length).toBeGreaterThan(1);
    expect(error).toBe(retries[0].error);
    expect(error).not.toBe(retries[retries.length - 1].error);
    // Within the deadline (the task holds the vApp three times as long), and no wait begun past it.
    expect(took).toBeLessThan(3 * STEP_MS);
    expect(powerOns(sent)).toBe(retries.length + 1);
  });

  it("gives up after the last attempt, throwing the first error", async () => {
    const retries: RetryEvent[] = [];
    const { client, sent } = await loggedIn();
    const vapp = await instantiate(pkg, client, sim, "busy-attempts");
    const error = await powerOn(client, vapp, {
      attempts: 3,
      baseDelay: 1,
      onRetry: (r: RetryEvent) => retries.push(r),
    }).catch((e: unknown) => e);
    expectBusy(error);
    expect(powerOns(sent)).toBe(3);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
    expect(error).toBe(retries[0].error);
  });

  it("refuses a bad retry option before anything is sent", async () => {
    expect(() =>
      pkg.createClient({ baseUrl: sim.url, retry: { attempts: 0 } }),
    ).toThrow(/retry.attempts must be a whole number from 1, not 0/);
    const { client, sent } = await loggedIn();
    sent.length = 0;
    await expect(
      powerOn(client, `${sim.url}/vApp/vapp-x`, { baseDelay: -1 }),
    ).rejects.toThrow(
      /retry.baseDelay must be a number of milliseconds from 0, not -1/,
    );
    expect(sent).toEqual([]);
  });
});
