/**
 * vcd-codegen runtime, simulator: the HTTP side: hands requests to the pipeline (which reads a body
 * only once the request is routed and authenticated, up to the limit), sends the bytes it answers
 * (rendered by render.ts, or from the response cache), records every body it sends when asked to,
 * and closes cleanly (every socket). A client that is slow to send its headers or its request is cut
 * off after the time-outs (Node answers 408); a connection whose body was left unread (refused
 * before it was needed, or too large) is closed after the answer rather than drained. At most
 * `maxConnections` connections are open at once: one more is closed as soon as it is accepted.
 * Requests to `/transfer/...` go to the transfer service (transfer/http.ts), which streams bodies.
 */
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { Socket } from "node:net";
import type { SentBody } from "./binding.js";
import { VcdFault } from "./fault.js";
import { handleCall, type Services } from "./pipeline.js";
import { faultReply, render, type Rendered } from "./render.js";
import { bodyBytes, type BodyBytes } from "./request/body-bytes.js";
import { closeUnread } from "./request/close-unread.js";
import { isTransferPath, serveTransfer } from "./transfer/http.js";

export interface HttpLimits {
  /** The largest request body read (413 beyond). */
  readonly maxRequestBytes: number;
  /** How long a client may take to send a request's headers. */
  readonly headersTimeoutMs: number;
  /** How long it may take to send the whole request (headers and body). */
  readonly requestTimeoutMs: number;
  /** Connections held open at once; one more is closed as soon as it is accepted. */
  readonly maxConnections: number;
}

export interface HttpSide {
  readonly port: number;
  close(): Promise<void>;
}

export async function listen(
  services: () => Services,
  port: number,
  /** Where to record every XML body sent (`recordBodies`), or nothing. */
  sent: SentBody[] | undefined,
  limits: HttpLimits,
): Promise<HttpSide> {
  const sockets = new Set<Socket>();
  const handle = (
    req: IncomingMessage,
    res: ServerResponse,
    waitsToContinue: boolean,
  ) => {
    const pathname = (req.url ?? "/").split("?")[0];
    if (isTransferPath(pathname)) {
      // The transfer service reads its body as a stream, outside the API's request limit.
      const s = services();
      // A load balancer's 503 (`failNextRequests`) comes before the transfer service too.
      const unavailable = s.unavailable.take();
      if (unavailable) {
        if (!req.complete) closeUnread(req, res);
        send(res, unavailable);
        return;
      }
      serveTransfer(s, req, res, pathname, waitsToContinue, (error) =>
        send(
          res,
          render(
            s,
            req.method ?? "GET",
            pathname,
            faultReply(error),
            s.highest,
          ),
        ),
      ).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500);
        res.end(String(error));
      });
      return;
    }
    const body = bodyBytes(req, limits.maxRequestBytes, () => {
      if (waitsToContinue) res.writeContinue();
    });
    respond(services(), req, res, body, sent).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  };
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // How often Node looks for connections past those time-outs (its default is 30 s).
      connectionsCheckingInterval: Math.max(
        10,
        Math.min(1000, Math.floor(limits.headersTimeoutMs / 4)),
      ),
    },
    (req, res) => handle(req, res, false),
  );
  // Node closes a connection accepted beyond this at once (`server.maxConnections`).
  server.maxConnections = limits.maxConnections;
  // `Expect: 100-continue`: the client sends its body only once the pipeline asks for it.
  server.on("checkContinue", (req, res) => handle(req, res, true));
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      }),
  };
}

async function respond(
  s: Services,
  req: IncomingMessage,
  res: ServerResponse,
  body: BodyBytes,
  sent: SentBody[] | undefined,
): Promise<void> {
  const raw = req.url ?? "/";
  const q = raw.indexOf("?");
  const pathname = q < 0 ? raw : raw.slice(0, q);
  const search = q < 0 ? "" : raw.slice(q);
  const method = req.method ?? "GET";
  const path = pathname.slice(4);
  let out: Rendered;
  // A load balancer's 503 (`failNextRequests`) comes before any check of vCD's.
  const unavailable = s.unavailable.take();
  try {
    if (unavailable) out = unavailable;
    else if (
      pathname !== "/api" &&
      !pathname.startsWith("/api/") &&
      s.staticFiles
    )
      out = await s.staticFiles.answer(method, pathname);
    else if (pathname !== "/api" && !pathname.startsWith("/api/"))
      throw new VcdFault(
        404,
        "RESOURCE_NOT_FOUND",
        "The requested resource was not found.",
      );
    else
      out = await handleCall(s, {
        method,
        path,
        query: new URLSearchParams(search),
        search,
        headers: req.headers,
        body,
        ...(req.socket.remotePort !== undefined
          ? { remotePort: req.socket.remotePort }
          : {}),
      });
  } catch (error) {
    out = render(s, method, path, faultReply(error), s.highest);
  }
  if (sent && out.xml !== undefined)
    sent.push({
      method,
      path: pathname + search,
      status: out.status,
      contentType: out.contentType ?? "",
      body: out.xml,
    });
  if (!req.complete) closeUnread(req, res);
  send(res, out);
}

function send(res: ServerResponse, out: Rendered): void {
  res.writeHead(out.status, out.headers);
  res.end(out.body);
}
