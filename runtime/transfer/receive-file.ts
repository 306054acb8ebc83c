/**
 * vcd-codegen runtime, transfer: downloading one file (a File's `download:default` href, or a
 * descriptor's) with the session's token, as a stream into a sink, chunk by chunk: memory is
 * bounded by a chunk, not the file. When the connection fails mid-way (a reset, a 5xx, no byte for
 * `pieceTimeout` ms), the download asks again from the byte it reached (`Range: bytes=N-`; a
 * server that answers the whole file again has its first N bytes skipped), at most `retries` times.
 * A 401 logs in again and asks once more ({@link rawRequest}). A sink that throws ends the download
 * (not tried again), the answer's body cancelled.
 */
import { sleep } from "../client/deadline.js";
import {
  VcdAbortError,
  VcdApiError,
  VcdError,
  VcdNetworkError,
  VcdTimeoutError,
} from "../client/errors.js";
import type { SinkWriter } from "./byte-sink.js";
import { rawRequest, type TransferClient } from "./raw-request.js";
import { VcdTransferError } from "./transfer-error.js";

export interface ReceiveFileOptions {
  readonly retries: number;
  /** Milliseconds without a byte before the connection is given up (and asked again). */
  readonly pieceTimeout: number;
  readonly signal: AbortSignal;
  /** After each chunk written: the bytes written so far. */
  readonly onChunk?: (bytes: number, size: number | undefined) => void;
  /** Each chunk, as written (for a digest). */
  readonly onBytes?: (chunk: Uint8Array) => void;
}

/** Downloads `href` into `writer`; resolves with the bytes written. The writer is not closed. */
export async function receiveFile(
  client: TransferClient,
  file: { readonly name: string; readonly href: string },
  writer: SinkWriter,
  options: ReceiveFileOptions,
): Promise<number> {
  let offset = 0;
  let size: number | undefined;
  const context = { method: "GET", url: file.href };
  for (let attempt = 0; ; attempt++) {
    const idle = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          idle.abort(
            new VcdTimeoutError(options.pieceTimeout, {
              ...context,
              operation: "no byte for",
            }),
          ),
        options.pieceTimeout,
      );
    };
    const onAbort = () => idle.abort(options.signal.reason);
    options.signal.addEventListener("abort", onAbort, { once: true });
    try {
      arm();
      if (options.signal.aborted) throw options.signal.reason;
      const response = await rawRequest(client, file.href, {
        method: "GET",
        headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
        signal: idle.signal,
        timeout: options.pieceTimeout,
      });
      const ranged = response.status === 206;
      let skip = ranged ? 0 : offset;
      if (!ranged) {
        const length = Number(response.headers.get("content-length") ?? "");
        if (Number.isFinite(length) && length > 0) size = length;
      } else {
        const total = /\/(\d+)\s*$/.exec(
          response.headers.get("content-range") ?? "",
        );
        if (total) size = Number(total[1]);
      }
      if (!response.body) return offset;
      const reader = response.body.getReader();
      let ended = false;
      try {
        for (;;) {
          const next = await reader.read();
          if (next.done) {
            ended = true;
            break;
          }
          arm();
          let chunk = next.value;
          if (skip > 0) {
            const drop = Math.min(skip, chunk.byteLength);
            skip -= drop;
            chunk = chunk.subarray(drop);
            if (chunk.byteLength === 0) continue;
          }
          try {
            await writer.write(chunk);
          } catch (error) {
            // The sink's failure, not the connection's: not tried again.
            throw new VcdTransferError("writing the sink failed", {
              file: file.name,
              offset,
              ...context,
              cause: error,
            });
          }
          options.onBytes?.(chunk);
          offset += chunk.byteLength;
          options.onChunk?.(offset, size);
        }
      } finally {
        // Stopped before its end (the sink failed, the connection broke, an abort): the answer's
        // body is cancelled, which closes its connection, rather than left unread.
        if (!ended) await reader.cancel().catch(() => undefined);
        reader.releaseLock();
      }
      if (size !== undefined && offset < size)
        throw new VcdNetworkError({
          ...context,
          cause: new Error(`the answer ended after ${offset} of ${size} bytes`),
        });
      return offset;
    } catch (caught) {
      if (caught instanceof VcdTransferError) throw caught;
      const error = typed(caught, options.signal, idle.signal, context);
      const again =
        !options.signal.aborted &&
        attempt < options.retries &&
        (error instanceof VcdNetworkError ||
          error instanceof VcdTimeoutError ||
          (error instanceof VcdApiError && error.status >= 500));
      if (!again)
        throw new VcdTransferError(
          error instanceof VcdAbortError ? "aborted" : "the download failed",
          { file: file.name, offset, ...context, cause: error },
        );
      await sleep(Math.min(500 * 2 ** attempt, 8_000), options.signal).catch(
        () => {
          throw new VcdTransferError("aborted while waiting to try again", {
            file: file.name,
            offset,
            ...context,
            cause: error,
          });
        },
      );
    } finally {
      clearTimeout(timer);
      options.signal.removeEventListener("abort", onAbort);
      // Nothing of this try's request may go on (a body not read to its end included).
      idle.abort();
    }
  }
}

function typed(
  error: unknown,
  signal: AbortSignal,
  idle: AbortSignal,
  context: { method: string; url: string },
): unknown {
  if (error instanceof VcdError) return error;
  if (signal.aborted)
    return new VcdAbortError({ ...context, cause: signal.reason });
  if (idle.aborted && idle.reason instanceof VcdTimeoutError)
    return idle.reason;
  return new VcdNetworkError({ ...context, cause: error });
}
