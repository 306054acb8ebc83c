/**
 * vcd-codegen runtime, client: the errors a call ends with. Every one extends {@link VcdError},
 * which carries the request's method and URL (and the HTTP status where there is one); the
 * underlying error, where there is one, is kept as `cause`. Nothing else is ever thrown by the
 * client, except `ValidationError` (from the XML room) for a body that breaks the schema.
 */
import type { CloudapiErrorValue } from "./cloudapi-values.js";
import { compareApiVersions } from "./version-order.js";

/**
 * The fields of a `vcloud:Error` document, as the server sends them (structurally: the generated
 * `vcloud.ErrorType` fits).
 */
export interface ErrorValue {
  readonly message: string;
  readonly majorErrorCode: number;
  readonly minorErrorCode: string;
  readonly vendorSpecificErrorCode?: string;
  readonly stackTrace?: string;
}

/** Where an error happened: the request (when there was one), its status, what caused it. */
export interface VcdErrorContext {
  /** `GET`, `POST`, ... */
  readonly method?: string;
  readonly url?: string;
  /** The HTTP status, where the server answered. */
  readonly status?: number;
  /** The operation's name (`powerOnVApp`), where the call came from a generated stub. */
  readonly operation?: string;
  readonly cause?: unknown;
}

/** The base of every error the client throws. */
export class VcdError extends Error {
  override name = "VcdError";
  /** The request's method, where there was a request. */
  readonly method: string | undefined;
  /** The request's URL, where there was a request. */
  readonly url: string | undefined;
  /** The HTTP status of the answer, where the server answered. */
  readonly status: number | undefined;
  /** The operation's name (`OperationInfo.name`), where the call came from a generated stub. */
  readonly operation: string | undefined;

  constructor(message: string, context: VcdErrorContext = {}) {
    super(
      message,
      context.cause === undefined ? undefined : { cause: context.cause },
    );
    this.method = context.method;
    this.url = context.url;
    this.status = context.status;
    this.operation = context.operation;
  }
}

/** What the client knows of an HTTP error answer. */
export interface HttpErrorContext extends VcdErrorContext {
  readonly status: number;
  readonly statusText?: string;
  /** The answer's headers. */
  readonly headers?: Headers;
  /** The answer's body text (empty when there was none). */
  readonly body?: string;
  /** The parsed `vcloud:Error`, when the body was one. */
  readonly error?: ErrorValue;
  /** The parsed cloudapi JSON error (`{ minorErrorCode, message }`), when the body was one. */
  readonly cloudapiError?: CloudapiErrorValue;
}

/**
 * The server answered with a 4xx or 5xx status. `error` is the parsed `vcloud:Error` when the body
 * was one, `cloudapiError` the parsed cloudapi JSON error (`/cloudapi/...`) when the body was that
 * (the fields of either are copied onto the error; a JSON error has no `majorErrorCode`, the status
 * stands for it), `body` the text in any case. The message is
 * `METHOD url: status minorErrorCode: server message`; `serverMessage` is the server's alone.
 * 401, 406 and 415 have their own subclasses.
 */
export class VcdApiError extends VcdError {
  override name = "VcdApiError";
  declare readonly status: number;
  readonly statusText: string;
  readonly headers: Headers | undefined;
  /** The body text the server sent (empty when there was none). */
  readonly body: string;
  /** The `vcloud:Error` document's value, when the body was one. */
  readonly error: ErrorValue | undefined;
  /** The cloudapi JSON error, when the body was one. */
  readonly cloudapiError: CloudapiErrorValue | undefined;
  /** The Error's `message`: the server's own words. */
  readonly serverMessage: string | undefined;
  readonly majorErrorCode: number | undefined;
  readonly minorErrorCode: string | undefined;
  readonly vendorSpecificErrorCode: string | undefined;
  readonly stackTrace: string | undefined;

  constructor(context: HttpErrorContext, what?: string) {
    super(httpErrorMessage(context, what), context);
    this.statusText = context.statusText ?? "";
    this.headers = context.headers;
    this.body = context.body ?? "";
    this.error = context.error;
    this.cloudapiError = context.cloudapiError;
    const server = context.error ?? context.cloudapiError;
    this.serverMessage = server?.message;
    this.majorErrorCode = context.error?.majorErrorCode;
    this.minorErrorCode = context.error
      ? context.error.minorErrorCode
      : context.cloudapiError?.minorErrorCode || undefined;
    this.vendorSpecificErrorCode = context.error?.vendorSpecificErrorCode;
    this.stackTrace = server?.stackTrace;
  }
}

