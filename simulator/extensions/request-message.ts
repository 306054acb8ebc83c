/**
 * vcd-codegen runtime, simulator: the messages between vCD and an extension service (VMware Cloud
 * Director API Programming Guide 10.x and vCloud API Programming Guide 5.5, "Extension Service
 * AMQP Message Format"): the request is a JSON array of the HTTP request (`method`, `id`, `scheme`,
 * `protocol`, `headers` as an object of name:value, `queryString` or null, `localPort`,
 * `remoteAddr`, `remotePort`, `localAddr`, `request: true`, `requestUri`, the body in base64) and
 * the security context (`user`, `org`: URNs; `rights`: the user's rights, by name here: the
 * simulator's rights have no ids); the service's reply is one JSON object (`id`, `statusCode`,
 * `headers`, the body in base64).
 */

export interface ForwardedRequest {
  readonly method: string;
  /** `/api/org/<id>/backup`. */
  readonly requestUri: string;
  /** Without `?`; null when the request had none. */
  readonly queryString: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly localAddr: string;
  readonly localPort: number;
  readonly remoteAddr: string;
  readonly remotePort: number | undefined;
}

export interface SecurityContext {
  readonly user: string;
  readonly org: string;
  readonly rights: readonly string[];
}

export interface ServiceReply {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export function requestMessage(
  id: string,
  r: ForwardedRequest,
  context: SecurityContext,
): Buffer {
  return Buffer.from(
    JSON.stringify([
      {
        method: r.method,
        id,
        scheme: "http",
        protocol: "HTTP/1.1",
        headers: r.headers,
        queryString: r.queryString,
        localPort: r.localPort,
        remoteAddr: r.remoteAddr,
        ...(r.remotePort !== undefined ? { remotePort: r.remotePort } : {}),
        localAddr: r.localAddr,
        request: true,
        requestUri: r.requestUri,
        body: r.body.toString("base64"),
      },
      { user: context.user, org: context.org, rights: context.rights },
    ]),
  );
}

/** The service's reply, or why it is none (the client is then answered 502 with that). */
export function readReply(content: Buffer): ServiceReply | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.toString("utf8"));
  } catch (error) {
    return `the reply is not JSON (${(error as Error).message})`;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    return "the reply is no JSON object";
  const r = parsed as Record<string, unknown>;
  const status = Number(r.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599)
    return `the reply's statusCode ${String(r.statusCode)} is no HTTP status`;
  const headers: Record<string, string> = {};
  if (typeof r.headers === "object" && r.headers !== null)
    for (const [name, value] of Object.entries(r.headers))
      headers[name] = Array.isArray(value)
        ? value.map(String).join(", ")
        : String(value);
  const body =
    typeof r.body === "string"
      ? Buffer.from(r.body, "base64")
      : Buffer.alloc(0);
  return { statusCode: status, headers, body };
}
