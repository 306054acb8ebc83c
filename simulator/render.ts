/**
 * vcd-codegen runtime, simulator: a handler's reply as the bytes sent: the document written with
 * the package's own writer at the version the request was answered in (what that version does
 * not have left out), its `Content-Type` (the operation's media type for the element, with that
 * version), and a `VcdFault` as vCD's `Error` document.
 */
import type { Document } from "../runtime/xml/index.js";
import { VcdFault } from "./fault.js";
import type { Reply } from "./handlers/context.js";
import { MT } from "./handlers/media-types.js";
import type { Router } from "./router.js";
import type { SimulatorDocuments } from "./binding.js";

/** An answer ready to send (and to send again, from the response cache). */
export interface Rendered {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** The XML document sent, when the answer is one (what `sentBodies` records). */
  readonly xml?: string;
  readonly contentType?: string;
}

export interface RenderContext {
  readonly router: Router;
  readonly documents: SimulatorDocuments;
}

const EMPTY = Buffer.alloc(0);

export function render(
  s: RenderContext,
  method: string,
  path: string,
  reply: Reply,
  version: string,
): Rendered {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  if (reply.raw) {
    headers["Content-Type"] = reply.raw.contentType;
    return { status: reply.status, headers, body: reply.raw.body };
  }
  if (!reply.doc) return { status: reply.status, headers, body: EMPTY };
  const mediaType =
    reply.mediaType ?? mediaTypeOf(s.router, method, path, reply.doc);
  const contentType = `${mediaType};version=${version}`;
  headers["Content-Type"] = contentType;
  // What the version answered in does not have is left out, as vCD answers an older client.
  const xml = s.documents.toXml(reply.doc, {
    apiVersion: version,
    omitNewer: true,
  });
  const body = Buffer.from(xml, "utf8");
  headers["Content-Length"] = String(body.length);
  return { status: reply.status, headers, body, xml, contentType };
}

/** The operation's declared media type for the element answered, or the element's own (a vm- id answers a Vm). */
function mediaTypeOf(
  router: Router,
  method: string,
  path: string,
  doc: Document,
): string {
  const route = router.find(method, path);
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

/** Any error as the `Error` document vCD answers (an unexpected one as a 500). */
export function faultReply(error: unknown): Reply {
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
