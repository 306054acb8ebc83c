/**
 * vcd-codegen runtime, simulator: the bytes of a request body, read off the connection only when the
 * pipeline asks for them (after routing, credentials and privileges: an unauthenticated or misrouted
 * request never has its body buffered), and never more than the limit: a body declared or found
 * larger is a 413, read no further.
 *
 * The limit: the vCloud API Programming Guide ("Request Limits", 5.5) says "Requests cannot exceed
 * 512 KB" (with at most 4096 XML elements and a depth of 100: request/request-limits.ts). Which status
 * and words vCD answers it with is not documented: 413 as the issue asks, minorErrorCode in the style
 * of vCD's others (an HTTP reason phrase: RESOURCE_NOT_FOUND, METHOD_NOT_ALLOWED).
 */
import type { IncomingMessage } from "node:http";
import { VcdFault } from "../fault.js";

/** vCD's request limit (vCloud API Programming Guide, "Request Limits"). */
export const DEFAULT_MAX_REQUEST_BYTES: number = 512 * 1024;

export const tooLarge = (limit: number): VcdFault =>
  new VcdFault(
    413,
    "REQUEST_ENTITY_TOO_LARGE",
    `The request body is larger than ${limit} bytes, the most this server accepts.`,
  );

/** Reads the body once, when first called; the same answer after. */
export type BodyBytes = () => Promise<Buffer>;

export function bodyBytes(
  req: IncomingMessage,
  limit: number,
  /** Called just before the first byte is asked for (a `100 Continue` when the client waits for one). */
  beforeReading: () => void = () => {},
): BodyBytes {
  let pending: Promise<Buffer> | undefined;
  return () => (pending ??= read(req, limit, beforeReading));
}

function read(
  req: IncomingMessage,
  limit: number,
  beforeReading: () => void,
): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit)
    return Promise.reject(tooLarge(limit));
  beforeReading();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stop();
        req.pause();
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onClose = () => {
      stop();
      reject(
        new Error(
          "the client closed the connection before the end of the body",
        ),
      );
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}
