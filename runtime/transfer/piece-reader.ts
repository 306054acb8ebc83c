/**
 * vcd-codegen runtime, transfer: cutting a stream of chunks, or a source read at positions (a
 * file), into the pieces a ranged upload sends (`Content-Range`), each exactly `pieceSize` bytes
 * but the last. A piece is held until it is confirmed, so that it can be sent again after a
 * failure, and the next is read meanwhile: pieces are cut into two buffers in turn, each reused
 * two pieces later, when its piece is confirmed (a new buffer for each piece was garbage the
 * collector let pile up: 30 MB more at the peak of a 1 GiB upload). Memory is bounded by the
 * piece size, not the file's.
 */
import type { PositionalSource } from "./byte-source.js";

/** Whether the source is read at positions (it has `readAt`), not as chunks. */
function isPositional(
  source: AsyncIterable<Uint8Array> | PositionalSource,
): source is PositionalSource {
  return typeof (source as PositionalSource).readAt === "function";
}

export class PieceReader {
  /** The chunks of a stream source; undefined for a positional one. */
  readonly #chunks: AsyncIterator<Uint8Array> | undefined;
  /** A source read at positions (a file), each piece straight into its buffer. */
  readonly #positional: PositionalSource | undefined;
  /** Where the next positional read starts. */
  #position = 0;
  readonly #pieceSize: number;
  /** What is left of the last chunk read. */
  #rest: Uint8Array | undefined;
  #ended = false;
  /** The two buffers pieces are cut into, in turn. */
  readonly #buffers: (Uint8Array | undefined)[] = [undefined, undefined];
  #turn = 0;

  constructor(
    source: AsyncIterable<Uint8Array> | PositionalSource,
    pieceSize: number,
  ) {
    if (isPositional(source)) this.#positional = source;
    else this.#chunks = source[Symbol.asyncIterator]();
    this.#pieceSize = pieceSize;
  }

  /**
   * The next piece (fewer bytes than the piece size only at the end); undefined at the end. The
   * piece is valid until the call after the next: the caller sends (and confirms) it before then.
   */
  async next(): Promise<Uint8Array | undefined> {
    if (this.#positional) return this.#readAt(this.#positional);
    const size = this.#pieceSize;
    let piece: Uint8Array | undefined;
    let filled = 0;
    for (;;) {
      if (!this.#rest || this.#rest.byteLength === 0) {
        if (this.#ended) break;
        const next = await this.#chunks!.next();
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
      piece ??= this.#buffer();
      const take = Math.min(size - filled, rest.byteLength);
      piece.set(rest.subarray(0, take), filled);
      filled += take;
      this.#rest = rest.subarray(take);
      if (filled === size) return piece;
    }
    return piece && filled > 0 ? piece.subarray(0, filled) : undefined;
  }

  /** The next piece of a positional source, read into this turn's buffer. */
  async #readAt(source: PositionalSource): Promise<Uint8Array | undefined> {
    if (this.#ended) return undefined;
    const piece = this.#buffer();
    let filled = 0;
    while (filled < piece.byteLength) {
      const n = await source.readAt(
        piece.subarray(filled),
        this.#position + filled,
      );
      if (n === 0) {
        this.#ended = true;
        break;
      }
      filled += n;
    }
    this.#position += filled;
    return filled > 0 ? piece.subarray(0, filled) : undefined;
  }

  /** The buffer of this turn (made at the first use: a file smaller than a piece needs one). */
  #buffer(): Uint8Array {
    const turn = this.#turn;
    this.#turn = 1 - turn;
    return (this.#buffers[turn] ??= new Uint8Array(this.#pieceSize));
  }

  /** Stops reading (a stream source is cancelled). */
  async close(): Promise<void> {
    if (this.#positional) {
      this.#ended = true;
      await this.#positional.close();
    } else if (!this.#ended) {
      this.#ended = true;
      await this.#chunks!.return?.();
    }
  }
}
