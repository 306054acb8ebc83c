/**
 * vcd-codegen runtime, simulator: publishing the notification of every event (notification.ts)
 * while notifications are enabled and a broker is set. Publishing never holds up or breaks an API
 * call: messages wait in a bounded queue and are sent in the background on a confirm channel; a
 * broker that is down (or a connection lost) is tried again with a back-off, and a message leaves
 * the queue only once the broker confirmed it. Past `MAX_PENDING` waiting messages the oldest are
 * dropped (counted in `dropped`).
 *
 * The JSON exchange (`<prefix>.notifications20`) is created (topic, durable) as vCD creates it; the
 * configured exchange of the XML form is not: vCD's administrator creates it beforehand (10.6
 * Service Provider Admin Guide, "Configure an AMQP Broker"), and while it is missing the XML
 * messages are dropped (counted), as vCD cannot deliver them either. Messages are persistent, so
 * that a durable queue keeps them across a broker restart.
 */
import type { AmqpChannel, AmqpConnection } from "./amqp-lib.js";
import { BrokerLink } from "./broker-link.js";
import { exchangeExists } from "./exchange-exists.js";
import type { Outgoing } from "./notification.js";
import { jsonExchangeOf, type AmqpSettings } from "./settings.js";

export const MAX_PENDING = 10_000;
const BATCH = 256;
const RETRY_MIN_MS = 50;
const RETRY_MAX_MS = 2_000;

export class NotificationPublisher {
  private pending: Outgoing[] = [];
  private pumping = false;
  private closed = false;
  private retryMs = RETRY_MIN_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The exchanges messages can go to on the current connection: the JSON one (declared) and the
   * configured one when it exists. A message for another (the XML exchange missing, or an exchange
   * of settings changed since it was queued) is dropped: publishing to an exchange that does not
   * exist would close the channel, again and again, and hold up every message behind it.
   */
  private deliverable = new Set<string>();
  /** When the configured exchange was last looked for (it is looked for again at most once a second). */
  private lookedAt = 0;
  readonly link: BrokerLink;
  /** Messages confirmed by the broker. */
  published = 0;
  /** Messages given up: the queue was full, or their exchange does not exist. */
  dropped = 0;

  constructor(settings: () => AmqpSettings) {
    this.link = new BrokerLink(settings, (channel, s, connection) =>
      this.setUp(channel, s, connection),
    );
  }

  /** Queues the messages and starts sending them (never waits, never throws). */
  publish(messages: readonly Outgoing[]): void {
    if (this.closed) return;
    this.pending.push(...messages);
    if (this.pending.length > MAX_PENDING) {
      const over = this.pending.length - MAX_PENDING;
      this.pending.splice(0, over);
      this.dropped += over;
    }
    this.kick();
  }

  /** How many messages wait to be confirmed. */
  get waiting(): number {
    return this.pending.length;
  }

  /** Forgets what waits (a reset of the simulator). */
  clear(): void {
    this.pending = [];
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.pending = [];
    await this.link.close();
  }

  private async setUp(
    channel: AmqpChannel,
    settings: AmqpSettings,
    connection: AmqpConnection,
  ): Promise<void> {
    this.deliverable = new Set();
    await channel.assertExchange(jsonExchangeOf(settings), "topic", {
      durable: true,
    });
    this.deliverable.add(jsonExchangeOf(settings));
    this.lookedAt = Date.now();
    if (await exchangeExists(connection, settings.exchange))
      this.deliverable.add(settings.exchange);
  }

  /** The configured exchange, missing at the last look, may have been created since (by its administrator). */
  private async lookAgain(batch: readonly Outgoing[]): Promise<void> {
    const wanted = batch.find((m) => !this.deliverable.has(m.exchange));
    if (!wanted || Date.now() - this.lookedAt < 1_000) return;
    this.lookedAt = Date.now();
    const connection = await this.link.connection();
    if (await exchangeExists(connection, wanted.exchange))
      this.deliverable.add(wanted.exchange);
  }

  private kick(): void {
    if (this.pumping || this.retryTimer !== undefined || this.closed) return;
    this.pumping = true;
    void this.pump().finally(() => {
      this.pumping = false;
    });
  }

  private async pump(): Promise<void> {
    while (this.pending.length && !this.closed) {
      const batch = this.pending.slice(0, BATCH);
      try {
        const channel = await this.link.channel();
        await this.lookAgain(batch);
        let sent = 0;
        for (const m of batch) {
          if (!this.deliverable.has(m.exchange)) continue;
          channel.publish(m.exchange, m.routingKey, m.content, {
            contentType: m.contentType,
            headers: m.headers,
            messageId: m.messageId,
            persistent: true,
          });
          sent++;
        }
        await channel.waitForConfirms();
        // the batch is confirmed (what came meanwhile stays behind it)
        this.pending.splice(0, batch.length);
        this.published += sent;
        this.dropped += batch.length - sent;
        this.retryMs = RETRY_MIN_MS;
      } catch (error) {
        this.link.lastError = error;
        this.link.drop();
        this.retryLater();
        return;
      }
    }
  }

  private retryLater(): void {
    if (this.closed) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.kick();
    }, wait);
    this.retryTimer.unref?.();
  }
}
