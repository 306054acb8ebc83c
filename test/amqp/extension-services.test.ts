/**
 * Extension services over a real RabbitMQ, the service a raw amqplib consumer: a service registered
 * with an API filter (`/api/org/<id>/backup`) gets a client's request as vCD sends it (the JSON
 * array: request with method, requestUri, queryString, headers, base64 body; then the security
 * context) with `correlationId`, `reply-to` and the `replyToExchange` header; it posts a Task to
 * the organization's tasks list (`task:create`) and an Event (`event:create`), and replies; the
 * client (the generated package's, through `rawAccess`) gets the reply's status, headers and body.
 * The Task is listed (and ends when the service PUTs it), the Event is in the `event` query. Nobody
 * replying is a 504; a disabled service claims nothing; registering is the system administrator's.
 */
import amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../runtime/client/client.js";
import type { Simulator } from "../../simulator/index.js";
import {
  loadClientPackage,
  type GeneratedPackage,
} from "../helpers/generated-packages.js";
import { startBroker, type TestBroker } from "../helpers/rabbitmq.js";
import { credentialsOf } from "../helpers/tenant-admin.js";
import { sessionOf, startSeeded } from "../simulator/helpers/seeded.js";
import {
  UserSession,
  VCLOUD_NS,
  type Entity,
} from "../simulator/helpers/session.js";
import { expectAllValid } from "../simulator/helpers/valid-bodies.js";

type Value = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const VMEXT = "http://www.vmware.com/vcloud/extension/v1.5";
const SERVICE_MT = "application/vnd.vmware.admin.service+xml";

let broker: TestBroker;
let sim: Simulator;
let pkg: GeneratedPackage;
let system: UserSession;
let acme: VcdClient;
let acmeOrg: Entity;
let serviceConnection: amqp.ChannelModel;
const received: {
  request: Value;
  context: Value;
  properties: amqp.MessageProperties;
}[] = [];
let postedTaskHref = "";

const serviceBody = (o: {
  name: string;
  routingKey: string;
  pattern: string;
  enabled?: boolean;
}) =>
  `<vmext:Service xmlns:vmext="${VMEXT}" xmlns:vcloud="${VCLOUD_NS}" name="${o.name}">` +
  `<vmext:Namespace>com.example.${o.name}</vmext:Namespace><vmext:Enabled>${o.enabled ?? true}</vmext:Enabled>` +
  `<vmext:RoutingKey>${o.routingKey}</vmext:RoutingKey><vmext:Exchange>vcdext</vmext:Exchange>` +
  `<vmext:ApiFilters><vmext:ApiFilter><vmext:UrlPattern>${o.pattern}</vmext:UrlPattern></vmext:ApiFilter></vmext:ApiFilters>` +
  `</vmext:Service>`;

