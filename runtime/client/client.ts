/**
 * vcd-codegen runtime, client: the client. One small object holding the API root, the version it
 * speaks, the session token and the transport; every generated stub calls {@link VcdClient.call}
 * with its operation's row. Login, logout and version negotiation are the only calls of its own.
 * Negotiation picks the newest version the server lists from the package's oldest supported one up
 * to its own; the session then speaks that version: `Accept` names it, a body is validated and
 * written at it, and an operation added after it is refused before sending.
 * Login follows the `LoginUrl` the server lists for the version spoken, whatever the version: the
 * XML `POST /api/sessions` (a `vcloud:Session`) or the cloudapi `POST /cloudapi/1.0.0/sessions` (a
 * JSON `Session`; `cloudapi.ts`), which a vCD 10.4 lists for 36.0 as well as 37.0.
 */
import { loadPart, type Document, type ElementPart } from "../xml/index.js";
import {
  applyToken,
  basicAuthorization,
  carriesCredentials,
  tokenFromHeaders,
  userToken,
  type AuthToken,
} from "./auth.js";
import {
  cloudapiAccept,
  cloudapiLoginVersion,
  isCloudapiUrl,
  isJsonMediaType,
  isSystemOrg,
  providerLoginUrl,
  readCloudapiSession,
  sessionLogoutUrl,
} from "./cloudapi.js";
import { checkTimeout } from "./deadline.js";
import {
  VcdApiError,
  VcdAuthError,
  VcdRedirectError,
  VcdRequestError,
  VcdResponseError,
} from "./errors.js";
import { loadOperation, loadRoots } from "./known-documents.js";
import {
  availabilityAt,
  type BodyShape,
  type HttpMethod,
  type OperationInfo,
} from "./operation.js";
import { responsesForQuery } from "./query-format.js";
import {
  checkRetry,
  isRetryable,
  retryPolicy,
  Retries,
  type RetrySetting,
} from "./retry.js";
import {
  acceptHeader,
  encodeBody,
  isHrefTarget,
  normalizeBaseUrl,
  requestUrl,
  resolveHref,
  withQuery,
  type EncodedBody,
} from "./request.js";
import {
  httpError,
  readReply,
  replyMeta,
  type Expectation,
} from "./response.js";
import { exchange, type Exchange, type Transport } from "./transport.js";
import { SessionRenewal, type SentWith } from "./session-renewal.js";
import type {
  CallOptions,
  GetOptions,
  ClientBinding,
  ClientOptions,
  Credentials,
  Href,
  LoginSession,
  NoContent,
  Reply,
  Target,
  TokenKind,
} from "./types.js";
import {
  compareApiVersions,
  findVersion,
  negotiateVersion,
  SUPPORTED_VERSIONS_ELEMENT,
  versionInfos,
  type VersionInfoLike,
} from "./versions.js";

/** The default time a call may take: one minute. */
export const DEFAULT_TIMEOUT = 60_000;

/**
 * The default largest answer body: 64 MiB. vCD's largest documents are query pages (a page of
 * 1,000 VM records is under 1 MB) and OVF descriptors; a body this large is no answer of the API.
 */
export const DEFAULT_MAX_ANSWER_BYTES: number = 64 * 1024 * 1024;

/** A client of one vCD server, speaking one API version. */
export interface VcdClient {
  /** The API root, without trailing slash (`https://vcd.example.com/api`). */
  readonly baseUrl: string;
  /**
   * The API version it speaks (`Accept: application/*+xml;version=...`): the package's own (or the
   * one `createClient` was given) until `negotiate` or `login` picks the one the server lists.
   */
  readonly apiVersion: string;
  /** The session token; undefined before `login` or `resume`, and after `logout`. */
  readonly token: string | undefined;
  /** How the token is sent: `bearer` (`Authorization: Bearer`) or `vcloud` (`x-vcloud-authorization`). */
  readonly tokenKind: TokenKind | undefined;
  /**
   * The session of the last login; undefined before, after `logout` and after `resume`. `kind`
   * says which: `"xml"`, the `vcloud:Session` document; `"cloudapi"`, the JSON `Session`.
   */
  readonly session: LoginSession | undefined;
  /** The generated package's operations (for `operationForLink`). */
  readonly operations: readonly OperationInfo[];

