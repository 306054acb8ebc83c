/**
 * vcd-codegen runtime, amqp: answering vCD's blocking tasks. For each `blockingtask/create`
 * notification, {@link onBlockingTask} fetches the `vmext:BlockingTask` (the notification's
 * `entity`, through the entity resolver) and its parent task, asks a typed handler, and POSTs the
 * answer to the BlockingTask's link of that rel.
 *
 * Evidence: vCloud API Programming Guide 5.5, chapter 10, "Take Action on a Blocking Task"
 * (p. 325-327): resume, abort and fail POST a `BlockingTaskOperationParams` (one `Message`,
 * `application/vnd.vmware.admin.blockingTaskOperationParams+xml`, the schema's
 * extension/taskExtensionRequest.xsd) to the BlockingTask's `Link` of that rel
 * (`POST .../admin/extension/blockingTask/25/action/resume`, the operations document's
 * `/admin/extension/blockingTask/{id}/action/{resume,abort,fail}`); the AMQP client "makes a GET
 * request to a URL that the task creates by appending the value of the id attribute of the task to
 * the entityResolver URL in the Notification". The parent task is the BlockingTask's `up` link of a
 * task media type, else the notification's `task` URN resolved.
 *
 * Delivery is at least once: a notification delivered again after its answer was posted (the
 * acknowledgement lost in a broker restart) finds the BlockingTask no longer `active`, and is
 * acknowledged without calling the handler again.
 */
import type { VcdClient } from "../client/client.js";
import { followLink } from "../client/follow-link.js";
import { findLink, type LinkLike } from "../client/links.js";
import { resolveEntity } from "../client/resolve-entity.js";
import type { CallOptions, Reply } from "../client/types.js";
import type { Document, ElementGroupPart, ElementPart } from "../xml/index.js";
import { VcdAmqpError } from "./amqp-error.js";
import type { AmqpMessage } from "./amqp-client.js";
import type { Notification } from "./notification.js";
import {
  onNotification,
  type NotificationSubscription,
} from "./on-notification.js";
import type { NotificationFilter } from "./routing-key.js";
import type { Consumer, Subscriber } from "./subscriber.js";

/** The notification type of a new blocking task. */
export const BLOCKING_TASK_CREATE =
  "com/vmware/vcloud/event/blockingtask/create";

/** What the handler decides: the action link to POST to, with its `Message`. */
export interface BlockingTaskDecision {
  readonly action: "resume" | "abort" | "fail";
  readonly message: string;
}

/** What a `vmext:BlockingTask` value holds that the handler reads (TaskRequestBaseType). */
export interface BlockingTaskLike {
  readonly href?: string;
  readonly id?: string;
  readonly name?: string;
  /** `active` while it waits for an answer. */
  readonly status: string;
  readonly timeoutAction?: string;
  readonly timeoutDate?: string;
  readonly createdTime?: string;
  readonly Link?: readonly LinkLike[];
  readonly Organization?: { readonly href: string; readonly name?: string };
  readonly User?: { readonly href: string; readonly name?: string };
  readonly TaskOwner?: {
    readonly href: string;
    readonly type?: string;
    readonly name?: string;
  };
}

/** What the handler is given. */
export interface BlockingTaskRequest {
  readonly notification: Notification;
  readonly blockingTask: BlockingTaskLike;
  /** The `vmext:BlockingTask` document as the client read it. */
  readonly blockingTaskDocument: Reply<Document>;
  /** The parent task (the one blocked), when it could be found. */
  readonly task: Reply<Document> | undefined;
  readonly message: AmqpMessage;
}

export type BlockingTaskHandler = (
  request: BlockingTaskRequest,
) => BlockingTaskDecision | Promise<BlockingTaskDecision>;

export interface BlockingTaskSubscription extends Omit<
  NotificationSubscription,
  "filters"
