/**
 * Issue 19's proof, end to end: the package's AMQP entry (`runtime/amqp`: the subscriber,
 * `onNotification`, `onBlockingTask`, `serveExtension`) against the simulator over one real
 * RabbitMQ, nothing faked between them. The simulator is set up as the guide's administrator sets
 * up vCD (AMQP settings, notifications on, the blocking-task list, an extension service with its
 * API filter); then:
 * - every event the Hello vCloud workflow causes (login, instantiate, power on and off, delete)
 *   arrives typed, once in each form (XML on the system exchange, JSON on `vcd.notifications20`),
 *   each matching the simulator's own event record (its id, type, entity) and its routing key, and
 *   a broker restart in the middle of the workflow loses none of them;
 * - a blocked power-on is resumed by an `onBlockingTask` handler and another failed by it, and
 *   `waitForTask` on the parent task sees each end;
 * - a client call to `/api/org/{id}/backup` goes over the broker to a `serveExtension` service,
 *   which posts a Task and an Event, and the client gets its reply; the Task is in the
 *   organization's tasks list and the Event in the `event` query.
 */
import amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../runtime/client/client.js";
import { VcdTaskError } from "../../runtime/client/errors.js";
import type { OperationInfo } from "../../runtime/client/operation.js";
import { waitForTask, type TaskLike } from "../../runtime/client/tasks.js";
import {
  connectSubscriber,
  NOTIFICATION_TYPES,
  onBlockingTask,
  onNotification,
  parseRoutingKey,
  serveExtension,
  uuidOfUrn,
  type Notification,
  type Subscriber,
} from "../../runtime/amqp/index.js";
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
import {
  UserSession,
  VCLOUD_NS,
  type Entity,
} from "../simulator/helpers/session.js";
import { expectAllValid } from "../simulator/helpers/valid-bodies.js";

type Value = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const VMEXT = "http://www.vmware.com/vcloud/extension/v1.5";
const SYSTEM_EXCHANGE = "vcd-system";
const JSON_EXCHANGE = "vcd.notifications20";

let broker: TestBroker;
let sim: Simulator;
let pkg: GeneratedPackage;
let client: ClientPackage;
let system: UserSession;
let systemClient: VcdClient;
let acme: VcdClient;
let subscriber: Subscriber;
const reconnects: number[] = [];

