/**
 * vcd-codegen runtime, amqp: the part of `amqplib` (the optional peer dependency) the subscriber
 * uses, as structural types, and how it is loaded. The types are ours so that the package's
 * declarations compile without `@types/amqplib`; the module is imported by a name the bundlers do
 * not follow, only when a subscriber connects.
 */
import { VcdAmqpError } from "./amqp-error.js";

export interface AmqpMessageFields {
  readonly deliveryTag: number;
  readonly redelivered: boolean;
  readonly exchange: string;
  readonly routingKey: string;
  readonly consumerTag?: string;
}

export interface AmqpMessageProperties {
  readonly contentType?: string | undefined;
  readonly correlationId?: string | undefined;
  readonly replyTo?: string | undefined;
  readonly messageId?: string | undefined;
  readonly headers?: Readonly<Record<string, unknown>> | undefined;
}

/** A delivered message (amqplib's `ConsumeMessage`). */
export interface AmqpMessage {
  readonly content: Uint8Array;
  readonly fields: AmqpMessageFields;
  readonly properties: AmqpMessageProperties;
}

export interface AmqpPublishOptions {
  readonly contentType?: string;
  readonly correlationId?: string;
  readonly replyTo?: string;
  readonly headers?: Record<string, unknown>;
  readonly persistent?: boolean;
  readonly messageId?: string;
}

/** amqplib's `ConfirmChannel`, as far as used. */
export interface AmqpChannelLike {
  assertExchange(
    exchange: string,
    type: string,
    options?: { durable?: boolean },
  ): Promise<unknown>;
  assertQueue(
    queue: string,
    options?: { durable?: boolean; exclusive?: boolean; autoDelete?: boolean },
  ): Promise<{ queue: string }>;
  bindQueue(queue: string, exchange: string, pattern: string): Promise<unknown>;
  prefetch(count: number): Promise<unknown>;
  consume(
    queue: string,
    onMessage: (message: AmqpMessage | null) => void,
    options?: { noAck?: boolean },
  ): Promise<{ consumerTag: string }>;
  cancel(consumerTag: string): Promise<unknown>;
  ack(message: AmqpMessage): void;
  nack(message: AmqpMessage, allUpTo?: boolean, requeue?: boolean): void;
  publish(
    exchange: string,
    routingKey: string,
    content: Uint8Array,
    options: AmqpPublishOptions | undefined,
    callback: (error: unknown) => void,
  ): boolean;
  close(): Promise<void>;
  on(event: "close" | "error", listener: (error?: unknown) => void): unknown;
}

/** amqplib's `ChannelModel` (its connection), as far as used. */
export interface AmqpConnectionLike {
  createConfirmChannel(): Promise<AmqpChannelLike>;
  close(): Promise<void>;
  on(event: "close" | "error", listener: (error?: unknown) => void): unknown;
}

/** amqplib's module (`import amqplib from "amqplib"`), as far as used. */
export interface AmqplibLike {
  connect(
    url: string | object,
    socketOptions?: { timeout?: number; noDelay?: boolean },
  ): Promise<AmqpConnectionLike>;
}

/** The module's name, kept in a variable so that bundlers do not pull it into a browser build. */
const PEER = "amqplib";

/** Loads `amqplib`; missing: `VcdAmqpError` (`no-client`) saying how to install it. */
export async function loadAmqplib(): Promise<AmqplibLike> {
  try {
    const loaded = (await import(PEER)) as {
      readonly default?: AmqplibLike;
    } & Partial<AmqplibLike>;
    const module = loaded.default ?? (loaded as AmqplibLike);
    if (typeof module.connect !== "function")
      throw new Error("it has no connect function");
    return module;
  } catch (error) {
    throw new VcdAmqpError(
      "no-client",
      `the amqp entry needs the optional peer dependency amqplib (npm install amqplib): ${(error as Error).message}`,
      { cause: error },
    );
  }
}
