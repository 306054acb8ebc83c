/**
 * vcd-codegen runtime, transfer: one ranged `PUT` of raw bytes to a File's `upload:default` href
 * (`Content-Range: bytes first-last/size`, as vCD's transfer service takes them), with the session's
 * token (only to an origin it may go to: {@link VcdClient.rawAccess}; a 401 logs in again and sends
 * the piece once more: {@link rawRequest}), under the piece's own
 * time-out and the transfer's signal. What goes wrong is a typed error: `VcdApiError` (a status
 * that is not 2xx; `VcdAuthError` for a 401 the session was not renewed after), `VcdNetworkError`, `VcdTimeoutError` (the piece's time), `VcdAbortError`.
 */
import { deadlineError, startDeadline } from "../client/deadline.js";
import { VcdError, VcdNetworkError } from "../client/errors.js";
import type { PieceBody } from "./piece-body.js";
import { rawRequest, type TransferClient } from "./raw-request.js";

export type { TransferClient } from "./raw-request.js";

/** Sends `bytes` as the range starting at `offset` of a file of `size` bytes. */
export async function putPiece(
  client: TransferClient,
  href: string,
  bytes: Uint8Array,
  offset: number,
  size: number,
  options: {
    readonly signal: AbortSignal;
    readonly timeout: number;
    readonly pieceBody?: PieceBody;
  },
): Promise<void> {
  const context = { method: "PUT", url: href };
  const deadline = startDeadline(options.timeout, options.signal);
  try {
    const headers: Record<string, string> = {
      "content-type": "application/octet-stream",
    };
    if (bytes.byteLength > 0)
      headers["content-range"] =
        `bytes ${offset}-${offset + bytes.byteLength - 1}/${size}`;
    const response = await rawRequest(client, href, {
      method: "PUT",
      headers,
      body: bytes,
      pieceBody: options.pieceBody,
      signal: deadline.signal,
      timeout: options.timeout,
    });
    await response.text();
  } catch (error) {
    if (error instanceof VcdError) throw error;
    throw (
      deadlineError(
        deadline,
        options.timeout,
        context,
        error,
        options.signal.reason,
      ) ?? new VcdNetworkError({ ...context, cause: error })
    );
  } finally {
    deadline.dispose();
  }
}
