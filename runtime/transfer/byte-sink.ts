/**
 * vcd-codegen runtime, transfer: where downloaded bytes go, as a browser has it: a
 * `WritableStream<Uint8Array>` (closed when the file is done) or a function called with each
 * chunk in order (awaited: it holds the download back, so memory stays bounded).
 */

/** Where the bytes of a download go. */
export type ByteSink =
  WritableStream<Uint8Array> | ((chunk: Uint8Array) => void | Promise<void>);

/** A sink as a writer: `write` each chunk, then `close` (or `abort` on failure). */
export interface SinkWriter {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(reason: unknown): Promise<void>;
}

export function sinkWriter(sink: ByteSink): SinkWriter {
  if (typeof sink === "function")
    return {
      write: async (chunk) => {
        await sink(chunk);
      },
      close: async () => undefined,
      abort: async () => undefined,
    };
  const writer = sink.getWriter();
  return {
    write: (chunk) => writer.write(chunk),
    close: () => writer.close(),
    abort: (reason) => writer.abort(reason).catch(() => undefined),
  };
}
