/**
 * vcd-codegen runtime, simulator: the notification of an event, in both of vCD's forms, with its
 * routing key and headers (vCloud API Programming Guide 5.5, pp. 312-314, "Notification Message
 * Format"; ../shared/seeds/003_*.txt has the JSON example):
 *
 * - routing key `operationSuccess.entity.org.user.subType1...subTypeN.[taskName]`: the object
 *   identifiers are the UUIDs (the guide's `true.dc6a-xxx.0b8a-xxx.832c-xxx.com.vmware.vcloud.event.vapp.create`),
 *   the subtypes the event type's parts (`com/vmware/vcloud/event/vapp/create`), and the task's
 *   name appended when the entity is a task or blocking task;
 * - headers `notification.type`, `.entityType` (`vapp`), `.entityUUID`, `.orgUUID`, `.userUUID`,
 *   `.operationSuccess` (the guide's table 10-1), and `.taskUUID` when there is a task (VMware
 *   Cloud Director API 37.0 guide, "Notification Message Format");
 * - XML: `vmext:Notification` (extension/notification.xsd; the REST API dropped the element at
 *   30.0, so the generated package may not carry it and it is written here) with the
 *   `entityResolver` link and the EntityLinks `entity`, `down` (user), `up` (org), `task`,
 *   `task:owner`, then `Timestamp` and `OperationSuccess`, on the configured exchange;
 * - JSON: the guide's fields (`eventId`, `type`, `timestamp`, `operationSuccess`, `user`, `org`,
 *   `entity`, `task`, `taskOwner`: URNs), on `<prefix>.notifications20`.
 */
import type { EventEntity, SimEvent } from "../events/events.js";
import { urn } from "../store/ids.js";
import { jsonExchangeOf, type AmqpSettings } from "./settings.js";

export interface Outgoing {
  readonly exchange: string;
  readonly routingKey: string;
  readonly content: Buffer;
  readonly contentType: string;
  readonly headers: Record<string, string | boolean>;
  readonly messageId: string;
}

/** Names of what an event's ids name (for the XML EntityLinks). */
export interface Names {
  org(id: string): string | undefined;
  user(id: string): string | undefined;
  /** A task's operation name (`vappDeploy`). */
  task(id: string): string | undefined;
}

const VMEXT = "http://www.vmware.com/vcloud/extension/v1.5";
const VCLOUD = "http://www.vmware.com/vcloud/v1.5";

const urnOf = (e: EventEntity): string => urn(e.kind, e.id);

/** The kinds whose name is appended to the routing key. */
const TASK_KINDS = new Set(["task", "blockingTask", "blockingtask"]);

export function routingKey(event: SimEvent): string {
  const parts = [
    String(event.success),
    event.entity.id,
    event.orgId,
    event.userId,
    event.type.replace(/\//g, "."),
  ];
  if (TASK_KINDS.has(event.entity.kind) && event.entity.name)
    parts.push(event.entity.name);
  return parts.join(".");
}

export function headersOf(event: SimEvent): Record<string, string | boolean> {
  return {
    "notification.type": event.type,
    "notification.entityType": event.entity.kind,
    "notification.entityUUID": event.entity.id,
    "notification.orgUUID": event.orgId,
    "notification.userUUID": event.userId,
    "notification.operationSuccess": event.success,
    ...(event.taskId !== undefined
      ? { "notification.taskUUID": event.taskId }
      : {}),
  };
}

const escape = (text: string): string =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

function entityLink(
  rel: string,
  kind: string,
  id: string,
  name: string | undefined,
): string {
  const named = name === undefined ? "" : ` name="${escape(name)}"`;
  return `<vmext:EntityLink rel="${escape(rel)}" type="vcloud:${escape(kind)}"${named} id="urn:vcloud:${escape(kind)}:${escape(id)}"/>`;
}

export function notificationXml(
  event: SimEvent,
  apiUrl: string,
  names: Names,
): string {
  const links = [
    entityLink("entity", event.entity.kind, event.entity.id, event.entity.name),
    entityLink("down", "user", event.userId, names.user(event.userId)),
    entityLink("up", "org", event.orgId, names.org(event.orgId)),
    ...(event.taskId !== undefined
      ? [entityLink("task", "task", event.taskId, names.task(event.taskId))]
      : []),
    ...(event.taskOwner
      ? [
          entityLink(
            "task:owner",
            event.taskOwner.kind,
            event.taskOwner.id,
            event.taskOwner.name,
          ),
        ]
      : []),
  ];
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<vmext:Notification xmlns:vmext="${VMEXT}" xmlns:vcloud="${VCLOUD}" type="${escape(event.type)}" eventId="${escape(event.eventId)}">` +
    `<vmext:Link rel="entityResolver" href="${escape(apiUrl)}/entity/"/>` +
    links.join("") +
    `<vmext:Timestamp>${escape(event.timestamp)}</vmext:Timestamp>` +
    `<vmext:OperationSuccess>${String(event.success)}</vmext:OperationSuccess>` +
    `</vmext:Notification>`
  );
}

export function notificationJson(event: SimEvent): Record<string, unknown> {
  return {
    eventId: event.eventId,
    type: event.type,
    timestamp: event.timestamp,
    operationSuccess: event.success,
    user: urn("user", event.userId),
    org: urn("org", event.orgId),
    entity: urnOf(event.entity),
    ...(event.taskId !== undefined ? { task: urn("task", event.taskId) } : {}),
    ...(event.taskOwner ? { taskOwner: urnOf(event.taskOwner) } : {}),
  };
}

/** Both messages of an event: XML on the configured exchange, JSON on `<prefix>.notifications20`. */
export function notificationsOf(
  event: SimEvent,
  settings: AmqpSettings,
  apiUrl: string,
  names: Names,
): Outgoing[] {
  const common = {
    routingKey: routingKey(event),
    headers: headersOf(event),
    messageId: event.eventId,
  };
  return [
    {
      ...common,
      exchange: settings.exchange,
      contentType: "application/xml",
      content: Buffer.from(notificationXml(event, apiUrl, names)),
    },
    {
      ...common,
      exchange: jsonExchangeOf(settings),
      contentType: "application/json",
      content: Buffer.from(JSON.stringify(notificationJson(event))),
    },
  ];
}
