/**
 * vcd-codegen runtime, simulator: one request, through vCD's checks in order: route (404, 405),
 * `Accept` (406, and 404 for an operation added after the version asked for), credentials (401),
 * privileges of the operation's tag (403), the entities its path names, the right it needs and the
 * access level on a vApp (403), then the response cache for a GET, else `Content-Type` (415), the
 * body (read off the connection only now, up to the limit: 413; decoded as declared and within
 * vCD's request limits: 400) validated at the version asked for (400), and the resource's
 * handler. Every answer is a document of the package, or empty. A request other than a GET may
 * change the store: it bumps the store's revision (what the response cache is keyed by).
 */
import type { StaticFiles } from "./static-files.js";
import type { IncomingHttpHeaders } from "node:http";
import type { Document } from "../runtime/xml/index.js";
import type { SimulatorBinding } from "./binding.js";
import type { Extensibility } from "./extensibility.js";
import { forwardCall } from "./extensions/forward-call.js";
import {
  availabilityAt,
  type OperationInfo,
} from "../runtime/client/operation.js";
import {
  forbidden,
  noAccess,
  notFound,
  unauthorized,
  VcdFault,
} from "./fault.js";
import type { Ctx } from "./handlers/context.js";
import { namedEntities } from "./handlers/entities.js";
import { fallback } from "./handlers/fallback.js";
import { uuidOf, type Hrefs } from "./handlers/hrefs.js";
import { HANDLERS, handlerKey } from "./handlers/index.js";
import type { MinimalInstances } from "./handlers/minimal.js";
import { loginReply } from "./handlers/session.js";
import { render, type Rendered } from "./render.js";
import { ResponseCache } from "./response-cache.js";
import { readBody } from "./request/body.js";
import type { BodyBytes } from "./request/body-bytes.js";
import { decodeBody } from "./request/decode.js";
import type { ContentModels } from "./request/content-model.js";
import { basicCredentials, token } from "./request/credentials.js";
import { acceptedVersion, bodyShape } from "./request/negotiate.js";
import type { Router } from "./router.js";
import type { Unavailable } from "./unavailable.js";
import { SCHEMA_OPERATION_PATHS, type SchemaFiles } from "./schema-files.js";
import { allows } from "./store/access-levels.js";
import type { AccessLevel, User } from "./store/model.js";
import { rightFor } from "./store/rights.js";
import type { DiskRules } from "./store/disks.js";
import type { Store } from "./store/store.js";
import type { VAppRules } from "./store/vapps.js";
import type { Transfers } from "./transfer/transfers.js";

export interface IncomingCall {
  readonly method: string;
  /** The path below `/api` (`/vApp/vapp-1`), and the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The query as sent (`?page=2&pageSize=25`, or empty). */
  readonly search: string;
  readonly headers: IncomingHttpHeaders;
  /** The body's bytes, read when first asked for (only once the request is routed and authenticated). */
  readonly body: BodyBytes;
  /** The client's port (what an extension service is told). */
  readonly remotePort?: number;
}

export interface Services {
  readonly binding: SimulatorBinding;
  readonly router: Router;
  readonly store: Store;
  readonly rules: VAppRules;
  readonly disks: DiskRules;
  readonly hrefs: Hrefs;
  readonly models: ContentModels;
  readonly minimal: MinimalInstances;
  /** The versions it speaks, oldest first; `highest` is the last (errors before negotiation, XSD files). */
  readonly versions: readonly string[];
  readonly highest: string;
  /** `GET /versions`, rendered once. */
  readonly versionsAnswer: Rendered;
  readonly schemas: SchemaFiles | undefined;
  readonly cache: ResponseCache;
  /** The transfer service's transfers and spool. */
  readonly transfers: Transfers;
  /** For the renderer: the package's documents. */
  readonly documents: SimulatorBinding["documents"];
  /** The load balancer's 503s still to answer (`failNextRequests`). */
  readonly unavailable: Unavailable;
  /** The static files served outside `/api` (`staticDir`), if any. */
  readonly staticFiles: StaticFiles | undefined;
  /** The AMQP side: notifications, blocking tasks, extension services. */
  readonly extensibility: Extensibility;
}

