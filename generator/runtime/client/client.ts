/**
 * vcd-codegen runtime, client: the client. One small object holding the API root, the version it
 * speaks, the session token and the transport; every generated stub calls {@link VcdClient.call}
 * with its operation's row. Login, logout and version negotiation are the only calls of its own.
 */
import type { Document } from "../xml/index.js";
import {
  applyToken,
  basicAuthorization,
  tokenFromHeaders,
  userToken,
  type AuthToken,
} from "./auth.js";
import { checkTimeout } from "./deadline.js";
import { VcdAuthError, VcdRequestError, VcdResponseError } from "./errors.js";
import type { BodyShape, HttpMethod, OperationInfo } from "./operation.js";
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
import { readReply, type Expectation } from "./response.js";
import { exchange, type Transport } from "./transport.js";
import type {
  CallOptions,
  ClientBinding,
  ClientOptions,
  Credentials,
  Href,
  NoContent,
  Reply,
  Target,
  TokenKind,
} from "./types.js";
import { findVersion, SUPPORTED_VERSIONS_ELEMENT } from "./versions.js";

/** The default time a call may take: one minute. */
export const DEFAULT_TIMEOUT = 60_000;

/** A client of one vCD server, speaking one API version. */
export interface VcdClient {
  /** The API root, without trailing slash (`https://vcd.example.com/api`). */
  readonly baseUrl: string;
  /** The API version it speaks (`Accept: application/*+xml;version=...`). */
  readonly apiVersion: string;
  /** The session token; undefined before `login` or `resume`, and after `logout`. */
  readonly token: string | undefined;
  /** How the token is sent: `bearer` (`Authorization: Bearer`) or `vcloud` (`x-vcloud-authorization`). */
  readonly tokenKind: TokenKind | undefined;
  /** The `vcloud:Session` document of the last login; undefined otherwise. */
  readonly session: Document | undefined;
  /** The generated package's operations (for `operationForLink`). */
  readonly operations: readonly OperationInfo[];

