/**
 * vcd-codegen runtime, client: the shapes a call takes and gives back. The generated stubs are
 * typed with these; the client itself is in `client.ts`.
 */
import type {
  Document,
  ElementGroupPart,
  ElementPart,
  ValidateOptions,
  Violation,
  WriteOptions,
} from "../xml/index.js";
import type { CloudapiSession } from "./cloudapi-values.js";
import type { OperationInfo } from "./operation.js";
import type { RetrySetting } from "./retry.js";

/** What an answer without a body (204, or any 2xx or 3xx with an empty body) reads as. */
export interface NoContent {
  readonly element: null;
  readonly value: undefined;
}

/** The HTTP facts every reply carries beside its document. */
export interface ReplyMeta {
  readonly status: number;
  /** The `Location` header (201 Created, 303 See Other), resolved against the URL; or, when fetch followed a redirect, where it led. */
  readonly location: string | undefined;
  readonly headers: Headers;
  /** The URL that answered (after redirects). */
  readonly url: string;
}

/**
 * A document (or {@link NoContent}) with the HTTP facts of the answer. Distributive over a union of
 * documents, so that narrowing on `element` narrows `value`.
 */
export type Reply<D> = D extends unknown ? D & ReplyMeta : never;

/** One query parameter's value: `undefined` leaves it out; a list is sent comma-separated. */
export type QueryValue =
  string | number | boolean | readonly string[] | undefined;

/** A query string by parameter name (a generated stub's `...Query` interface fits). */
export type QueryParameters = Readonly<Record<string, QueryValue>>;

/** Options of one call; `Q` is the operation's query parameters (a generated stub narrows it). */
export interface CallOptions<Q extends object = QueryParameters> {
  /** Aborts the call (then it rejects with `VcdAbortError`). */
  readonly signal?: AbortSignal;
  /** Milliseconds before the call gives up (`VcdTimeoutError`); default the client's `timeout`. */
  readonly timeout?: number;
  /** Sent with this call, over the client's (e.g. `X-VMWARE-VCLOUD-TENANT-CONTEXT`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The query string; `undefined` values are left out. */
  readonly query?: Q;
  /**
   * Retries of a `400 BUSY_ENTITY` or a 503 for this call, over the client's `retry` (its fields
   * win; `true`: the client's, or the defaults; `false`: none for this call).
   */
  readonly retry?: RetrySetting;
}

/** Options of a `get`. */
export interface GetOptions extends CallOptions {
  /**
   * The elements the answer may be, by their schemas (`VAppSchema`): the client loads them first.
   * Default: the elements its binding names (every element, for a package's `createClient`; for
   * `createBareClient`, `vcloud:Task`, `vcloud:Session`, `versioning:SupportedVersions`).
   */
  readonly accept?: readonly (ElementPart | ElementGroupPart)[];
}

/** An operation's path parameters by name (`{ id: "vapp-1" }`); each value is percent-encoded into the path. */
export type PathParameters<P extends string = string> = {
  readonly [K in P]: string | number;
};

/** Anything with an `href` (a `Link` or `Reference` the server sent): the request goes to that URL as is. */
export interface Href {
  readonly href: string;
}

/** The same as {@link Href}. */
export type HrefTarget = Href;

/**
 * Where a call goes: the path parameters `P` filled into the operation's template, or anything
 * with an href (then the request goes there).
 */
export type Target<P extends string = string> = PathParameters<P> | Href;

/** What a middleware sees. */
export interface MiddlewareContext {
  readonly request: Request;
  /** The operation being called, when the call has one (`undefined` for `versions`, `get`, task polls...). */
  readonly operation: OperationInfo | undefined;
}

/**
 * openapi-fetch style middleware. `onRequest` runs in the array's order and may return a new
 * `Request` (replacing it) or a `Response` (answering without any network); `onResponse` runs in
 * reverse order and may return a new `Response`. Returning nothing keeps what there was.
 */
export interface Middleware {
  onRequest?(
    context: MiddlewareContext,
  ):
    | Request
    | Response
    | undefined
    | void
    | Promise<Request | Response | undefined | void>;
  onResponse?(
    context: MiddlewareContext & { readonly response: Response },
  ): Response | undefined | void | Promise<Response | undefined | void>;
}