/** The service: answers each request after posting a Task and an Event for it. */
async function startBackupService(): Promise<void> {
  serviceConnection = await amqp.connect(broker.url, { timeout: 5_000 });
  const channel = await serviceConnection.createChannel();
  await channel.assertExchange("vcdext", "direct", { durable: true });
  await channel.assertQueue("backup-service", { durable: true });
  await channel.bindQueue("backup-service", "vcdext", "backup");
  await channel.consume("backup-service", (m) => {
    if (!m) return;
    void (async () => {
      const [request, context] = JSON.parse(m.content.toString()) as [
        Value,
        Value,
      ];
      received.push({ request, context, properties: m.properties });
      // a Task to the organization's tasks list, and an Event, as the guide's backup service does
      const admin = await system.get(
        acmeOrg.href.replace("/org/", "/admin/org/"),
      );
      const taskCreate = admin.Link!.find((l) => l.rel === "task:create")!;
      const eventCreate = admin.Link!.find((l) => l.rel === "event:create")!;
      const task = await system.send(
        "POST",
        taskCreate.href,
        "application/vnd.vmware.vcloud.task+xml",
        `<Task xmlns="${VCLOUD_NS}" status="running" operationName="backupInProgress" operation="Backup in progress" serviceNamespace="com.example.backup" name="task">` +
          `<Owner href="${acmeOrg.href}" type="application/vnd.vmware.vcloud.org+xml" name="acme"/><Progress>10</Progress></Task>`,
      );
      postedTaskHref =
        task.value?.href ?? `failed: ${task.status} ${task.body}`;
      await system.send(
        "POST",
        eventCreate.href,
        "application/vnd.vmware.admin.event+xml",
        `<Event xmlns="${VCLOUD_NS}" type="com/example/backup/start" serviceNamespace="com.example.backup" success="true">` +
          `<Owner href="${acmeOrg.href}" type="application/vnd.vmware.vcloud.org+xml" name="acme"/></Event>`,
      );
      const reply = {
        id: request.id,
        statusCode: 201,
        headers: { "Content-Type": "application/json", "X-Backup": "started" },
        body: Buffer.from(
          JSON.stringify({
            started: true,
            echo: Buffer.from(String(request.body), "base64").toString(),
          }),
        ).toString("base64"),
      };
      channel.publish(
        String(m.properties.headers?.replyToExchange),
        String(m.properties.replyTo),
        Buffer.from(JSON.stringify(reply)),
        {
          correlationId: m.properties.correlationId as string,
          contentType: "application/json",
          headers: { messageType: "ProcessHttpResponse" },
        },
      );
      channel.ack(m);
    })();
  });
}

beforeAll(async () => {
  broker = await startBroker();
  ({ sim, pkg } = await startSeeded({
    recordBodies: true,
    extensionTimeoutMs: 500,
  }));
  system = await UserSession.open(sim, pkg, sim.users[0]);
  const amqpPut = await system.send(
    "PUT",
    "/admin/extension/settings/amqp",
    "application/vnd.vmware.admin.amqpSettings+xml",
    `<vmext:AmqpSettings xmlns:vmext="${VMEXT}"><vmext:AmqpHost>127.0.0.1</vmext:AmqpHost>` +
      `<vmext:AmqpPort>${broker.port}</vmext:AmqpPort><vmext:AmqpUsername>guest</vmext:AmqpUsername>` +
      `<vmext:AmqpPassword>guest</vmext:AmqpPassword><vmext:AmqpExchange>vcd-system</vmext:AmqpExchange>` +
      `<vmext:AmqpVHost>/</vmext:AmqpVHost><vmext:AmqpUseSSL>false</vmext:AmqpUseSSL>` +
      `<vmext:AmqpPrefix>vcd</vmext:AmqpPrefix></vmext:AmqpSettings>`,
  );
  expect(amqpPut.status, amqpPut.body).toBe(200);
  acmeOrg = ((await system.get("/org")).Org as Entity[]).find(
    (o) => o.name === "acme",
  )!;
  const client = await loadClientPackage("30.0");
  acme = client.createClient({ baseUrl: sim.url, timeout: 5_000 });
  await acme.login(
    credentialsOf(sim.users.find((u) => u.name === "acme-admin")!),
  );
  await startBackupService();
}, 120_000);

afterAll(async () => {
  await serviceConnection?.close().catch(() => {});
  await sim?.close();
  await broker?.stop();
}, 60_000);

/** A call the generated client's session makes (there is no stub for a service's own path). */
async function clientCall(
  method: string,
  url: string,
  body?: string,
): Promise<Response> {
  const access = acme.rawAccess(url);
  return access.fetch(url, {
    method,
    headers: access.headers,
    ...(body !== undefined ? { body } : {}),
    signal: AbortSignal.timeout(10_000),
  });
}

