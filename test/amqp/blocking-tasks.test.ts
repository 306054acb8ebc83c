/**
 * Blocking tasks over a real RabbitMQ, handled by a raw amqplib consumer: with vApp power-on on the
 * blocking list, a power-on's task stays running and a `blockingtask/create` notification arrives
 * (the task's name at the end of its routing key); the handler resolves the blocking task through
 * the entity resolver and resumes one (the parent succeeds, the vApp is on), fails another (the
 * parent ends in error with the handler's message: `waitForTask` raises VcdTaskError) and aborts a
 * third; `updateProgress` moves the timeout; with nobody answering, the timeout action applies.
 * The settings are kept and only the system administrator reaches them. Every body sent valid.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../runtime/client/client.js";
import { VcdTaskError } from "../../runtime/client/errors.js";
import type { OperationInfo } from "../../runtime/client/operation.js";
import { waitForTask } from "../../runtime/client/tasks.js";
import type { Simulator } from "../../simulator/index.js";
import {
  loadClientPackage,
  type ClientPackage,
  type GeneratedPackage,
} from "../helpers/generated-packages.js";
import { startBroker, type TestBroker } from "../helpers/rabbitmq.js";
import { credentialsOf } from "../helpers/tenant-admin.js";
import {
  instantiateFirst,
  sessionOf,
  startSeeded,
} from "../simulator/helpers/seeded.js";
import { UserSession, type Entity } from "../simulator/helpers/session.js";
import { expectAllValid } from "../simulator/helpers/valid-bodies.js";
import { Collector } from "./helpers/collector.js";

type Value = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const VMEXT = "http://www.vmware.com/vcloud/extension/v1.5";
const VCLOUD = "http://www.vmware.com/vcloud/v1.5";
const SETTINGS = "/admin/extension/settings/blockingTask";
const PARAMS_MT =
  "application/vnd.vmware.admin.blockingTaskOperationParams+xml";

let broker: TestBroker;
let sim: Simulator;
let pkg: GeneratedPackage;
let client: ClientPackage;
let system: UserSession;
let acme: VcdClient;
let collector: Collector;
let vappHref = "";

const settingsBody = (action: string, timeoutMs: number, ops: string[]) =>
  `<vmext:BlockingTaskSettings xmlns:vmext="${VMEXT}" xmlns:vcloud="${VCLOUD}">` +
  `<vmext:TimeoutAction>${action}</vmext:TimeoutAction>` +
  `<vmext:BlockingTaskOperations>${ops.map((o) => `<vcloud:Operation>${o}</vcloud:Operation>`).join("")}</vmext:BlockingTaskOperations>` +
  `<vmext:TimeoutInMilliseconds>${timeoutMs}</vmext:TimeoutInMilliseconds></vmext:BlockingTaskSettings>`;

const putSettings = async (
  action: string,
  timeoutMs: number,
  ops: string[],
) => {
  const r = await system.send(
    "PUT",
    SETTINGS,
    "application/vnd.vmware.admin.blockingTaskSettings+xml",
    settingsBody(action, timeoutMs, ops),
  );
  expect(r.status, r.body).toBe(200);
  return r.value!;
};

const op = (method: string, path: string): OperationInfo =>
  client.operations.find((o) => o.method === method && o.path === path)!;

beforeAll(async () => {
  broker = await startBroker();
  collector = await Collector.start(broker.url, [
    {
      queue: "blocking",
      exchange: "vcd.notifications20",
      pattern: "*.*.*.*.com.vmware.vcloud.event.blockingtask.#",
    },
  ]);
  ({ sim, pkg } = await startSeeded({ recordBodies: true, taskStepMs: 5 }));
  client = await loadClientPackage("30.0");
  system = await UserSession.open(sim, pkg, sim.users[0]);
  const amqp = await system.send(
    "PUT",
    "/admin/extension/settings/amqp",
    "application/vnd.vmware.admin.amqpSettings+xml",
    `<vmext:AmqpSettings xmlns:vmext="${VMEXT}"><vmext:AmqpHost>127.0.0.1</vmext:AmqpHost>` +
      `<vmext:AmqpPort>${broker.port}</vmext:AmqpPort><vmext:AmqpUsername>guest</vmext:AmqpUsername>` +
      `<vmext:AmqpPassword>guest</vmext:AmqpPassword><vmext:AmqpExchange>vcd-system</vmext:AmqpExchange>` +
      `<vmext:AmqpVHost>/</vmext:AmqpVHost><vmext:AmqpUseSSL>false</vmext:AmqpUseSSL>` +
      `<vmext:AmqpPrefix>vcd</vmext:AmqpPrefix></vmext:AmqpSettings>`,
  );
  expect(amqp.status, amqp.body).toBe(200);
  const on = await system.send(
    "PUT",
    "/admin/extension/settings/notifications",
    "application/vnd.vmware.admin.notificationsSettings+xml",
    `<vmext:NotificationsSettings xmlns:vmext="${VMEXT}"><vmext:EnableNotifications>true</vmext:EnableNotifications></vmext:NotificationsSettings>`,
  );
  expect(on.status, on.body).toBe(200);
  const admin = await sessionOf(sim, pkg, "acme-admin");
  vappHref = (await instantiateFirst(admin, "blocked")).value!.href;
  acme = client.createClient({ baseUrl: sim.url, timeout: 5_000 });
  await acme.login(
    credentialsOf(sim.users.find((u) => u.name === "acme-admin")!),
  );
}, 120_000);

afterAll(async () => {
  await collector?.close();
  await sim?.close();
  await broker?.stop();
}, 60_000);

const power = (action: "powerOn" | "powerOff") =>
  acme.call(
    op("POST", `/vApp/{id}/power/action/${action}`),
    { href: `${vappHref}/power/action/${action}` },
    undefined,
  ) as Promise<{ element: string; value: Value; status: number }>;

/** The next blockingtask/create notification (after `seen` of them), and the BlockingTask it names. */
async function nextBlocked(
  seen: number,
): Promise<{ json: Value; routingKey: string; bt: Entity }> {
  const creates = () =>
    collector
      .of("blocking")
      .filter(
        (m) =>
          m.headers["notification.type"] ===
          "com/vmware/vcloud/event/blockingtask/create",
      );
  await collector.until(
    () => creates().length > seen,
    "a blockingtask/create notification",
  );
  const m = creates()[seen];
  const json = JSON.parse(m.body) as Value;
  // the handler's way: the entity resolver, then the entity's alternate link
  const entity = await system.get(
    `/entity/${json.entity as string}`,
    "vcloud:Entity",
  );
  const alternate = entity.Link!.find((l) => l.rel === "alternate")!;
  const bt = await system.get(alternate.href, "vmext:BlockingTask");
  return { json, routingKey: m.routingKey, bt };
}

