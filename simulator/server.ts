/**
 * vcd-codegen runtime, simulator: the HTTP side: reads requests, runs them through the pipeline,
 * sends the bytes it answers (rendered by render.ts, or from the response cache), records every
 * body it sends when asked to, and closes cleanly (every socket).
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

const MAX_BODY = 64 * 1024 * 1024;

export interface HttpSide {
  readonly port: number;
  close(): Promise<void>;
}

export async function listen(
  services: () => Services,
  port: number,
  /** Where to record every XML body sent (`recordBodies`), or nothing. */
  sent: SentBody[] | undefined,
): Promise<HttpSide> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    readRequest(req)
      .then((body) => respond(services(), req, res, body, sent))
      .catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
  });
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

function readRequest(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error("request body too large"));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function respond(
  s: Services,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  sent: SentBody[] | undefined,
): void {
  const raw = req.url ?? "/";
  const q = raw.indexOf("?");
  const pathname = q < 0 ? raw : raw.slice(0, q);
  const search = q < 0 ? "" : raw.slice(q);
  const method = req.method ?? "GET";
  const path = pathname.slice(4);
  let out: Rendered;
  try {
    if (pathname !== "/api" && !pathname.startsWith("/api/"))
      throw new VcdFault(
        404,
        "RESOURCE_NOT_FOUND",
        "The requested resource was not found.",
      );
    out = handleCall(s, {
      method,
      path,
      query: new URLSearchParams(search),
      search,
      headers: req.headers,
      body,
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
  res.writeHead(out.status, out.headers);
  res.end(out.body);
}
