/**
 * The piece reader cuts any chunking of a source into pieces of exactly `pieceSize` bytes (the
 * last shorter), in order, and each piece keeps its bytes while the next is read: the two
 * buffers it cuts into are reused only two pieces later, as `sendFile` needs (a piece is held
 * until confirmed, the next read meanwhile).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PieceReader } from "../../runtime/transfer/piece-reader.js";

async function* chunked(
  bytes: Uint8Array,
  sizes: readonly number[],
): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let i = 0; at < bytes.byteLength; i++) {
    const n = sizes[i % sizes.length]!;
    yield bytes.slice(at, at + n);
    at += n;
  }
}

/** A source's bytes, a list of sizes (of its chunks, or of each read), and a piece size. */
const cases = [
  fc.uint8Array({ minLength: 0, maxLength: 3000 }),
  fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 8 }),
  fc.integer({ min: 1, max: 500 }),
] as const;

describe("PieceReader", () => {
  it("gives the source's bytes as whole pieces, each intact while the next is read", async () => {
    await fc.assert(
      fc.asyncProperty(...cases, async (bytes, sizes, pieceSize) => {
        const reader = new PieceReader(chunked(bytes, sizes), pieceSize);
        const pieces: Uint8Array[] = [];
        const copies: Uint8Array[] = [];
        let previous: { piece: Uint8Array; copy: Uint8Array } | undefined;
        for (;;) {
          const piece = await reader.next();
          // The piece before this one still holds its bytes (it may still be sent again).
          if (previous) expect(previous.piece).toEqual(previous.copy);
          if (!piece) break;
          pieces.push(piece);
          copies.push(piece.slice());
          previous = { piece, copy: piece.slice() };
        }
        const lengths = copies.map((p) => p.byteLength);
        expect(lengths.slice(0, -1).every((n) => n === pieceSize)).toBe(true);
        if (lengths.length > 0) expect(lengths.at(-1)).toBeGreaterThan(0);
        const joined = new Uint8Array(
          copies.reduce((n, p) => n + p.byteLength, 0),
        );
        let at = 0;
        for (const p of copies) {
          joined.set(p, at);
          at += p.byteLength;
        }
        expect(joined).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it("cuts small chunks into two buffers it reuses, not a new one per piece", async () => {
    const bytes = new Uint8Array(10 * 64).map((_, i) => i & 0xff);
    const reader = new PieceReader(chunked(bytes, [10]), 64);
    const buffers = new Set<ArrayBufferLike>();
    for (let piece = await reader.next(); piece; piece = await reader.next())
      buffers.add(piece.buffer);
    expect(buffers.size).toBe(2);
  });
});

describe("PieceReader over a source read at positions", () => {
  it("gives the same pieces as the stream of the same bytes, whatever each read returns", async () => {
    await fc.assert(
      fc.asyncProperty(...cases, async (bytes, reads, pieceSize) => {
        let call = 0;
        let closed = 0;
        // Each read returns at most the next of `reads` bytes (a short read, as a file's may).
        const positional = {
          readAt: async (target: Uint8Array, position: number) => {
            const n = Math.min(
              target.byteLength,
              reads[call++ % reads.length]!,
              bytes.byteLength - position,
            );
            target.set(bytes.subarray(position, position + n));
            return Math.max(n, 0);
          },
          close: async () => {
            closed++;
          },
        };
        const fromPositions = new PieceReader(positional, pieceSize);
        const fromStream = new PieceReader(chunked(bytes, [97]), pieceSize);
        for (;;) {
          const [a, b] = [await fromPositions.next(), await fromStream.next()];
          expect(a && a.slice()).toEqual(b && b.slice());
          if (!a) break;
        }
        await fromPositions.close();
        expect(closed).toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});
