/**
 * vcd-codegen runtime, amqp: one step of the subscriber under a time-out and a signal, each failure a
 * `VcdAmqpError` naming the step (`connecting to amqp://127.0.0.1:5672 timed out after 30000 ms`).
 */
import { VcdAmqpError } from "./amqp-error.js";

export function within<T>(
  step: string,
  work: Promise<T>,
  timeout: number,
  signal?: AbortSignal,
): Promise<T> {
  if (signal?.aborted)
    return Promise.reject(
      new VcdAmqpError("aborted", `${step}: aborted`, { cause: signal.reason }),
    );
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      done();
      reject(
        new VcdAmqpError("timeout", `${step} timed out after ${timeout} ms`),
      );
    }, timeout);
    const onAbort = () => {
      done();
      reject(
        new VcdAmqpError("aborted", `${step}: aborted`, {
          cause: signal?.reason,
        }),
      );
    };
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(
          error instanceof VcdAmqpError
            ? error
            : new VcdAmqpError(
                "connection",
                `${step} failed: ${(error as Error)?.message ?? String(error)}`,
                { cause: error },
              ),
        );
      },
    );
  });
}
