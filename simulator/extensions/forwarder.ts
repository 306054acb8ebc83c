/**
 * vcd-codegen runtime, simulator: forwarding a client's request to an extension service over the
 * broker and waiting for its reply (vCloud API Programming Guide 5.5, chapter 11: "To collect
 * replies from services, vCloud Director creates a single reply exchange for all services,
 * creates a separate reply queue for each cell, and binds each of those queues to the reply
 * exchange"; the 10.6 Service Provider Admin Guide names them `<prefix>.replyExchange` and
 * `<prefix>.replyQueue.<cell UUID>`). The request goes to the service's exchange (direct, durable:
 * declared if missing) with its routing key, `correlationId`, `reply-to` (the reply queue, which is
 * also its binding key) and the headers `messageType: ProcessHttpRequest` and `replyToExchange`.
 * A reply is matched by its correlation id. Nobody answering within the time-out is a 504
 * (`GATEWAY_TIMEOUT`): vCD's answer to that is not documented; no broker, a 503.
 */
import { randomUUID } from "node:crypto";
import { VcdFault } from "../fault.js";
import type { AmqpChannel, AmqpMessage } from "../amqp/amqp-lib.js";
import { BrokerLink } from "../amqp/broker-link.js";
import { replyExchangeOf, type AmqpSettings } from "../amqp/settings.js";
import {
  readReply,
  requestMessage,
  type ForwardedRequest,
  type SecurityContext,
  type ServiceReply,
} from "./request-message.js";
import type { ExtensionService } from "./services.js";

export const DEFAULT_EXTENSION_TIMEOUT_MS = 10_000;

interface Waiting {
  readonly resolve: (reply: ServiceReply) => void;
  readonly reject: (error: VcdFault) => void;
}

export class ExtensionForwarder {
  private readonly link: BrokerLink;
  private readonly waiting = new Map<string, Waiting>();
  /** This simulator's "cell". */
  private readonly cell = randomUUID();
  private replyQueue = "";
  private declared = new Set<string>();

  constructor(
    private readonly settings: () => AmqpSettings,
    private readonly timeoutMs: number,
  ) {
    this.link = new BrokerLink(settings, (channel, s) =>
      this.setUp(channel, s),
    );
  }

  private async setUp(channel: AmqpChannel, s: AmqpSettings): Promise<void> {
    this.declared = new Set();
    const exchange = replyExchangeOf(s);
    const queue = `${s.prefix}.replyQueue.${this.cell}`;
    await channel.assertExchange(exchange, "direct", { durable: true });
    await channel.assertQueue(queue, { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, exchange, queue);
    await channel.consume(queue, (m) => this.onReply(m), { noAck: true });
    this.replyQueue = queue;
  }

  private onReply(message: AmqpMessage | null): void {
    const id = message?.properties.correlationId;
    const waiting = id === undefined ? undefined : this.waiting.get(id);
    if (!message || !waiting || id === undefined) return;
    this.waiting.delete(id);
    const reply = readReply(message.content);
    if (typeof reply === "string")
      waiting.reject(
        new VcdFault(
          502,
          "BAD_GATEWAY",
          `The extension service's reply could not be read: ${reply}.`,
        ),
      );
    else waiting.resolve(reply);
  }

  async forward(
    service: ExtensionService,
    request: ForwardedRequest,
    context: SecurityContext,
  ): Promise<ServiceReply> {
    let channel: AmqpChannel;
    try {
      channel = await this.link.channel();
      if (!this.declared.has(service.exchange)) {
        await channel.assertExchange(service.exchange, "direct", {
          durable: true,
        });
        this.declared.add(service.exchange);
      }
    } catch (error) {
      this.link.drop();
      throw new VcdFault(
        503,
        "SERVICE_UNAVAILABLE",
        `The extension service "${service.name}" cannot be reached: ${(error as Error).message ?? String(error)}`,
      );
    }
    const correlationId = randomUUID();
    const replied = new Promise<ServiceReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(correlationId);
        reject(
          new VcdFault(
            504,
            "GATEWAY_TIMEOUT",
            `The extension service "${service.name}" did not answer within ${this.timeoutMs} ms.`,
          ),
        );
      }, this.timeoutMs);
      this.waiting.set(correlationId, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
    try {
      channel.publish(
        service.exchange,
        service.routingKey,
        requestMessage(randomUUID(), request, context),
        {
          contentType: "application/json",
          correlationId,
          replyTo: this.replyQueue,
          headers: {
            messageType: "ProcessHttpRequest",
            replyToExchange: replyExchangeOf(this.settings()),
          },
        },
      );
    } catch (error) {
      void replied.catch(() => {});
      this.waiting
        .get(correlationId)
        ?.reject(new VcdFault(503, "SERVICE_UNAVAILABLE", String(error)));
      this.waiting.delete(correlationId);
      this.link.drop();
      throw new VcdFault(
        503,
        "SERVICE_UNAVAILABLE",
        `The request could not be sent to the extension service "${service.name}": ${(error as Error).message ?? String(error)}`,
      );
    }
    await channel.waitForConfirms().catch(() => {
      // unconfirmed: the time-out answers
    });
    return replied;
  }

  async close(): Promise<void> {
    for (const [id, w] of this.waiting) {
      this.waiting.delete(id);
      w.reject(
        new VcdFault(503, "SERVICE_UNAVAILABLE", "The simulator is closing."),
      );
    }
    await this.link.close();
  }
}
