/**
 * vcd-codegen runtime, simulator: the system's AMQP settings (`/admin/extension/settings/amqp`,
 * AmqpSettingsType in extension/settings.xsd) and whether notifications are on
 * (`/admin/extension/settings/notifications`, NotificationsSettingsType: `EnableNotifications`).
 *
 * Evidence (VMware Cloud Director 10.6 Service Provider Admin Guide, "Configure an AMQP Broker";
 * vCloud API Programming Guide 5.5, p. 313, "Example: Notification Message Format"): the XML
 * notifications go to the configured exchange, which the administrator creates beforehand (topic,
 * durable); the JSON ones to an exchange vCD creates, `<prefix>.notifications20`; the extension
 * services' replies come back on `<prefix>.replyExchange`. The port's default is 5672 and the
 * vhost's `/` (both guides); the prefix's `vcd` and the exchange's `systemExchange` are the
 * defaults vCD's portal shows (the VMware vCAT example uses prefix `vcd` too). Notifications are
 * published only when they are enabled (vCD's `EnableNotifications`, off by default). vCD never
 * echoes the password (the guide's GET example has none).
 */

export interface AmqpSettings {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  readonly exchange: string;
  readonly vhost: string;
  readonly useSsl: boolean;
  readonly sslAcceptAll?: boolean;
  readonly prefix: string;
}

export const DEFAULT_AMQP_SETTINGS: AmqpSettings = {
  host: "",
  port: 5672,
  username: "guest",
  password: "",
  exchange: "systemExchange",
  vhost: "/",
  useSsl: false,
  prefix: "vcd",
};

/** The exchange vCD publishes the JSON notifications on. */
export const jsonExchangeOf = (s: AmqpSettings): string =>
  `${s.prefix}.notifications20`;

/** The exchange the extension services reply on. */
export const replyExchangeOf = (s: AmqpSettings): string =>
  `${s.prefix}.replyExchange`;

/** Whether a broker is set at all (a host). */
export const configured = (s: AmqpSettings): boolean => s.host !== "";

/** What identifies a connection: a change of any of these needs a new one. */
export const connectionKey = (s: AmqpSettings): string =>
  JSON.stringify([s.host, s.port, s.username, s.password, s.vhost]);

export class AmqpSettingsState {
  settings: AmqpSettings = DEFAULT_AMQP_SETTINGS;
  notificationsEnabled = false;
  /** Bumped on every change (the connection is made again when it differs). */
  revision = 0;

  set(settings: AmqpSettings): void {
    this.settings = settings;
    this.revision++;
  }

  reset(): void {
    this.settings = DEFAULT_AMQP_SETTINGS;
    this.notificationsEnabled = false;
    this.revision++;
  }
}
