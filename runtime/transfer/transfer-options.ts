/**
 * vcd-codegen runtime, transfer: the options every transfer takes, and their defaults.
 */
import { checkTimeout } from "../client/deadline.js";
import { VcdRequestError } from "../client/errors.js";
import type { HashFactory } from "./digest.js";
import { bufferedBody, type PieceBody } from "./piece-body.js";
import type { OnProgress } from "./progress.js";
import {
  DEFAULT_PIECE_SIZE,
  DEFAULT_PIECE_TIMEOUT,
  DEFAULT_RETRIES,
} from "./send-file.js";

/** The default time a whole transfer may take: 24 hours (a large template on a slow link). */
export const DEFAULT_TRANSFER_TIMEOUT: number = 24 * 60 * 60 * 1000;

export interface TransferOptions {
  /** Bytes per `PUT` (default 8 MiB). */
  readonly pieceSize?: number;
  /** Tries again of one piece after a failure another try may mend (default 3). */
  readonly retries?: number;
  /** Milliseconds one piece may take (a download: may go without a byte; default 2 minutes). */
  readonly pieceTimeout?: number;
  /** Milliseconds the whole transfer may take, its tasks included (default 24 hours). */
  readonly timeout?: number;
  readonly signal?: AbortSignal;
  /** Called after each piece (see {@link TransferProgress}). */
  readonly onProgress?: OnProgress;
  /** An incremental hash (the Node entry gives `node:crypto`'s); without one only whole buffers are hashed. */
  readonly hash?: HashFactory;
  /** How a piece becomes a `PUT`'s body (the Node entry's streams it, which undici does not copy). */
  readonly pieceBody?: PieceBody;
}

/** The options with their defaults, checked. */
export interface ResolvedTransferOptions {
  readonly pieceSize: number;
  readonly retries: number;
  readonly pieceTimeout: number;
  readonly timeout: number;
  readonly pieceBody: PieceBody;
}

export function resolveTransferOptions(
  options: TransferOptions,
): ResolvedTransferOptions {
  const pieceSize = options.pieceSize ?? DEFAULT_PIECE_SIZE;
  if (!Number.isSafeInteger(pieceSize) || pieceSize < 1)
    throw new VcdRequestError(
      `pieceSize must be a positive whole number of bytes, not ${pieceSize}`,
    );
  const retries = options.retries ?? DEFAULT_RETRIES;
  if (!Number.isSafeInteger(retries) || retries < 0)
    throw new VcdRequestError(
      `retries must be a whole number from 0, not ${retries}`,
    );
  return {
    pieceSize,
    retries,
    pieceTimeout: checkTimeout(
      options.pieceTimeout ?? DEFAULT_PIECE_TIMEOUT,
      "pieceTimeout",
    ),
    timeout: checkTimeout(options.timeout ?? DEFAULT_TRANSFER_TIMEOUT),
    pieceBody: options.pieceBody ?? bufferedBody,
  };
}
