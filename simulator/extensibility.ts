/**
 * vcd-codegen runtime, simulator: vCD's AMQP side in one place (the Programming Guide's chapters
 * "Configuring and Using Blocking Tasks and Notifications" and "vCloud Director Extension
 * Services"): the AMQP settings, the notification of every event the store records (published
 * while notifications are enabled and a broker is set: amqp/), and `reset`/`close` for the
 * simulator's own. amqplib is loaded only once a broker is set and something is sent.
 */
import { notificationsOf, type Names } from "./amqp/notification.js";
import { NotificationPublisher } from "./amqp/publisher.js";
import { AmqpSettingsState, configured } from "./amqp/settings.js";
import type { SimEvent } from "./events/events.js";
import { ExtensionForwarder } from "./extensions/forwarder.js";
import type { Store } from "./store/store.js";

export class Extensibility {
  readonly amqp: AmqpSettingsState = new AmqpSettingsState();
  readonly publisher: NotificationPublisher;
  /** Requests an extension service's filter claims, forwarded to it over the broker. */
  readonly forwarder: ExtensionForwarder;
  private readonly stopListening: () => void;
  private readonly names: Names;

  constructor(
    store: Store,
    /** `http://127.0.0.1:PORT/api` (the notifications' entity resolver is below it). */
    private readonly apiUrl: string,
    /** How long an extension service has to answer a forwarded request. */
    extensionTimeoutMs: number,
  ) {
    this.publisher = new NotificationPublisher(() => this.amqp.settings);
    this.forwarder = new ExtensionForwarder(
      () => this.amqp.settings,
      extensionTimeoutMs,
    );
    this.names = {
      org: (id) => store.orgs.get(id)?.name,
      user: (id) => store.users.get(id)?.name,
      task: (id) => store.tasks.get(id)?.operationName,
    };
    this.stopListening = store.events.listen((event) => this.notify(event));
  }

  private notify(event: SimEvent): void {
    const settings = this.amqp.settings;
    if (!this.amqp.notificationsEnabled || !configured(settings)) return;
    this.publisher.publish(
      notificationsOf(event, settings, this.apiUrl, this.names),
    );
  }

  /** Back to no broker and notifications off (the simulator's `reset()`). */
  reset(): void {
    this.amqp.reset();
    this.publisher.clear();
  }

  async close(): Promise<void> {
    this.stopListening();
    await this.publisher.close();
    await this.forwarder.close();
  }
}
