/**
 * onBlockingTask against a real RabbitMQ and a node:http fake of vCD's side (the entity resolver,
 * the BlockingTask with its action links, the parent Task, the three action endpoints): the
 * notifications are published with amqplib directly in the guide's forms (./guide-messages.ts),
 * the BlockingTask and the POSTed BlockingTaskOperationParams are the guide's (Programming Guide
 * 5.5, "Example: Handling a Blocking Task", p. 326-327; 1.5, p. 230). The package's generated 30.0
 * client and its `./amqp` entry are used as a consumer would.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import amqp from "amqplib";
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  inject,
  it,
} from "vitest";
import type * as Amqp from "../../runtime/amqp/index.js";
import type { VcdClient } from "../../runtime/client/client.js";
import { loadClientPackage } from "../helpers/generated-packages.js";
import {
  startHttpServer,
  type RecordedRequest,
  type TestHttpServer,
} from "../helpers/http-server.js";
import { startBroker, type TestBroker } from "../helpers/rabbitmq.js";
import { GUIDE_JSON, GUIDE_XML } from "./guide-messages.js";

const EXCHANGE = "systemExchange";
const KEY =
  "true.25.70.44.com.vmware.vcloud.event.blockingtask.create.vdcComposeVapp";

let broker: TestBroker;
let vcd: TestHttpServer;
let api: string;
let entry: typeof Amqp;
let client: VcdClient;
let publisher: amqp.ChannelModel;
let channel: amqp.ConfirmChannel;
const subscribers: Amqp.Subscriber[] = [];

/** What the fake BlockingTask is: its status and which action links it has. */
let status = "active";
let actions = ["resume", "abort", "fail", "updateProgress"];
let upLink = true;

const entity = (urn: string, href: string, type: string) =>
  `<Entity xmlns="http://www.vmware.com/vcloud/v1.5" name="x" id="${urn}" type="application/vnd.vmware.vcloud.entity+xml" href="${api}/entity/${urn}">
  <Link rel="alternate" type="${type}" href="${href}"/>
</Entity>`;

function blockingTask(): string {
  const bt = `${api}/admin/extension/blockingTask/25`;
  const links = actions.map(
    (rel) =>
      `<vcloud:Link rel="${rel}" type="application/vnd.vmware.admin.${rel === "updateProgress" ? "blockingTaskUpdateProgressOperationParams" : "blockingTaskOperationParams"}+xml" href="${bt}/action/${rel}"/>`,
  );
  if (upLink)
    links.push(
      `<vcloud:Link rel="up" type="application/vnd.vmware.vcloud.task+xml" href="${api}/task/34"/>`,
    );
  return `<vmext:BlockingTask xmlns:vmext="http://www.vmware.com/vcloud/extension/v1.5" xmlns:vcloud="http://www.vmware.com/vcloud/v1.5" status="${status}" timeoutDate="2011-05-07T16:25:18.857+03:00" timeoutAction="abort" createdTime="2011-05-02T16:25:18.857+03:00" name="vdcComposeVapp" id="urn:vcloud:blockingTask:25" type="application/vnd.vmware.admin.blockingTask+xml" href="${bt}">
${links.join("\n")}
<vcloud:Organization type="application/vnd.vmware.admin.organization+xml" name="Default" href="${api}/admin/org/70"/>
<vcloud:User type="application/vnd.vmware.admin.user+xml" name="vcloud" href="${api}/admin/user/44"/>
<vcloud:TaskOwner type="application/vnd.vmware.vcloud.vApp+xml" name="web" href="${api}/vApp/vapp-26"/>
</vmext:BlockingTask>`;
}

const TASK = () =>
  `<Task xmlns="http://www.vmware.com/vcloud/v1.5" status="running" operationName="vdcComposeVapp" operation="Composing Virtual Application web" name="task" id="urn:vcloud:task:34" type="application/vnd.vmware.vcloud.task+xml" href="${api}/task/34" startTime="2011-05-02T16:25:18.857+03:00"/>`;

const xml = (type: string, body: string) => ({
  headers: { "Content-Type": `${type};version=30.0` },
  body,
});

function routes(): void {
  vcd.reset();
  vcd
    .on("GET", "/api/entity/urn:vcloud:blockingTask:25", () =>
      xml(
        "application/vnd.vmware.vcloud.entity+xml",
        entity(
          "urn:vcloud:blockingTask:25",
          `${api}/admin/extension/blockingTask/25`,
          "application/vnd.vmware.admin.blockingTask+xml",
        ),
      ),
    )
    .on("GET", "/api/entity/urn:vcloud:task:34", () =>
      xml(
        "application/vnd.vmware.vcloud.entity+xml",
        entity(
          "urn:vcloud:task:34",
          `${api}/task/34`,
          "application/vnd.vmware.vcloud.task+xml",
        ),
      ),
    )
    .on("GET", "/api/admin/extension/blockingTask/25", () =>
      xml("application/vnd.vmware.admin.blockingTask+xml", blockingTask()),
    )
    .on("GET", "/api/task/34", () =>
      xml("application/vnd.vmware.vcloud.task+xml", TASK()),
    )
    .on(
      "POST",
      /^\/api\/admin\/extension\/blockingTask\/25\/action\/(resume|abort|fail)$/,
      {
        status: 204,
      },
    );
}