/** One request, answered: through every check, then the response cache (GETs) or the handler. */
export async function handleCall(
  s: Services,
  call: IncomingCall,
): Promise<Rendered> {
  s.store.tasks.settle();
  s.store.blockingTasks.settle();
  const extra =
    call.method === "GET" ? s.schemas?.byPath(call.path) : undefined;
  if (extra) return render(s, call.method, call.path, extra, s.highest);
  // an enabled extension service's API filter claims the request before routing
  const service = s.store.extensionServices.match(`/api${call.path}`);
  if (service)
    return forwardCall(
      {
        store: s.store,
        forwarder: s.extensibility.forwarder,
        apiBase: s.hrefs.base,
      },
      call,
      service,
    );
  const route = s.router.find(call.method, call.path);
  if ("kind" in route) {
    if (route.kind === "unknown-path") throw notFound();
    throw new VcdFault(
      405,
      "METHOD_NOT_ALLOWED",
      `The method ${call.method} is not allowed on this resource; it allows ${route.allowed.join(", ")}.`,
      { Allow: route.allowed.join(", ") },
    );
  }
  const { op, params } = route;
  if (op.method === "GET" && op.path === "/versions") return s.versionsAnswer;
  if (op.method === "GET" && SCHEMA_OPERATION_PATHS.includes(op.path)) {
    if (!s.schemas) throw notFound();
    return render(
      s,
      call.method,
      call.path,
      s.schemas.reply(op, params),
      s.highest,
    );
  }
  const version = acceptedVersion(headerOf(call.headers.accept), s.versions);
  const missing = availabilityAt(op, version);
  if (missing)
    throw notFound(
      missing.missing === "added"
        ? `The requested resource was not found: it exists from API version ${missing.in}, this request asks for ${version}.`
        : `The requested resource was not found: it is gone from API version ${missing.in}, this request asks for ${version}.`,
    );
  if (op.auth === "basic") {
    const credentials = basicCredentials(call.headers);
    if (!credentials) throw unauthorized();
    const user = s.store.authenticate(credentials.login, credentials.password);
    s.store.touch();
    return render(
      s,
      call.method,
      call.path,
      loginReply(s.store, s.hrefs, user),
      version,
    );
  }
  const presented = token(call.headers);
  // Who asks and what they may do, before the body is read; asked again once it has come (the
  // session may have ended, the entity gone, the access level changed meanwhile).
  const authorize = () => {
    const session =
      presented === undefined ? undefined : s.store.sessions.use(presented);
    if (!session) throw unauthorized();
    const user = s.store.user(session.userId);
    checkPrivileges(s.store, user, op.tag, params);
    checkEntities(s.store, user, op, params);
    return { session, user };
  };
  let { session, user } = authorize();
  const entry = HANDLERS[handlerKey(op.method, op.path)];
  const shapes = op.requestBodies.length
    ? op.requestBodies
    : entry?.body
      ? [entry.body]
      : [];
  const cacheable = op.method === "GET" && shapes.length === 0;
  const key = cacheable
    ? ResponseCache.key(user.id, version, call.path, call.search)
    : "";
  if (cacheable) {
    const hit = s.cache.get(key, s.store.revision);
    if (hit) return hit;
  }
  let body: Document | undefined;
  if (shapes.length) {
    const contentType = headerOf(call.headers["content-type"]);
    const shape = bodyShape(contentType, shapes);
    const text = decodeBody(await call.body());
    s.store.tasks.settle(); // time passed while the body came
    ({ session, user } = authorize());
    if (text.trim() === "")
      throw new VcdFault(
        400,
        "BAD_REQUEST",
        "The request has no body; this operation requires one.",
      );
    body = readBody(s.binding.documents, s.models, shape, text, version);
  }
  const ctx: Ctx = {
    op,
    params,
    query: call.query,
    user,
    session,
    body,
    store: s.store,
    rules: s.rules,
    disks: s.disks,
    hrefs: s.hrefs,
    binding: s.binding,
    transfers: s.transfers,
    minimal: s.minimal,
    extensibility: s.extensibility,
  };
  const revision = s.store.revision;
  if (!cacheable) {
    try {
      const reply = entry ? await entry.handle(ctx) : fallback(ctx, s.minimal);
      return render(s, call.method, call.path, reply, version);
    } finally {
      s.store.touch();
    }
  }
  const reply = entry ? await entry.handle(ctx) : fallback(ctx, s.minimal);
  const rendered = render(s, call.method, call.path, reply, version);
  if (s.store.revision === revision) s.cache.set(key, revision, rendered);
  return rendered;
}

/** `admin` operations: an Organization Administrator of the organization concerned (or the system administrator); `extension` ones: the system administrator. */
function checkPrivileges(
  store: Store,
  user: User,
  tag: string,
  params: Readonly<Record<string, string>>,
): void {
  if (tag === "extension" && !store.isSystemAdmin(user)) throw forbidden();
  if (tag !== "admin") return;
  const concerned =
    params.id === undefined ? undefined : store.orgOf(uuidOf(params.id));
  if (!store.isOrgAdmin(user, concerned ?? user.orgId)) throw forbidden();
}

/**
 * The entities the path names (handlers/entities.ts: an id that exists nowhere or of another
 * organization, 403), a vApp the user may not see (403, as a missing one), the right the operation
 * needs (store/rights.ts; 403 "This operation is denied."), and the access level it needs on a vApp
 * (store/access-levels.ts: reading `ReadOnly`, changing and operating `Change`, deleting, sharing and
 * giving away `FullControl`; 403 otherwise). Before the body is read.
 */
function checkEntities(
  store: Store,
  user: User,
  op: OperationInfo,
  params: Readonly<Record<string, string>>,
): void {
  const named = namedEntities(store, user, op.path, params);
  const levels = named.flatMap((e) =>
    e.vapp ? [{ e, level: store.vappLevel(user, e.vapp) }] : [],
  );
  for (const { e, level } of levels) if (!level) throw noAccess(e.kind, e.id);
  const right = op.tag === "user" ? rightFor(op.method, op.path) : undefined;
  if (right !== undefined && !store.hasRight(user, right)) throw forbidden();
  const needed = neededLevel(op);
  for (const { level } of levels) if (!allows(level, needed)) throw forbidden();
}

function neededLevel(op: OperationInfo): AccessLevel {
  if (op.method === "GET") return "ReadOnly";
  const path = op.path.replace(/\/+$/, "");
  const full =
    (op.method === "DELETE" && path === "/vApp/{id}") ||
    path === "/vApp/{id}/action/controlAccess" ||
    (op.method === "PUT" && path === "/vApp/{id}/owner");
  return full ? "FullControl" : "Change";
}

function headerOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(",") : value;
}