  /** `GET {baseUrl}/versions` (no authentication): the `versioning:SupportedVersions` document. */
  versions(options?: CallOptions): Promise<Reply<Document>>;
  /**
   * Checks that the server lists the version the client speaks and returns that version's login
   * URL; throws `VcdVersionError` (naming the versions the server supports) when it does not.
   */
  negotiate(options?: CallOptions): Promise<string>;
  /**
   * Logs in: negotiates the version, POSTs to its login URL with Basic authentication, and keeps
   * the token the server answers with (the bearer token when there is one). 401: `VcdAuthError`.
   */
  login(
    credentials: Credentials,
    options?: CallOptions,
  ): Promise<Reply<Document>>;
  /** Uses a token obtained elsewhere (default kind `bearer`). */
  resume(token: string, kind?: TokenKind): void;
  /** `DELETE {baseUrl}/session`, and forgets the token (also when the server says 401). */
  logout(options?: CallOptions): Promise<void>;
  /**
   * Calls one operation: the one method every generated stub calls. `target` is the path
   * parameters, or anything with an `href` (then the request goes there). `body` is a document
   * (sent as the shape the operation takes for its element) or, for an operation of one shape, the
   * bare value; it is validated before anything is sent. The type parameter only narrows the
   * answer's type (the stubs pass their operation's documents); what is checked at run time is
   * the operation's declared answers.
   */
  call<R extends Document | NoContent = Document | NoContent>(
    operation: OperationInfo,
    target: Target | undefined,
    body: Document | object | undefined,
    options?: CallOptions<object>,
  ): Promise<Reply<R>>;
  /** `GET` any href (a `Link`, a `Reference`, a task) and read the document it gives. */
  get<R extends Document = Document>(
    target: string | Href,
    options?: CallOptions,
  ): Promise<Reply<R>>;
}

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
  readonly apiVersion: string;
  readonly operations: readonly OperationInfo[];
  readonly #documents: ClientBinding["documents"];
  readonly #transport: Transport;
  readonly #headers: Readonly<Record<string, string>>;
  #token: AuthToken | undefined;
  #session: Document | undefined;

  constructor(options: ClientOptions, binding: ClientBinding) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.apiVersion = options.apiVersion ?? binding.apiVersion;
    this.operations = binding.operations;
    this.#documents = binding.documents;
    this.#headers = options.headers ?? {};
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== "function")
      throw new VcdRequestError(
        "no fetch: this platform has no globalThis.fetch; pass one as options.fetch",
      );
    this.#transport = {
      fetch: fetchImpl,
      middleware: options.middleware ?? [],
      timeout: checkTimeout(options.timeout ?? DEFAULT_TIMEOUT),
    };
  }

  get token(): string | undefined {
    return this.#token?.token;
  }

  get tokenKind(): TokenKind | undefined {
    return this.#token?.kind;
  }

  get session(): Document | undefined {
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
    const reply = await this.versions(options);
    return findVersion(reply, this.apiVersion, {
      method: "GET",
      url: reply.url,
    }).LoginUrl;
  }

  async login(
    credentials: Credentials,
    options?: CallOptions,
  ): Promise<Reply<Document>> {
    // The query is the caller's for the login request, not for the versions one.
    const negotiated = await this.negotiate({ ...options, query: undefined });
    const loginUrl = withQuery(
      resolveHref(negotiated, this.baseUrl),
      options?.query,
    );
    const reply = (await this.#send(
      {
        method: "POST",
        url: loginUrl,
        auth: { basic: basicAuthorization(credentials) },
        expect: { responses: [SESSION_SHAPE], document: true },
      },
      options,
    )) as Reply<Document>;
    const token = tokenFromHeaders(reply.headers);
    if (!token) {
      throw new VcdResponseError(
        "the login answer carries no token (X-VMWARE-VCLOUD-ACCESS-TOKEN or x-vcloud-authorization)",
        { method: "POST", url: reply.url, status: reply.status, body: "" },
      );
    }
    this.#token = token;
    this.#session = { element: reply.element, value: reply.value };
    return reply;
  }

  resume(token: string, kind: TokenKind = "bearer"): void {
    this.#token = userToken(token, kind);
    this.#session = undefined;
  }

  async logout(options?: CallOptions): Promise<void> {
    try {
      await this.#send(
        {
          method: "DELETE",
          url: withQuery(`${this.baseUrl}/session`, options?.query),
          auth: "token",
          expect: { responses: [] },
        },
        options,
      );
    } catch (error) {
      if (!(error instanceof VcdAuthError)) throw error;
    }
    this.#token = undefined;
    this.#session = undefined;
  }

  async call<R extends Document | NoContent = Document | NoContent>(
    operation: OperationInfo,
    target: Target | undefined,
    body: Document | object | undefined,
    options?: CallOptions<object>,
  ): Promise<Reply<R>> {
    const url = requestUrl(this.baseUrl, operation, target, options?.query);
    const encoded = encodeBody(this.#documents, operation, body);
    const reply = await this.#send(
      {
        method: operation.method,
        url,
        operation,
        body: encoded,
        // A login operation called as a stub: the caller gives its Authorization header.
        auth: operation.auth === "basic" ? "none" : "token",
        expect: { responses: operation.responses },
      },
      options,
    );
    if (operation.auth === "basic" && reply.element !== null) {
      const token = tokenFromHeaders(reply.headers);
      if (token) {
        this.#token = token;
        this.#session = { element: reply.element, value: reply.value };
      }
    }
    return reply as Reply<R>;
  }

  async get<R extends Document = Document>(
    target: string | Href,
    options?: CallOptions,
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
        expect: { responses: [], document: true },
      },
      options,
    )) as Reply<R>;
  }

  /** Sends one request: `Accept`, authentication, `Content-Type`, then the client's headers and the call's (later wins). */
  async #send(
    send: Send,
    options: CallOptions<object> | undefined,
  ): Promise<Reply<Document | NoContent>> {
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
    const done = await exchange(
      this.#transport,
      {
        method: send.method,
        url: send.url,
        headers,
        body: send.body?.text,
        operation: send.operation,
      },
      { signal: options?.signal, timeout: options?.timeout },
    );
    return readReply(
      this.#documents,
      done,
      { method: send.method, operation: send.operation?.name },
      send.expect,
    );
  }
}
