/**
 * vcd-codegen runtime, transfer: a transfer run under its deadline, and what it ends with when it
 * fails. A `VcdTransferError` (a file stopped at an offset) stays one, its cause the
 * `VcdTimeoutError` of the transfer's `timeout` when that is why; anything else is turned as a
 * call's is (`deadlineError`). An upload that fails after its entity exists first cancels the
 * entity's task (`undo.cancel`), so that vCD removes it and its name is free again.
 */
import {
  deadlineError,
  startDeadline,
  type Deadline,
} from "../client/deadline.js";
import { VcdTimeoutError } from "../client/errors.js";
import { VcdTransferError } from "./transfer-error.js";

/** What undoes a transfer that fails from now on (an upload's task to cancel); none by default. */
export interface TransferUndo {
  cancel: (() => Promise<void>) | undefined;
}

/**
 * Runs `run` under a deadline of `timeout` ms and the caller's `signal` (both in the signal it
 * gets); a failure is undone (`undo.cancel`) and turned by {@link transferFailure}.
 */
export async function underTransferDeadline<R>(
  operation: string,
  timeout: number,
  signal: AbortSignal | undefined,
  run: (signal: AbortSignal, undo: TransferUndo) => Promise<R>,
): Promise<R> {
  const deadline = startDeadline(timeout, signal);
  const undo: TransferUndo = { cancel: undefined };
  try {
    return await run(deadline.signal, undo);
  } catch (error) {
    await undo.cancel?.();
    throw transferFailure(error, deadline, timeout, operation, signal?.reason);
  } finally {
    deadline.dispose();
  }
}

export function transferFailure(
  error: unknown,
  deadline: Deadline,
  timeout: number,
  operation: string,
  abortReason: unknown,
): unknown {
  if (error instanceof VcdTransferError) {
    if (!deadline.timedOut) return error;
    return new VcdTransferError(`${operation} timed out after ${timeout} ms`, {
      file: error.file,
      offset: error.offset,
      entity: error.entity,
      method: error.method,
      url: error.url,
      cause: new VcdTimeoutError(timeout, { operation, cause: error }),
    });
  }
  return (
    deadlineError(deadline, timeout, { operation }, error, abortReason) ?? error
  );
}
