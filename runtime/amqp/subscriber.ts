/**
 * vcd-codegen runtime, amqp: a connection to vCD's broker that consumes queues and keeps them
 * through broker restarts. `amqplib` is loaded as the optional peer dependency.
 *
 * - A message is acknowledged only after its handler resolved; a handler that throws nacks it with
 *   requeue (the broker delivers it again), but for a `VcdAmqpError` of kind `bad-message` (a body
 *   that is no notification or request: it is dropped, nack without requeue). Each failure goes to
 *   `onError`.
 * - A connection or channel lost (the broker restarted) is reconnected with a bounded exponential
 *   back-off, every queue declared, bound and consumed again. What was delivered and not yet
 *   acknowledged is requeued by the broker, so nothing unacknowledged is lost (a handler still
 *   running on the old channel is not acknowledged: its message comes again; delivery is at least
 *   once). Give up after `reconnect.attempts`: `closed` rejects with a `VcdAmqpError` (`connection`).
 * - `close()` stops consuming, waits for the handlers running (within `timeout`), acknowledges
 *   them, then closes the channel and the connection.
 */
import { sleep } from "../client/deadline.js";
import { VcdAmqpError } from "./amqp-error.js";
import {
  loadAmqplib,
  type AmqpChannelLike,
  type AmqpConnectionLike,
  type AmqpMessage,
  type AmqpPublishOptions,
  type AmqplibLike,
} from "./amqp-client.js";
import { within } from "./within.js";

/** A signal that never aborts, for a subscriber given none. */
const NEVER: AbortSignal = new AbortController().signal;

/** vCD's default exchange for notifications (AmqpSettings `AmqpExchange`). */
export const DEFAULT_EXCHANGE = "systemExchange";
export const DEFAULT_AMQP_TIMEOUT = 30_000;

export interface ReconnectOptions {
  /** Attempts after a loss before giving up (default 30). */
  readonly attempts?: number;
  /** The first wait, doubled each attempt up to `maxDelay` (default 100 ms, 5,000 ms). */
  readonly initialDelay?: number;
  readonly maxDelay?: number;
}

export interface SubscriberOptions {
  /** `amqp://user:password@host:5672/vhost`, or amqplib's connection options object. */
  readonly url: string | Readonly<Record<string, unknown>>;
  /** The exchange queues bind to unless they name theirs (default `systemExchange`, vCD's). */
  readonly exchange?: string;
  /** Aborting it closes the subscriber, as `close()`. */
  readonly signal?: AbortSignal;
  /** Each connect, declare, publish and the drain of `close` (default 30,000 ms). */
  readonly timeout?: number;
  /** Messages in flight per channel (default 64). */
  readonly prefetch?: number;
  readonly reconnect?: ReconnectOptions;
  /** The amqplib module to use (default: `import("amqplib")`). */
  readonly amqplib?: AmqplibLike;
  /** Told of what the subscriber cannot throw to anyone: handler failures, bad messages, reconnects. */
  readonly onError?: (error: VcdAmqpError) => void;
  readonly onReconnect?: (attempt: number) => void;
}

/** A queue to consume: declared, bound to `patterns` on `exchange`, then consumed. */
export interface QueueSpec {
  /**
   * A name: a durable queue, kept by the broker while nobody consumes (nothing lost across a
   * restart or a reconnect). Left out: a queue the broker names, exclusive to this connection and
   * gone with it (what is published while disconnected is lost).
   */
  readonly queue?: string;
  /** Default: the subscriber's exchange. */
  readonly exchange?: string;
  /** Binding patterns (topic exchange); none: the queue is consumed as it is bound already. */
  readonly patterns?: readonly string[];
  /** Declare the exchange (durable) first (default true). */
  readonly declareExchange?: boolean;
  /** The type it is declared with (default `topic`, as vCD's notification exchanges). */
  readonly exchangeType?: "topic" | "direct" | "fanout" | "headers";
}

export type MessageHandler = (message: AmqpMessage) => unknown;

export interface Consumer {
  /** The queue's name (the broker's for an unnamed queue, as of the last connection). */
  readonly queue: string;
  /** Stops consuming this queue (the queue and its messages stay). */
  cancel(): Promise<void>;
}

export interface Subscriber {
  readonly exchange: string;
  /** Declares, binds and consumes a queue; each message goes to `handler`, acked after it resolved. */
  consume(spec: QueueSpec, handler: MessageHandler): Promise<Consumer>;
  /** Publishes (and waits for the broker's confirm); during a reconnect, waits for it first. */
  publish(
    exchange: string,
    routingKey: string,
    body: Uint8Array | string,
    options?: AmqpPublishOptions,
  ): Promise<void>;
  close(): Promise<void>;
  /** Resolves after `close()`; rejects when the connection is lost for good. */
  readonly closed: Promise<void>;
}

interface Registration {
  readonly spec: QueueSpec;
  readonly handler: MessageHandler;
  queue: string;
  tag: string | undefined;
  active: boolean;
}

interface Link {
  readonly connection: AmqpConnectionLike;
  readonly channel: AmqpChannelLike;
}