describe("registering a service", () => {
  it("a tenant's administrator may not", async () => {
    const admin = await sessionOf(sim, pkg, "acme-admin");
    const r = await admin.send(
      "POST",
      "/admin/extension/service",
      SERVICE_MT,
      serviceBody({ name: "x", routingKey: "x", pattern: "/api/x" }),
    );
    expect(r.status).toBe(403);
  });

  it("the system administrator does: 201 with the service and its filter", async () => {
    const r = await system.send(
      "POST",
      "/admin/extension/service",
      SERVICE_MT,
      serviceBody({
        name: "backup",
        routingKey: "backup",
        pattern: "/api/org/[^/]+/backup",
      }),
    );
    expect(r.status, r.body).toBe(201);
    expect(r.element).toBe("vmext:Service");
    expect(r.headers.get("location")).toBe(r.value!.href);
    expect(r.value).toMatchObject({
      name: "backup",
      Namespace: "com.example.backup",
      Enabled: true,
      RoutingKey: "backup",
      Exchange: "vcdext",
    });
    const filters = (r.value!.ApiFilters as { ApiFilter: Value[] }).ApiFilter;
    expect(filters.map((f) => f.UrlPattern)).toEqual(["/api/org/[^/]+/backup"]);
    const list = await system.get(
      "/admin/extension/service",
      "vmext:ExtensionServices",
    );
    expect(list.Link!.some((l) => l.href === r.value!.href)).toBe(true);
    const bad = await system.send(
      "POST",
      "/admin/extension/service",
      SERVICE_MT,
      serviceBody({
        name: "bad",
        routingKey: "bad",
        pattern: "/api/(unclosed",
      }),
    );
    expect(bad.status).toBe(400);
  });
});

