/**
 * Extension services: readExtensionRequest on messages in vCD's documented form (Programming Guide,
 * "Extension Service AMQP Message Format": Table 1's headers `correlationId`, `reply-to`,
 * `messageType`, `replyToExchange`; Table 2's request fields; the JSON array of the request and the
 * security context), and serveExtension against a real RabbitMQ: the request published with
 * amqplib as vCD does, the reply read from the reply exchange as vCD's cell does (its own queue
 * bound there), correlated by id.
 */
import amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectSubscriber,
  readExtensionRequest,
  serveExtension,
  VcdAmqpError,
  writeExtensionReply,
  type AmqpMessage,
  type AmqplibLike,
  type ExtensionRequest,
  type Subscriber,
} from "../../runtime/amqp/index.js";
import { startBroker, type TestBroker } from "../helpers/rabbitmq.js";

const SERVICE_EXCHANGE = "vcdext";
const SERVICE_KEY = "backup";
const REPLY_EXCHANGE = "vcd.replyExchange";
/** vCD's reply queue of one cell, and the key it asks replies to be routed with (`reply-to`). */
const CELL_QUEUE = "vcd.cell1.replies";
const CELL_KEY = "cell1-reply";

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** The request vCD forwards for `POST /api/org/26/backup?full=true`, as Table 2 lists its fields. */
function vcdRequest(id: string, body = '<Backup xmlns="urn:example:backup"/>') {
  return [
    {
      method: "POST",
      id,
      scheme: "https",
      protocol: "HTTP/1.1",
      headers: {
        Accept: "application/*+xml;version=30.0",
        "Content-Type": "application/vnd.example.backup+xml",
        "x-vcloud-authorization": "secret-token",
      },
      queryString: "full=true",
      localPort: 443,
      remoteAddr: "10.0.0.5",
      remotePort: 52_001,
      localAddr: "10.0.0.1",
      request: true,
      requestUri: "/api/org/26/backup",
      parameters: {},
      body: b64(body),
    },
    {
      user: "urn:vcloud:user:44",
      org: "urn:vcloud:org:26",
      rights: ["urn:vcloud:right:99", "urn:vcloud:right:100"],
    },
  ];
}

const PROPERTIES = (correlationId: string) => ({
  correlationId,
  replyTo: CELL_KEY,
  contentType: "application/json",
  headers: {
    messageType: "ProcessHttpRequest",
    replyToExchange: REPLY_EXCHANGE,
  },
});

/** An AmqpMessage as amqplib delivers one (for the reader alone). */
function delivered(
  body: unknown,
  properties: Partial<AmqpMessage["properties"]> = PROPERTIES("c-1"),
): AmqpMessage {
  return {
    content: Buffer.from(
      typeof body === "string" ? body : JSON.stringify(body),
    ),
    fields: {
      deliveryTag: 1,
      redelivered: false,
      exchange: SERVICE_EXCHANGE,
      routingKey: SERVICE_KEY,
    },
    properties,
  };
}

