/**
 * vcd-codegen runtime, simulator: a client's request that an enabled extension service's API filter
 * matches, answered by that service: authenticated as any API request (401 without a session),
 * then its method, URI, query, headers and body forwarded with the caller's security context
 * (forwarder.ts), and the service's status, headers and body sent back as they are. It comes
 * before routing: a filter may claim a path the API does not have (`/api/org/<id>/backup`, the
 * guide's example) or one it has.
 */
import type { IncomingHttpHeaders } from "node:http";
import { unauthorized } from "../fault.js";
import type { Rendered } from "../render.js";
import type { BodyBytes } from "../request/body-bytes.js";
import { token } from "../request/credentials.js";
import { urn } from "../store/ids.js";
import { RIGHTS } from "../store/rights.js";
import type { Store } from "../store/store.js";
import type { ExtensionForwarder } from "./forwarder.js";
import type { ExtensionService } from "./services.js";

/** The request as the pipeline has it. */
export interface CallToForward {
  readonly method: string;
  /** Below `/api`. */
  readonly path: string;
  /** `?a=b`, or empty. */
  readonly search: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: BodyBytes;
  readonly remotePort?: number;
}

export interface ForwardingDeps {
  readonly store: Store;
  readonly forwarder: ExtensionForwarder;
  /** The API root (`http://127.0.0.1:PORT/api`). */
  readonly apiBase: string;
}

/** Headers of the service's reply that are the connection's, not the answer's. */
const HOP_BY_HOP = new Set([
  "connection",
  "content-length",
  "keep-alive",
  "transfer-encoding",
]);

export async function forwardCall(
  s: ForwardingDeps,
  call: CallToForward,
  service: ExtensionService,
): Promise<Rendered> {
  const presented = token(call.headers);
  const session =
    presented === undefined ? undefined : s.store.sessions.use(presented);
  if (!session) throw unauthorized();
  const user = s.store.user(session.userId);
  const body = await call.body();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(call.headers))
    if (value !== undefined)
      headers[name] = Array.isArray(value) ? value.join(", ") : value;
  const rights = s.store.isSystemAdmin(user)
    ? (Object.values(RIGHTS) as string[])
    : [...(s.store.roleOf(user)?.rights ?? [])];
  const reply = await s.forwarder.forward(
    service,
    {
      method: call.method,
      requestUri: `/api${call.path}`,
      queryString: call.search === "" ? null : call.search.slice(1),
      headers,
      body,
      localAddr: "127.0.0.1",
      localPort: Number(new URL(s.apiBase).port),
      remoteAddr: "127.0.0.1",
      remotePort: call.remotePort,
    },
    {
      user: urn("user", user.id),
      org: urn("org", user.orgId),
      rights,
    },
  );
  const out: Record<string, string> = {};
  let contentType: string | undefined;
  for (const [name, value] of Object.entries(reply.headers)) {
    if (HOP_BY_HOP.has(name.toLowerCase())) continue;
    if (name.toLowerCase() === "content-type") contentType = value;
    out[name] = value;
  }
  return {
    status: reply.statusCode,
    headers: out,
    body: reply.body,
    ...(contentType !== undefined ? { contentType } : {}),
  };
}
