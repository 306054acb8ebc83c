/**
 * vcd-codegen runtime, amqp: typed notifications from a subscriber. Each message is read with
 * `readNotification`; a body that is no notification is dropped (nack without requeue: redelivering
 * it could only fail again) and told to `onError`; the handler's failure requeues the message.
 */
import type { AmqpMessage } from "./amqp-client.js";
import { readNotification, type Notification } from "./notification.js";
import { bindingPattern, type NotificationFilter } from "./routing-key.js";
import type { Consumer, QueueSpec, Subscriber } from "./subscriber.js";

export interface NotificationSubscription extends Omit<QueueSpec, "patterns"> {
  /** What to receive: filters (made patterns by `bindingPattern`) or patterns as they are. */
  readonly filters: readonly (NotificationFilter | string)[];
}

export type NotificationHandler = (
  notification: Notification,
  message: AmqpMessage,
) => unknown;

export function onNotification(
  subscriber: Subscriber,
  subscription: NotificationSubscription,
  handler: NotificationHandler,
): Promise<Consumer> {
  const patterns = subscription.filters.map((filter) =>
    typeof filter === "string" ? filter : bindingPattern(filter),
  );
  return subscriber.consume({ ...subscription, patterns }, (message) => {
    // A bad body throws a bad-message VcdAmqpError: the subscriber drops it and tells onError.
    const notification = readNotification(message.content, {
      ...(message.properties.contentType !== undefined
        ? { contentType: message.properties.contentType }
        : {}),
      ...(message.properties.headers !== undefined
        ? { headers: message.properties.headers }
        : {}),
    });
    return handler(notification, message);
  });
}
