/**
 * vcd-codegen runtime, amqp: one typed value for a notification in either form vCD publishes.
 *
 * - XML: `vmext:Notification` (NotificationType of the vcloud-ext schema, extension/notification.xsd:
 *   `Link`s, among them `rel="entityResolver"`, `EntityLink`s, `Timestamp`, `OperationSuccess`,
 *   attributes `type` and `eventId`). The schema marks the type removed at 30.0 for the REST API, but
 *   the broker still sends it, so it is read here whatever the API version, without the schema.
 * - JSON: the guide's object (`eventId`, `type`, `timestamp`, `operationSuccess`, `user`, `org`,
 *   `entity`, `task`, `taskOwner`, ...).
 *
 * Evidence: vCloud API Programming Guide 5.5, chapter 10, "Example: Notification Message Format"
 * (../shared/seeds/003_*.txt, and page 313 of the guide for the XML form).
 */
import { parseXml, type XmlElement } from "../xml/xml-parser.js";
import { VcdAmqpError } from "./amqp-error.js";
import {
  readNotificationHeaders,
  type NotificationHeaders,
} from "./notification-headers.js";
import type { NotificationType } from "./notification-types.js";

/** `http://www.vmware.com/vcloud/extension/v1.5`: the namespace of `vmext:Notification`. */
export const VMEXT_NS = "http://www.vmware.com/vcloud/extension/v1.5";

/** One `EntityLink` (XML) or one URN field (JSON), as a link. */
export interface EntityLink {
  /** `entity`, `down` (the user), `up` (the org), `task`, `task:owner`, ... */
  readonly rel: string;
  /** `vcloud:vapp`, `vcloud:blockingTask`, ... (for JSON, from the URN). */
  readonly type: string;
  readonly name?: string;
  /** The URN: `urn:vcloud:blockingTask:25`. */
  readonly id: string;
}

export interface NotificationLink {
  readonly rel: string;
  readonly href: string;
  readonly type?: string;
  readonly name?: string;
}

/** A vCD notification, from either form. */
export interface Notification {
  readonly form: "xml" | "json";
  readonly eventId: string;
  readonly type: NotificationType;
  /** As vCD wrote it (`2011-06-18T14:33:27.787+03:00`); `Date.parse` reads it. */
  readonly timestamp: string;
  readonly operationSuccess: boolean;
  /** URNs of what the event is about (undefined when the message does not say). */
  readonly entity?: string;
  readonly user?: string;
  readonly org?: string;
  readonly task?: string;
  readonly taskOwner?: string;
  /** The name vCD gave the entity (XML `EntityLink rel="entity"` name, JSON `entityName`). */
  readonly entityName?: string;
  readonly entityLinks: readonly EntityLink[];
  readonly links: readonly NotificationLink[];
  /** The entity resolver's href (`https://vcd/api/entity/`), when the XML form gives it. */
  readonly entityResolver?: string;
  /** The message's `notification.*` headers. */
  readonly headers: NotificationHeaders;
  /** Fields of the JSON form this reader does not name, as they came. */
  readonly details: Readonly<Record<string, unknown>>;
}

export interface NotificationMessageInfo {
  /** The message's content type: JSON when it says `json`, XML when it says `xml`; else the body decides. */
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, unknown>>;
}

/** Which field of the JSON form is which `EntityLink` rel of the XML form (the guide's example). */
const RELS = [
  ["entity", "entity"],
  ["user", "down"],
  ["org", "up"],
  ["task", "task"],
  ["taskOwner", "task:owner"],
] as const;

const NAMED = new Set<string>([
  "eventId",
  "type",
  "timestamp",
  "operationSuccess",
  "entityName",
  ...RELS.map(([field]) => field),
]);

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Reads a notification's body (a message's `content`) in either form. Bad body: `VcdAmqpError` (`bad-message`). */
export function readNotification(
  body: Uint8Array | string,
  info: NotificationMessageInfo = {},
): Notification {
  const text = typeof body === "string" ? body : decodeBody(body);
  const headers = readNotificationHeaders(info.headers);
  const type = (info.contentType ?? "").toLowerCase();
  const form = type.includes("json")
    ? "json"
    : type.includes("xml")
      ? "xml"
      : text.trimStart().startsWith("<")
        ? "xml"
        : "json";
  return form === "json" ? fromJson(text, headers) : fromXml(text, headers);
}

function decodeBody(body: Uint8Array): string {
  try {
    return decoder.decode(body);
  } catch (error) {
    throw new VcdAmqpError(
      "bad-message",
      "notification: the body is not UTF-8",
      { cause: error },
    );
  }
}

function bad(message: string, cause?: unknown): VcdAmqpError {
  return new VcdAmqpError("bad-message", `notification: ${message}`, {
    cause,
  });
}

