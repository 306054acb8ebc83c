/**
 * vcd-codegen runtime, amqp: the AMQP side of vCD (notifications, routing keys, a subscriber that
 * survives broker restarts, blocking tasks answered, extension services served). Its own entry (`<package>/amqp`): it loads `amqplib`, the optional peer
 * dependency, when a subscriber connects; the main entry and `./client` never import it.
 */
export { VcdAmqpError, type VcdAmqpErrorKind } from "./amqp-error.js";
export {
  EVENT_TYPE_PREFIX,
  NOTIFICATION_TYPES,
  TASK_OBJECT_TYPES,
  type KnownNotificationType,
  type NotificationType,
} from "./notification-types.js";
export {
  readNotificationHeaders,
  type NotificationHeaders,
} from "./notification-headers.js";
export {
  readNotification,
  VMEXT_NS,
  type EntityLink,
  type Notification,
  type NotificationLink,
  type NotificationMessageInfo,
} from "./notification.js";
export {
  bindingPattern,
  buildRoutingKey,
  parseRoutingKey,
  uuidOfUrn,
  type NotificationFilter,
  type RoutingKey,
} from "./routing-key.js";
export type {
  AmqpMessage,
  AmqpMessageFields,
  AmqpMessageProperties,
  AmqpPublishOptions,
  AmqplibLike,
} from "./amqp-client.js";
export {
  connectSubscriber,
  DEFAULT_AMQP_TIMEOUT,
  DEFAULT_EXCHANGE,
  type Consumer,
  type MessageHandler,
  type QueueSpec,
  type ReconnectOptions,
  type Subscriber,
  type SubscriberOptions,
} from "./subscriber.js";
export {
  onNotification,
  type NotificationHandler,
  type NotificationSubscription,
} from "./on-notification.js";
export {
  BLOCKING_TASK_CREATE,
  onBlockingTask,
  type BlockingTaskDecision,
  type BlockingTaskHandler,
  type BlockingTaskLike,
  type BlockingTaskRequest,
  type BlockingTaskSubscription,
} from "./blocking-task.js";
export {
  readExtensionRequest,
  writeExtensionReply,
  type ExtensionReply,
  type ExtensionReplyMessage,
  type ExtensionRequest,
} from "./extension-message.js";
export {
  serveExtension,
  type ExtensionHandler,
  type ExtensionService,
} from "./serve-extension.js";
