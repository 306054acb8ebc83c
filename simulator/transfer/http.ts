/**
 * vcd-codegen runtime, simulator: the transfer service's HTTP side, at the server's root beside
 * `/api` as vCD has it (`https://host/transfer/{uuid}/{file}`). The protocol, as implemented:
 *
 * - Starting: `POST /api/catalog/{id}/action/upload` (the catalog's `rel="add"` links) answers 201
 *   with the CatalogItem; its `Entity` (a template: template-upload.ts; a media: media-upload.ts)
 *   lists `Files/File` (`name`, `size`, `bytesTransferred`) each with a `rel="upload:default"`
 *   link here, and a task held running until every file is complete. A template lists
 *   `descriptor.ovf` (size -1) first; its PUT adds the files of `ovf:References` (and
 *   `descriptor.mf` with `manifestRequired="true"`). Downloads: downloads.ts.
 * - Who: the session's token (`x-vcloud-authorization` or `Authorization: Bearer`), of the
 *   transfer's organization or the system administrator. No or an ended session: 401; a user of
 *   another organization: 403 (`ACCESS_TO_RESOURCE_IS_FORBIDDEN`); an unknown uuid or a file the
 *   transfer does not list: 404 (`RESOURCE_NOT_FOUND`). These answers are vCD `Error` documents;
 *   vCD's own answers for a transfer URL are not documented: the API's are followed.
 * - `PUT` (an upload's file): the body's bytes, `Content-Range: bytes a-b/total` for a piece, or
 *   the whole file without it. A piece must start at the file's `bytesTransferred`: one that starts
 *   elsewhere (out of order, a repeat, an overlap) or ends past the file's size answers 416 with an
 *   empty body and the reason phrase vCD's transfer service sends, `Content-Range not satisifiable:
 *   Request must begin at the last byte stored` (its spelling: vmware/terraform-provider-vcd#403;
 *   pyvcloud#310 shows the empty body, and its retries of a piece already stored answered 416 too:
 *   a client resumes from `bytesTransferred`, it does not repeat a piece). A `Content-Range` not of
 *   that form, a body longer or shorter than its range, or a total other than the listed size: 400.
 *   Accepted: 200, empty. The bytes go to the spool as they come (streamed, never held whole); a
 *   PUT cut off keeps what was written, and `bytesTransferred` says how far it got. A second PUT
 *   while one writes the same file: 416.
 * - `GET` (a download's file, once `enableDownload` has run): 200 with the whole file, or with
 *   `Range: bytes=a-b` 206 and `Content-Range: bytes a-b/size`; a range past the end 416 with
 *   `Content-Range: bytes *\/size`. `Accept-Ranges: bytes` on both.
 * - Any other method: 405 with `Allow`.
 */
import { createReadStream } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import {
  badRequest,
  forbidden,
  notFound,
  unauthorized,
  VcdFault,
} from "../fault.js";
import { closeUnread } from "../request/close-unread.js";
import { token } from "../request/credentials.js";
import type { User } from "../store/model.js";
import type { Store } from "../store/store.js";
import { parseContentRange, parseRange } from "./ranges.js";
import type { Transfer, TransferFile, Transfers } from "./transfers.js";

export interface TransferServices {
  readonly store: Store;
  readonly transfers: Transfers;
}

/** vCD's reason phrase for a piece that does not start at the last byte stored (its spelling). */
export const NOT_AT_LAST_BYTE =
  "Content-Range not satisifiable: Request must begin at the last byte stored";
const PAST_SIZE =
  "Content-Range not satisifiable: Request ends past the file's size";

/** A refusal of the transfer service that is no `Error` document: a status, a reason phrase, no body. */
class BareRefusal extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(reason);
  }
}

export const isTransferPath = (pathname: string): boolean =>
  pathname.startsWith("/transfer/");

/**
 * One request to `/transfer/...`. A refusal that is a vCD `Error` is handed to `fault` (the server
 * renders it as for the API); everything else is answered here.
 */
export async function serveTransfer(
  s: TransferServices,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  waitsToContinue: boolean,
  fault: (error: VcdFault) => void,
): Promise<void> {
  try {
    s.store.tasks.settle();
    const method = req.method ?? "GET";
    if (method !== "PUT" && method !== "GET")
      throw new VcdFault(
        405,
        "METHOD_NOT_ALLOWED",
        `The method ${method} is not allowed on this resource; it allows GET, PUT.`,
        { Allow: "GET, PUT" },
      );
    const user = caller(s.store, req);
    const { transfer, file } = target(s, user, pathname);
    if (method === "GET") return await download(s, req, res, transfer, file);
    if (transfer.state !== "upload")
      throw forbidden("The transfer takes no more bytes.");
    if (waitsToContinue) res.writeContinue();
    await upload(s, req, res, transfer, file);
  } catch (error) {
    // Sent already, or the client went away mid-body: nothing more to say.
    if (res.headersSent || res.destroyed || (req.destroyed && !req.complete)) {
      res.destroy();
      return;
    }
    if (!req.complete) closeUnread(req, res);
    if (error instanceof BareRefusal) {
      res.writeHead(error.status, error.reason, {
        "Content-Length": "0",
        ...error.headers,
      });
      res.end();
    } else if (error instanceof VcdFault) fault(error);
    else if (isSystemError(error))
      // The spool could not be read or written: a 500 as vCD's, without the simulator's paths.
      fault(
        new VcdFault(
          500,
          "INTERNAL_SERVER_ERROR",
          `Internal Server Error: the transfer service could not store or read the file (${error.code}).`,
        ),
      );
    else throw error;
  }
}