/** `urn:vcloud:blockingTask:25` -> `vcloud:blockingTask`. */
function typeOfUrn(urn: string): string {
  const parts = urn.split(":");
  return parts.length >= 4 && parts[0] === "urn"
    ? `${parts[1]}:${parts[2]}`
    : "";
}

function fromJson(text: string, headers: NotificationHeaders): Notification {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw bad(`the body is not JSON (${(error as Error).message})`, error);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw bad("the JSON body is not an object");
  const object = value as Record<string, unknown>;
  const string = (name: string, required: boolean): string | undefined => {
    const field = object[name];
    if (field === undefined || field === null) {
      if (required) throw bad(`the JSON body has no "${name}"`);
      return undefined;
    }
    if (typeof field !== "string")
      throw bad(`"${name}" is a ${typeof field}, not a string`);
    return field;
  };
  const success = object.operationSuccess;
  if (typeof success !== "boolean")
    throw bad(
      success === undefined
        ? 'the JSON body has no "operationSuccess"'
        : `"operationSuccess" is ${JSON.stringify(success)}, not true or false`,
    );
  const urns: Partial<Record<(typeof RELS)[number][0], string>> = {};
  const entityLinks: EntityLink[] = [];
  for (const [field, rel] of RELS) {
    const urn = string(field, false);
    if (urn === undefined) continue;
    urns[field] = urn;
    entityLinks.push({ rel, type: typeOfUrn(urn), id: urn });
  }
  const entityName = string("entityName", false);
  const details: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(object))
    if (!NAMED.has(name)) details[name] = field;
  return {
    form: "json",
    eventId: string("eventId", true)!,
    type: string("type", true)!,
    timestamp: string("timestamp", true)!,
    operationSuccess: success,
    ...urns,
    ...(entityName !== undefined ? { entityName } : {}),
    entityLinks,
    links: [],
    headers,
    details,
  };
}

function attribute(element: XmlElement, local: string): string | undefined {
  return element.attributes.find((a) => a.ns === "" && a.local === local)
    ?.value;
}

function textOf(element: XmlElement): string {
  return element.children
    .filter((child): child is string => typeof child === "string")
    .join("")
    .trim();
}

function fromXml(text: string, headers: NotificationHeaders): Notification {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    throw bad(`the body is not XML: ${(error as Error).message}`, error);
  }
  if (root.ns !== VMEXT_NS || root.local !== "Notification")
    throw bad(
      `the root element is {${root.ns}}${root.local}, not vmext:Notification {${VMEXT_NS}}Notification`,
    );
  const required = (local: string): string => {
    const value = attribute(root, local);
    if (value === undefined)
      throw bad(`vmext:Notification has no ${local} attribute`);
    return value;
  };
  const links: NotificationLink[] = [];
  const entityLinks: EntityLink[] = [];
  let timestamp: string | undefined;
  let success: string | undefined;
  for (const child of root.children) {
    if (typeof child === "string" || child.ns !== VMEXT_NS) continue;
    const where = `vmext:Notification/vmext:${child.local}`;
    const need = (local: string): string => {
      const value = attribute(child, local);
      if (value === undefined) throw bad(`${where} has no ${local} attribute`);
      return value;
    };
    const name = attribute(child, "name");
    const type = attribute(child, "type");
    if (child.local === "Link")
      links.push({
        rel: need("rel"),
        href: need("href"),
        ...(type !== undefined ? { type } : {}),
        ...(name !== undefined ? { name } : {}),
      });
    else if (child.local === "EntityLink")
      entityLinks.push({
        rel: need("rel"),
        type: type ?? "",
        ...(name !== undefined ? { name } : {}),
        id: need("id"),
      });
    else if (child.local === "Timestamp") timestamp = textOf(child);
    else if (child.local === "OperationSuccess") success = textOf(child);
  }
  if (timestamp === undefined)
    throw bad("vmext:Notification has no vmext:Timestamp");
  if (
    success !== "true" &&
    success !== "false" &&
    success !== "1" &&
    success !== "0"
  )
    throw bad(
      success === undefined
        ? "vmext:Notification has no vmext:OperationSuccess"
        : `vmext:OperationSuccess is "${success}", not a boolean`,
    );
  const byRel = (rel: string) => entityLinks.find((l) => l.rel === rel);
  const urns: Record<string, string> = {};
  for (const [field, rel] of RELS) {
    const link = byRel(rel);
    if (link) urns[field] = link.id;
  }
  const entityName = byRel("entity")?.name;
  const resolver = links.find((l) => l.rel === "entityResolver")?.href;
  return {
    form: "xml",
    eventId: required("eventId"),
    type: required("type"),
    timestamp,
    operationSuccess: success === "true" || success === "1",
    ...urns,
    ...(entityName !== undefined ? { entityName } : {}),
    entityLinks,
    links,
    ...(resolver !== undefined ? { entityResolver: resolver } : {}),
    headers,
    details: {},
  };
}
