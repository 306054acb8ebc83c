/**
 * vcd-codegen runtime, transfer: one ranged `PUT` of raw bytes to a File's `upload:default` href
 * (`Content-Range: bytes first-last/size`, as vCD's transfer service takes them), with the session's
 * token (only to an origin it may go to: {@link VcdClient.rawAccess}), under the piece's own
 * time-out and the transfer's signal. What goes wrong is a typed error: `VcdApiError` (a status
 * that is not 2xx), `VcdNetworkError`, `VcdTimeoutError` (the piece's time), `VcdAbortError`.
 */
import type { RawAccess } from "../client/client.js";
import { deadlineError, startDeadline } from "../client/deadline.js";
import { VcdApiError, VcdError, VcdNetworkError } from "../client/errors.js";

/** The part of a client a transfer needs. */
export interface TransferClient {
  rawAccess(url: string): RawAccess;
}

/** Sends `bytes` as the range starting at `offset` of a file of `size` bytes. */
export async function putPiece(
  client: TransferClient,
  href: string,
  bytes: Uint8Array,
  offset: number,
  size: number,
  options: { readonly signal: AbortSignal; readonly timeout: number },
): Promise<void> {
  const context = { method: "PUT", url: href };
  const deadline = startDeadline(options.timeout, options.signal);
  try {
    const { fetch: fetchImpl, headers } = client.rawAccess(href);
    headers.set("content-type", "application/octet-stream");
    if (bytes.byteLength > 0)
      headers.set(
        "content-range",
        `bytes ${offset}-${offset + bytes.byteLength - 1}/${size}`,
      );
    const response = await fetchImpl(href, {
      method: "PUT",
      headers,
      body: bytes as Uint8Array<ArrayBuffer>,
      signal: deadline.signal,
      // The token is on the request: a redirect is not followed anywhere (vCD's transfer URLs do not redirect).
      redirect: "manual",
    });
    const text = await response.text();
    if (response.status < 200 || response.status > 299)
      throw new VcdApiError({
        ...context,
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        body: text,
      });
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