  /** `GET {baseUrl}/versions` (no authentication): the `versioning:SupportedVersions` document. */
  versions(options?: CallOptions): Promise<Reply<Document>>;
  /**
   * Picks the version to speak from those the server lists: the newest from the package's oldest
   * supported version (`binding.lowestApiVersion`) up to its own (or exactly the one `createClient`
   * was given), which `apiVersion` then is; returns that version's login URL. Throws
   * `VcdVersionError` (naming the versions the server supports and the range) when there is none.
   */
  negotiate(options?: CallOptions): Promise<string>;
  /**
   * Logs in: negotiates the version, POSTs to its login URL with Basic authentication, and keeps
   * the token the server answers with (the bearer token when there is one). 401: `VcdAuthError`.
   *
   * The login URL is the one the server lists for the version spoken, whatever the version. Under
   * `/cloudapi/` (vCD 10.4 lists it for 36.0 and 37.0; a server may for any version from 33.0,
   * where the cloudapi sessions begin) it is a cloudapi login: `Accept: application/json;version=V` (V the
   * version spoken, or the lowest listed from 33.0, where the cloudapi sessions begin), the
   * `System` organization at `.../sessions/provider`, and the reply the JSON `Session` (`kind:
   * "cloudapi"`); otherwise the `vcloud:Session` document (`kind: "xml"`). What the answer's
   * `Content-Type` says decides how it is read. When an XML login URL answers 404 or 405 (`POST
   * /api/sessions` is gone from 38.0) and the server lists a cloudapi login URL, the login is
   * tried there.
   */
  login(
    credentials: Credentials,
    options?: CallOptions,
  ): Promise<Reply<LoginSession>>;
  /**
   * Uses a token obtained elsewhere (default kind `bearer`). The version spoken stays as it is:
   * call `negotiate` first for a server that may not list the package's.
   */
  resume(token: string, kind?: TokenKind): void;
  /**
   * Ends the session and forgets the token (also when the server says 401): for a cloudapi login
   * `DELETE /cloudapi/1.0.0/sessions/{session id}`, else `DELETE {baseUrl}/session`.
   */
  logout(options?: CallOptions): Promise<void>;
  /**
   * Calls one operation: the one method every generated stub calls. `target` is the path
   * parameters, or anything with an `href` (then the request goes there). `body` is a document
   * (sent as the shape the operation takes for its element) or, for an operation of one shape, the
   * bare value; it is validated at the version spoken before anything is sent. An operation added
   * after the version spoken (`addedIn`), or one dropped at or before it (`removedIn`), is a `VcdRequestError`, before anything is sent. The type parameter only narrows the
   * answer's type (the stubs pass their operation's documents); what is checked at run time is
   * the operation's declared answers.
   */
  call<R extends Document | NoContent = Document | NoContent>(
    operation: OperationInfo,
    target: Target | undefined,
    body: Document | object | undefined,
    options?: CallOptions<object>,
  ): Promise<Reply<R>>;
  /**
   * `GET` any href (a `Link`, a `Reference`, a task) and read the document it gives: one of the
   * elements of `accept`, typed by their schemas (`{ accept: [VAppSchema] }` gives a
   * `vcloud:VApp` document), or without it any the client reads.
   */
  get<P extends ElementPart>(
    target: string | Href,
    options: GetOptions & { readonly accept: readonly P[] },
  ): Promise<Reply<DocumentOfPart<P>>>;
  get<R extends Document = Document>(
    target: string | Href,
    options?: GetOptions,
  ): Promise<Reply<R>>;
  /**
   * For a request of raw bytes the client does not make itself (a transfer to a File's
   * `upload:default` or `download:default` href): the client's `fetch`, and headers carrying the
   * session's token and the client's own headers. `url` must be on an origin the token may go to
   * (the API root's, or one of `trustedOrigins`), else `VcdRequestError`. The client's middleware
   * is not run (it is for API calls, whose bodies are documents).
   */
  rawAccess(url: string): RawAccess;
}

