/**
 * vcd-codegen runtime, client: one HTTP exchange. Builds the `Request`, runs the middleware, calls
 * `fetch` and reads the whole body (as a stream, counting its bytes: past the client's
 * `maxAnswerBytes` the reading stops), all under one deadline; turns what goes wrong on the way
 * (timeout, abort, network, an answer too large) into the client's typed errors. What the answer means is `response.ts`'s.
 */
import {
  checkTimeout,
  deadlineError,
  startDeadline,
  untilAborted,
} from "./deadline.js";
import {
  VcdAnswerTooLargeError,
  VcdError,
  VcdNetworkError,
  VcdRequestError,
  type VcdErrorContext,
} from "./errors.js";
import type { HttpMethod, OperationInfo } from "./operation.js";
import type { Middleware } from "./types.js";

/** How the client sends: its fetch, its middleware, its default timeout, the largest answer it reads. */
export interface Transport {
  readonly fetch: typeof fetch;
  readonly middleware: readonly Middleware[];
  readonly timeout: number;
  /** The largest body it reads, in bytes. */
  readonly maxAnswerBytes: number;
}

/** One request to send. */
export interface Outgoing {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Headers;
  readonly body?: string;
  readonly operation?: OperationInfo;
  /** `manual` where the client decides which redirects to follow (a request carrying the session or credentials). */
  readonly redirect?: RequestRedirect;
}

/** A request and its answer, with the body read. */
export interface Exchange {
  /** The URL the request went to (a middleware may have changed it). */
  readonly url: string;
  readonly response: Response;
  readonly text: string;
  /** The client followed a redirect to get here (fetch's own following shows in `response.redirected`). */
  readonly redirected?: boolean;
}

type Phase = "prepare" | "middleware" | "network";

/** Sends `outgoing` and reads the answer, within `timeout` (or the transport's) and `signal`. */
export async function exchange(
  transport: Transport,
  outgoing: Outgoing,
  options: { readonly signal?: AbortSignal; readonly timeout?: number },
): Promise<Exchange> {
  const context: VcdErrorContext = {
    method: outgoing.method,
    url: outgoing.url,
    operation: outgoing.operation?.name,
  };
  const timeout = checkTimeout(options.timeout ?? transport.timeout);
  const deadline = startDeadline(timeout, options.signal);
  const { signal } = deadline;
  let phase: Phase = "prepare";
  try {
    if (signal.aborted) throw signal.reason;
    const middleware = transport.middleware;
    const fetchImpl = transport.fetch; // called detached: a browser's fetch refuses another `this`
    // The platform's fetch ends both the request and the body's reading when the signal aborts;
    // a user's own fetch may not, so its promises are raced against the signal.
    const settle: <T>(promise: Promise<T>) => Promise<T> =
      fetchImpl === globalThis.fetch
        ? (promise) => promise
        : (promise) => untilAborted(promise, signal);
    const init: RequestInit = {
      method: outgoing.method,
      headers: outgoing.headers,
      body: outgoing.body,
      signal,
      ...(outgoing.redirect ? { redirect: outgoing.redirect } : {}),
    };
    let response: Response;
    let url = outgoing.url;
    if (middleware.length === 0) {
      // No middleware to hand a Request to: fetch(url, init) spares building one (measured: tens
      // of µs a call, most of the client's own overhead on a PUT).
      phase = "network";
      response = await settle(fetchImpl(url, init));
    } else {
      let request = new Request(url, init);
      phase = "middleware";
      let early: Response | undefined;
      for (const m of middleware) {
        if (!m.onRequest) continue;
        const out: Request | Response | undefined | void = await untilAborted(
          Promise.resolve(
            m.onRequest({ request, operation: outgoing.operation }),
          ),
          signal,
        );
        if (isResponse(out)) {
          early = out;
          break;
        }
        if (out) request = out;
      }
      phase = "network";
      url = request.url;
      response = early ?? (await settle(fetchImpl(request, { signal })));
      phase = "middleware";
      for (let i = middleware.length - 1; i >= 0; i--) {
        const m = middleware[i];
        if (!m.onResponse) continue;
        const out: Response | undefined | void = await untilAborted(
          Promise.resolve(
            m.onResponse({ request, response, operation: outgoing.operation }),
          ),
          signal,
        );
        if (out) response = out;
      }
    }
    phase = "network";
    const text = await settle(
      readBody(response, transport.maxAnswerBytes, {
        ...context,
        url: response.url || url,
      }),
    );
    return { url, response, text };
  } catch (error) {
    throw failure(error, phase, deadline, timeout, context);
  } finally {
    deadline.dispose();
  }
}

/**
 * The body as text (UTF-8, as `Response.text()` decodes it), read chunk by chunk with a running
 * byte count: an answer that announces more than `limit` bytes is not read at all, one that sends
 * more stops being read there (the stream is cancelled, which ends the connection's download).
 */
async function readBody(
  response: Response,
  limit: number,
  context: VcdErrorContext,
): Promise<string> {
  const tooLarge = (announced?: number) =>
    new VcdAnswerTooLargeError(
      limit,
      {
        ...context,
        status: response.status,
        contentType: response.headers.get("content-type") ?? undefined,
      },
      announced,
    );
  const announced = Number(response.headers.get("content-length") ?? "");
  const body = response.body;
  if (announced > limit) {
    body?.cancel().catch(() => undefined);
    throw tooLarge(announced);
  }
  // A user's fetch may answer with a Response-like object without a stream.
  if (!body || typeof body.getReader !== "function") {
    const text = await response.text();
    if (text.length > limit) throw tooLarge();
    return text;
  }
  const reader = body.getReader();
  // The chunks are kept as they come and decoded once at the end: one string, not one a chunk
  // joined into another (the answer's text allocated three times over, a page of a query walk
  // included, where what a walk allocates decides how often V8 collects, and how much it keeps).
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return decodeChunks(chunks, size);
}

/** The UTF-8 text of `chunks` (`size` bytes in all), as `Response.text()` decodes it. */
function decodeChunks(chunks: readonly Uint8Array[], size: number): string {
  const decoder = new TextDecoder();
  if (chunks.length === 1) return decoder.decode(chunks[0]);
  const whole = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return decoder.decode(whole);
}

function isResponse(value: unknown): value is Response {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Response).status === "number" &&
    typeof (value as Response).text === "function"
  );
}

function failure(
  error: unknown,
  phase: Phase,
  deadline: { timedOut: boolean; aborted: boolean },
  timeout: number,
  context: VcdErrorContext,
): Error {
  if (error instanceof VcdError) return error;
  const ended = deadlineError(deadline, timeout, context, error);
  if (ended) return ended;
  if (phase === "prepare")
    return new VcdRequestError(
      `cannot send ${context.method} ${context.url}: ${error instanceof Error ? error.message : String(error)}`,
      { ...context, cause: error },
    );
  if (phase === "network")
    return new VcdNetworkError({ ...context, cause: error });
  // A middleware's own error goes through as it is (a bare value is wrapped).
  return error instanceof Error
    ? error
    : new VcdError(`middleware threw ${String(error)}`, {
        ...context,
        cause: error,
      });
}
