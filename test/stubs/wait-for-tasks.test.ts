/**
 * Waiting for the tasks an entity carries: `instantiateVAppTemplate` answers the new `VApp` with its
 * running tasks inside (`Tasks`), not a `Task`. `waitForTasks(client, reply)` waits for each and
 * reads the entity again; `waitForTask(client, reply)` on such a reply does not compile. Against the
 * 30.0 package's simulator on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../runtime/client/client.js";
import { VcdTaskError, VcdTimeoutError } from "../../runtime/client/errors.js";
import { waitForTask, waitForTasks } from "../../runtime/client/tasks.js";
import type { Document } from "../../runtime/xml/index.js";
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
let vdcHref: string;
let templateHref: string;

beforeAll(async () => {
  pkg = await loadClientPackage("30.0");
  sim = await pkg.startSimulator({ taskStepMs: 5 });
  client = pkg.createClient({ baseUrl: sim.url, timeout: 5_000 });
  await client.login(credentialsOf(tenantAdmin(sim)));
  const vdcs = await client.get(`${sim.url}/query?type=orgVdc`);
  vdcHref = ((vdcs.value as Value).Record as Value[])[0].href;
  const items = await client.get(`${sim.url}/query?type=catalogItem`);
  templateHref = ((items.value as Value).Record as Value[])[0].entity;
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

const instantiate = (name: string) =>
  pkg.api.instantiateVAppTemplate(
    client,
    { href: `${vdcHref}/action/instantiateVAppTemplate` },
    { name, Source: { href: templateHref }, AllEULAsAccepted: true },
  ) as Promise<{ element: string; value: Value; status: number }>;

describe("waitForTasks", () => {
  it("is exported by the generated package", async () => {
    const index = await loadPackage("30.0");
    expect(typeof (index as Record<string, unknown>).waitForTasks).toBe(
      "function",
    );
  });

  it("waits for the tasks a new vApp carries, then answers the vApp as it is now", async () => {
    const created = await instantiate("carried-tasks");
    expect(created.element).toBe("vcloud:VApp");
    const carried = created.value.Tasks.Task as Value[];
    expect(carried.length).toBeGreaterThan(0);
    expect(carried[0].status).not.toBe("success");
    const progress: string[] = [];
    const vapp = await waitForTasks(client, created as never, {
      interval: 5,
      onProgress: (t) => progress.push(t.status),
    });
    expect((vapp as Value).name).toBe("carried-tasks");
    expect((vapp as Value).href).toBe(created.value.href);
    // Resolved and powered off (8), with no task at work on it any more.
    expect((vapp as Value).status).toBe(8);
    for (const t of ((vapp as Value).Tasks?.Task ?? []) as Value[])
      expect(["queued", "running"]).not.toContain(t.status);
    expect(progress.length).toBeGreaterThan(0);
    const task = await client.get(carried[0].href);
    expect((task.value as Value).status).toBe("success");
  });

  it("rejects with the task's error when one of them fails", async () => {
    sim.failNextTask("vdcInstantiateVapp", "The datastore is full.");
    const created = await instantiate("failing-tasks");
    const error = await waitForTasks(client, created.value, {
      interval: 5,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdTaskError);
    expect((error as Error).message).toContain("The datastore is full.");
  });

  it("has one time-out for all of it, named after itself", async () => {
    const created = await instantiate("slow-tasks");
    const error = await waitForTasks(client, created.value, {
      interval: 1_000,
      timeout: 50,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdTimeoutError);
    expect((error as Error).message).toContain("waitForTasks");
  });
});

describe("waitForTask's types", () => {
  it("refuse a document whose root is known and no task, and take one that may be", () => {
    const vappReply = {
      element: "vcloud:VApp" as const,
      value: { href: "https://vcd/api/vApp/vapp-1", status: 8 },
    };
    const maybeTask = {
      element: "vcloud:Task" as "vcloud:Task" | "vcloud:Error",
      value: { href: "https://vcd/api/task/1", status: "running" },
    };
    const unknown: Document = maybeTask;
    // Compiled by the test type check (`tsc -p tsconfig.test.json`): an unused expect-error fails it.
    const calls = [
      // @ts-expect-error a VApp is no task: wait for the tasks it carries (waitForTasks)
      () => waitForTask(client, vappReply),
      () => waitForTask(client, maybeTask),
      () => waitForTask(client, unknown),
      () => waitForTasks(client, vappReply),
    ];
    expect(calls).toHaveLength(4);
  });
});