const act = (bt: Entity, rel: string, message: string) => {
  const link = bt.Link!.find((l) => l.rel === rel)!;
  expect(link, rel).toBeDefined();
  return system.send(
    "POST",
    link.href,
    PARAMS_MT,
    `<vmext:BlockingTaskOperationParams xmlns:vmext="${VMEXT}"><vmext:Message>${message}</vmext:Message></vmext:BlockingTaskOperationParams>`,
  );
};

const vappStatus = async () =>
  ((await acme.get(vappHref)).value as Value).status as number;

describe("blocking-task settings", () => {
  it("are kept (and the operations list on its own); a tenant's administrator may not reach them", async () => {
    const before = await system.get(SETTINGS, "vmext:BlockingTaskSettings");
    expect(before.TimeoutAction).toBe("abort");
    const after = await putSettings("abort", 60_000, ["vappPowerOn"]);
    expect(after).toMatchObject({
      TimeoutAction: "abort",
      TimeoutInMilliseconds: "60000",
      BlockingTaskOperations: { Operation: ["vappPowerOn"] },
    });
    const ops = await system.get(
      `${SETTINGS}/operations`,
      "vmext:BlockingTaskOperations",
    );
    expect(ops.Operation).toEqual(["vappPowerOn"]);
    const bad = await system.send(
      "PUT",
      SETTINGS,
      "application/vnd.vmware.admin.blockingTaskSettings+xml",
      settingsBody("explode", 1, []),
    );
    expect(bad.status).toBe(400);
    const admin = await sessionOf(sim, pkg, "acme-admin");
    expect((await admin.send("GET", SETTINGS)).status).toBe(403);
    expect(
      (await admin.send("GET", "/admin/extension/blockingTasks")).status,
    ).toBe(403);
  });
});

