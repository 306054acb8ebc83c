/**
 * vcd-codegen runtime, simulator: the HTTP side: reads requests, runs them through the pipeline,
 * writes each answer with the package's own writer (`Content-Type` with the version), records every
 * body it sends, and closes cleanly (every socket).
 */
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { Socket } from "node:net";
import type { Document } from "../xml/index.js";
import type { SentBody } from "./binding.js";
import { VcdFault } from "./fault.js";
import type { Reply } from "./handlers/context.js";
import { MT } from "./handlers/media-types.js";
import { handleCall, type Services } from "./pipeline.js";

const MAX_BODY = 64 * 1024 * 1024;

export interface HttpSide {
  readonly port: number;
  close(): Promise<void>;
}

export async function listen(
  services: () => Services,
  port: number,
  sent: SentBody[],
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
  sent: SentBody[],
): void {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const method = req.method ?? "GET";
  let reply: Reply;
  try {
    if (url.pathname !== "/api" && !url.pathname.startsWith("/api/"))
      throw new VcdFault(
        404,
        "RESOURCE_NOT_FOUND",
        "The requested resource was not found.",
      );
    reply = handleCall(s, {
      method,
      path: url.pathname.slice(4),
      query: url.searchParams,
      headers: req.headers,
      body,
    });
  } catch (error) {
    reply = faultReply(error);
  }
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  let text: string | Buffer = "";
  if (reply.raw) {
    headers["Content-Type"] = reply.raw.contentType;
    text = reply.raw.body;
  } else if (reply.doc) {
    const mediaType =
      reply.mediaType ??
      mediaTypeOf(s, method, url.pathname.slice(4), reply.doc);
    headers["Content-Type"] = `${mediaType};version=${s.binding.apiVersion}`;
    const xml = s.binding.documents.toXml(reply.doc);
    text = xml;
    sent.push({
      method,
      path: url.pathname + url.search,
      status: reply.status,
      contentType: headers["Content-Type"],
      body: xml,
    });
  }
  res.writeHead(reply.status, headers);
  res.end(text);
}

/** The operation's declared media type for the element answered, or the element's own (a vm- id answers a Vm). */
function mediaTypeOf(
  s: Services,
  method: string,
  path: string,
  doc: Document,
): string {
  const route = s.router.find(method, path);
  const declared =
    "op" in route
      ? route.op.responses.find((r) => r.element === doc.element)
      : undefined;
  if (declared) return declared.mediaType;
  const local = doc.element.slice(doc.element.indexOf(":") + 1);
  const known = (MT as Record<string, string>)[
    local[0].toLowerCase() + local.slice(1)
  ];
  return (
    known ??
    ("op" in route && route.op.responses[0]?.mediaType) ??
    "application/*+xml"
  );
}

function faultReply(error: unknown): Reply {
  const fault =
    error instanceof VcdFault
      ? error
      : new VcdFault(
          500,
          "INTERNAL_SERVER_ERROR",
          `Internal Server Error: ${(error as Error)?.message ?? String(error)}`,
        );
  return {
    status: fault.status,
    mediaType: MT.error,
    headers: fault.headers,
    doc: {
      element: "vcloud:Error",
      value: {
        message: fault.message,
        majorErrorCode: fault.status,
        minorErrorCode: fault.minor,
      },
    },
  };
}
