/**
 * vcd-codegen runtime, simulator: amqplib, loaded only when AMQP is configured (a dynamic import,
 * so that a package whose simulator never talks to a broker needs no amqplib, and its types are not
 * needed to compile it: amqplib is an optional peer dependency). Only the calls the simulator makes
 * are typed here, structurally.
 */

export interface AmqpMessage {
  readonly content: Buffer;
  readonly fields: { readonly routingKey: string; readonly exchange: string };
  readonly properties: {
    readonly correlationId?: string;
    readonly replyTo?: string;
    readonly contentType?: string;
    readonly headers?: Record<string, unknown>;
  };
}

export interface PublishOptions {
  readonly contentType?: string;
  readonly headers?: Record<string, unknown>;
  readonly persistent?: boolean;
  readonly messageId?: string;
  readonly correlationId?: string;
  readonly replyTo?: string;
  readonly timestamp?: number;
  readonly type?: string;
}

export interface AmqpChannel {
  assertExchange(
    name: string,
    type: string,
    options: { durable: boolean; autoDelete?: boolean },
  ): Promise<unknown>;
  checkExchange(name: string): Promise<unknown>;
  assertQueue(
    name: string,
    options: { exclusive?: boolean; durable?: boolean; autoDelete?: boolean },
  ): Promise<{ queue: string }>;
  bindQueue(queue: string, exchange: string, pattern: string): Promise<unknown>;
  consume(
    queue: string,
    onMessage: (message: AmqpMessage | null) => void,
    options: { noAck: boolean },
  ): Promise<{ consumerTag: string }>;
  publish(
    exchange: string,
    routingKey: string,
    content: Buffer,
    options?: PublishOptions,
  ): boolean;
  waitForConfirms(): Promise<void>;
  close(): Promise<void>;
  on(event: "error" | "close", listener: (error?: unknown) => void): unknown;
}

export interface AmqpConnection {
  createChannel(): Promise<AmqpChannel>;
  createConfirmChannel(): Promise<AmqpChannel>;
  close(): Promise<void>;
  on(event: "error" | "close", listener: (error?: unknown) => void): unknown;
}

export interface ConnectTo {
  readonly hostname: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  readonly vhost: string;
}

interface AmqpLib {
  connect(
    url: ConnectTo & { protocol: "amqp"; heartbeat: number },
    socketOptions: { timeout: number; noDelay: boolean },
  ): Promise<AmqpConnection>;
}

let loaded: Promise<AmqpLib> | undefined;

/** amqplib, imported the first time it is needed; a clear error when it is not installed. */
export function amqpLib(): Promise<AmqpLib> {
  // A specifier of type `string`: the compiler does not resolve it (no types of amqplib needed).
  const specifier: string = "amqplib";
  loaded ??= (import(specifier) as Promise<AmqpLib & { default?: AmqpLib }>)
    .then((mod) => mod.default ?? mod)
    .catch((error: unknown) => {
      loaded = undefined;
      throw new Error(
        `The simulator's AMQP side needs amqplib (an optional peer dependency): npm install amqplib (${String(error)})`,
      );
    });
  return loaded;
}

/**
 * Connects with a time-out on the socket and the AMQP handshake, and Nagle's algorithm off: with it
 * on, a small message waits for the broker's delayed ACK (about 40 ms a round trip on Linux, what an
 * extension call measured before; 1.6 ms median with both ends at `noDelay`).
 */
export async function connect(
  to: ConnectTo,
  timeoutMs: number,
): Promise<AmqpConnection> {
  const lib = await amqpLib();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const attempt = lib.connect(
    { protocol: "amqp", heartbeat: 10, ...to },
    { timeout: timeoutMs, noDelay: true },
  );
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `no AMQP connection to ${to.hostname}:${to.port} within ${timeoutMs} ms`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([attempt, timedOut]);
  } catch (error) {
    // a connection that comes after the time-out is closed at once
    void attempt.then((c) => c.close()).catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