describe("readExtensionRequest / writeExtensionReply", () => {
  it("reads the request, its body, the security context and where the reply goes", () => {
    const request = readExtensionRequest(delivered(vcdRequest("r-1")));
    expect(request).toMatchObject({
      id: "r-1",
      method: "POST",
      requestUri: "/api/org/26/backup",
      queryString: "full=true",
      scheme: "https",
      protocol: "HTTP/1.1",
      remoteAddr: "10.0.0.5",
      text: '<Backup xmlns="urn:example:backup"/>',
      user: "urn:vcloud:user:44",
      org: "urn:vcloud:org:26",
      rights: ["urn:vcloud:right:99", "urn:vcloud:right:100"],
      correlationId: "c-1",
      replyTo: CELL_KEY,
      replyToExchange: REPLY_EXCHANGE,
    });
    expect(request.headers["Content-Type"]).toBe(
      "application/vnd.example.backup+xml",
    );
    expect(request.details).toMatchObject({
      localPort: 443,
      request: true,
      parameters: {},
    });
  });

  it("a null queryString, no body and no security context", () => {
    const [first] = vcdRequest("r-2");
    const request = readExtensionRequest(
      delivered([{ ...first, queryString: null, body: "", method: "GET" }]),
    );
    expect(request.queryString).toBeUndefined();
    expect(request.body).toHaveLength(0);
    expect(request.rights).toEqual([]);
    expect(request.user).toBeUndefined();
  });

  it.each([
    ["not JSON", "[{", undefined, /the body is not JSON/],
    [
      "no requestUri",
      [{ ...vcdRequest("x")[0], requestUri: undefined }],
      undefined,
      /the request has no "requestUri"/,
    ],
    [
      "a body that is not base64",
      [{ ...vcdRequest("x")[0], body: "%%%" }],
      undefined,
      /"body" is not base64/,
    ],
    [
      "rights that are not strings",
      [vcdRequest("x")[0], { rights: [1] }],
      undefined,
      /"rights" is not a list of strings/,
    ],
    [
      "no correlationId",
      vcdRequest("x"),
      { ...PROPERTIES("c"), correlationId: undefined },
      /no correlationId/,
    ],
    [
      "no replyToExchange header",
      vcdRequest("x"),
      { ...PROPERTIES("c"), headers: {} },
      /no replyToExchange header/,
    ],
  ])("%s: a bad-message error saying so", (_, body, properties, message) => {
    let error: unknown;
    try {
      readExtensionRequest(delivered(body, properties));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(VcdAmqpError);
    expect((error as VcdAmqpError).kind).toBe("bad-message");
    expect((error as Error).message).toMatch(message);
  });

  it("writes the reply to the replyToExchange, routed by reply-to, with the correlation id; binary bodies survive base64", () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
    const request = readExtensionRequest(delivered(vcdRequest("r-3")));
    const out = writeExtensionReply(request, {
      statusCode: 200,
      headers: { "Content-Type": "application/octet-stream" },
      body: bytes,
    });
    expect(out).toMatchObject({
      exchange: REPLY_EXCHANGE,
      routingKey: CELL_KEY,
      options: {
        correlationId: "c-1",
        headers: { messageType: "ProcessHttpResponse" },
      },
    });
    const json = JSON.parse(new TextDecoder().decode(out.content)) as Record<
      string,
      unknown
    >;
    expect(json).toMatchObject({
      id: "r-3",
      statusCode: 200,
      headers: { "Content-Type": "application/octet-stream" },
    });
    expect(new Uint8Array(Buffer.from(json.body as string, "base64"))).toEqual(
      bytes,
    );
    expect(() => writeExtensionReply(request, { statusCode: 42 })).toThrow(
      /statusCode 42 is not an HTTP status/,
    );
  });
});

let broker: TestBroker;
let vcd: amqp.ChannelModel;
let channel: amqp.ConfirmChannel;
const replies: amqp.ConsumeMessage[] = [];
const subscribers: Subscriber[] = [];