/** What {@link VcdClient.rawAccess} gives: the client's fetch and the headers for one request. */
export interface RawAccess {
  readonly fetch: typeof fetch;
  readonly headers: Headers;
  /**
   * After a 401 to a request sent with these headers: logs in again as a call's 401 would (with
   * the client's `reauthenticate`, once for all calls refused meanwhile, not after `logout()`),
   * and answers the headers to send it again with; undefined when the session is not renewed that
   * way (no `reauthenticate`, or the session ended). A failed re-login is a
   * `VcdReauthenticationError`; `signal` and `timeout` bound the wait.
   */
  renew(options?: {
    readonly signal?: AbortSignal;
    readonly timeout?: number;
  }): Promise<Headers | undefined>;
}

/** The document of an element part (a union of parts: any of theirs), `{ element, value }`. */
export type DocumentOfPart<P> =
  P extends ElementPart<infer K, infer V>
    ? { readonly element: K; readonly value: V }
    : never;

/** Creates a client for the package that `binding` describes. */
export function createClient(
  options: ClientOptions,
  binding: ClientBinding,
): VcdClient {
  return new Client(options, binding);
}

type Auth = "token" | "none" | { readonly basic: string };

interface Send {
  readonly method: HttpMethod;
  readonly url: string;
  readonly operation?: OperationInfo;
  readonly body?: EncodedBody;
  readonly auth: Auth;
  readonly accept?: string;
  readonly expect: Expectation;
  /** Set on `logout`'s request: a 401 there ends the session, it does not log in again. */
  readonly noRelogin?: true;
}

/**
 * The methods replayed after a re-login: vCD acts on none of them twice (a GET reads, a PUT sets
 * the whole of a resource, a DELETE of what is gone is refused). A POST may start a task.
 */
const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(["GET", "PUT", "DELETE"]);

/** How a cloudapi session ends: where, and with which `Accept`. */
interface CloudapiLogout {
  readonly url: string;
  readonly accept: string;
}

const SESSION_SHAPE: BodyShape = {
  mediaType: "application/vnd.vmware.vcloud.session+xml",
  type: "vcloud:SessionType",
  element: "vcloud:Session",
};

const VERSIONS_SHAPE: BodyShape = {
  mediaType: "application/*+xml",
  type: "versioning:SupportedVersionsType",
  element: SUPPORTED_VERSIONS_ELEMENT,
};

class Client implements VcdClient {
  readonly baseUrl: string;
  readonly operations: readonly OperationInfo[];
  #apiVersion: string;
  /** Set when `createClient` was given the version: then it is spoken exactly. */
  readonly #forced: boolean;
  readonly #highest: string;
  readonly #lowest: string;
  readonly #documents: ClientBinding["documents"];
  /** The elements a `get` reads without `accept` (undefined: any the documents know). */
  readonly #roots: ReadonlySet<string> | undefined;
  readonly #transport: Transport;
  readonly #headers: Readonly<Record<string, string>>;
  /** The client's `headers` carry a session or credentials of the user's own. */
  readonly #handSetCredentials: boolean;
  #token: AuthToken | undefined;
  #session: LoginSession | undefined;
  #cloudapiLogout: CloudapiLogout | undefined;
  /** The origins that may receive the token or the credentials: the API root's, and the trusted. */
  readonly #origins: ReadonlySet<string>;
  readonly #reauthenticate: ClientOptions["reauthenticate"];
  readonly #retry: RetrySetting | undefined;
  /** Logging in again when the token is refused (`reauthenticate`). */
  readonly #renewal: SessionRenewal<AuthToken>;