/** How a client is set up. */
export interface ClientOptions {
  /** The API root (`https://vcd.example.com/api`). */
  readonly baseUrl: string | URL;
  /** The `fetch` to use (default `globalThis.fetch`). */
  readonly fetch?: typeof fetch;
  /** Milliseconds each call may take, reading the answer included (default 60 000). */
  readonly timeout?: number;
  /** Sent with every request (a call's own `headers` win). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The largest answer body it reads, in bytes (default 64 MiB): an answer whose `Content-Length`
   * says more is not read, one that sends more stops being read there; both are a
   * `VcdAnswerTooLargeError`.
   */
  readonly maxAnswerBytes?: number;
  readonly middleware?: readonly Middleware[];
  /**
   * The API version to speak, whatever the server lists (the login URL is the one it lists for
   * exactly this version). Default: negotiated, the newest the server lists between the package's
   * oldest supported version and its own.
   */
  readonly apiVersion?: string;
  /**
   * Origins besides the API root's that may receive the session token and the login credentials
   * (`https://vcd-public.example.com`: a vCD behind a proxy whose hrefs name its public address).
   * An href on any other origin is refused before anything is sent: a link in a document must not
   * carry the session to another host.
   */
  readonly trustedOrigins?: readonly string[];
  /**
   * Where the credentials of a new login come from when the server refuses the session's token
   * (401: it expired, it was ended): the client then logs in once more, at the version it speaks
   * (one login for every call refused meanwhile), and replays a GET, PUT or DELETE; a POST's 401 is
   * thrown once the session is renewed (the caller decides). At most one re-login a call; never for
   * `login` or `logout`. A failing re-login is a `VcdReauthenticationError`. Default: none.
   */
  readonly reauthenticate?: () => Credentials | Promise<Credentials>;
  /**
   * Retries of what the server refused without acting on it: vCD's `400 BUSY_ENTITY` and 503
   * (`RetryOptions`; `true`: the defaults). A call's `retry` overrides it. Default: none.
   */
  readonly retry?: RetrySetting;
}

/** What the generated package gives the client: its versions, its documents and its operations. */
export interface ClientBinding {
  /** The API version the package was generated for: the newest it speaks. */
  readonly apiVersion: string;
  /**
   * The oldest version it may speak to a server that does not list `apiVersion` (default
   * `apiVersion`): below it, the package cannot tell what a version lacks.
   */
  readonly lowestApiVersion?: string;
  /** Reading, writing and validating documents (the package's, over its registry of loaded parts). */
  readonly documents: {
    fromXml(xml: string): Document;
    toXml(doc: Document, options?: WriteOptions): string;
    validate(doc: Document, options?: ValidateOptions): Violation[];
  };
  /**
   * The parts the client loads when it is created: what it reads without being told (a `get`
   * without `accept`, a 202 `Task`, a `vcloud:Error`). Absent: any element `documents` knows.
   */
  readonly parts?: readonly (ElementPart | ElementGroupPart)[];
  /** The element of error bodies (`vcloud:Error`), loaded when the client is created: read from a 4xx or 5xx answer, never a root otherwise. */
  readonly error?: ElementPart;
  /** The operations `followLink` chooses among (absent: none, and `followLink` refuses every link). */
  readonly operations?: readonly OperationInfo[];
}

/** The user, organization and password to log in with (`user@org:password`). */
export interface Credentials {
  readonly user: string;
  readonly org: string;
  readonly password: string;
}

/** How a token is sent: `bearer` as `Authorization: Bearer <token>`, `vcloud` as `x-vcloud-authorization: <token>`. */
export type TokenKind = "bearer" | "vcloud";

/**
 * The session of an XML login (`POST /api/sessions`, gone from API 38.0): the `vcloud:Session`
 * document, with `kind: "xml"`. The client always sets `kind`; the type leaves it optional so that
 * a package's own `DocumentFor<"vcloud:Session">` is one too.
 */
export type XmlLoginSession<D extends Document = Document> = D & {
  readonly kind?: "xml";
};

/**
 * The session of a cloudapi login (`POST /cloudapi/1.0.0/sessions`, or `.../sessions/provider`
 * for the `System` organization; the login URL a vCD 10.4 lists for 36.0 and 37.0): the JSON `Session` the server
 * answered with as `value`. It is no XML document: `element` is undefined.
 */
export interface CloudapiLoginSession {
  readonly kind: "cloudapi";
  readonly element?: undefined;
  readonly value: CloudapiSession;
}

/**
 * What a login gives: the XML `vcloud:Session` or the cloudapi JSON `Session`, told apart by
 * `kind` (`session.kind === "cloudapi"` narrows `value` to {@link CloudapiSession}).
 */
export type LoginSession<D extends Document = Document> =
  XmlLoginSession<D> | CloudapiLoginSession;
