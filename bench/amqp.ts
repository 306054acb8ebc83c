/**
 * AMQP (`BENCH_ONLY=amqp`), against a real RabbitMQ on 127.0.0.1 (the tests' broker helper, which
 * needs Debian's rabbitmq-server):
 *
 * - notifications per second received, typed (`onNotification`: `readNotification` of the guide's
 *   JSON form, the headers read) and acknowledged one by one by the subscriber, from a queue filled
 *   beforehand, against a bare amqplib consumer that `JSON.parse`s and acks each (the peer), both
 *   with a prefetch of 64; target: at least 5,000/s for the subscriber;
 * - the end-to-end latency of an extension request: vCD's side (raw amqplib) publishes a request
 *   in vCD's form and waits for the reply on its reply queue; the service is `serveExtension`
 *   answering at once. Sequential requests; the median and the 95th percentile.
 */
import amqp from "amqplib";
import {
  buildRoutingKey,
  connectSubscriber,
  onNotification,
  serveExtension,
  type AmqplibLike,
} from "../runtime/amqp/index.js";
import { startBroker } from "../test/helpers/rabbitmq.js";
import { checkTarget, median } from "./targets.js";

const NOTIFICATIONS = Number(process.env.BENCH_AMQP_NOTIFICATIONS ?? 50_000);
const REQUESTS = Number(process.env.BENCH_AMQP_REQUESTS ?? 1_000);
const EXCHANGE = "systemExchange";
const TYPE = "com/vmware/vcloud/event/vapp/create";

/** The guide's JSON notification (Programming Guide 5.5, p. 314) for event `i`. */
function notification(i: number): { key: string; body: Buffer } {
  const body = {
    eventId: `a1440dd8-60ae-46c7-b216-${String(i).padStart(12, "0")}`,
    type: TYPE,
    timestamp: "2011-06-18T14:33:27.787+03:00",
    operationSuccess: true,
    user: "urn:vcloud:user:44",
    org: "urn:vcloud:org:70",
    entity: `urn:vcloud:vapp:${i}`,
  };
  const key = buildRoutingKey({
    operationSuccess: true,
    entityUUID: String(i),
    orgUUID: "70",
    userUUID: "44",
    type: TYPE,
  });
  return { key, body: Buffer.from(JSON.stringify(body)) };
}

const HEADERS = {
  "notification.type": TYPE,
  "notification.entityType": "vapp",
  "notification.orgUUID": "70",
  "notification.userUUID": "44",
  "notification.operationSuccess": "true",
};

async function fill(
  channel: amqp.ConfirmChannel,
  queue: string,
  pattern: string,
) {
  await channel.assertQueue(queue, { durable: true });
  await channel.bindQueue(queue, EXCHANGE, pattern);
  for (let i = 0; i < NOTIFICATIONS; i++) {
    const { key, body } = notification(i);
    channel.publish(EXCHANGE, key, body, {
      contentType: "application/json",
      headers: HEADERS,
    });
    if (i % 1000 === 999) await channel.waitForConfirms();
  }
  await channel.waitForConfirms();
}

/** Resolves when `count()` reaches `n` (polling every ms), with the seconds since `started`. */
async function reach(
  count: () => number,
  n: number,
  started: number,
): Promise<number> {
  while (count() < n) await new Promise((resolve) => setTimeout(resolve, 1));
  return (performance.now() - started) / 1000;
}

export async function benchAmqp(): Promise<string[]> {
  const broker = await startBroker();
  const lines = [
    `## AMQP (RabbitMQ on 127.0.0.1; ${NOTIFICATIONS} notifications, ${REQUESTS} extension requests)`,
  ];
  try {
    const vcd = await amqp.connect(broker.url);
    const channel = await vcd.createConfirmChannel();
    await channel.assertExchange(EXCHANGE, "topic", { durable: true });
    const pattern = `*.*.70.*.com.vmware.vcloud.event.vapp.create.#`;

    // The peer: bare amqplib, JSON.parse, ack.
    await fill(channel, "bench-bare", pattern);
    const bare = await vcd.createChannel();
    await bare.prefetch(64);
    let bareCount = 0;
    const bareStart = performance.now();
    await bare.consume("bench-bare", (message) => {
      if (!message) return;
      JSON.parse(message.content.toString("utf8"));
      bareCount++;
      bare.ack(message);
    });
    const bareSeconds = await reach(() => bareCount, NOTIFICATIONS, bareStart);
    await bare.close();

    // The subscriber: onNotification types each and acks after the handler.
    await fill(channel, "bench-typed", pattern);
    const subscriber = await connectSubscriber({
      url: broker.url,
      exchange: EXCHANGE,
      amqplib: amqp as unknown as AmqplibLike,
      prefetch: 64,
    });
    let typed = 0;
    const typedStart = performance.now();
    await onNotification(
      subscriber,
      { queue: "bench-typed", filters: [pattern] },
      (n) => {
        if (n.operationSuccess && n.headers.orgUUID === "70") typed++;
      },
    );
    const typedSeconds = await reach(() => typed, NOTIFICATIONS, typedStart);
    const rate = NOTIFICATIONS / typedSeconds;
    const bareRate = NOTIFICATIONS / bareSeconds;
    lines.push(
      `notifications received, typed and acked: ${rate.toFixed(0)}/s (subscriber, onNotification) ` +
        `vs ${bareRate.toFixed(0)}/s (bare amqplib + JSON.parse): ${(rate / bareRate).toFixed(2)}x ` +
        checkTarget(
          "AMQP: typed notifications per second",
          rate,
          ">=",
          5_000,
          (n) => `${n.toFixed(0)}/s`,
        ),
    );

    // Extension round trips.
    await serveExtension(
      subscriber,
      { exchange: "vcdext", routingKey: "bench", queue: "bench-service" },
      (request) => ({ statusCode: 200, body: request.id }),
    );
    await channel.assertExchange("vcd.replyExchange", "direct", {
      durable: true,
    });
    const { queue: replies } = await channel.assertQueue("", {
      exclusive: true,
    });
    await channel.bindQueue(replies, "vcd.replyExchange", "cell1");
    const waiting = new Map<string, () => void>();
    await channel.consume(
      replies,
      (m) => {
        if (m) waiting.get(m.properties.correlationId as string)?.();
      },
      { noAck: true },
    );
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const id = `req-${i}`;
      const body = [
        {
          method: "GET",
          id,
          scheme: "https",
          protocol: "HTTP/1.1",
          headers: { Accept: "application/*+xml;version=36.0" },
          queryString: null,
          request: true,
          requestUri: "/api/org/26/backup",
          body: "",
        },
        { user: "urn:vcloud:user:44", org: "urn:vcloud:org:26", rights: [] },
      ];
      const start = performance.now();
      const answered = new Promise<void>((resolve) => waiting.set(id, resolve));
      channel.publish("vcdext", "bench", Buffer.from(JSON.stringify(body)), {
        correlationId: id,
        replyTo: "cell1",
        headers: {
          messageType: "ProcessHttpRequest",
          replyToExchange: "vcd.replyExchange",
        },
      });
      await answered;
      times.push(performance.now() - start);
      waiting.delete(id);
    }
    const sorted = [...times].sort((a, b) => a - b);
    lines.push(
      `extension request/reply over the broker: median ${median(times).toFixed(2)} ms, ` +
        `95th percentile ${sorted[Math.floor(sorted.length * 0.95)].toFixed(2)} ms (${REQUESTS} in sequence)`,
    );
    await subscriber.close();
    await vcd.close();
  } finally {
    await broker.stop();
  }
  return lines;
}
