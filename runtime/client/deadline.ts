/**
 * vcd-codegen runtime, client: deadlines. Every call (and every task wait) runs under one: the
 * caller's signal combined with a timer, so that nothing waits forever. A timer of our own rather
 * than `AbortSignal.timeout` and `AbortSignal.any`, so that it is cleared as soon as the call ends
 * and tells which of the two fired.
 */
import {
  VcdAbortError,
  VcdRequestError,
  VcdTimeoutError,
  type VcdErrorContext,
} from "./errors.js";

/** The largest delay `setTimeout` honours (a larger one fires at once). */
const MAX_DELAY = 2 ** 31 - 1;

/** A signal that aborts when the caller's does or when the time is up. */
export interface Deadline {
  readonly signal: AbortSignal;
  /** The time ran out (before the caller aborted). */
  readonly timedOut: boolean;
  /** The caller's signal aborted (before the time ran out). */
  readonly aborted: boolean;
  /** Clears the timer and the listener. */
  dispose(): void;
}

/** Checks a timeout given by the caller: a positive number of milliseconds. */
export function checkTimeout(timeout: number, what = "timeout"): number {
  if (!(timeout > 0))
    throw new VcdRequestError(
      `${what} must be a positive number of milliseconds, not ${timeout}`,
    );
  return timeout;
}

/** Starts a deadline of `timeout` ms, also aborted by `signal`. */
export function startDeadline(timeout: number, signal?: AbortSignal): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  let aborted = false;
  const onAbort = () => {
    if (timedOut) return;
    aborted = true;
    controller.abort(signal!.reason);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (signal?.aborted) onAbort();
  else {
    signal?.addEventListener("abort", onAbort, { once: true });
    timer = setTimeout(
      () => {
        if (aborted) return;
        timedOut = true;
        controller.abort(
          new DOMException(`timed out after ${timeout} ms`, "TimeoutError"),
        );
      },
      Math.min(timeout, MAX_DELAY),
    );
  }
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    get aborted() {
      return aborted;
    },
    dispose() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    },
  };
}

/**
 * What a call or a wait that failed with `error` under `deadline` ends with, when the deadline is
 * why: `VcdTimeoutError` when its time ran out, `VcdAbortError` (caused by `abortCause`) when the
 * caller aborted; undefined when neither happened.
 */
export function deadlineError(
  deadline: Pick<Deadline, "timedOut" | "aborted">,
  timeout: number,
  context: VcdErrorContext,
  error: unknown,
  abortCause: unknown = error,
): Error | undefined {
  if (deadline.timedOut)
    return new VcdTimeoutError(timeout, { ...context, cause: error });
  if (deadline.aborted)
    return new VcdAbortError({ ...context, cause: abortCause });
  return undefined;
}

/**
 * Runs `run` under a deadline of `timeout` ms and the caller's `signal` (given to `run` as one
 * signal), and ends it: a failure the deadline caused is its `VcdTimeoutError` or `VcdAbortError`
 * named by `context` ({@link deadlineError}), any other is thrown as it is.
 */
export async function underDeadline<T>(
  timeout: number,
  signal: AbortSignal | undefined,
  context: VcdErrorContext,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const deadline = startDeadline(timeout, signal);
  try {
    return await run(deadline.signal);
  } catch (error) {
    throw (
      deadlineError(deadline, timeout, context, error, signal?.reason) ?? error
    );
  } finally {
    deadline.dispose();
  }
}

/**
 * Settles as `promise` does, or rejects with the signal's reason as soon as it aborts (so that a
 * `fetch` that ignores its signal still cannot hang the call).
 */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => undefined);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(
      () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.min(ms, MAX_DELAY),
    );
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
