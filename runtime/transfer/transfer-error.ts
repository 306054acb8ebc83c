/**
 * vcd-codegen runtime, transfer: the error a transfer ends with when moving the bytes of one file
 * failed (after its retries), or its bytes are not what they should be (a manifest's digest, a size).
 */
import { VcdError, type VcdErrorContext } from "../client/errors.js";

/** What went wrong with one file of a transfer, and how far it got. */
export interface TransferErrorContext extends VcdErrorContext {
  /** The file's name (`disk1.vmdk`, `descriptor.ovf`, `file` for a media image). */
  readonly file: string;
  /** Bytes of the file the server confirmed (uploads) or the sink took (downloads). */
  readonly offset: number;
  /** The href of the template or media the file belongs to, when there is one. */
  readonly entity?: string;
  /** The file's bytes are not what the manifest says: its digest, and the manifest's. */
  readonly digest?: { readonly actual: string; readonly expected: string };
}

/**
 * A transfer failed: `file` and `offset` say where, `cause` why (the last `VcdNetworkError`,
 * `VcdApiError`, `VcdTimeoutError` or `VcdAbortError` of its piece, when there is one).
 */
export class VcdTransferError extends VcdError {
  override name = "VcdTransferError";
  /** The file's name. */
  readonly file: string;
  /** Bytes of the file done when it stopped. */
  readonly offset: number;
  /** The template or media it belongs to (its href), when there is one. */
  readonly entity: string | undefined;
  /** Set when the file's digest is not the manifest's: both, in lower-case hex. */
  readonly digest:
    { readonly actual: string; readonly expected: string } | undefined;
  constructor(problem: string, context: TransferErrorContext) {
    super(`${context.file} at byte ${context.offset}: ${problem}`, context);
    this.file = context.file;
    this.offset = context.offset;
    this.entity = context.entity;
    this.digest = context.digest;
  }
}