describe("a blocked power-on", () => {
  let seen = 0;

  it("stays running until the handler resumes it; then it succeeds and the vApp is on", async () => {
    const started = await power("powerOn");
    expect(started.status).toBe(202);
    const { json, routingKey, bt } = await nextBlocked(seen++);
    expect(bt.status).toBe("active");
    expect(bt.name).toBe("vappPowerOn");
    expect(json.task).toBe(started.value.id);
    expect(json.taskOwner).toMatch(/^urn:vcloud:vapp:/);
    // operationSuccess.entity.org.user.com.vmware.vcloud.event.blockingtask.create.taskName
    expect(routingKey).toMatch(
      /^true\.[0-9a-f-]{36}\.[0-9a-f-]{36}\.[0-9a-f-]{36}\.com\.vmware\.vcloud\.event\.blockingtask\.create\.vappPowerOn$/,
    );
    expect(bt.Link!.map((l) => l.rel).sort()).toEqual([
      "abort",
      "fail",
      "resume",
      "up",
      "updateProgress",
    ]);
    // listed among the system's active blocking tasks
    const list = await system.get(
      "/admin/extension/blockingTasks",
      "vmext:BlockingTaskReferences",
    );
    expect((list.Reference as Entity[]).map((r) => r.href)).toContain(bt.href);
    // polled, the parent does not move on
    for (let i = 0; i < 5; i++)
      expect(((await acme.get(started.value.href)).value as Value).status).toBe(
        "running",
      );
    expect(await vappStatus()).toBe(8);

    const resumed = await act(bt, "resume", "Approved by the test's handler.");
    expect(resumed.status, resumed.body).toBe(204);
    const ended = (await waitForTask(acme, started as never, {
      interval: 1,
      timeout: 5_000,
    })) as Value;
    expect(ended.status).toBe("success");
    expect(await vappStatus()).toBe(4);
    const after = await system.get(bt.href, "vmext:BlockingTask");
    expect(after.status).toBe("resumed");
    expect(after.Link!.some((l) => l.rel === "resume")).toBe(false);
    // acting on it again is refused
    expect((await act(bt, "abort", "too late")).status).toBe(400);
    await collector.until(
      () =>
        collector
          .of("blocking")
          .some(
            (m) =>
              m.headers["notification.type"] ===
              "com/vmware/vcloud/event/blockingtask/resume",
          ),
      "the blockingtask/resume notification",
    );
  });

  it("failed by the handler: the parent ends in error with its message (VcdTaskError), the vApp stays off", async () => {
    const off = await power("powerOff"); // not on the list: runs
    await waitForTask(acme, off as never, { interval: 1, timeout: 5_000 });
    expect(await vappStatus()).toBe(8);
    const started = await power("powerOn");
    const { bt } = await nextBlocked(seen++);
    expect((await act(bt, "fail", "Denied by the quota policy.")).status).toBe(
      204,
    );
    const error = await waitForTask(acme, started as never, {
      interval: 1,
      timeout: 5_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdTaskError);
    expect((error as VcdTaskError).taskStatus).toBe("error");
    expect((error as Error).message).toContain("Denied by the quota policy.");
    expect(await vappStatus()).toBe(8);
  });

  it("aborted by the handler: the parent ends aborted", async () => {
    const started = await power("powerOn");
    const { bt } = await nextBlocked(seen++);
    expect((await act(bt, "abort", "Not now.")).status).toBe(204);
    const error = await waitForTask(acme, started as never, {
      interval: 1,
      timeout: 5_000,
    }).catch((e: unknown) => e);
    expect((error as VcdTaskError).taskStatus).toBe("aborted");
    expect(await vappStatus()).toBe(8);
  });

  it("updateProgress moves the timeout; with nobody answering, the timeout action applies", async () => {
    await putSettings("fail", 60_000, ["vappPowerOn"]);
    const started = await power("powerOn");
    const { bt } = await nextBlocked(seen++);
    const link = bt.Link!.find((l) => l.rel === "updateProgress")!;
    const moved = await system.send(
      "POST",
      link.href,
      "application/vnd.vmware.admin.blockingTaskUpdateProgressOperationParams+xml",
      `<vmext:BlockingTaskUpdateProgressParams xmlns:vmext="${VMEXT}"><vmext:Message>Still checking.</vmext:Message>` +
        `<vmext:TimeoutValueInMilliseconds>150</vmext:TimeoutValueInMilliseconds></vmext:BlockingTaskUpdateProgressParams>`,
    );
    expect(moved.status, moved.body).toBe(200);
    expect(moved.element).toBe("vmext:BlockingTask");
    const before = Date.parse(String(bt.timeoutDate));
    const after = Date.parse(String(moved.value!.timeoutDate));
    expect(after).toBeLessThan(before); // 150 ms from now instead of a minute
    expect(moved.value!.Description).toBe("Still checking.");
    await new Promise((r) => setTimeout(r, 200));
    const error = await waitForTask(acme, started as never, {
      interval: 1,
      timeout: 5_000,
    }).catch((e: unknown) => e);
    expect((error as VcdTaskError).taskStatus).toBe("error");
    expect((error as Error).message).toContain("timed out");
    expect((await system.get(bt.href, "vmext:BlockingTask")).status).toBe(
      "failed",
    );
  });

  it("the adminEvent query lists the blocking tasks' events", async () => {
    const page = await system.get(
      "/query?type=adminEvent&format=records&pageSize=128",
    );
    const types = (page.Record as Value[]).map((r) => r.eventType as string);
    for (const action of ["create", "resume", "fail", "abort"])
      expect(types).toContain(`com/vmware/vcloud/event/blockingtask/${action}`);
    const created = (page.Record as Value[]).find(
      (r) => r.eventType === "com/vmware/vcloud/event/blockingtask/create",
    )!;
    expect(created).toMatchObject({
      entityName: "vappPowerOn",
      orgName: "acme",
    });
  });

  it("every body the simulator sent is valid", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});