function httpErrorMessage(context: HttpErrorContext, what?: string): string {
  const server = context.error ?? context.cloudapiError;
  const minor = context.error
    ? context.error.minorErrorCode
    : context.cloudapiError?.minorErrorCode || undefined;
  const status = [context.status, minor ?? context.statusText]
    .filter((part) => part !== undefined && part !== "")
    .join(" ");
  const detail = server?.message ?? what;
  return `${context.method ?? "?"} ${context.url ?? "?"}: ${status}${detail ? `: ${detail}` : ""}`;
}

/** 401: bad credentials at login, or a token the server no longer accepts. */
export class VcdAuthError extends VcdApiError {
  override name = "VcdAuthError";
  constructor(context: HttpErrorContext) {
    super(context, "not authenticated");
  }
}

/**
 * A call's token was refused (401) and logging in again (`createClient({ reauthenticate })`)
 * failed: `cause` is the call's own 401 (a {@link VcdAuthError}), `loginError` what the re-login
 * ended with (the error `reauthenticate` threw, or the login's: a `VcdAuthError` for credentials
 * the server refuses, a `VcdNetworkError`...). The call was not replayed.
 */
export class VcdReauthenticationError extends VcdError {
  override name = "VcdReauthenticationError";
  declare readonly status: number;
  /** What the re-login ended with. */
  readonly loginError: unknown;
  constructor(original: VcdAuthError, loginError: unknown) {
    super(
      `${where(original)}the token was refused (401) and logging in again failed: ${loginError instanceof Error ? loginError.message : String(loginError)}`,
      {
        method: original.method,
        url: original.url,
        status: original.status,
        operation: original.operation,
        cause: original,
      },
    );
    this.loginError = loginError;
  }
}

/** 406: the server does not speak the API version or media type asked for in `Accept`. */
export class VcdNotAcceptableError extends VcdApiError {
  override name = "VcdNotAcceptableError";
  constructor(context: HttpErrorContext) {
    super(context, "the API version or media type asked for is not acceptable");
  }
}

/** 415: the server does not take the body's media type there. */
export class VcdUnsupportedMediaTypeError extends VcdApiError {
  override name = "VcdUnsupportedMediaTypeError";
  constructor(context: HttpErrorContext) {
    super(context, "the server does not take this media type");
  }
}

/** The call's timeout (or `waitForTask`'s) elapsed before the answer was read. */
export class VcdTimeoutError extends VcdError {
  override name = "VcdTimeoutError";
  /** The timeout that elapsed, in milliseconds. */
  readonly timeout: number;
  constructor(timeout: number, context: VcdErrorContext = {}) {
    super(
      `${where(context)}${context.operation ? `${context.operation} ` : ""}timed out after ${timeout} ms`,
      context,
    );
    this.timeout = timeout;
  }
}

/** The caller's `AbortSignal` aborted the call; `cause` is the signal's reason. */
export class VcdAbortError extends VcdError {
  override name = "VcdAbortError";
  constructor(context: VcdErrorContext = {}) {
    super(`${where(context)}aborted`, context);
  }
}

/** The request never got an answer: connection refused or reset, DNS failure, TLS... */
export class VcdNetworkError extends VcdError {
  override name = "VcdNetworkError";
  /** The system error code where the platform gives one (`ECONNREFUSED`). */
  readonly code: string | undefined;
  constructor(context: VcdErrorContext) {
    const code = systemCode(context.cause);
    super(
      `${where(context)}network error${code ? ` (${code})` : ""}: ${describe(context.cause)}`,
      context,
    );
    this.code = code;
  }
}

/** The answer is not what the operation declares: not XML, another root element, another media type. */
export class VcdResponseError extends VcdError {
  override name = "VcdResponseError";
  declare readonly status: number;
  /** The body text as received. */
  readonly body: string;
  /** The answer's `Content-Type` header, if any. */
  readonly contentType: string | undefined;
  constructor(
    problem: string,
    context: VcdErrorContext & {
      status: number;
      body: string;
      contentType?: string;
    },
  ) {
    super(
      `${where(context)}unexpected answer (${context.status}): ${problem}`,
      context,
    );
    this.body = context.body;
    this.contentType = context.contentType;
  }
}

/**
 * The answer's body is larger than the client's `maxAnswerBytes`: reading stopped there (or, when
 * `Content-Length` announced more, never began), so memory stays bounded. `body` is empty.
 */