function caller(store: Store, req: IncomingMessage): User {
  const presented = token(req.headers);
  const session =
    presented === undefined ? undefined : store.sessions.use(presented);
  if (!session) throw unauthorized();
  return store.user(session.userId);
}

function target(
  s: TransferServices,
  user: User,
  pathname: string,
): { transfer: Transfer; file: TransferFile } {
  const [uuid, ...rest] = pathname.slice("/transfer/".length).split("/");
  const transfer = s.transfers.get(uuid);
  if (!transfer || rest.length !== 1) throw notFound();
  if (transfer.orgId !== user.orgId && !s.store.isSystemAdmin(user))
    throw forbidden();
  let name: string;
  try {
    name = decodeURIComponent(rest[0]);
  } catch {
    throw notFound();
  }
  const file = transfer.files.get(name);
  if (!file) throw notFound();
  return { transfer, file };
}

async function upload(
  s: TransferServices,
  req: IncomingMessage,
  res: ServerResponse,
  transfer: Transfer,
  file: TransferFile,
): Promise<void> {
  const lengthHeader = req.headers["content-length"];
  const length = lengthHeader === undefined ? undefined : Number(lengthHeader);
  const rangeHeader = req.headers["content-range"];
  let start = 0;
  let expected: number | undefined = length;
  let total: number | undefined = length;
  if (rangeHeader !== undefined) {
    const range = parseContentRange(rangeHeader);
    if (!range)
      throw badRequest(
        `The Content-Range "${rangeHeader}" is not of the form "bytes first-last/total".`,
      );
    start = range.start;
    expected = range.end - range.start + 1;
    total = range.total;
    if (length !== undefined && length !== expected)
      throw badRequest(
        `The body is ${length} bytes; its Content-Range "${rangeHeader}" says ${expected}.`,
      );
  }
  if (file.busy || start !== file.bytesTransferred || file.digests)
    throw new BareRefusal(416, NOT_AT_LAST_BYTE);
  const size = file.size >= 0 ? file.size : total;
  if (total !== undefined && size !== undefined && total !== size)
    throw badRequest(
      `The Content-Range's total ${total} is not the size of "${file.name}", ${size} bytes.`,
    );
  if (size !== undefined && expected !== undefined && start + expected > size)
    throw new BareRefusal(416, PAST_SIZE);
  if (size !== undefined) file.size = size;
  // A body without a Content-Range (chunked: no Content-Length either) is bounded by what the
  // file still lacks, as a ranged one is by its range.
  const bounded = expected !== undefined;
  if (size !== undefined) expected ??= size - start;
  let received = 0;
  let longer = false;
  let handle: FileHandle | undefined;
  try {
    handle = await open(s.transfers.path(transfer, file), "a");
    file.busy = true;
    transfer.writers.add(req);
    // Not broken off early (that would destroy the connection before the answer): what is past
    // the range is read and dropped, then refused.
    for await (const chunk of req as AsyncIterable<Buffer>) {
      if (longer) continue;
      if (expected !== undefined && received + chunk.length > expected) {
        longer = true;
        continue;
      }
      await handle.write(chunk);
      received += chunk.length;
      file.bytesTransferred += chunk.length;
      file.sha256.update(chunk);
      file.sha1.update(chunk);
      transfer.hooks?.moved(transfer);
    }
  } finally {
    file.busy = false;
    transfer.writers.delete(req);
    await handle?.close();
  }
  if (longer)
    throw badRequest(
      rangeHeader === undefined
        ? `The body is longer than the ${expected} bytes "${file.name}" lacks.`
        : `The body is longer than its Content-Range: more than ${expected} bytes.`,
    );
  if (bounded && expected !== undefined && received < expected)
    throw badRequest(
      `The body is ${received} bytes; its Content-Range says ${expected}.`,
    );
  if (file.size < 0 && rangeHeader === undefined) file.size = received;
  if (file.size >= 0 && file.bytesTransferred === file.size) {
    file.digests = {
      sha256: file.sha256.digest("hex"),
      sha1: file.sha1.digest("hex"),
    };
    await transfer.hooks?.completed(transfer, file);
  }
  s.store.touch();
  res.writeHead(200, { "Content-Length": "0" });
  res.end();
}

async function download(
  s: TransferServices,
  req: IncomingMessage,
  res: ServerResponse,
  transfer: Transfer,
  file: TransferFile,
): Promise<void> {
  if (transfer.state !== "download" || !file.digests)
    throw forbidden("The transfer serves no download.");
  const size = file.size;
  const header = req.headers.range;
  const range = header === undefined ? undefined : parseRange(header, size);
  if (range === "unsatisfiable")
    throw new BareRefusal(416, "Range Not Satisfiable", {
      "Content-Range": `bytes */${size}`,
    });
  const path = s.transfers.path(transfer, file);
  const base = {
    "Content-Type": file.name.endsWith(".ovf")
      ? "text/xml"
      : "application/octet-stream",
    "Accept-Ranges": "bytes",
  };
  if (range) {
    res.writeHead(206, {
      ...base,
      "Content-Length": String(range.end - range.start + 1),
      "Content-Range": `bytes ${range.start}-${range.end}/${size}`,
    });
    await pipeline(
      createReadStream(path, { start: range.start, end: range.end }),
      res,
    );
  } else {
    res.writeHead(200, { ...base, "Content-Length": String(size) });
    if (size === 0) res.end();
    else await pipeline(createReadStream(path), res);
  }
}

/** An error of the file system (`ENOENT`, `ENOSPC`...), whose message names a path. */
function isSystemError(error: unknown): error is Error & { code: string } {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === "string" &&
    "syscall" in error
  );
}