> {
  /** A system administrator's client (only they may act on blocking tasks). */
  readonly client: VcdClient;
  /**
   * Which blocking tasks (the type is always `blockingtask/create`): an org, a task name
   * (`vdcInstantiateVapp`, `vappDeploy`), ... Default: every one.
   */
  readonly filter?: Omit<NotificationFilter, "type">;
  /** What reads the BlockingTask and the Task for a bare client (`[BlockingTaskSchema]`, ...). */
  readonly accept?: readonly (ElementPart | ElementGroupPart)[];
  /** Each HTTP call (signal, timeout, headers). */
  readonly call?: CallOptions;
  /** Told of each blocking task passed over because it was no longer active. */
  readonly onSkip?: (
    blockingTask: BlockingTaskLike,
    notification: Notification,
  ) => void;
}

/** The media types of a task link (`application/vnd.vmware.vcloud.task+xml`). */
const TASK_TYPE = /^application\/vnd\.vmware\.vcloud\.task\+(xml|json)$/i;

/**
 * Consumes `blockingtask/create` notifications and answers each blocking task with what `handler`
 * decides. A handler that throws leaves the notification for redelivery (the task stays blocked
 * until then, or until its timeout action); a BlockingTask without the link of the decided action
 * is a `VcdAmqpError` (`bad-message`: dropped, told to `onError`).
 */
export function onBlockingTask(
  subscriber: Subscriber,
  subscription: BlockingTaskSubscription,
  handler: BlockingTaskHandler,
): Promise<Consumer> {
  const { client, filter, accept, call, onSkip, ...queue } = subscription;
  const read: Read = { ...call, ...(accept ? { accept } : {}) };
  return onNotification(
    subscriber,
    { ...queue, filters: [{ ...filter, type: BLOCKING_TASK_CREATE }] },
    async (notification, message) => {
      if (notification.type !== BLOCKING_TASK_CREATE) return;
      if (notification.entity === undefined)
        throw new VcdAmqpError(
          "bad-message",
          `blocking task: notification ${notification.eventId} names no entity`,
        );
      const { document } = await resolveEntity(
        client,
        notification.entity,
        resolving(read, notification),
      );
      if (document.element !== "vmext:BlockingTask")
        throw new VcdAmqpError(
          "bad-message",
          `blocking task: ${notification.entity} resolved to ${document.element}, not vmext:BlockingTask`,
        );
      const blockingTask = document.value as BlockingTaskLike;
      if (blockingTask.status !== "active") {
        onSkip?.(blockingTask, notification);
        return;
      }
      const task = await parentTask(client, blockingTask, notification, read);
      const decision = await handler({
        notification,
        blockingTask,
        blockingTaskDocument: document,
        task,
        message,
      });
      const link = findLink(blockingTask, decision.action);
      if (!link)
        throw new VcdAmqpError(
          "bad-message",
          `blocking task ${blockingTask.href ?? notification.entity}: it has no "${decision.action}" link (its links: ${(blockingTask.Link ?? []).map((l) => l.rel).join(", ") || "none"})`,
        );
      await followLink(
        client,
        link,
        {
          element: "vmext:BlockingTaskOperationParams",
          value: { Message: decision.message },
        },
        call,
      );
    },
  );
}

type Read = CallOptions & {
  readonly accept?: readonly (ElementPart | ElementGroupPart)[];
};

/** The options of resolveEntity for a notification: its resolver, and what reads the Entity. */
function resolving(read: Read, notification: Notification) {
  return {
    ...read,
    ...(read.accept ? { entityAccept: read.accept } : {}),
    ...(notification.entityResolver !== undefined
      ? { resolver: notification.entityResolver }
      : {}),
  };
}

async function parentTask(
  client: VcdClient,
  blockingTask: BlockingTaskLike,
  notification: Notification,
  read: Read,
): Promise<Reply<Document> | undefined> {
  const up = (blockingTask.Link ?? []).find(
    (l) => l.rel === "up" && TASK_TYPE.test(l.type ?? ""),
  );
  if (up) return client.get(up, read);
  if (notification.task === undefined) return undefined;
  return (
    await resolveEntity(
      client,
      notification.task,
      resolving(read, notification),
    )
  ).document;
}
