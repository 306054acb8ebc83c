/**
 * vcd-codegen runtime, amqp: the messages between vCD and an extension service. vCD forwards an API
 * request that matches a service's API filter as a JSON message on the service's exchange and
 * routing key; the service answers on the exchange the `replyToExchange` header names, with the
 * `reply-to` property as routing key and the same `correlationId`.
 *
 * Evidence: vCloud API Programming Guide (5.5 and the 10.x "Extension Service AMQP Message
 * Format"): Table 1 "Extension Service AMQP Message Headers" (`correlationId`, `reply-to`, the
 * custom `messageType` = `ProcessHttpRequest` | `ProcessHttpResponse`, `replyToExchange`); Table 2
 * "Request Message Property Names and Values" (`method`, `id`, `scheme`, `protocol`, `headers` as
 * a name:value object, `queryString` or null, `localPort`, `remoteAddr`, `remotePort`,
 * `localAddr`, `request` true, `requestUri`, the body base64-encoded); the message is a JSON array
 * whose first object is the request and whose second the security context (`user`, `org`,
 * `rights`). The reply: `id` (the request's), `statusCode`, `headers`, the body base64-encoded.
 */
import { VcdAmqpError } from "./amqp-error.js";
import type { AmqpMessage, AmqpPublishOptions } from "./amqp-client.js";

/** An API request vCD forwarded to the service, with who made it. */
export interface ExtensionRequest {
  /** The request's id: the reply carries it back. */
  readonly id: string;
  /** `GET`, `PUT`, `POST`, `DELETE`. */
  readonly method: string;
  /** The path as the client sent it (`/api/org/26/backup`). */
  readonly requestUri: string;
  /** The query string without `?`; undefined when the request had none (`null`). */
  readonly queryString: string | undefined;
  /** The request's headers, names as vCD sent them. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body, decoded from base64 (empty for none). */
  readonly body: Uint8Array;
  /** The body as UTF-8 text. */
  readonly text: string;
  readonly scheme?: string;
  readonly protocol?: string;
  readonly remoteAddr?: string;
  /** The security context: the user's and organization's URNs and the user's rights. */
  readonly user?: string;
  readonly org?: string;
  readonly rights: readonly string[];
  /** Where the reply goes: the message's `correlationId`, `reply-to` and `replyToExchange` header. */
  readonly correlationId: string;
  readonly replyTo: string;
  readonly replyToExchange: string;
  /** Every field of the request object this reader does not name, as it came. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** What the service answers. */
export interface ExtensionReply {
  readonly statusCode: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string is sent as UTF-8. */
  readonly body?: Uint8Array | string;
}

/** A reply ready to publish. */
export interface ExtensionReplyMessage {
  readonly exchange: string;
  readonly routingKey: string;
  readonly content: Uint8Array;
  readonly options: AmqpPublishOptions;
}

const NAMED = new Set([
  "id",
  "method",
  "requestUri",
  "queryString",
  "headers",
  "body",
  "scheme",
  "protocol",
  "remoteAddr",
]);

function bad(message: string, cause?: unknown): VcdAmqpError {
  return new VcdAmqpError("bad-message", `extension request: ${message}`, {
    cause,
  });
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Base64 to bytes (`atob`: Node 20 and browsers). */
export function fromBase64(text: string, what: string): Uint8Array {
  const compact = text.replace(/\s+/g, "");
  if (compact.length % 4 === 1 || !BASE64.test(compact))
    throw bad(`${what} is not base64`);
  const binary = atob(compact);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Bytes to base64 (`btoa`, in pieces so that large bodies do not overflow the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return String(value);
}

/** Reads the request message vCD sent to a service. Bad message: `VcdAmqpError` (`bad-message`). */
export function readExtensionRequest(message: AmqpMessage): ExtensionRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(message.content));
  } catch (error) {
    throw bad(`the body is not JSON (${(error as Error).message})`, error);
  }
  const [request, context] = Array.isArray(parsed) ? parsed : [parsed];
  if (typeof request !== "object" || request === null || Array.isArray(request))
    throw bad("the first element is not the request object");
  const r = request as Record<string, unknown>;
  const string = (name: string, required: boolean): string | undefined => {
    const value = r[name];
    if (value === undefined || value === null) {
      if (required) throw bad(`the request has no "${name}"`);
      return undefined;
    }
    if (typeof value !== "string")
      throw bad(`"${name}" is a ${typeof value}, not a string`);
    return value;
  };
  const headers: Record<string, string> = {};
  if (r.headers !== undefined && r.headers !== null) {
    if (typeof r.headers !== "object" || Array.isArray(r.headers))
      throw bad('"headers" is not an object of name:value pairs');
    for (const [name, value] of Object.entries(r.headers))
      headers[name] = Array.isArray(value)
        ? value.map(String).join(", ")
        : String(value);
  }
  const body = fromBase64(string("body", false) ?? "", '"body"');
  const security = readSecurityContext(context);
  const properties = message.properties;
  const replyToExchange = text(properties.headers?.replyToExchange);
  if (properties.correlationId === undefined || properties.correlationId === "")
    throw bad("the message has no correlationId");
  if (properties.replyTo === undefined || properties.replyTo === "")
    throw bad("the message has no reply-to");
  if (replyToExchange === undefined)
    throw bad("the message has no replyToExchange header");
  const details: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(r))
    if (!NAMED.has(name)) details[name] = value;
  const optional = (name: string) => {
    const value = string(name, false);
    return value === undefined ? {} : { [name]: value };
  };
  return {
    id: string("id", true)!,
    method: string("method", true)!,
    requestUri: string("requestUri", true)!,
    queryString: string("queryString", false),
    headers,
    body,
    text: new TextDecoder().decode(body),
    ...optional("scheme"),
    ...optional("protocol"),
    ...optional("remoteAddr"),
    ...security,
    correlationId: properties.correlationId,
    replyTo: properties.replyTo,
    replyToExchange,
    details,
  };
}