export class VcdAnswerTooLargeError extends VcdResponseError {
  override name = "VcdAnswerTooLargeError";
  /** The limit, in bytes. */
  readonly limit: number;
  constructor(
    limit: number,
    context: VcdErrorContext & { status: number; contentType?: string },
    announced?: number,
  ) {
    super(
      `the body is larger than the client's maxAnswerBytes (${limit} bytes)${announced === undefined ? "" : `: Content-Length says ${announced}`}; nothing past the limit was read`,
      { ...context, body: "" },
    );
    this.limit = limit;
  }
}

/**
 * A redirect the client does not follow: to an origin the session's token or credentials may not
 * go to (or whose origin the platform hides: a browser's `redirect: "manual"`), back to where it
 * has been, or past the fifth. Nothing was sent to where it leads.
 */
export class VcdRedirectError extends VcdError {
  override name = "VcdRedirectError";
  declare readonly status: number;
  /** Where the redirect leads (resolved), when the platform shows it. */
  readonly location: string | undefined;
  constructor(
    problem: string,
    context: VcdErrorContext & { status: number; location?: string },
  ) {
    super(
      `${where(context)}redirect (${context.status})${context.location ? ` to ${context.location}` : ""} not followed: ${problem}`,
      context,
    );
    this.location = context.location;
  }
}

/** The server lists no API version the client may speak (the one it was told to speak, or any in the package's range). */
export class VcdVersionError extends VcdError {
  override name = "VcdVersionError";
  /** The versions the server lists (`VersionInfo/Version`). */
  readonly supported: readonly string[];
  /** The version the client speaks (or, negotiating, the newest it may speak). */
  readonly apiVersion: string;
  /** Negotiating: the oldest version the client may speak (the package's oldest supported one). */
  readonly lowestApiVersion: string;
  constructor(
    apiVersion: string,
    supported: readonly string[],
    context: VcdErrorContext = {},
    lowestApiVersion: string = apiVersion,
  ) {
    const listed = supported.length ? supported.join(", ") : "none";
    super(
      lowestApiVersion === apiVersion
        ? `the server does not support API version ${apiVersion} (it supports ${listed})`
        : `the server supports no API version from ${lowestApiVersion} to ${apiVersion}, the versions this client speaks (it supports ${listed})${whatToDo(supported)}`,
      context,
    );
    this.apiVersion = apiVersion;
    this.lowestApiVersion = lowestApiVersion;
    this.supported = supported;
  }
}

/**
 * What a user can do about a server that lists no version the package speaks (a vCD 5.5, which
 * lists 1.5 to 5.5, met by a package of 27.0 to 36.0): generate a package for the newest version
 * it lists, or force that version on this one.
 */
function whatToDo(supported: readonly string[]): string {
  const numeric = supported.filter((v) => /^\d+(\.\d+)*$/.test(v.trim()));
  if (!numeric.length) return "";
  const newest = numeric
    .map((v) => v.trim())
    .reduce((a, b) => (compareApiVersions(b, a) > 0 ? b : a));
  return `: generate a package for a version it lists (vcd-codegen generate --api-version ${newest}), or force one with createClient({ apiVersion: "${newest}" })`;
}

/** The task fields {@link VcdTaskError} reports (the generated `vcloud.TaskType` fits). */
export interface FailedTask {
  readonly href?: string;
  readonly status: string;
  readonly name?: string;
  readonly operation?: string;
  readonly operationName?: string;
  readonly Error?: ErrorValue;
}

/** A task ended `error`, `aborted` or `canceled`. */
export class VcdTaskError extends VcdError {
  override name = "VcdTaskError";
  /** The task's last value, as the server sent it. */
  readonly task: FailedTask;
  /** Its `status`: `error`, `aborted` or `canceled`. */
  readonly taskStatus: string;
  /** Its `Error` element, when it has one. */
  readonly error: ErrorValue | undefined;
  constructor(task: FailedTask) {
    const what = task.operationName ?? task.operation ?? task.name ?? "task";
    super(
      `task ${what} ended ${task.status}${task.Error ? `: ${task.Error.message}` : ""}`,
      { url: task.href },
    );
    this.task = task;
    this.taskStatus = task.status;
    this.error = task.Error;
  }
}

/** A call that could not be sent as asked (a missing path parameter, a body the operation does not take...): nothing was sent. */
export class VcdRequestError extends VcdError {
  override name = "VcdRequestError";
}

function where(context: VcdErrorContext): string {
  return context.method || context.url
    ? `${context.method ?? "?"} ${context.url ?? "?"}: `
    : "";
}

/** The `code` of an error or of its causes (undici puts the system error in `cause`). */
function systemCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error && cause.message !== error.message
      ? `${error.message}: ${cause.message}`
      : error.message;
  }
  return String(error);
}