  constructor(options: ClientOptions, binding: ClientBinding) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.#origins = new Set(
      [this.baseUrl, ...(options.trustedOrigins ?? [])].map(originOf),
    );
    this.#apiVersion = options.apiVersion ?? binding.apiVersion;
    this.#forced = options.apiVersion !== undefined;
    this.#highest = binding.apiVersion;
    const lowest = binding.lowestApiVersion ?? binding.apiVersion;
    this.#lowest =
      compareApiVersions(lowest, binding.apiVersion) <= 0
        ? lowest
        : binding.apiVersion;
    this.operations = binding.operations ?? [];
    this.#documents = binding.documents;
    this.#roots = loadRoots(binding.parts);
    if (binding.error) loadPart(binding.error);
    this.#headers = options.headers ?? {};
    this.#handSetCredentials = carriesCredentials(this.#headers);
    this.#reauthenticate = options.reauthenticate;
    if (options.retry !== undefined) checkRetry(options.retry);
    this.#retry = options.retry;
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== "function")
      throw new VcdRequestError(
        "no fetch: this platform has no globalThis.fetch; pass one as options.fetch",
      );
    this.#transport = {
      fetch: fetchImpl,
      middleware: options.middleware ?? [],
      timeout: checkTimeout(options.timeout ?? DEFAULT_TIMEOUT),
      maxAnswerBytes: checkSize(
        options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES,
      ),
    };
    this.#renewal = new SessionRenewal(
      this.#reauthenticate ? () => this.#relogin() : undefined,
      () => this.#token,
      this.#transport.timeout,
    );
  }

  get apiVersion(): string {
    return this.#apiVersion;
  }

  get token(): string | undefined {
    return this.#token?.token;
  }

  get tokenKind(): TokenKind | undefined {
    return this.#token?.kind;
  }

  get session(): LoginSession | undefined {
    return this.#session;
  }

  async versions(options?: CallOptions): Promise<Reply<Document>> {
    return (await this.#send(
      {
        method: "GET",
        url: withQuery(`${this.baseUrl}/versions`, options?.query),
        auth: "none",
        accept: "application/*+xml",
        expect: { responses: [VERSIONS_SHAPE], document: true },
      },
      options,
    )) as Reply<Document>;
  }

  async negotiate(options?: CallOptions): Promise<string> {
    return this.#pick(await this.versions(options)).LoginUrl;
  }

  /** The version to speak among those `GET /versions` lists (now the one spoken). */
  #pick(versions: Reply<Document>): VersionInfoLike {
    const context = { method: "GET", url: versions.url };
    const info = this.#forced
      ? findVersion(versions, this.#apiVersion, context)
      : negotiateVersion(versions, this.#highest, this.#lowest, context);
    this.#apiVersion = info.Version.trim();
    return info;
  }

  async login(
    credentials: Credentials,
    options?: CallOptions,
  ): Promise<Reply<LoginSession>> {
    // The query is the caller's for the login request, not for the versions one.
    const versions = await this.versions({ ...options, query: undefined });
    return this.#loginWith(
      versions,
      this.#pick(versions),
      credentials,
      options,
    );
  }

  /** Logs in at the login URL `info` gives (an XML one gone: the newest cloudapi one listed). */
  async #loginWith(
    versions: Reply<Document>,
    info: VersionInfoLike,
    credentials: Credentials,
    options: CallOptions | undefined,
  ): Promise<Reply<LoginSession>> {
    const listed = versionInfos(versions);
    const loginUrl = resolveHref(info.LoginUrl, this.baseUrl);
    try {
      return await this.#loginAt(loginUrl, credentials, listed, options);
    } catch (error) {
      const gone =
        error instanceof VcdApiError &&
        (error.status === 404 || error.status === 405);
      if (!gone || isCloudapiUrl(loginUrl)) throw error;
      const cloudapi = newestCloudapiLoginUrl(listed, this.baseUrl);
      if (!cloudapi) throw error;
      return await this.#loginAt(cloudapi, credentials, listed, options);
    }
  }

  /** One login request at `loginUrl` (XML or cloudapi), and the session it gives. */
  async #loginAt(
    loginUrl: string,
    credentials: Credentials,
    listed: readonly VersionInfoLike[],
    options: CallOptions | undefined,
  ): Promise<Reply<LoginSession>> {
    const cloudapi = isCloudapiUrl(loginUrl);
    const version = cloudapiLoginVersion(
      this.apiVersion,
      listed.map((i) => i.Version),
    );
    const target =
      cloudapi && isSystemOrg(credentials.org)
        ? providerLoginUrl(loginUrl)
        : loginUrl;
    const done = await this.#request(
      {
        method: "POST",
        url: withQuery(target, options?.query),
        auth: { basic: basicAuthorization(credentials) },
        accept: cloudapi ? cloudapiAccept(version) : undefined,
        expect: { responses: [SESSION_SHAPE], document: true },
      },
      options,
    );
    const { response } = done;
    const contentType = response.headers.get("content-type");
    const json =
      response.status >= 200 &&
      response.status < 300 &&
      (isJsonMediaType(contentType) || (cloudapi && !contentType));
    let reply: Reply<LoginSession>;
    if (json) {
      const value = readCloudapiSession(done, { method: "POST" });
      reply = { kind: "cloudapi", value, ...replyMeta(done) };
    } else {
      const xml = readReply(
        this.#documents,
        done,
        { method: "POST" },
        { responses: [SESSION_SHAPE], document: true },
      ) as Reply<Document>;
      reply = { ...xml, kind: "xml" };
    }
    const token = tokenFromHeaders(reply.headers);
    if (!token) {
      throw new VcdResponseError(
        "the login answer carries no token (X-VMWARE-VCLOUD-ACCESS-TOKEN or x-vcloud-authorization)",
        { method: "POST", url: reply.url, status: reply.status, body: "" },
      );
    }
    this.#token = token;
    if (reply.kind === "cloudapi") {
      this.#session = { kind: "cloudapi", value: reply.value };
      const sessions = cloudapi
        ? target
        : cloudapiSessionsUrl(this.baseUrl, reply.url);
      this.#cloudapiLogout = {
        url: sessionLogoutUrl(sessions, reply.value.id),
        accept: cloudapiAccept(version),
      };
    } else {
      this.#session = {
        kind: "xml",
        element: reply.element,
        value: reply.value,
      };
      this.#cloudapiLogout = undefined;
    }
    return reply;
  }

  resume(token: string, kind: TokenKind = "bearer"): void {
    this.#renewal.ended();
    this.#token = userToken(token, kind);
    this.#session = undefined;
    this.#cloudapiLogout = undefined;
  }

  async logout(options?: CallOptions): Promise<void> {
    const cloudapi = this.#cloudapiLogout;
    try {
      if (cloudapi) {
        // The cloudapi answers 204; whatever body it may send is not read.
        const done = await this.#request(
          {
            method: "DELETE",
            url: withQuery(cloudapi.url, options?.query),
            auth: "token",
            accept: cloudapi.accept,
            expect: { responses: [] },
            noRelogin: true,
          },
          options,
        );
        const { response, text } = done;
        if (response.status >= 400) {
          throw httpError(this.#documents, response, text, {
            method: "DELETE",
            url: response.url || done.url,
            status: response.status,
          });
        }
      } else {
        await this.#send(
          {
            method: "DELETE",
            url: withQuery(`${this.baseUrl}/session`, options?.query),
            auth: "token",
            expect: { responses: [] },
            noRelogin: true,
          },
          options,
        );
      }
    } catch (error) {
      if (!(error instanceof VcdAuthError)) throw error;
    }
    this.#renewal.ended();
    this.#token = undefined;
    this.#session = undefined;
    this.#cloudapiLogout = undefined;
  }

  async call<R extends Document | NoContent = Document | NoContent>(
    operation: OperationInfo,
    target: Target | undefined,
    body: Document | object | undefined,
    options?: CallOptions<object>,
  ): Promise<Reply<R>> {
    const missing = availabilityAt(operation, this.#apiVersion);
    if (missing) {
      const why =
        missing.missing === "added"
          ? `needs API version ${missing.in}`
          : `is gone from API version ${missing.in}`;
      throw new VcdRequestError(
        `${operation.name} (${operation.method} ${operation.path}) ${why}; this session speaks ${this.#apiVersion}`,
        { operation: operation.name, method: operation.method },
      );
    }
    loadOperation(operation);
    const url = requestUrl(this.baseUrl, operation, target, options?.query);
    const encoded = encodeBody(
      this.#documents,
      operation,
      body,
      this.#apiVersion,
    );
    const reply = await this.#send(
      {
        method: operation.method,
        url,
        operation,
        body: encoded,
        // A login operation called as a stub: the caller gives its Authorization header.
        auth: operation.auth === "basic" ? "none" : "token",
        // What the operation declares is what its stub's type says: exactly those documents (a
        // 202 Task only where declared), and a document where any is declared.
        // A query's answer is that of the format asked for (records by default).
        expect: {
          responses: responsesForQuery(operation, url),
          document: operation.responses.length > 0,
          exact: true,
        },
      },
      options,
    );
    if (operation.auth === "basic" && reply.element !== null) {
      const token = tokenFromHeaders(reply.headers);
      if (token) {
        this.#token = token;
        this.#session = {
          kind: "xml",
          element: reply.element,
          value: reply.value,
        };
        this.#cloudapiLogout = undefined;
      }
    }
    return reply as Reply<R>;
  }

  async get<R extends Document = Document>(
    target: string | Href,
    options?: GetOptions,
  ): Promise<Reply<R>> {
    const href = isHrefTarget(target) ? target.href : target;
    if (typeof href !== "string")
      throw new VcdRequestError(
        "get: give an href string or an object with an href",
      );
    return (await this.#send(
      {
        method: "GET",
        url: withQuery(resolveHref(href, this.baseUrl), options?.query),
        auth: "token",
        expect: {
          responses: [],
          document: true,
          roots: options?.accept ? loadRoots(options.accept) : this.#roots,
        },
      },
      options,
    )) as Reply<R>;
  }

  rawAccess(url: string): RawAccess {
    const secret = this.#secret(
      { method: "PUT", url, auth: "token", expect: { responses: [] } },
      undefined,
    );
    if (secret && !this.#origins.has(originOf(url)))
      throw new VcdRequestError(
        `refusing to send the session's ${secret} to ${originOf(url)}, which is not the API root's origin (${originOf(this.baseUrl)}); add it to trustedOrigins if it is the same server`,
        { url },
      );
    const headersNow = () => {
      const headers = new Headers();
      applyToken(headers, this.#token);
      for (const [name, value] of Object.entries(this.#headers))
        headers.set(name, value);
      return headers;
    };
    const sent = this.#renewal.sentWith();
    // Called detached whatever the caller does (`access.fetch(...)`): a browser's fetch refuses
    // any other `this` ("Illegal invocation").
    const fetchImpl = this.#transport.fetch;
    return {
      fetch: (input, init) => fetchImpl(input, init),
      headers: headersNow(),
      renew: async (options) => {
        if (this.#handSetCredentials || !this.#renewal.mayRenew(sent))
          return undefined;
        await this.#renewal.renew(
          sent,
          new VcdAuthError({ method: "PUT", url, status: 401 }),
          options?.signal,
          options?.timeout ?? this.#transport.timeout,
        );
        return headersNow();
      },
    };
  }

  /** Sends one request and reads the document (or none) it gives. */
  async #send(
    send: Send,
    options: CallOptions<object> | undefined,
  ): Promise<Reply<Document | NoContent>> {
    const done = await this.#request(send, options);
    return readReply(
      this.#documents,
      done,
      { method: send.method, operation: send.operation?.name },
      send.expect,
    );
  }

  /**
   * Sends a request as the session's options say: the one way every request of the client goes
   * (a raw one too), around {@link #exchange}. With `reauthenticate`, a 401 to a request carrying
   * the session's token logs in again (once a call) and replays it when it is a GET, PUT or
   * DELETE; a POST's 401 is thrown once the session is renewed. With `retry` (the client's or the
   * call's), a `400 BUSY_ENTITY` or a 503 is sent again after a back-off (`retry.ts`), until the
   * attempts or the deadline run out: then the first of those errors is thrown. Any other answer,
   * an error status too, is returned as it is, for the caller to read.
   */
  async #request(
    send: Send,
    options: CallOptions<object> | undefined,
  ): Promise<Exchange> {
    const policy = retryPolicy(this.#retry, options?.retry);
    const retries = policy && new Retries(policy);
    let renewed = false;
    for (;;) {
      const sent = this.#renewal.sentWith();
      const done = await this.#exchange(send, options);
      const status = done.response.status;
      if (status === 401 && !renewed && this.#mayRenew(send, options, sent)) {
        renewed = true;
        const refused = this.#errorOf(send, done) as VcdAuthError;
        await this.#renewal.renew(
          sent,
          refused,
          options?.signal,
          options?.timeout ?? this.#transport.timeout,
        );
        if (!IDEMPOTENT.has(send.method)) throw refused;
        continue;
      }
      if (!retries || (status !== 400 && status !== 503)) return done;
      const error = this.#errorOf(send, done);
      if (!isRetryable(error)) return done;
      await retries.backOff(error, options?.signal, {
        method: send.method,
        url: error.url,
        operation: send.operation?.name,
      });
    }
  }

  /** The typed error of an error answer, as `readReply` makes it. */
  #errorOf(send: Send, done: Exchange): VcdApiError {
    return httpError(this.#documents, done.response, done.text, {
      method: send.method,
      operation: send.operation?.name,
      url: done.response.url || done.url,
      status: done.response.status,
    });
  }

  /**
   * Whether a 401 to this request may log in again: it carried the session's token (not hand-set
   * credentials), it is no logout, and the session is still the one it was sent with.
   */
  #mayRenew(
    send: Send,
    options: CallOptions<object> | undefined,
    sent: SentWith<AuthToken>,
  ): boolean {
    return (
      send.auth === "token" &&
      !send.noRelogin &&
      !this.#userCredentials(options) &&
      this.#renewal.mayRenew(sent)
    );
  }

  /** Logs in again with `reauthenticate`'s credentials, at the version spoken (not negotiated anew). */
  async #relogin(): Promise<void> {
    const credentials = await this.#reauthenticate!();
    const versions = await this.versions();
    const info = findVersion(versions, this.#apiVersion, {
      method: "GET",
      url: versions.url,
    });
    await this.#loginWith(versions, info, credentials, undefined);
  }

  /**
   * Sends a request, following redirects. A request that carries the session's token, the login's
   * credentials or hand-set ones is sent with `redirect: "manual"` and the client follows its
   * redirects itself, only to the origins those may go to (fetch would follow to any, and keeps a
   * header of vCD's own, `x-vcloud-authorization`, across origins): so a login redirected
   * elsewhere never adopts that origin's token. A redirect not followed (another origin, a URL
   * already visited, the sixth) is a `VcdRedirectError`, never an empty reply.
   */
  async #exchange(
    send: Send,
    options: CallOptions<object> | undefined,
  ): Promise<Exchange> {
    let current = send;
    const visited = new Set<string>();
    for (let hop = 0; ; hop++) {
      const secret = this.#secret(current, options);
      visited.add(`${current.method} ${current.url}`);
      const done = await this.#exchangeOnce(current, options, secret);
      const { response } = done;
      const status = response.status;
      const context = { method: current.method, url: done.url, status };
      // A browser's fetch hides a manual redirect's status and Location.
      if (response.type === "opaqueredirect")
        throw new VcdRedirectError(
          "the platform does not show where it leads, so the client cannot check that the session may go there",
          context,
        );
      const location = response.headers.get("location");
      if (!location || !FOLLOWED.has(status))
        return hop ? { ...done, redirected: true } : done;
      const next = resolveHref(location, done.url);
      const toGet =
        status === 303 ||
        ((status === 301 || status === 302) && current.method === "POST");
      const method = toGet ? "GET" : current.method;
      const redirect = { ...context, location: next };
      if (visited.has(`${method} ${next}`))
        throw new VcdRedirectError(
          "a loop (it leads back to a URL already asked for)",
          redirect,
        );
      if (hop >= MAX_REDIRECTS)
        throw new VcdRedirectError(
          `more than ${MAX_REDIRECTS} redirects`,
          redirect,
        );
      if (secret && !this.#origins.has(originOf(next)))
        throw new VcdRedirectError(
          `${originOf(next)} is not the API root's origin (${originOf(this.baseUrl)}), and the request carries the session's ${secret}; add it to trustedOrigins if it is the same server`,
          redirect,
        );
      current = toGet
        ? { ...current, url: next, method: "GET", body: undefined }
        : { ...current, url: next };
    }
  }

  /** What secret a request carries (`token`, `credentials`, `headers (set in headers)`), or undefined. */
  #secret(
    send: Send,
    options: CallOptions<object> | undefined,
  ): string | undefined {
    if (this.#userCredentials(options)) return "headers (set in headers)";
    if (send.auth === "token") return this.#token ? "token" : undefined;
    return send.auth === "none" ? undefined : "credentials";
  }

  /** Whether the client's or the call's own headers carry a session or credentials (`Authorization`, `x-vcloud-authorization`...). */
  #userCredentials(options: CallOptions<object> | undefined): boolean {
    return this.#handSetCredentials || carriesCredentials(options?.headers);
  }

  /** Sends one request: `Accept`, authentication, `Content-Type`, then the client's headers and the call's (later wins). */
  async #exchangeOnce(
    send: Send,
    options: CallOptions<object> | undefined,
    secret: string | undefined,
  ): Promise<Exchange> {
    if (secret && !this.#origins.has(originOf(send.url)))
      throw new VcdRequestError(
        `refusing to send the session's ${secret} to ${originOf(send.url)}, which is not the API root's origin (${originOf(this.baseUrl)}); add it to trustedOrigins if it is the same server`,
        { method: send.method, url: send.url },
      );
    const headers = new Headers();
    headers.set("accept", send.accept ?? acceptHeader(this.apiVersion));
    if (send.auth === "token") applyToken(headers, this.#token);
    else if (send.auth !== "none")
      headers.set("authorization", send.auth.basic);
    if (send.body) headers.set("content-type", send.body.contentType);
    for (const extra of [this.#headers, options?.headers]) {
      for (const [name, value] of Object.entries(extra ?? {}))
        headers.set(name, value);
    }
    return exchange(
      this.#transport,
      {
        method: send.method,
        url: send.url,
        headers,
        body: send.body?.text,
        operation: send.operation,
        ...(secret ? { redirect: "manual" as const } : {}),
      },
      { signal: options?.signal, timeout: options?.timeout },
    );
  }
}

/** Checks `maxAnswerBytes`: a positive number of bytes. */
function checkSize(bytes: number): number {
  if (!(bytes > 0))
    throw new VcdRequestError(
      `maxAnswerBytes must be a positive number of bytes, not ${bytes}`,
    );
  return bytes;
}

/** Redirects followed for one call at the most. */
const MAX_REDIRECTS = 5;

/** The redirects the client follows (300, 304 and 305 are answers as they are). */
const FOLLOWED = new Set([301, 302, 303, 307, 308]);

/** `https://host:port` of a URL (a URL that does not parse stands for itself: it matches nothing). */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** The cloudapi login URL of the newest version the server lists with one, resolved; undefined when none. */
function newestCloudapiLoginUrl(
  listed: readonly VersionInfoLike[],
  baseUrl: string,
): string | undefined {
  const cloudapi = listed
    .map((info) => ({
      version: Number(info.Version),
      url: resolveHref(info.LoginUrl, baseUrl),
    }))
    .filter((info) => isCloudapiUrl(info.url))
    .sort((a, b) => (b.version || 0) - (a.version || 0));
  return cloudapi[0]?.url;
}

/** `https://vcd.example.com/cloudapi/1.0.0/sessions` beside the API root (`.../api`). */
function cloudapiSessionsUrl(baseUrl: string, fallback: string): string {
  try {
    const url = new URL(baseUrl);
    url.pathname = `${url.pathname.replace(/\/+$/, "").replace(/\/api$/, "")}/cloudapi/1.0.0/sessions`;
    url.search = "";
    return url.href;
  } catch {
    return fallback;
  }
}
