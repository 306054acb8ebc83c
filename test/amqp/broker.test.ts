/**
 * The test broker itself: a real RabbitMQ on 127.0.0.1 that keeps a durable queue's persistent
 * messages across a restart (what the subscriber's reconnect tests rely on).
 */
import amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBroker, type TestBroker } from "../helpers/rabbitmq.js";

let broker: TestBroker;
beforeAll(async () => {
  broker = await startBroker();
}, 90_000);
afterAll(async () => {
  await broker?.stop();
}, 60_000);

describe("the test broker", () => {
  it("listens on 127.0.0.1 and keeps a persistent message across a restart", async () => {
    expect(broker.url).toMatch(/^amqp:\/\/guest:guest@127\.0\.0\.1:\d+$/);
    const before = await amqp.connect(broker.url);
    const channel = await before.createConfirmChannel();
    await channel.assertQueue("kept", { durable: true });
    channel.sendToQueue("kept", Buffer.from("survives"), { persistent: true });
    await channel.waitForConfirms();
    await before.close();

    await broker.restart();

    const after = await amqp.connect(broker.url);
    const reader = await after.createChannel();
    const message = await reader.get("kept", { noAck: true });
    await after.close();
    expect(message && message.content.toString()).toBe("survives");
  }, 90_000);
});
