/**
 * The subscriber against a real RabbitMQ (test/helpers/rabbitmq.ts): the tests publish with amqplib
 * directly, bodies in the guide's forms (./guide-messages.ts) with vCD's routing keys and headers;
 * the subscriber binds exactly the events wanted, types them, acknowledges after the handler, has a
 * throwing handler's message delivered again, drains on close, and loses nothing unacknowledged
 * when the broker restarts in the middle.
 */
import amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bindingPattern,
  buildRoutingKey,
  connectSubscriber,
  onNotification,
  VcdAmqpError,
  type Notification,
  type Subscriber,
} from "../../runtime/amqp/index.js";
import { closedPort } from "../helpers/http-server.js";
import { startBroker, type TestBroker } from "../helpers/rabbitmq.js";
import { GUIDE_JSON, GUIDE_XML } from "./guide-messages.js";

const EXCHANGE = "systemExchange";
const ORG = "0b8a-1111";
const OTHER_ORG = "77ff-2222";

let broker: TestBroker;
let publisher: amqp.ChannelModel;
let channel: amqp.ConfirmChannel;
const open: Subscriber[] = [];

beforeAll(async () => {
  broker = await startBroker();
  await connectPublisher();
}, 120_000);

afterAll(async () => {
  for (const subscriber of open) await subscriber.close().catch(() => {});
  await publisher?.close().catch(() => {});
  await broker?.stop();
}, 60_000);

async function connectPublisher(): Promise<void> {
  publisher = await amqp.connect(broker.url);
  publisher.on("error", () => {});
  channel = await publisher.createConfirmChannel();
  channel.on("error", () => {});
  // vCD declares its exchange as a durable topic exchange.
  await channel.assertExchange(EXCHANGE, "topic", { durable: true });
}

async function subscriber(
  extra: Partial<Parameters<typeof connectSubscriber>[0]> = {},
): Promise<Subscriber> {
  const s = await connectSubscriber({
    url: broker.url,
    exchange: EXCHANGE,
    timeout: 20_000,
    ...extra,
  });
  open.push(s);
  return s;
}

interface Event {
  readonly id: string;
  readonly org: string;
  readonly type: string;
  readonly success?: boolean;
}

/** A JSON notification in the guide's form, for `event`, with its routing key and headers. */
function message(event: Event) {
  const body = {
    ...(JSON.parse(GUIDE_JSON) as Record<string, unknown>),
    eventId: event.id,
    type: event.type,
    org: `urn:vcloud:org:${event.org}`,
    entity: `urn:vcloud:vapp:${event.id}`,
    operationSuccess: event.success ?? true,
  };
  const key = buildRoutingKey({
    operationSuccess: event.success ?? true,
    entityUUID: event.id,
    orgUUID: event.org,
    userUUID: "44",
    type: event.type,
  });
  return {
    key,
    content: Buffer.from(JSON.stringify(body)),
    options: {
      contentType: "application/json",
      persistent: true,
      headers: {
        "notification.type": event.type,
        "notification.entityType": "vapp",
        "notification.entityUUID": event.id,
        "notification.orgUUID": event.org,
        "notification.userUUID": "44",
        "notification.operationSuccess": String(event.success ?? true),
      },
    },
  };
}

async function publish(events: readonly Event[]): Promise<void> {
  for (const event of events) {
    const m = message(event);
    channel.publish(EXCHANGE, m.key, m.content, m.options);
  }
  await channel.waitForConfirms();
}