function readSecurityContext(context: unknown): {
  user?: string;
  org?: string;
  rights: readonly string[];
} {
  if (context === undefined || context === null) return { rights: [] };
  if (typeof context !== "object" || Array.isArray(context))
    throw bad("the second element is not the security context object");
  const c = context as Record<string, unknown>;
  const rights = c.rights ?? [];
  if (!Array.isArray(rights) || rights.some((r) => typeof r !== "string"))
    throw bad('the security context\'s "rights" is not a list of strings');
  const field = (name: "user" | "org") => {
    const value = c[name];
    if (value === undefined || value === null) return {};
    if (typeof value !== "string")
      throw bad(`the security context's "${name}" is not a string`);
    return { [name]: value };
  };
  return { ...field("user"), ...field("org"), rights: rights as string[] };
}

/** The reply to `request`, addressed as vCD expects it (its exchange, routing key and correlation id). */
export function writeExtensionReply(
  request: Pick<
    ExtensionRequest,
    "id" | "correlationId" | "replyTo" | "replyToExchange"
  >,
  reply: ExtensionReply,
): ExtensionReplyMessage {
  if (
    !Number.isInteger(reply.statusCode) ||
    reply.statusCode < 100 ||
    reply.statusCode > 599
  )
    throw new VcdAmqpError(
      "handler",
      `extension reply to ${request.id}: statusCode ${reply.statusCode} is not an HTTP status`,
    );
  const body =
    typeof reply.body === "string"
      ? new TextEncoder().encode(reply.body)
      : (reply.body ?? new Uint8Array());
  const json = {
    id: request.id,
    statusCode: reply.statusCode,
    headers: { ...reply.headers },
    body: toBase64(body),
  };
  return {
    exchange: request.replyToExchange,
    routingKey: request.replyTo,
    content: new TextEncoder().encode(JSON.stringify(json)),
    options: {
      contentType: "application/json",
      correlationId: request.correlationId,
      headers: { messageType: "ProcessHttpResponse" },
    },
  };
}
