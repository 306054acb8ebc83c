/**
 * vcd-codegen runtime, transfer: what bytes are read from, as a browser has them: a `Blob` (a
 * `File` from an `<input>`), a `ReadableStream<Uint8Array>`, any `AsyncIterable<Uint8Array>` (a
 * Node stream is one), or a `Uint8Array`. Each is read as a sequence of chunks, once, in order;
 * a `Blob` slice by slice, so that a large one is never read whole.
 */

/** Bytes to upload. */
export type ByteSource =
  | Blob
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>
  | Uint8Array
  | SizedStream;

/** A stream that knows its size (a file on disk: the Node entry's `fileSource`). */
export interface SizedStream {
  readonly size: number;
  readonly stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;
  /**
   * The same bytes read at positions, where the source can (a file): an upload reads each piece
   * straight into its own buffer, with no chunk made per read. Called once per upload.
   */
  readonly positional?: () => PositionalSource;
}

/** Bytes read at positions into buffers the reader gives. */
export interface PositionalSource {
  /** Reads into `target` from byte `position`; resolves with the bytes read, 0 at the end. */
  readAt(target: Uint8Array, position: number): Promise<number>;
  /** Releases what reading holds (a file's handle). */
  close(): Promise<void>;
}

/** How an upload reads a source: at positions where it can, else as its chunks. */
export function readerOf(
  source: ByteSource,
): AsyncIterable<Uint8Array> | PositionalSource {
  return isSized(source) && source.positional
    ? source.positional()
    : chunksOf(source);
}

/** How much of a `Blob` is read at a time: 4 MiB. */
const BLOB_SLICE = 4 * 1024 * 1024;

/** The size of a source that knows it (a `Blob`, a `Uint8Array`); undefined for a stream. */
export function sourceSize(source: ByteSource): number | undefined {
  if (source instanceof Uint8Array) return source.byteLength;
  if (isBlob(source)) return source.size;
  if (isSized(source)) return source.size;
  return undefined;
}

/** The source's bytes, as chunks in order. Stopping early cancels a stream. */
export async function* chunksOf(
  source: ByteSource,
): AsyncGenerator<Uint8Array, void, undefined> {
  if (isSized(source)) {
    yield* chunksOf(source.stream);
    return;
  }
  if (source instanceof Uint8Array) {
    yield source;
    return;
  }
  if (isBlob(source)) {
    for (let at = 0; at < source.size; at += BLOB_SLICE)
      yield new Uint8Array(
        await source.slice(at, at + BLOB_SLICE).arrayBuffer(),
      );
    return;
  }
  if (isReadableStream(source)) {
    // getReader rather than `for await`: not every browser's ReadableStream is async iterable.
    const reader = source.getReader();
    let done = false;
    try {
      for (;;) {
        const next = await reader.read();
        if (next.done) {
          done = true;
          return;
        }
        yield next.value;
      }
    } finally {
      if (!done) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  }
  for await (const chunk of source) yield chunk;
}

/** Whether the source is a `Blob` (checked by shape: a `File` of another realm is one too). */
export function isBlob(source: unknown): source is Blob {
  return (
    typeof source === "object" &&
    source !== null &&
    typeof (source as Blob).slice === "function" &&
    typeof (source as Blob).arrayBuffer === "function" &&
    typeof (source as Blob).size === "number"
  );
}

function isSized(source: unknown): source is SizedStream {
  return (
    typeof source === "object" &&
    source !== null &&
    "stream" in source &&
    typeof (source as SizedStream).size === "number" &&
    !isBlob(source)
  );
}

function isReadableStream(
  source: unknown,
): source is ReadableStream<Uint8Array> {
  return (
    typeof source === "object" &&
    source !== null &&
    typeof (source as ReadableStream).getReader === "function"
  );
}
