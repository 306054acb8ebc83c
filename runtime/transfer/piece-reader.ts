/**
 * vcd-codegen runtime, transfer: cutting a stream of chunks into the pieces a ranged upload sends
 * (`Content-Range`), each exactly `pieceSize` bytes but the last. One piece is held at a time, so
 * that it can be sent again after a failure; memory is bounded by the piece size, not the file's.
 */
export class PieceReader {
  readonly #chunks: AsyncIterator<Uint8Array>;
  readonly #pieceSize: number;
  /** What is left of the last chunk read. */
  #rest: Uint8Array | undefined;
  #ended = false;

  constructor(chunks: AsyncIterable<Uint8Array>, pieceSize: number) {
    this.#chunks = chunks[Symbol.asyncIterator]();
    this.#pieceSize = pieceSize;
  }

  /** The next piece (fewer bytes than the piece size only at the end); undefined at the end. */
  async next(): Promise<Uint8Array | undefined> {
    const size = this.#pieceSize;
    let piece: Uint8Array | undefined;
    let filled = 0;
    for (;;) {
      if (!this.#rest || this.#rest.byteLength === 0) {
        if (this.#ended) break;
        const next = await this.#chunks.next();
        if (next.done) {
          this.#ended = true;
          break;
        }
        this.#rest = next.value;
        continue;
      }
      const rest = this.#rest;
      // A chunk that holds a whole piece is sent as a view of it, without a copy.
      if (filled === 0 && rest.byteLength >= size) {
        this.#rest = rest.subarray(size);
        return rest.subarray(0, size);
      }
      piece ??= new Uint8Array(size);
      const take = Math.min(size - filled, rest.byteLength);
      piece.set(rest.subarray(0, take), filled);
      filled += take;
      this.#rest = rest.subarray(take);
      if (filled === size) return piece;
    }
    return piece && filled > 0 ? piece.subarray(0, filled) : undefined;
  }

  /** Stops reading (a stream source is cancelled). */
  async close(): Promise<void> {
    if (!this.#ended) {
      this.#ended = true;
      await this.#chunks.return?.();
    }
  }
}
