/**
 * vcd-codegen runtime, transfer: what a transfer that failed under its deadline ends with. A
 * `VcdTransferError` (a file stopped at an offset) stays one, its cause the `VcdTimeoutError` of the
 * transfer's `timeout` when that is why; anything else is turned as a call's is (`deadlineError`).
 */
import { deadlineError, type Deadline } from "../client/deadline.js";
import { VcdTimeoutError } from "../client/errors.js";
import { VcdTransferError } from "./transfer-error.js";

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