async function until(check: () => boolean, what: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function service(
  handler: Parameters<typeof serveExtension>[2],
  onError?: (e: VcdAmqpError, r: ExtensionRequest) => void,
  errors?: (e: VcdAmqpError) => void,
) {
  const s = await connectSubscriber({
    url: broker.url,
    amqplib: amqp as unknown as AmqplibLike,
    timeout: 20_000,
    ...(errors ? { onError: errors } : {}),
  });
  subscribers.push(s);
  await serveExtension(
    s,
    {
      exchange: SERVICE_EXCHANGE,
      routingKey: SERVICE_KEY,
      queue: "backup-service",
      ...(onError ? { onError } : {}),
    },
    handler,
  );
  return s;
}

/** Publishes a request as vCD does (the service's exchange and routing key, Table 1's headers). */
async function forward(id: string, correlationId: string, body?: string) {
  channel.publish(
    SERVICE_EXCHANGE,
    SERVICE_KEY,
    Buffer.from(JSON.stringify(vcdRequest(id, body))),
    PROPERTIES(correlationId),
  );
  await channel.waitForConfirms();
}

const replyOf = (correlationId: string) =>
  replies.find((m) => m.properties.correlationId === correlationId);

beforeAll(async () => {
  broker = await startBroker();
  vcd = await amqp.connect(broker.url);
  channel = await vcd.createConfirmChannel();
  // vCD's side: the reply exchange, a queue per cell bound to it; the service's exchange declared by the service.
  await channel.assertExchange(REPLY_EXCHANGE, "direct", { durable: true });
  await channel.assertQueue(CELL_QUEUE, { durable: false });
  await channel.bindQueue(CELL_QUEUE, REPLY_EXCHANGE, CELL_KEY);
  await channel.consume(CELL_QUEUE, (m) => m && replies.push(m), {
    noAck: true,
  });
}, 120_000);

afterAll(async () => {
  for (const s of subscribers) await s.close().catch(() => {});
  await vcd?.close().catch(() => {});
  await broker?.stop();
}, 60_000);

describe("serveExtension", () => {
  it("answers a forwarded request on vCD's reply exchange with the same correlation id and request id", async () => {
    const seen: ExtensionRequest[] = [];
    const s = await service((request) => {
      seen.push(request);
      return {
        statusCode: 201,
        headers: { "Content-Type": "application/vnd.example.backup+xml" },
        body: `<Backup xmlns="urn:example:backup" of="${request.requestUri}"/>`,
      };
    });
    await forward("req-1", "corr-1");
    await until(() => replyOf("corr-1") !== undefined, "the reply");
    const reply = replyOf("corr-1")!;
    expect(reply.fields.routingKey).toBe(CELL_KEY);
    expect(reply.fields.exchange).toBe(REPLY_EXCHANGE);
    expect(reply.properties.headers?.messageType).toBe("ProcessHttpResponse");
    const json = JSON.parse(reply.content.toString()) as Record<
      string,
      unknown
    >;
    expect(json).toMatchObject({
      id: "req-1",
      statusCode: 201,
      headers: { "Content-Type": "application/vnd.example.backup+xml" },
    });
    expect(Buffer.from(json.body as string, "base64").toString()).toBe(
      '<Backup xmlns="urn:example:backup" of="/api/org/26/backup"/>',
    );
    expect(
      seen.map((r) => [r.method, r.requestUri, r.queryString, r.org, r.text]),
    ).toEqual([
      [
        "POST",
        "/api/org/26/backup",
        "full=true",
        "urn:vcloud:org:26",
        '<Backup xmlns="urn:example:backup"/>',
      ],
    ]);
    await s.close();
  });

  it("a handler that throws is answered 500 with its message, and told to onError", async () => {
    const failures: string[] = [];
    const s = await service(
      () => {
        throw new Error("the backup store is full");
      },
      (error, request) => failures.push(`${request.id}: ${error.message}`),
    );
    await forward("req-2", "corr-2");
    await until(() => replyOf("corr-2") !== undefined, "the 500 reply");
    const json = JSON.parse(replyOf("corr-2")!.content.toString()) as Record<
      string,
      unknown
    >;
    expect(json).toMatchObject({ id: "req-2", statusCode: 500 });
    expect(Buffer.from(json.body as string, "base64").toString()).toContain(
      "the backup store is full",
    );
    expect(failures).toEqual([
      "req-2: the extension handler failed on POST /api/org/26/backup (answered 500): the backup store is full",
    ]);
    await s.close();
  });

  it("a message that is no request is dropped (told to onError) and the next one is served", async () => {
    const errors: VcdAmqpError[] = [];
    const s = await service(
      () => ({ statusCode: 204 }),
      undefined,
      (e) => errors.push(e),
    );
    channel.publish(
      SERVICE_EXCHANGE,
      SERVICE_KEY,
      Buffer.from("not json"),
      PROPERTIES("corr-bad"),
    );
    await forward("req-3", "corr-3");
    await until(
      () => replyOf("corr-3") !== undefined,
      "the reply after the bad message",
    );
    expect(replyOf("corr-bad")).toBeUndefined();
    expect(errors.map((e) => e.kind)).toEqual(["bad-message"]);
    const check = await vcd.createChannel();
    expect((await check.checkQueue("backup-service")).messageCount).toBe(0);
    await check.close();
    await s.close();
  });

  it("many requests at once: each reply carries its own correlation id", async () => {
    const s = await service(async (request) => {
      await new Promise((resolve) =>
        setTimeout(resolve, Number(request.id.slice(4)) % 7),
      );
      return { statusCode: 200, body: request.id };
    });
    const ids = Array.from({ length: 50 }, (_, i) => `many${i}`);
    for (const id of ids)
      channel.publish(
        SERVICE_EXCHANGE,
        SERVICE_KEY,
        Buffer.from(JSON.stringify(vcdRequest(id))),
        PROPERTIES(`c-${id}`),
      );
    await channel.waitForConfirms();
    await until(() => ids.every((id) => replyOf(`c-${id}`)), "every reply");
    for (const id of ids) {
      const json = JSON.parse(replyOf(`c-${id}`)!.content.toString()) as Record<
        string,
        string
      >;
      expect([json.id, Buffer.from(json.body, "base64").toString()]).toEqual([
        id,
        id,
      ]);
    }
    await s.close();
  });
});