/** Connects to the broker (one attempt; a failure is a `VcdAmqpError`). */
export async function connectSubscriber(
  options: SubscriberOptions,
): Promise<Subscriber> {
  const amqplib = options.amqplib ?? (await loadAmqplib());
  const subscriber = new BrokerSubscriber(options, amqplib);
  await subscriber.open();
  return subscriber;
}

function describe(url: SubscriberOptions["url"]): string {
  if (typeof url !== "string") return "the broker";
  return url.replace(/\/\/[^@/]*@/, "//");
}

class BrokerSubscriber implements Subscriber {
  readonly exchange: string;
  readonly closed: Promise<void>;
  private readonly timeout: number;
  private readonly where: string;
  private link: Link | undefined;
  private ready: Promise<Link>;
  private readonly registrations: Registration[] = [];
  private readonly running = new Set<Promise<void>>();
  private closing = false;
  private settle!: { resolve: () => void; reject: (e: unknown) => void };

  constructor(
    private readonly options: SubscriberOptions,
    private readonly amqplib: AmqplibLike,
  ) {
    this.exchange = options.exchange ?? DEFAULT_EXCHANGE;
    this.timeout = options.timeout ?? DEFAULT_AMQP_TIMEOUT;
    this.where = describe(options.url);
    this.closed = new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.closed.catch(() => undefined);
    this.ready = Promise.reject(new VcdAmqpError("closed", "not connected"));
    this.ready.catch(() => undefined);
    options.signal?.addEventListener("abort", () => void this.close(), {
      once: true,
    });
  }

  async open(): Promise<void> {
    const link = await this.connect();
    this.link = link;
    this.ready = Promise.resolve(link);
  }

  private async connect(): Promise<Link> {
    const step = `connecting to ${this.where}`;
    const connection = await within(
      step,
      // Nagle's algorithm off: with it on, a small message (an extension's reply) waits for the
      // broker's delayed ACK, about 40 ms a round trip on Linux.
      this.amqplib.connect(this.options.url as string, {
        timeout: this.timeout,
        noDelay: true,
      }),
      this.timeout,
      this.options.signal,
    );
    try {
      const channel = await within(
        `opening a channel on ${this.where}`,
        connection.createConfirmChannel(),
        this.timeout,
      );
      await within(
        "setting the prefetch",
        channel.prefetch(this.options.prefetch ?? 64),
        this.timeout,
      );
      const link = { connection, channel };
      const lost = (error?: unknown) => this.lost(link, error);
      connection.on("error", () => undefined);
      channel.on("error", () => undefined);
      connection.on("close", lost);
      channel.on("close", lost);
      for (const registration of this.registrations)
        if (registration.active) await this.attach(link, registration);
      return link;
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  }

  /** The link is gone (the broker restarted, or a channel error): reconnect, unless closing. */
  private lost(link: Link, error?: unknown): void {
    if (this.link !== link) return;
    this.link = undefined;
    void link.connection.close().catch(() => undefined);
    if (this.closing) return;
    const reconnecting = this.reconnect(error);
    this.ready = reconnecting;
    reconnecting.catch((failure: unknown) => {
      if (this.closing) return;
      this.closing = true;
      const typed =
        failure instanceof VcdAmqpError
          ? failure
          : new VcdAmqpError("connection", String(failure));
      this.options.onError?.(typed);
      this.settle.reject(typed);
    });
  }

  private async reconnect(cause: unknown): Promise<Link> {
    const {
      attempts = 30,
      initialDelay = 100,
      maxDelay = 5_000,
    } = this.options.reconnect ?? {};
    let last: unknown = cause;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      // An abort ends the wait early; the connect below then fails as aborted.
      await sleep(
        Math.min(maxDelay, initialDelay * 2 ** (attempt - 1)),
        this.options.signal ?? NEVER,
      ).catch(() => undefined);
      if (this.closing)
        throw new VcdAmqpError("closed", "the subscriber was closed");
      try {
        const link = await this.connect();
        if (this.closing) {
          await link.connection.close().catch(() => undefined);
          throw new VcdAmqpError("closed", "the subscriber was closed");
        }
        this.link = link;
        this.options.onReconnect?.(attempt);
        return link;
      } catch (error) {
        if (error instanceof VcdAmqpError && error.kind === "closed")
          throw error;
        last = error;
      }
    }
    throw new VcdAmqpError(
      "connection",
      `lost the connection to ${this.where} and could not connect again in ${attempts} attempts: ${(last as Error)?.message ?? String(last)}`,
      { cause: last },
    );
  }

