/**
 * Nothing is kept for ever: a finished task is dropped once the retention time has passed since it
 * ended (then it reads as any unknown task: 403), and sessions idle past the timeout are dropped at
 * the next login or use whether or not their token comes back (a clock the test moves, on the store;
 * and over HTTP with small bounds).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import { defaultSeed } from "../../simulator/default-seed.js";
import { loadSeed } from "../../simulator/store/seed.js";
import { Store } from "../../simulator/store/store.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import type { UserSession } from "../simulator/helpers/session.js";
import { errorOf, newVApp, sessionOf, startWith } from "./helpers/simulator.js";

describe("the store's bounds (a clock the test moves)", () => {
  let clock = 1_000_000;
  const store = (taskStepMs = 10) =>
    new Store(loadSeed(defaultSeed), {
      tokenIdleTimeout: 1000,
      taskStepMs,
      taskRetentionMs: 5000,
      now: () => clock,
    });

  it("drops finished tasks once the retention time has passed since they ended, never a running one", () => {
    const s = store();
    const org = [...s.orgs.values()][0];
    const user = [...s.users.values()][0];
    let applied = 0;
    const start = () =>
      s.tasks.start({
        operationName: "test",
        operation: "test",
        owner: { kind: "org", id: org.id, name: org.name },
        orgId: org.id,
        userId: user.id,
        apply: () => applied++,
      });
    const first = start();
    clock += 100;
    s.tasks.settle();
    expect(first.status).toBe("success");
    const second = start();
    clock += 4950;
    s.tasks.settle();
    expect(applied).toBe(2);
    expect(s.tasks.get(first.id)).toBeDefined();
    clock += 100; // the first ended 5050 ms ago, the second 4950 ms ago
    s.tasks.settle();
    expect(s.tasks.get(first.id)).toBeUndefined();
    expect(s.tasks.get(second.id)).toBeDefined();
    clock += 5000;
    s.tasks.settle();
    expect(s.tasks.size).toBe(0);
    // A running task is kept however long it runs.
    const long = store(60_000);
    const task = long.tasks.start({
      operationName: "test",
      operation: "test",
      owner: { kind: "org", id: org.id, name: org.name },
      orgId: org.id,
      userId: user.id,
      apply: () => undefined,
    });
    clock += 30_000; // far past the retention time, half way through its first step
    long.tasks.settle();
    expect(task.status).toBe("queued");
    expect(long.tasks.get(task.id)).toBe(task);
  });

  it("drops idle sessions at the next login, their tokens never used again", () => {
    const s = store();
    const user = [...s.users.values()][0];
    for (let i = 0; i < 500; i++) s.sessions.open(user.id);
    const kept = s.sessions.open(user.id);
    clock += 600;
    expect(s.sessions.use(kept.token)).toBe(kept);
    clock += 600; // the 500 idle 1200 ms, the one used 600 ms
    s.sessions.open(user.id);
    expect(s.sessions.size).toBe(2);
    expect(s.sessions.use(kept.token)).toBe(kept);
  });

  it("ends a session at logout and refuses its token after the idle timeout", () => {
    const s = store();
    const user = [...s.users.values()][0];
    const a = s.sessions.open(user.id);
    const b = s.sessions.open(user.id);
    s.sessions.end(a.token);
    expect(s.sessions.use(a.token)).toBeUndefined();
    clock += 1001;
    expect(s.sessions.use(b.token)).toBeUndefined();
    expect(s.sessions.size).toBe(0);
  });
});

describe("over HTTP, with small bounds", () => {
  /** Long enough that the read right after the task ends lands within it on a loaded machine. */
  const RETENTION_MS = 2000;
  let sim: Simulator;
  let pkg: GeneratedPackage;
  let admin: UserSession;

  beforeAll(async () => {
    ({ sim, pkg } = await startWith({
      taskRetentionMs: RETENTION_MS,
    }));
    admin = await sessionOf(sim, pkg, "acme-admin");
  }, 60_000);

  afterAll(async () => {
    await sim?.close();
  });

  it("a finished task reads until the retention time is up, then is gone (403)", async () => {
    const vapp = await newVApp(admin, "lifetime");
    const r = await admin.send("POST", `${vapp}/power/action/powerOn`);
    expect(r.status, r.body).toBe(202);
    const task = await admin.waitFor(r.value!);
    expect(task.status).toBe("success");
    // The simulator's clock is this process's: the task's endTime says when the retention ends.
    const ended = Date.parse(String(task.endTime));
    expect(Number.isFinite(ended)).toBe(true);
    const kept = await admin.send("GET", task.href);
    if (Date.now() < ended + RETENTION_MS) expect(kept.status).toBe(200);
    // Polled, bounded: gone once the retention time has passed, not before.
    let gone: { status: number; body: string } | undefined;
    for (let i = 0; i < 100 && !gone; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const before = Date.now();
      const read = await admin.send("GET", task.href);
      if (read.status !== 200) {
        gone = read;
        expect(Date.now()).toBeGreaterThanOrEqual(ended + RETENTION_MS);
      } else expect(before).toBeLessThan(ended + RETENTION_MS);
    }
    expect(gone?.status).toBe(403);
    expect(errorOf(pkg, gone!.body).minor).toBe(
      "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
    );
  }, 20_000);
});