const posts = (): RecordedRequest[] =>
  vcd.requests.filter((r) => r.method === "POST");

beforeAll(async () => {
  [broker, vcd] = await Promise.all([startBroker(), startHttpServer()]);
  api = `${vcd.url}/api`;
  const pkg = await loadClientPackage("30.0");
  entry = (await import(
    pathToFileURL(
      join(inject("generatedDir"), "30.0", "dist/runtime/amqp/index.js"),
    ).href
  )) as typeof Amqp;
  client = pkg.createClient({ baseUrl: api, timeout: 10_000 });
  client.resume("system-administrator-token");
  publisher = await amqp.connect(broker.url);
  channel = await publisher.createConfirmChannel();
  await channel.assertExchange(EXCHANGE, "topic", { durable: true });
}, 120_000);

afterAll(async () => {
  for (const s of subscribers) await s.close().catch(() => {});
  await publisher?.close().catch(() => {});
  await Promise.all([broker?.stop(), vcd?.close()]);
}, 60_000);

beforeEach(() => {
  status = "active";
  actions = ["resume", "abort", "fail", "updateProgress"];
  upLink = true;
  routes();
});

async function subscriber(onError?: (e: Amqp.VcdAmqpError) => void) {
  const s = await entry.connectSubscriber({
    url: broker.url,
    // The package lies in a temporary folder with no node_modules: amqplib is given.
    amqplib: amqp as unknown as Amqp.AmqplibLike,
    exchange: EXCHANGE,
    timeout: 20_000,
    ...(onError ? { onError } : {}),
  });
  subscribers.push(s);
  return s;
}

async function publish(body: string, contentType: string, key = KEY) {
  channel.publish(EXCHANGE, key, Buffer.from(body), {
    contentType,
    persistent: true,
  });
  await channel.waitForConfirms();
}

/** The guide's XML form, its entity resolver the fake's. */
const xmlNotification = () =>
  GUIDE_XML.replace("https://vcloud.example.com/api/entity/", `${api}/entity/`);