/** Waits (bounded) until `done()` holds. */
async function until(
  done: () => boolean,
  what: string | (() => string),
  ms = 30_000,
) {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${typeof what === "string" ? what : what()}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const put = async (path: string, type: string, body: string) => {
  const r = await system.send("PUT", path, type, body);
  expect(r.status, `PUT ${path}: ${r.body}`).toBe(200);
};

const login = async (name: string): Promise<VcdClient> => {
  const c = client.createClient({ baseUrl: sim.url, timeout: 10_000 });
  await c.login(credentialsOf(sim.users.find((u) => u.name === name)!));
  return c;
};

const op = (method: string, path: string): OperationInfo =>
  client.operations.find((o) => o.method === method && o.path === path)!;

beforeAll(async () => {
  broker = await startBroker();
  // vCD's administrator creates the exchange of the XML form beforehand (topic, durable): the
  // simulator, as vCD, drops the XML form while it is missing (it looks again at most once a
  // second), so it must exist before the simulator first connects.
  const admin = await amqp.connect(broker.url, { timeout: 5_000 });
  const channel = await admin.createChannel();
  await channel.assertExchange(SYSTEM_EXCHANGE, "topic", { durable: true });
  await admin.close();
  ({ sim, pkg } = await startSeeded({
    recordBodies: true,
    taskStepMs: 5,
    extensionTimeoutMs: 10_000,
  }));
  client = await loadClientPackage("30.0");
  system = await UserSession.open(sim, pkg, sim.users[0]);
  // The guide's set-up: the broker vCD publishes to, and notifications on.
  await put(
    "/admin/extension/settings/amqp",
    "application/vnd.vmware.admin.amqpSettings+xml",
    `<vmext:AmqpSettings xmlns:vmext="${VMEXT}"><vmext:AmqpHost>127.0.0.1</vmext:AmqpHost>` +
      `<vmext:AmqpPort>${broker.port}</vmext:AmqpPort><vmext:AmqpUsername>guest</vmext:AmqpUsername>` +
      `<vmext:AmqpPassword>guest</vmext:AmqpPassword><vmext:AmqpExchange>${SYSTEM_EXCHANGE}</vmext:AmqpExchange>` +
      `<vmext:AmqpVHost>/</vmext:AmqpVHost><vmext:AmqpUseSSL>false</vmext:AmqpUseSSL>` +
      `<vmext:AmqpPrefix>vcd</vmext:AmqpPrefix></vmext:AmqpSettings>`,
  );
  await put(
    "/admin/extension/settings/notifications",
    "application/vnd.vmware.admin.notificationsSettings+xml",
    `<vmext:NotificationsSettings xmlns:vmext="${VMEXT}"><vmext:EnableNotifications>true</vmext:EnableNotifications></vmext:NotificationsSettings>`,
  );
  systemClient = await login(sim.users[0]!.name);
  acme = await login("acme-admin");
  subscriber = await connectSubscriber({
    url: broker.url,
    exchange: SYSTEM_EXCHANGE,
    timeout: 10_000,
    reconnect: { attempts: 100, initialDelay: 100, maxDelay: 500 },
    onReconnect: (attempt) => reconnects.push(attempt),
  });
}, 120_000);

afterAll(async () => {
  await subscriber?.close();
  await sim?.close();
  await broker?.stop();
}, 60_000);

describe("notifications of the Hello vCloud workflow", () => {
  it("arrive typed in both forms, each its event record's, with its routing key; a broker restart in the middle loses none", async () => {
    const received: { n: Notification; key: string; exchange: string }[] = [];
    const keep = (n: Notification, m: { fields: Value }) => {
      received.push({
        n,
        key: String(m.fields.routingKey),
        exchange: String(m.fields.exchange),
      });
    };
    // Durable named queues: what arrives while the subscriber reconnects waits for it.
    await onNotification(
      subscriber,
      { queue: "e2e-xml", exchange: SYSTEM_EXCHANGE, filters: ["#"] },
      keep,
    );
    await onNotification(
      subscriber,
      { queue: "e2e-json", exchange: JSON_EXCHANGE, filters: ["#"] },
      keep,
    );
    const eventIds = async (): Promise<Set<string>> => {
      const page = await system.get(
        "/query?type=adminEvent&format=records&pageSize=128",
      );
      return new Set(
        ((page.Record ?? []) as Value[]).map((r) => String(r.eventId)),
      );
    };
    const before = await eventIds();

    const admin = await sessionOf(sim, pkg, "acme-admin");
    const vapp = (await instantiateFirst(admin, "e2e-hello")).value!;
    const action = async (rel: string) => {
      const link = (await admin.get(vapp.href)).Link!.find(
        (l) => l.rel === rel,
      )!;
      expect(link, rel).toBeDefined();
      const r = await admin.send("POST", link.href);
      expect(r.status, r.body).toBe(202);
      expect((await admin.waitFor(r.value!)).status).toBe("success");
    };
    await action("power:powerOn");
    // The broker goes down and comes back mid-workflow: the simulator keeps what it publishes
    // meanwhile, the subscriber reconnects, and the durable queues kept what was not acknowledged.
    await broker.restart();
    await action("power:powerOff");
    const removed = await admin.send("DELETE", vapp.href);
    expect(removed.status, removed.body).toBe(202);
    expect((await admin.waitFor(removed.value!)).status).toBe("success");

    const page = await system.get(
      "/query?type=adminEvent&format=records&pageSize=128",
    );
    const records = ((page.Record ?? []) as Value[]).filter(
      (r) => !before.has(String(r.eventId)),
    );
    // login, instantiate, power on, power off, delete at least
    expect(records.length).toBeGreaterThanOrEqual(5);
    const forms = (id: string) =>
      new Set(received.filter((r) => r.n.eventId === id).map((r) => r.n.form));
    const missing = () =>
      records
        .filter((r) => forms(String(r.eventId)).size < 2)
        .map(
          (r) =>
            `${r.eventType} ${r.eventId} (got ${[...forms(String(r.eventId))].join(",") || "none"})`,
        );
    await until(
      () => missing().length === 0,
      () =>
        `a notification in both forms of every event: ${missing().join("; ")}`,
      // The broker's restart, the subscriber's reconnect and the simulator's retries, on a loaded
      // machine: bounded, not short.
      90_000,
    );
    expect(reconnects.length).toBeGreaterThan(0);
    for (const record of records) {
      const mine = received.filter((r) => r.n.eventId === record.eventId);
      for (const form of ["xml", "json"] as const) {
        const got = mine.find((r) => r.n.form === form)!;
        expect(got.exchange).toBe(
          form === "xml" ? SYSTEM_EXCHANGE : JSON_EXCHANGE,
        );
        expect(got.n.type).toBe(record.eventType);
        expect(got.n.operationSuccess).toBe(Number(record.eventStatus) === 0);
        // The record's entity is its resolver href (`.../api/entity/<urn>`).
        const entity = decodeURIComponent(
          String(record.entity).split("/entity/").pop()!,
        );
        expect(got.n.entity, `${form} ${record.eventType}`).toBe(entity);
        expect(parseRoutingKey(got.key)).toMatchObject({
          operationSuccess: got.n.operationSuccess,
          entityUUID: uuidOfUrn(got.n.entity!),
          orgUUID: uuidOfUrn(got.n.org!),
          userUUID: uuidOfUrn(got.n.user!),
          type: got.n.type,
        });
        expect(got.n.headers).toMatchObject({
          type: record.eventType,
          entityUUID: uuidOfUrn(got.n.entity!),
        });
      }
    }
    // Each a type vCD has (the entry's list), none of them let through as unknown.
    const known = new Set<string>(NOTIFICATION_TYPES);
    expect(received.map((r) => r.n.type).filter((t) => !known.has(t))).toEqual(
      [],
    );
    const types = records.map((r) => String(r.eventType));
    expect(types).toEqual(
      expect.arrayContaining([
        "com/vmware/vcloud/event/session/login",
        "com/vmware/vcloud/event/vapp/delete",
      ]),
    );
    await expectAllValid(pkg, sim.sentBodies);
  }, 240_000);
});

describe("blocking tasks answered by onBlockingTask", () => {
  it("a blocked power-on resumed by the handler succeeds, another failed by it ends in error; waitForTask sees each", async () => {
    await put(
      "/admin/extension/settings/blockingTask",
      "application/vnd.vmware.admin.blockingTaskSettings+xml",
      `<vmext:BlockingTaskSettings xmlns:vmext="${VMEXT}" xmlns:vcloud="${VCLOUD_NS}">` +
        `<vmext:TimeoutAction>abort</vmext:TimeoutAction>` +
        `<vmext:BlockingTaskOperations><vcloud:Operation>vappPowerOn</vcloud:Operation></vmext:BlockingTaskOperations>` +
        `<vmext:TimeoutInMilliseconds>60000</vmext:TimeoutInMilliseconds></vmext:BlockingTaskSettings>`,
    );
    const admin = await sessionOf(sim, pkg, "acme-admin");
    const vapp = (await instantiateFirst(admin, "e2e-blocked")).value!;
    const decisions = [
      { action: "resume", message: "approved" },
      { action: "fail", message: "no power today" },
    ] as const;
    const seen: { parent: string | undefined; status: string }[] = [];
    const consumer = await onBlockingTask(
      subscriber,
      { client: systemClient, queue: "e2e-blocking" },
      (request) => {
        seen.push({
          parent: (request.task?.value as Value | undefined)?.operationName,
          status: request.blockingTask.status,
        });
        return decisions[seen.length - 1] ?? decisions[1];
      },
    );
    const power = async (action: "powerOn" | "powerOff"): Promise<TaskLike> => {
      const task = (await acme.call(
        op("POST", `/vApp/{id}/power/action/${action}`),
        { href: `${vapp.href}/power/action/${action}` },
        undefined,
      )) as { value: Value };
      return waitForTask(acme, task as never, { timeout: 30_000 });
    };
    const resumed = await power("powerOn");
    expect(resumed.status).toBe("success");
    expect(Number((await admin.get(vapp.href)).status)).toBe(4);
    await power("powerOff");
    const failed = await power("powerOn").catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(VcdTaskError);
    expect((failed as VcdTaskError).message).toContain("no power today");
    expect(Number((await admin.get(vapp.href)).status)).toBe(8);
    expect(seen).toEqual([
      { parent: "vappPowerOn", status: "active" },
      { parent: "vappPowerOn", status: "active" },
    ]);
    await consumer.cancel();
    await expectAllValid(pkg, sim.sentBodies);
  }, 120_000);
});

describe("an extension service served by serveExtension", () => {
  it("gets the client's /api/org/{id}/backup over the broker and the client its reply; the Task and Event it posts are listed", async () => {
    const registered = await system.send(
      "POST",
      "/admin/extension/service",
      "application/vnd.vmware.admin.service+xml",
      `<vmext:Service xmlns:vmext="${VMEXT}" xmlns:vcloud="${VCLOUD_NS}" name="backup">` +
        `<vmext:Namespace>com.example.backup</vmext:Namespace><vmext:Enabled>true</vmext:Enabled>` +
        `<vmext:RoutingKey>backup</vmext:RoutingKey><vmext:Exchange>vcdext</vmext:Exchange>` +
        `<vmext:ApiFilters><vmext:ApiFilter><vmext:UrlPattern>/api/org/[^/]+/backup</vmext:UrlPattern></vmext:ApiFilter></vmext:ApiFilters>` +
        `</vmext:Service>`,
    );
    expect(registered.status, registered.body).toBe(201);
    const acmeOrg = ((await system.get("/org")).Org as Entity[]).find(
      (o) => o.name === "acme",
    )!;
    const adminOrg = await system.get(
      acmeOrg.href.replace("/org/", "/admin/org/"),
    );
    const taskCreate = adminOrg.Link!.find((l) => l.rel === "task:create")!;
    const eventCreate = adminOrg.Link!.find((l) => l.rel === "event:create")!;
    expect(taskCreate && eventCreate).toBeTruthy();
    let postedTask = "";
    const requests: Value[] = [];
    const consumer = await serveExtension(
      subscriber,
      { exchange: "vcdext", routingKey: "backup", queue: "e2e-backup" },
      async (request) => {
        requests.push(request);
        const task = await system.send(
          "POST",
          taskCreate.href,
          "application/vnd.vmware.vcloud.task+xml",
          `<Task xmlns="${VCLOUD_NS}" status="running" operationName="backupInProgress" operation="Backup in progress" serviceNamespace="com.example.backup" name="task">` +
            `<Owner href="${acmeOrg.href}" type="application/vnd.vmware.vcloud.org+xml" name="acme"/><Progress>10</Progress></Task>`,
        );
        postedTask = String(task.value?.href ?? "");
        const event = await system.send(
          "POST",
          eventCreate.href,
          "application/vnd.vmware.admin.event+xml",
          `<Event xmlns="${VCLOUD_NS}" type="com/example/backup/start" serviceNamespace="com.example.backup" success="true">` +
            `<Owner href="${acmeOrg.href}" type="application/vnd.vmware.vcloud.org+xml" name="acme"/></Event>`,
        );
        expect(event.status, event.body).toBeLessThan(300);
        return {
          statusCode: 202,
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ backup: "started", of: request.text }),
        };
      },
    );
    const orgId = acmeOrg.href.split("/").pop()!;
    const url = `${sim.url}/org/${orgId}/backup`;
    const access = acme.rawAccess(url);
    const res = await access.fetch(url, {
      method: "POST",
      headers: access.headers,
      body: "everything",
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    expect(res.status, text).toBe(202);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(text)).toEqual({ backup: "started", of: "everything" });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      method: "POST",
      requestUri: `/api/org/${orgId}/backup`,
      text: "everything",
    });
    expect(String(requests[0]!.org)).toContain(orgId);

    expect(postedTask).toMatch(/\/task\//);
    const tasks = await system.get(`/tasksList/${orgId}`, "vcloud:TasksList");
    expect(((tasks.Task ?? []) as Entity[]).map((t) => t.href)).toContain(
      postedTask,
    );
    const events = await system.get(
      "/query?type=adminEvent&format=records&pageSize=128",
    );
    expect(
      ((events.Record ?? []) as Value[]).map((r) => r.eventType),
    ).toContain("com/example/backup/start");
    await consumer.cancel();
  }, 120_000);
});
