/**
 * vcd-codegen runtime, transfer: uploading one file of a template or media, piece by piece, with
 * resume. Each piece is read from the source once (and given to `onRead`, for the manifest's
 * digest) and held until the server confirms it; the next is read meanwhile. When a piece fails with what another try may
 * mend (a connection reset, a 5xx, the piece's time-out), the client waits a little, asks the
 * server how many bytes of the file it holds (the File's `bytesTransferred`) and sends the rest of
 * the piece from there; at most `retries` times a piece (a resumed piece refused with a 416, the
 * count read too soon, reads it again). Then `VcdTransferError`, with the offset
 * the server confirmed and the last failure as its cause.
 */
import { sleep } from "../client/deadline.js";
import {
  VcdAbortError,
  VcdApiError,
  VcdNetworkError,
  VcdTimeoutError,
} from "../client/errors.js";
import type { PositionalSource } from "./byte-source.js";
import type { PieceBody } from "./piece-body.js";
import { PieceReader } from "./piece-reader.js";
import { putPiece, type TransferClient } from "./put-piece.js";
import { VcdTransferError } from "./transfer-error.js";

/** The default piece size: 8 MiB (see {@link SendFileOptions.pieceSize}). */
export const DEFAULT_PIECE_SIZE: number = 8 * 1024 * 1024;

/** The default number of tries again of one piece: 3. */
export const DEFAULT_RETRIES = 3;

/** The default time one piece may take: 2 minutes (8 MiB at 0.5 Mbit/s). */
export const DEFAULT_PIECE_TIMEOUT = 120_000;

export interface SendFileOptions {
  /**
   * Bytes a `PUT` carries. A piece is held in memory until confirmed (to send it again after a
   * failure) and the next is read meanwhile, so two bound memory; every piece is a request, so it bounds the cost per byte; a failure resends at
   * most one piece. 8 MiB by default: 128 requests per GiB, each a fraction of a second on a LAN.
   */
  readonly pieceSize: number;
  readonly retries: number;
  /** Milliseconds one `PUT` may take. */
  readonly pieceTimeout: number;
  /** How a piece becomes a request body (the Node entry streams it). */
  readonly pieceBody?: PieceBody;
  /** The transfer's signal (its overall time-out and the caller's). */
  readonly signal: AbortSignal;
  /** Each piece as read, before it is sent; `last` for the file's last. What it throws stops the upload. */
  readonly onRead?: (piece: Uint8Array, last: boolean) => void | Promise<void>;
  /** After each confirmed piece: the bytes of the file the server has. */
  readonly onPiece?: (bytes: number) => void;
  /** How many bytes of the file the server holds (the File's `bytesTransferred`), for a resume. */
  readonly serverBytes?: () => Promise<number | undefined>;
}

/** The file to send: its name (for errors), its upload href, its size. */
export interface UploadTarget {
  readonly name: string;
  readonly href: string;
  readonly size: number;
  /** The href of the template or media it belongs to, for errors. */
  readonly entity?: string;
}

/** Sends the whole file; resolves with its size once every piece is confirmed. */
export async function sendFile(
  client: TransferClient,
  target: UploadTarget,
  source: AsyncIterable<Uint8Array> | PositionalSource,
  options: SendFileOptions,
): Promise<number> {
  const reader = new PieceReader(source, options.pieceSize);
  let offset = 0;
  const fail = (problem: string, cause?: unknown) =>
    new VcdTransferError(problem, {
      file: target.name,
      offset,
      entity: target.entity,
      method: "PUT",
      url: target.href,
      cause,
    });
  const read = async (): Promise<Uint8Array | undefined> => {
    try {
      return await reader.next();
    } catch (error) {
      if (error instanceof VcdTransferError) throw error;
      throw fail("reading the source failed", error);
    }
  };
  let next = read();
  try {
    for (;;) {
      const piece = await next;
      if (!piece) break;
      if (offset + piece.byteLength > target.size)
        throw fail(
          `the source holds more than the file's ${target.size} bytes`,
        );
      const last = offset + piece.byteLength === target.size;
      await options.onRead?.(piece, last);
      // The next piece is read while this one is sent (two pieces in memory at the most).
      next = read();
      next.catch(() => undefined);
      offset = await sendPiece(client, target, piece, offset, options, fail);
      options.onPiece?.(offset);
    }
    if (offset < target.size)
      throw fail(
        `the source ended after ${offset} of the file's ${target.size} bytes`,
      );
    if (target.size === 0)
      await putPiece(client, target.href, new Uint8Array(0), 0, 0, {
        signal: options.signal,
        timeout: options.pieceTimeout,
      });
    return offset;
  } catch (error) {
    if (error instanceof VcdTransferError) throw error;
    throw fail(error instanceof Error ? error.message : String(error), error);
  } finally {
    await reader.close().catch(() => undefined);
  }
}

/** Sends one piece starting at `start`, resuming after failures; resolves with the offset after it. */
async function sendPiece(
  client: TransferClient,
  target: UploadTarget,
  piece: Uint8Array,
  start: number,
  options: SendFileOptions,
  fail: (problem: string, cause?: unknown) => VcdTransferError,
): Promise<number> {
  const end = start + piece.byteLength;
  let from = start;
  for (let attempt = 0; ; attempt++) {
    try {
      await putPiece(
        client,
        target.href,
        piece.subarray(from - start),
        from,
        target.size,
        {
          signal: options.signal,
          timeout: options.pieceTimeout,
          pieceBody: options.pieceBody,
        },
      );
      return end;
    } catch (error) {
      // A resumed piece refused with a 416 does not start where the server's file stands (the count
      // read was stale: the broken PUT's bytes were still being stored): read it again.
      const stale =
        attempt > 0 &&
        error instanceof VcdApiError &&
        error.status === 416 &&
        options.serverBytes !== undefined;
      if (!stale && !mayRetry(error, options.signal))
        throw fail(`the piece from byte ${from} failed`, error);
      if (attempt >= options.retries)
        throw fail(
          `the piece from byte ${from} failed ${attempt + 1} times`,
          error,
        );
      // 0.5 s, 1 s, 2 s ... between tries, up to 8 s.
      await sleep(Math.min(500 * 2 ** attempt, 8_000), options.signal).catch(
        () => {
          throw fail("aborted while waiting to try again", error);
        },
      );
      const held = await options.serverBytes?.();
      if (held === undefined || held < start) from = start;
      else if (held >= end) return end;
      else from = held;
    }
  }
}

/** A failure another try may mend: the network, a 5xx, the piece's own time-out (not the caller's). */
function mayRetry(error: unknown, signal: AbortSignal): boolean {
  if (signal.aborted || error instanceof VcdAbortError) return false;
  if (error instanceof VcdApiError) return error.status >= 500;
  return error instanceof VcdNetworkError || error instanceof VcdTimeoutError;
}