  private async attach(link: Link, registration: Registration): Promise<void> {
    const { spec } = registration;
    const { channel } = link;
    const exchange = spec.exchange ?? this.exchange;
    const step = (what: string) => `${what} (queue "${spec.queue ?? ""}")`;
    if ((spec.declareExchange ?? true) && exchange !== "")
      await within(
        step(`declaring the exchange "${exchange}"`),
        channel.assertExchange(exchange, spec.exchangeType ?? "topic", {
          durable: true,
        }),
        this.timeout,
      );
    const named = spec.queue !== undefined && spec.queue !== "";
    const { queue } = await within(
      step("declaring the queue"),
      channel.assertQueue(
        named ? spec.queue! : "",
        named ? { durable: true } : { exclusive: true, autoDelete: true },
      ),
      this.timeout,
    );
    registration.queue = queue;
    for (const pattern of spec.patterns ?? [])
      await within(
        step(`binding "${pattern}"`),
        channel.bindQueue(queue, exchange, pattern),
        this.timeout,
      );
    const { consumerTag } = await within(
      step("consuming"),
      channel.consume(queue, (message) => {
        if (message) this.deliver(link, registration, message);
      }),
      this.timeout,
    );
    registration.tag = consumerTag;
  }

  private deliver(
    link: Link,
    registration: Registration,
    message: AmqpMessage,
  ): void {
    const run = (async () => {
      let ok = true;
      let requeue = true;
      try {
        await registration.handler(message);
      } catch (error) {
        ok = false;
        // A body that cannot be read cannot be read the next time either: dropped, not requeued.
        requeue = !(
          error instanceof VcdAmqpError && error.kind === "bad-message"
        );
        this.options.onError?.(
          error instanceof VcdAmqpError
            ? error
            : new VcdAmqpError(
                "handler",
                `the handler of queue "${registration.queue}" failed on a message routed "${message.fields.routingKey}" (it is requeued): ${(error as Error)?.message ?? String(error)}`,
                { cause: error },
              ),
        );
      }
      // On a channel that is gone the broker has requeued the message already.
      if (this.link !== link) return;
      try {
        if (ok) link.channel.ack(message);
        else link.channel.nack(message, false, requeue);
      } catch {
        // The channel closed meanwhile: the broker requeues what was not acknowledged.
      }
    })();
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  async consume(spec: QueueSpec, handler: MessageHandler): Promise<Consumer> {
    if (this.closing)
      throw new VcdAmqpError("closed", "consume: the subscriber is closed");
    // Active (attached again by every reconnect) only once attached: a spec the broker refuses
    // (a channel error) then costs one reconnect, not every later one.
    const registration: Registration = {
      spec,
      handler,
      queue: spec.queue ?? "",
      tag: undefined,
      active: false,
    };
    this.registrations.push(registration);
    for (let attempt = 1; ; attempt++) {
      const link = await within("consume", this.ready, this.timeout);
      try {
        await this.attach(link, registration);
        registration.active = true;
        break;
      } catch (error) {
        // The link was lost meanwhile (the broker restarted): once more on the next one.
        if (attempt < 2 && this.link !== link && !this.closing) continue;
        this.registrations.splice(this.registrations.indexOf(registration), 1);
        throw error;
      }
    }
    return {
      get queue() {
        return registration.queue;
      },
      cancel: async () => {
        registration.active = false;
        const current = this.link;
        if (current && registration.tag !== undefined)
          await within(
            `cancelling the consumer of "${registration.queue}"`,
            current.channel.cancel(registration.tag),
            this.timeout,
          ).catch(() => undefined);
      },
    };
  }

  async publish(
    exchange: string,
    routingKey: string,
    body: Uint8Array | string,
    options?: AmqpPublishOptions,
  ): Promise<void> {
    if (this.closing)
      throw new VcdAmqpError("closed", "publish: the subscriber is closed");
    const step = `publishing to "${exchange}" with routing key "${routingKey}"`;
    const link = await within(step, this.ready, this.timeout);
    const content = nodeBuffer(
      typeof body === "string" ? new TextEncoder().encode(body) : body,
    );
    await within(
      step,
      new Promise<void>((resolve, reject) => {
        try {
          link.channel.publish(exchange, routingKey, content, options, (e) =>
            e
              ? reject(e instanceof Error ? e : new Error(String(e)))
              : resolve(),
          );
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }),
      this.timeout,
    );
  }

  async close(): Promise<void> {
    if (this.closing) return this.closed.catch(() => undefined);
    this.closing = true;
    const link = this.link;
    if (link) {
      for (const registration of this.registrations)
        if (registration.tag !== undefined)
          await within(
            "cancelling a consumer",
            link.channel.cancel(registration.tag),
            this.timeout,
          ).catch(() => undefined);
      await within(
        "waiting for the handlers running",
        Promise.allSettled([...this.running]),
        this.timeout,
      ).catch(() => undefined);
      this.link = undefined;
      await link.channel.close().catch(() => undefined);
      await link.connection.close().catch(() => undefined);
    }
    this.settle.resolve();
  }
}

interface BufferClass {
  isBuffer(value: unknown): boolean;
  from(buffer: ArrayBufferLike, offset: number, length: number): Uint8Array;
}

/**
 * amqplib refuses content that is not a Node `Buffer` ("content is not a buffer"): bytes are
 * wrapped in one (no copy). The runtime imports no Node module, so `Buffer` is the global one,
 * present wherever amqplib runs.
 */
function nodeBuffer(bytes: Uint8Array): Uint8Array {
  const B = (globalThis as { readonly Buffer?: BufferClass }).Buffer;
  if (!B || B.isBuffer(bytes)) return bytes;
  return B.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
