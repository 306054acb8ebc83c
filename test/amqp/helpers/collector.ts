/**
 * A raw amqplib consumer for the simulator's AMQP tests: durable queues bound to exchanges, every
 * message kept (body, routing key, headers, content type) and acknowledged; `until` waits (bounded)
 * for what a test expects. `reconnect()` consumes again after a broker restart (the queues and
 * their messages survive it).
 */
import amqp from "amqplib";

export interface Collected {
  readonly queue: string;
  readonly exchange: string;
  readonly routingKey: string;
  readonly contentType: string | undefined;
  readonly headers: Record<string, unknown>;
  readonly body: string;
  readonly correlationId: string | undefined;
  readonly replyTo: string | undefined;
}

export interface Binding {
  readonly queue: string;
  readonly exchange: string;
  readonly pattern: string;
}

export class Collector {
  readonly messages: Collected[] = [];
  private connection: amqp.ChannelModel | undefined;

  private constructor(
    private readonly url: string,
    private readonly bindings: readonly Binding[],
  ) {}

  /** Declares the exchanges (topic, durable) and queues, binds them and consumes. */
  static async start(
    url: string,
    bindings: readonly Binding[],
  ): Promise<Collector> {
    const c = new Collector(url, bindings);
    await c.reconnect();
    return c;
  }

  async reconnect(): Promise<void> {
    await this.connection?.close().catch(() => {});
    const connection = await amqp.connect(this.url, { timeout: 5_000 });
    connection.on("error", () => {});
    this.connection = connection;
    const channel = await connection.createChannel();
    for (const b of this.bindings) {
      await channel.assertExchange(b.exchange, "topic", { durable: true });
      await channel.assertQueue(b.queue, { durable: true });
      await channel.bindQueue(b.queue, b.exchange, b.pattern);
      await channel.consume(b.queue, (m) => {
        if (!m) return;
        this.messages.push({
          queue: b.queue,
          exchange: m.fields.exchange,
          routingKey: m.fields.routingKey,
          contentType: m.properties.contentType as string | undefined,
          headers: (m.properties.headers ?? {}) as Record<string, unknown>,
          body: m.content.toString("utf8"),
          correlationId: m.properties.correlationId as string | undefined,
          replyTo: m.properties.replyTo as string | undefined,
        });
        channel.ack(m);
      });
    }
  }

  /** The messages of a queue. */
  of(queue: string): Collected[] {
    return this.messages.filter((m) => m.queue === queue);
  }

  /** Waits (at most `timeoutMs`) until `done()` holds; throws with `what` otherwise. */
  async until(
    done: () => boolean,
    what: string,
    timeoutMs = 10_000,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting for ${what}; got ${this.messages.length} messages: ${this.messages
            .map((m) => m.routingKey)
            .join(", ")}`,
        );
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    await this.connection?.close().catch(() => {});
  }
}