describe("a request the service's filter claims", () => {
  it("goes to the service over the broker as vCD sends it, and the client gets its reply", async () => {
    const orgId = acmeOrg.href.split("/").pop()!;
    const res = await clientCall(
      "POST",
      `${sim.url}/org/${orgId}/backup?full=true`,
      "back me up",
    );
    const text = await res.text();
    expect(res.status, text).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("x-backup")).toBe("started");
    expect(JSON.parse(text)).toEqual({ started: true, echo: "back me up" });

    expect(received).toHaveLength(1);
    const { request, context, properties } = received[0];
    expect(request).toMatchObject({
      method: "POST",
      requestUri: `/api/org/${orgId}/backup`,
      queryString: "full=true",
      request: true,
      localAddr: "127.0.0.1",
      remoteAddr: "127.0.0.1",
    });
    expect(typeof request.id).toBe("string");
    expect(Buffer.from(request.body as string, "base64").toString()).toBe(
      "back me up",
    );
    // the client's headers as it sent them: its session token among them (a service may call vCD as the user)
    const headerNames = Object.keys(request.headers as Value);
    expect(
      headerNames.some(
        (n) => n === "authorization" || n === "x-vcloud-authorization",
      ),
      headerNames.join(", "),
    ).toBe(true);
    const users = (
      await system.get(
        "/query?type=user&format=records&filter=name==acme-admin",
      )
    ).Record as Entity[];
    expect(context.user).toBe(
      `urn:vcloud:user:${users[0].href.split("/").pop()}`,
    );
    expect(context.org).toBe(`urn:vcloud:org:${orgId}`);
    expect(context.rights).toContain("vApp: Power Operations");
    expect(properties.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(properties.replyTo).toMatch(/^vcd\.replyQueue\./);
    expect(properties.headers).toMatchObject({
      messageType: "ProcessHttpRequest",
      replyToExchange: "vcd.replyExchange",
    });
  });

  it("the Task the service posted is in the organization's tasks list, and ends when it says so", async () => {
    expect(postedTaskHref).toMatch(/\/api\/task\//);
    const list = await system.get(
      `/tasksList/${acmeOrg.href.split("/").pop()}`,
      "vcloud:TasksList",
    );
    const task = (list.Task as Value[]).find((t) => t.href === postedTaskHref)!;
    expect(task).toMatchObject({
      status: "running",
      operationName: "backupInProgress",
      serviceNamespace: "com.example.backup",
      Progress: 10,
    });
    const done = await system.send(
      "PUT",
      postedTaskHref,
      "application/vnd.vmware.vcloud.task+xml",
      `<Task xmlns="${VCLOUD_NS}" status="success" operationName="backupInProgress" name="task"><Progress>100</Progress></Task>`,
    );
    expect(done.status, done.body).toBe(200);
    expect(done.value!.status).toBe("success");
    // the tenant sees it too
    const seen = ((await acme.get(postedTaskHref)).value as Value).status;
    expect(seen).toBe("success");
  });

  it("the Event the service posted is in the event query", async () => {
    const admin = await sessionOf(sim, pkg, "acme-admin");
    const page = await admin.get(
      "/query?type=event&format=records&pageSize=128",
    );
    const mine = (page.Record as Value[]).filter(
      (r) => r.serviceNamespace === "com.example.backup",
    );
    expect(mine.map((r) => r.eventType)).toEqual(
      expect.arrayContaining([
        "com/example/backup/start",
        "com/vmware/vcloud/event/task/create",
      ]),
    );
    expect(
      mine.find((r) => r.eventType === "com/example/backup/start"),
    ).toMatchObject({
      orgName: "acme",
      eventStatus: 0,
    });
  });

  it("without a session it is a 401, and nothing is forwarded", async () => {
    const res = await fetch(`${sim.url}/org/x/backup`, {
      method: "POST",
      signal: AbortSignal.timeout(5_000),
    });
    expect(res.status).toBe(401);
    expect(received).toHaveLength(1);
  });

  it("nobody replying within the time-out: 504 with vCD's Error", async () => {
    const r = await system.send(
      "POST",
      "/admin/extension/service",
      SERVICE_MT,
      serviceBody({
        name: "silent",
        routingKey: "silent",
        pattern: "/api/silent/.*",
      }),
    );
    expect(r.status, r.body).toBe(201);
    const started = Date.now();
    const res = await clientCall("GET", `${sim.url}/silent/anything`);
    const body = await res.text();
    expect(res.status).toBe(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    const error = pkg.fromXml(body);
    expect(error.element).toBe("vcloud:Error");
    expect(error.value).toMatchObject({
      majorErrorCode: 504,
      minorErrorCode: "GATEWAY_TIMEOUT",
    });
  });

  it("a disabled service claims nothing; an enabled one cannot be deleted, a disabled one can", async () => {
    const list = await system.get(
      "/admin/extension/service",
      "vmext:ExtensionServices",
    );
    const silent = list.Link!.find((l) => l.name === "silent")!;
    expect((await system.send("DELETE", silent.href)).status).toBe(400);
    const off = await system.send(
      "PUT",
      silent.href,
      SERVICE_MT,
      serviceBody({
        name: "silent",
        routingKey: "silent",
        pattern: "/api/silent/.*",
        enabled: false,
      }),
    );
    expect(off.status, off.body).toBe(200);
    expect(off.value!.Enabled).toBe(false);
    const res = await clientCall("GET", `${sim.url}/silent/anything`);
    expect(res.status).toBe(404); // no operation has that path, and no service claims it now
    expect((await system.send("DELETE", silent.href)).status).toBe(204);
  });

  it("the admin organization carries task:create and event:create for the system administrator only", async () => {
    const adminHref = acmeOrg.href.replace("/org/", "/admin/org/");
    const asSystem = await system.get(adminHref, "vcloud:AdminOrg");
    expect(asSystem.Link!.map((l) => l.rel)).toEqual(
      expect.arrayContaining(["task:create", "event:create"]),
    );
    const admin = await sessionOf(sim, pkg, "acme-admin");
    const asTenant = await admin.get(adminHref, "vcloud:AdminOrg");
    expect(asTenant.Link!.some((l) => l.rel === "task:create")).toBe(false);
  });

  it("every body the simulator sent is valid", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});
