/**
 * Cancelling a task and an organization's tasks list, through the generated package's client: a
 * running vApp power-on cancelled with its `task:cancel` link ends `aborted` (the vApp stays off),
 * and `waitForTask` on it raises `VcdTaskError`; `GET /tasksList/{id}` lists that organization's
 * tasks only, and another organization's list is refused. Every body sent valid (package and libxml2).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../runtime/client/client.js";
import { type VcdApiError, VcdTaskError } from "../../runtime/client/errors.js";
import type { OperationInfo } from "../../runtime/client/operation.js";
import { waitForTask } from "../../runtime/client/tasks.js";
import type { Simulator } from "../../simulator/index.js";
import {
  loadClientPackage,
  type ClientPackage,
  type GeneratedPackage,
} from "../helpers/generated-packages.js";
import { credentialsOf } from "../helpers/tenant-admin.js";
import { instantiateFirst, sessionOf, startSeeded } from "./helpers/seeded.js";
import type { UserSession } from "./helpers/session.js";
import { expectAllValid } from "./helpers/valid-bodies.js";

type Value = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let sim: Simulator;
let pkg: GeneratedPackage;
let client: ClientPackage;
let acme: VcdClient;
let admin: UserSession;
let vappHref = "";

const op = (method: string, path: string): OperationInfo => {
  const found = client.operations.find(
    (o) => o.method === method && o.path === path,
  );
  expect(found, `${method} ${path}`).toBeDefined();
  return found!;
};

beforeAll(async () => {
  // Slow steps: a task ends only after three polls, so it is still running when cancelled.
  ({ sim, pkg } = await startSeeded({
    recordBodies: true,
    taskStepMs: 60_000,
  }));
  client = await loadClientPackage("30.0");
  admin = await sessionOf(sim, pkg, "acme-admin");
  vappHref = (await instantiateFirst(admin, "to-cancel")).value!.href;
  acme = client.createClient({ baseUrl: sim.url, timeout: 5_000 });
  await acme.login(
    credentialsOf(sim.users.find((u) => u.name === "acme-admin")!),
  );
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

const powerOn = () =>
  acme.call(
    op("POST", "/vApp/{id}/power/action/powerOn"),
    { href: `${vappHref}/power/action/powerOn` },
    undefined,
  ) as Promise<{ element: string; value: Value; status: number }>;

describe("cancelling a task", () => {
  it("ends a running power-on aborted: waitForTask raises VcdTaskError, the vApp stays off", async () => {
    const started = await powerOn();
    expect(started.status).toBe(202);
    expect(started.element).toBe("vcloud:Task");
    expect(["queued", "running"]).toContain(started.value.status);
    const cancel = (started.value.Link as Value[]).find(
      (l) => l.rel === "task:cancel",
    )!;
    expect(cancel.href).toBe(`${started.value.href}/action/cancel`);
    const cancelled = await acme.call(
      op("POST", "/task/{id}/action/cancel"),
      { href: cancel.href },
      undefined,
    );
    expect(cancelled.status).toBe(204);
    const error = await waitForTask(acme, started as never, {
      interval: 1,
      timeout: 5_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdTaskError);
    expect((error as VcdTaskError).taskStatus).toBe("aborted");
    const task = (await acme.get(started.value.href)).value as Value;
    expect(task.status).toBe("aborted");
    expect(task.endTime).toBeDefined();
    // an ended task offers no cancel any more
    expect(
      ((task.Link ?? []) as Value[]).some((l) => l.rel === "task:cancel"),
    ).toBe(false);
    const vapp = (await acme.get(vappHref)).value as Value;
    expect(vapp.status).toBe(8); // powered off: the power-on's effect was not applied
  });

  it("a task that is not cancelled still runs to success", async () => {
    const started = await powerOn();
    const ended = (await waitForTask(acme, started as never, {
      interval: 1,
      timeout: 5_000,
    })) as Value;
    expect(ended.status).toBe("success");
    expect(((await acme.get(vappHref)).value as Value).status).toBe(4);
  });
});

describe("an organization's tasks list", () => {
  it("lists that organization's tasks, the aborted one among them", async () => {
    const org = (await admin.get("/org")).Org as Value[];
    const acmeOrg = org.find((o) => o.name === "acme")!;
    const orgDoc = await admin.get(acmeOrg.href as string, "vcloud:Org");
    const listLink = orgDoc.Link!.find(
      (l) => l.type === "application/vnd.vmware.vcloud.tasksList+xml",
    )!;
    const list = await admin.get(listLink.href, "vcloud:TasksList");
    const tasks = list.Task as Value[];
    const statuses = tasks.map((t) => t.status as string);
    expect(statuses).toContain("aborted");
    expect(statuses).toContain("success");
    for (const t of tasks) expect(t.Organization.name).toBe("acme");
    expect(tasks.map((t) => t.operationName)).toContain("vappPowerOn");
  });

  it("the System organization's list has none of acme's, and acme may not read it", async () => {
    const system = client.createClient({ baseUrl: sim.url, timeout: 5_000 });
    await system.login(credentialsOf(sim.users[0]));
    const systemOrg = (
      (await system.get(`${sim.url}/org`)).value as Value
    ).Org.find((o: Value) => o.name === "System") as Value;
    const systemId = String(systemOrg.href).split("/").pop()!;
    const list = (await system.get(`${sim.url}/tasksList/${systemId}`))
      .value as Value;
    for (const t of (list.Task ?? []) as Value[])
      expect(t.Organization.name).toBe("System");
    const refused = await acme
      .get(`${sim.url}/tasksList/${systemId}`)
      .catch((e: unknown) => e);
    // the package's own copy of the error class (this client is the package's)
    expect((refused as Error).name).toBe("VcdApiError");
    expect((refused as VcdApiError).status).toBe(403);
    expect((refused as VcdApiError).minorErrorCode).toBe(
      "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
    );
  });

  it("every body sent is valid", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});
