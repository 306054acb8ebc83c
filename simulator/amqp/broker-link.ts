/**
 * vcd-codegen runtime, simulator: the simulator's one connection to the broker of the AMQP
 * settings, made when first needed and made again after the broker went away or the settings
 * changed. A failure drops it (the next use connects again); every connect has a time-out. What
 * a new channel needs (exchanges, the reply queue) is set up by `setUp` each time one opens.
 */
import { connect, type AmqpChannel, type AmqpConnection } from "./amqp-lib.js";
import { configured, connectionKey, type AmqpSettings } from "./settings.js";

export const CONNECT_TIMEOUT_MS = 5_000;

interface Open {
  readonly connection: AmqpConnection;
  readonly channel: AmqpChannel;
}

export class BrokerLink {
  private open: Promise<Open> | undefined;
  private openKey = "";
  /** Which connection is the current one (a lost old one must not forget a new one). */
  private generation = 0;
  private closed = false;
  /** The last failure (connecting or publishing), for `action/test` and diagnostics. */
  lastError: unknown;

  constructor(
    private readonly settings: () => AmqpSettings,
    private readonly setUp: (
      channel: AmqpChannel,
      settings: AmqpSettings,
      connection: AmqpConnection,
    ) => Promise<void>,
  ) {}

  /** The open confirm channel, connecting first when there is none (or the settings changed). */
  async channel(): Promise<AmqpChannel> {
    return (await this.opened()).channel;
  }

  /** The open connection (as `channel()` makes it). */
  async connection(): Promise<AmqpConnection> {
    return (await this.opened()).connection;
  }

  private async opened(): Promise<Open> {
    if (this.closed) throw new Error("the simulator is closed");
    const settings = this.settings();
    if (!configured(settings)) throw new Error("no AMQP broker is configured");
    if (settings.useSsl)
      throw new Error(
        "AMQP over SSL is not simulated: set AmqpUseSSL to false (the simulator has no TLS broker)",
      );
    const key = connectionKey(settings);
    if (this.open && this.openKey !== key) this.drop();
    if (!this.open) {
      this.openKey = key;
      const opening = this.connect(++this.generation, settings);
      this.open = opening;
      opening.catch((error: unknown) => {
        this.lastError = error;
        if (this.open === opening) this.open = undefined;
      });
    }
    return this.open;
  }

  /** Forgets the connection (closed in the background); the next `channel()` connects again. */
  drop(): void {
    this.generation++;
    const open = this.open;
    this.open = undefined;
    void open
      ?.then((o) => o.connection.close())
      .catch(() => {
        // already gone
      });
  }

  async close(): Promise<void> {
    this.closed = true;
    const open = this.open;
    this.open = undefined;
    const o = await open?.catch(() => undefined);
    await o?.connection.close().catch(() => {});
  }

  private async connect(
    generation: number,
    settings: AmqpSettings,
  ): Promise<Open> {
    const connection = await connect(
      {
        hostname: settings.host,
        port: settings.port,
        username: settings.username,
        password: settings.password,
        vhost: settings.vhost,
      },
      CONNECT_TIMEOUT_MS,
    );
    const lost = (error?: unknown) => {
      if (error !== undefined) this.lastError = error;
      if (this.generation === generation) this.open = undefined;
    };
    connection.on("error", lost);
    connection.on("close", lost);
    try {
      const channel = await connection.createConfirmChannel();
      channel.on("error", lost);
      channel.on("close", () => {
        lost();
        void connection.close().catch(() => {});
      });
      await this.setUp(channel, settings, connection);
      return { connection, channel };
    } catch (error) {
      await connection.close().catch(() => {});
      throw error;
    }
  }
}