/** Resolves when `check()` holds, polling; fails after `ms`. */
async function until(
  check: () => boolean,
  what: string,
  ms = 30_000,
): Promise<void> {
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

const VAPP_CREATE = "com/vmware/vcloud/event/vapp/create";

describe("the subscriber", () => {
  it("a binding pattern delivers exactly the events wanted (every vapp/create of one org), typed", async () => {
    const s = await subscriber();
    const got: Notification[] = [];
    await onNotification(
      s,
      {
        queue: "one-org-vapp-create",
        filters: [{ orgUUID: ORG, type: VAPP_CREATE }],
      },
      (n) => {
        got.push(n);
      },
    );
    const unwanted: Event[] = [
      { id: "u1", org: OTHER_ORG, type: VAPP_CREATE },
      { id: "u2", org: ORG, type: "com/vmware/vcloud/event/vapp/delete" },
      { id: "u3", org: ORG, type: "com/vmware/vcloud/event/vm/create" },
    ];
    const wanted: Event[] = [
      { id: "w1", org: ORG, type: VAPP_CREATE },
      { id: "w2", org: ORG, type: VAPP_CREATE, success: false },
    ];
    // The unwanted first: a queue keeps the order, so had one been routed, it came before the last.
    await publish([...unwanted, ...wanted]);
    await until(() => got.length >= 2, "the wanted events");
    expect(got.map((n) => [n.eventId, n.operationSuccess])).toEqual([
      ["w1", true],
      ["w2", false],
    ]);
    expect(got[0]).toMatchObject({
      form: "json",
      type: VAPP_CREATE,
      org: `urn:vcloud:org:${ORG}`,
      entity: "urn:vcloud:vapp:w1",
      headers: { type: VAPP_CREATE, orgUUID: ORG, entityType: "vapp" },
    });
    await s.close();
    expect(await messagesIn("one-org-vapp-create")).toBe(0);
  });

  it("the XML form, as the guide prints it, arrives typed through the exchange", async () => {
    const s = await subscriber();
    const got: Notification[] = [];
    await onNotification(
      s,
      {
        queue: "blocking",
        filters: [{ type: "com/vmware/vcloud/event/blockingtask/create" }],
      },
      (n) => {
        got.push(n);
      },
    );
    channel.publish(
      EXCHANGE,
      "true.25.70.44.com.vmware.vcloud.event.blockingtask.create.vdcComposeVapp",
      Buffer.from(GUIDE_XML),
      { contentType: "text/xml", persistent: true },
    );
    await channel.waitForConfirms();
    await until(() => got.length === 1, "the XML notification");
    expect(got[0]).toMatchObject({
      form: "xml",
      entity: "urn:vcloud:blockingTask:25",
      entityResolver: "https://vcloud.example.com/api/entity/",
    });
    await s.close();
  });

  it("a handler that throws leaves the message for redelivery; it is acknowledged once the handler succeeds", async () => {
    const errors: VcdAmqpError[] = [];
    const s = await subscriber({ onError: (e) => errors.push(e) });
    const calls: boolean[] = [];
    await onNotification(
      s,
      { queue: "flaky", filters: [{ orgUUID: ORG, type: VAPP_CREATE }] },
      (_, raw) => {
        calls.push(raw.fields.redelivered);
        if (calls.length === 1) throw new Error("the CMDB is down");
      },
    );
    await publish([{ id: "r1", org: ORG, type: VAPP_CREATE }]);
    await until(() => calls.length === 2, "the redelivery");
    expect(calls).toEqual([false, true]);
    expect(errors.map((e) => [e.kind, e.message])).toEqual([
      [
        "handler",
        expect.stringMatching(
          /the handler of queue "flaky" failed on a message routed "true\.r1\.0b8a-1111\.44\.com\.vmware\.vcloud\.event\.vapp\.create" \(it is requeued\): the CMDB is down/,
        ),
      ],
    ]);
    await s.close();
    expect(calls).toHaveLength(2);
    expect(await messagesIn("flaky")).toBe(0);
  });

  it("a body that is no notification is dropped (not redelivered) and told to onError", async () => {
    const errors: VcdAmqpError[] = [];
    const s = await subscriber({ onError: (e) => errors.push(e) });
    const got: string[] = [];
    await onNotification(
      s,
      { queue: "garbage", filters: [{ type: VAPP_CREATE }] },
      (n) => {
        got.push(n.eventId);
      },
    );
    const key = message({ id: "g", org: ORG, type: VAPP_CREATE }).key;
    channel.publish(EXCHANGE, key, Buffer.from("{not json"), {
      contentType: "application/json",
    });
    await publish([{ id: "after", org: ORG, type: VAPP_CREATE }]);
    await until(() => got.length === 1, "the notification after the bad one");
    expect(got).toEqual(["after"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ kind: "bad-message" });
    expect(errors[0].message).toMatch(/the body is not JSON/);
    await s.close();
    expect(await messagesIn("garbage")).toBe(0);
  });

  it("close() waits for the handlers running and acknowledges them", async () => {
    const s = await subscriber();
    let started = 0;
    let finished = 0;
    await onNotification(
      s,
      { queue: "slow", filters: [{ type: VAPP_CREATE, orgUUID: ORG }] },
      async () => {
        started++;
        await new Promise((resolve) => setTimeout(resolve, 300));
        finished++;
      },
    );
    await publish([{ id: "s1", org: ORG, type: VAPP_CREATE }]);
    await until(() => started === 1, "the handler to start");
    await s.close();
    expect(finished).toBe(1);
    await expect(s.closed).resolves.toBeUndefined();
    expect(await messagesIn("slow")).toBe(0);
    await expect(
      s.consume({ queue: "slow" }, () => undefined),
    ).rejects.toMatchObject({ kind: "closed" });
  });

  it("aborting the signal closes it", async () => {
    const controller = new AbortController();
    const s = await subscriber({ signal: controller.signal });
    controller.abort();
    await expect(s.closed).resolves.toBeUndefined();
  });

  it("no broker: a connection error naming where, within the time-out", async () => {
    const port = await closedPort();
    const error = await connectSubscriber({
      url: `amqp://guest:secret@127.0.0.1:${port}`,
      timeout: 5_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdAmqpError);
    expect((error as VcdAmqpError).kind).toBe("connection");
    expect((error as VcdAmqpError).message).toContain(
      `connecting to amqp://127.0.0.1:${port} failed`,
    );
    // The password is not in the message.
    expect((error as VcdAmqpError).message).not.toContain("secret");
  });

  it("a broker restart in the middle loses nothing unacknowledged: all N handled, the queue empty", async () => {
    const N = 300;
    const reconnects: number[] = [];
    const s = await subscriber({
      prefetch: 10,
      onReconnect: (attempt) => reconnects.push(attempt),
      reconnect: { attempts: 60, initialDelay: 100, maxDelay: 2_000 },
    });
    const handled = new Map<string, number>();
    // Declared and bound first, then filled while nobody consumes: durable, persistent.
    const pattern = bindingPattern({
      orgUUID: ORG,
      type: "com/vmware/vcloud/event/vm/create",
    });
    const setup = await publisher.createChannel();
    await setup.assertQueue("restart", { durable: true });
    await setup.bindQueue("restart", EXCHANGE, pattern);
    await setup.close();
    const events = Array.from({ length: N }, (_, i) => ({
      id: `n${i}`,
      org: ORG,
      type: "com/vmware/vcloud/event/vm/create",
    }));
    await publish(events);
    await onNotification(
      s,
      { queue: "restart", filters: [pattern] },
      async (n) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        handled.set(n.eventId, (handled.get(n.eventId) ?? 0) + 1);
      },
    );
    await until(() => handled.size >= 40, "the first 40 handled");
    expect(handled.size).toBeLessThan(N);
    await broker.restart();
    await connectPublisher();
    await until(() => handled.size === N, `all ${N} handled`, 120_000);
    expect(reconnects.length).toBeGreaterThanOrEqual(1);
    expect([...handled.values()].every((count) => count >= 1)).toBe(true);
    await s.close();
    expect(await messagesIn("restart")).toBe(0);
  }, 240_000);

  it("a queue the broker refuses (an exchange of another type) is a typed error, and the subscriber goes on", async () => {
    const setup = await publisher.createChannel();
    await setup.assertExchange("direct-one", "direct", { durable: true });
    await setup.close();
    const s = await subscriber({ reconnect: { initialDelay: 50 } });
    const error = await s
      .consume(
        { queue: "refused", exchange: "direct-one", patterns: ["k"] },
        () => undefined,
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdAmqpError);
    expect((error as Error).message).toMatch(
      /^declaring the exchange "direct-one" \(queue "refused"\) failed: .*PRECONDITION_FAILED - inequivalent arg 'type'/,
    );
    const got: string[] = [];
    await onNotification(
      s,
      {
        queue: "after-refusal",
        filters: [{ orgUUID: ORG, type: VAPP_CREATE }],
      },
      (n) => {
        got.push(n.eventId);
      },
    );
    await publish([{ id: "still", org: ORG, type: VAPP_CREATE }]);
    await until(() => got.length === 1, "a notification after the refusal");
    expect(got).toEqual(["still"]);
    await s.close();
  });

  it("a broker gone for good: after the reconnect budget, closed rejects with a connection error naming it (last: it stops the broker)", async () => {
    const errors: VcdAmqpError[] = [];
    const s = await subscriber({
      reconnect: { attempts: 3, initialDelay: 50, maxDelay: 200 },
      timeout: 2_000,
      onError: (e) => errors.push(e),
    });
    await broker.halt();
    const started = Date.now();
    const error = await s.closed.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(error).toBeInstanceOf(VcdAmqpError);
    expect((error as VcdAmqpError).kind).toBe("connection");
    expect((error as Error).message).toMatch(
      /^lost the connection to amqp:\/\/127\.0\.0\.1:\d+ and could not connect again in 3 attempts: /,
    );
    expect(errors.at(-1)).toBe(error);
    await expect(s.publish(EXCHANGE, "k", "x")).rejects.toMatchObject({
      kind: "closed",
    });
  }, 60_000);
});