async function until(check: () => boolean, what: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function messagesIn(queue: string): Promise<number> {
  const c = await publisher.createChannel();
  try {
    return (await c.checkQueue(queue)).messageCount;
  } finally {
    await c.close();
  }
}

describe("onBlockingTask", () => {
  it("(the package's entry without amqplib installed beside it says how to install it)", async () => {
    const error = await entry
      .connectSubscriber({ url: broker.url, timeout: 5_000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(entry.VcdAmqpError);
    expect((error as Amqp.VcdAmqpError).kind).toBe("no-client");
    expect((error as Error).message).toContain(
      "the amqp entry needs the optional peer dependency amqplib (npm install amqplib)",
    );
  });

  it("resumes a blocked task: the handler gets the BlockingTask and its parent, the guide's body is POSTed to the resume link", async () => {
    const s = await subscriber();
    const seen: Amqp.BlockingTaskRequest[] = [];
    await entry.onBlockingTask(s, { client, queue: "approvals" }, (request) => {
      seen.push(request);
      return { action: "resume", message: "Approved by system administrator." };
    });
    await publish(GUIDE_JSON, "application/json");
    await until(() => posts().length === 1, "the resume POST");
    const [post] = posts();
    expect(post.path).toBe(
      "/api/admin/extension/blockingTask/25/action/resume",
    );
    expect(post.headers["content-type"]).toMatch(
      /^application\/vnd\.vmware\.admin\.blockingTaskOperationParams\+xml/,
    );
    expect(post.body).toMatch(
      /<(\w+:)?BlockingTaskOperationParams [^>]*xmlns(:\w+)?="http:\/\/www\.vmware\.com\/vcloud\/extension\/v1\.5"[^>]*>\s*<(\w+:)?Message>Approved by system administrator\.<\/(\w+:)?Message>/,
    );
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request.notification).toMatchObject({
      form: "json",
      entity: "urn:vcloud:blockingTask:25",
      task: "urn:vcloud:task:34",
    });
    expect(request.blockingTask).toMatchObject({
      status: "active",
      timeoutAction: "abort",
      name: "vdcComposeVapp",
      TaskOwner: { name: "web" },
    });
    expect(request.blockingTaskDocument.element).toBe("vmext:BlockingTask");
    expect(request.task?.element).toBe("vcloud:Task");
    expect(request.task?.value).toMatchObject({
      status: "running",
      operationName: "vdcComposeVapp",
    });
    // Through the resolver (JSON form: the client's {baseUrl}/entity/), then the BlockingTask's links.
    expect(vcd.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /api/entity/urn:vcloud:blockingTask:25",
      "GET /api/admin/extension/blockingTask/25",
      "GET /api/task/34",
      "POST /api/admin/extension/blockingTask/25/action/resume",
    ]);
    await s.close();
    expect(await messagesIn("approvals")).toBe(0);
  });

  it("fails one from the XML form, through the notification's entityResolver; no up link: the parent by the task URN", async () => {
    upLink = false;
    const s = await subscriber();
    let parent: string | undefined;
    await entry.onBlockingTask(
      s,
      { client, queue: "fail-them" },
      ({ task }) => {
        parent = task?.element;
        return { action: "fail", message: "CMDB was not reachable." };
      },
    );
    await publish(xmlNotification(), "application/xml");
    await until(() => posts().length === 1, "the fail POST");
    expect(posts()[0].path).toBe(
      "/api/admin/extension/blockingTask/25/action/fail",
    );
    expect(posts()[0].body).toContain("CMDB was not reachable.");
    expect(parent).toBe("vcloud:Task");
    expect(vcd.requests.map((r) => `${r.method} ${r.path}`)).toContain(
      "GET /api/entity/urn:vcloud:task:34",
    );
    await s.close();
  });

  it("a handler that throws leaves it blocked and the notification for redelivery; then it is aborted", async () => {
    const errors: Amqp.VcdAmqpError[] = [];
    const s = await subscriber((e) => errors.push(e));
    let calls = 0;
    await entry.onBlockingTask(s, { client, queue: "flaky-approvals" }, () => {
      calls++;
      if (calls === 1) throw new Error("the approval service is down");
      return { action: "abort", message: "Rejected." };
    });
    await publish(GUIDE_JSON, "application/json");
    await until(() => posts().length === 1, "the abort POST");
    expect(calls).toBe(2);
    expect(posts()[0].path).toBe(
      "/api/admin/extension/blockingTask/25/action/abort",
    );
    expect(errors.map((e) => e.kind)).toEqual(["handler"]);
    expect(errors[0].message).toContain("the approval service is down");
    await s.close();
    expect(await messagesIn("flaky-approvals")).toBe(0);
  });

  it("a BlockingTask no longer active (answered already, or timed out) is passed over: no handler, no POST", async () => {
    status = "resumed";
    const s = await subscriber();
    const skipped: string[] = [];
    let calls = 0;
    await entry.onBlockingTask(
      s,
      { client, queue: "late", onSkip: (bt) => skipped.push(bt.status) },
      () => {
        calls++;
        return { action: "resume", message: "x" };
      },
    );
    await publish(GUIDE_JSON, "application/json");
    await until(() => skipped.length === 1, "the skip");
    expect(calls).toBe(0);
    expect(posts()).toEqual([]);
    await s.close();
    expect(await messagesIn("late")).toBe(0);
  });

  it("a decision whose link the BlockingTask lacks is dropped with a bad-message error naming the links it has", async () => {
    actions = ["resume"];
    const errors: Amqp.VcdAmqpError[] = [];
    const s = await subscriber((e) => errors.push(e));
    let calls = 0;
    await entry.onBlockingTask(s, { client, queue: "no-abort" }, () => {
      calls++;
      return { action: "abort", message: "No." };
    });
    await publish(GUIDE_JSON, "application/json");
    await until(() => errors.length === 1, "the error");
    expect(errors[0]).toMatchObject({ kind: "bad-message" });
    expect(errors[0].message).toContain(
      `blocking task ${api}/admin/extension/blockingTask/25: it has no "abort" link (its links: resume, up)`,
    );
    await s.close();
    expect(calls).toBe(1);
    expect(posts()).toEqual([]);
    expect(await messagesIn("no-abort")).toBe(0);
  });

  it("binds only blockingtask/create of its filter: another org's, and a task/create, do not reach it", async () => {
    const s = await subscriber();
    const seen: string[] = [];
    await entry.onBlockingTask(
      s,
      { client, queue: "org-70", filter: { orgUUID: "70" } },
      ({ notification }) => {
        seen.push(notification.eventId);
        return { action: "resume", message: "ok" };
      },
    );
    const other = GUIDE_JSON.replace("a1440dd8", "other-org");
    await publish(other, "application/json", KEY.replace(".70.", ".71."));
    await publish(
      GUIDE_JSON.replace("a1440dd8", "a-task").replace(
        "blockingtask/create",
        "task/create",
      ),
      "application/json",
      "true.34.70.44.com.vmware.vcloud.event.task.create.vdcComposeVapp",
    );
    await publish(GUIDE_JSON, "application/json");
    await until(() => posts().length === 1, "the resume POST");
    expect(seen).toEqual(["a1440dd8-60ae-46c7-b216-44693bc00c90"]);
    await s.close();
  });
});
