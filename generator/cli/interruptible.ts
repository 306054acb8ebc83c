/**
 * SIGINT and SIGTERM during a command that writes: without a handler of its own Node dies at once,
 * in the middle of writing the output's temporary folder, and leaves it beside the output
 * (`.vcloud.vcd-codegen-tmp-*`). With one, the signal is handled between synchronous steps: the
 * write (every file into the temporary folder, then the rename, or its removal on an error) is one,
 * so it ends before the handler runs, and the process then exits with 128 + the signal's number,
 * as it would have by the signal.
 */
const SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;

/** Runs `work` with SIGINT and SIGTERM ending the process cleanly (see above); the handlers are removed after. */
export async function interruptible<T>(
  work: () => Promise<T>,
  err: (line: string) => void,
): Promise<T> {
  const handlers = Object.entries(SIGNALS).map(([signal, number]) => {
    const handler = () => {
      err(`vcd-codegen: stopped by ${signal}`);
      process.exit(128 + number);
    };
    process.once(signal, handler);
    return () => process.off(signal, handler);
  });
  try {
    return await work();
  } finally {
    // A signal that came during the last synchronous step is read in the event loop's poll phase:
    // let one whole turn pass, through the next poll (removing the handler first would swallow it).
    for (let turn = 0; turn < 2; turn++)
      await new Promise((resolve) => setImmediate(resolve));
    for (const off of handlers) off();
  }
}
