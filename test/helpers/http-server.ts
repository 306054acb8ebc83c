/**
 * A small recording, answering HTTP server for tests, on 127.0.0.1 and a free port. It records
 * every request (method, path, query, headers, body) and answers from routes (method and path,
 * tried in the order added) with a scripted status, headers and body, a function of the request,
 * or not at all (`hang`: the socket stays open until `close`, or until the client gives up).
 *
 * ```ts
 * const server = await startHttpServer();
 * server.on("GET", "/api/versions", { status: 200, headers: { "content-type": "application/*+xml" }, body });
 * server.on("POST", /^\/api\/vApp\/[^/]+\/power\/action\/powerOn$/, (req) => ({ status: 202, body: task(req) }));
 * server.on("GET", "/api/slow", { hang: true });
 * ...
 * expect(server.requests.map((r) => r.path)).toEqual([...]);
 * await server.close();
 * ```
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One request as the server received it. */
export interface RecordedRequest {
  readonly method: string;
  /** The path without the query string, as sent (still percent-encoded). */
  readonly path: string;
  /** The query string's parameters (decoded), in order. */
  readonly query: URLSearchParams;
  /** The raw request target (path and query). */
  readonly target: string;
  /** The headers, names in lower case. */
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A scripted answer. */
export interface ScriptedAnswer {
  /** Default 200. */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: string;
  /** Milliseconds to wait before answering. */
  readonly delay?: number;
  /** Send the status and headers, then never the body (the socket stays open). */
  readonly hangAfterHeaders?: boolean;
}

/** Never answer: the socket stays open until the server closes or the client gives up. */
export interface Hang {
  readonly hang: true;
}

/** Destroy the socket without answering (the client sees a reset connection). */
export interface Reset {
  readonly reset: true;
}

/** What a route answers with. */
export type Answer = ScriptedAnswer | Hang | Reset;

/** A route's answer: fixed, or computed from the request. */
export type Responder =
  Answer | ((request: RecordedRequest) => Answer | Promise<Answer>);

export interface RouteOptions {
  /** Answer this many requests, then let later routes (or the fallback) answer. */
  readonly times?: number;
}

export interface TestHttpServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Adds a route: `method` (`*` for any) and the path exactly or a pattern over it. */
  on(
    method: string,
    path: string | RegExp,
    responder: Responder,
    options?: RouteOptions,
  ): TestHttpServer;
  /** What requests no route takes get (default 404 without a body). */
  fallback(responder: Responder): TestHttpServer;
  /** Forgets the routes and the recorded requests. */
  reset(): void;
  /** Stops listening and destroys every open connection (hanging ones included). */
  close(): Promise<void>;
}

interface Route {
  readonly method: string;
  readonly path: string | RegExp;
  readonly responder: Responder;
  left: number;
}

/** Starts a server on 127.0.0.1 and a port the system picks. */
export async function startHttpServer(): Promise<TestHttpServer> {
  let routes: Route[] = [];
  let fallback: Responder = { status: 404 };
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    // A client that gave up mid-request makes the streams fail: nothing to answer then.
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = req.url ?? "/";
    const q = target.indexOf("?");
    const recorded: RecordedRequest = {
      method: req.method ?? "",
      path: q < 0 ? target : target.slice(0, q),
      query: new URLSearchParams(q < 0 ? "" : target.slice(q + 1)),
      target,
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    requests.push(recorded);
    const route = routes.find(
      (r) =>
        r.left > 0 &&
        (r.method === "*" || r.method === recorded.method) &&
        (typeof r.path === "string"
          ? r.path === recorded.path
          : r.path.test(recorded.path)),
    );
    if (route) route.left--;
    const responder = route ? route.responder : fallback;
    let answer: Answer;
    try {
      answer =
        typeof responder === "function" ? await responder(recorded) : responder;
    } catch (error) {
      answer = { status: 599, body: `test responder threw: ${String(error)}` };
    }
    if ("hang" in answer) return;
    if ("reset" in answer) {
      req.socket.destroy();
      return;
    }
    if (answer.delay)
      await new Promise((resolve) => setTimeout(resolve, answer.delay));
    if (res.destroyed) return;
    res.statusCode = answer.status ?? 200;
    for (const [name, value] of Object.entries(answer.headers ?? {})) {
      res.setHeader(name, value as string | string[]);
    }
    if (answer.hangAfterHeaders) {
      res.flushHeaders();
      return;
    }
    res.end(answer.body ?? "");
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const api: TestHttpServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    on(method, path, responder, options = {}) {
      routes.push({
        method: method.toUpperCase(),
        path,
        responder,
        left: options.times ?? Infinity,
      });
      return api;
    },
    fallback(responder) {
      fallback = responder;
      return api;
    },
    reset() {
      routes = [];
      fallback = { status: 404 };
      requests.length = 0;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
  return api;
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago): connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
