/**
 * vcd-codegen runtime, transfer: reading a tar archive (an `.ova`: POSIX ustar, DMTF DSP0243 5.3)
 * as a stream, one entry after the other, never holding more than a chunk and a 512-byte header.
 * Regular files are given; directories and links are skipped; a pax extended header (`x`) or a
 * GNU long name (`L`) names the entry that follows. A header whose checksum does not match, or an
 * archive that ends inside an entry, is a `VcdTransferError` naming the archive and the offset.
 */
import { VcdTransferError } from "./transfer-error.js";

const BLOCK = 512;

/** One file of the archive: its name, size and bytes (read them before asking for the next entry). */
export interface TarEntry {
  readonly name: string;
  readonly size: number;
  /** The entry's bytes; what is not read is skipped by the next `next()`. */
  readonly chunks: AsyncIterable<Uint8Array>;
}

export class UstarReader {
  readonly #chunks: AsyncIterator<Uint8Array>;
  readonly #archive: string;
  #buffer: Uint8Array = new Uint8Array(0);
  #ended = false;
  /** Bytes of the archive consumed so far. */
  #offset = 0;
  /** Bytes of the current entry (with its padding) not read yet. */
  #pending = 0;

  constructor(chunks: AsyncIterable<Uint8Array>, archive = "archive.ova") {
    this.#chunks = chunks[Symbol.asyncIterator]();
    this.#archive = archive;
  }

  /** The next regular file, or undefined at the end of the archive. */
  async next(): Promise<TarEntry | undefined> {
    await this.#skip(this.#pending);
    this.#pending = 0;
    let longName: string | undefined;
    for (;;) {
      const header = await this.#read(BLOCK, true);
      if (!header || header.every((byte) => byte === 0)) return undefined;
      const at = this.#offset - BLOCK;
      checkSum(header, () =>
        this.#error(`a tar header whose checksum does not match`, at),
      );
      const size = this.#size(header, at);
      const type = String.fromCharCode(header[156] || 48);
      const padded = Math.ceil(size / BLOCK) * BLOCK;
      if (type === "x" || type === "L") {
        const text = new TextDecoder().decode(await this.#exact(padded));
        const body = text.slice(0, size);
        longName =
          type === "L" ? body.replace(/\0+$/, "") : (paxPath(body) ?? longName);
        continue;
      }
      if (type !== "0" && type !== "7") {
        await this.#skip(padded);
        longName = undefined;
        continue;
      }
      const prefix = field(header, 345, 155);
      const name =
        longName ??
        (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
      this.#pending = padded;
      return { name, size, chunks: this.#body(size, padded) };
    }
  }

  async *#body(size: number, padded: number): AsyncGenerator<Uint8Array> {
    let left = size;
    while (left > 0) {
      const chunk = await this.#read(left, false);
      if (!chunk)
        throw this.#error(`the archive ends inside an entry`, this.#offset);
      left -= chunk.byteLength;
      this.#pending -= chunk.byteLength;
      yield chunk;
    }
    await this.#skip(padded - size);
    this.#pending -= padded - size;
  }

  /** Up to `n` bytes (exactly `n` when `exact`); undefined at the end of the stream. */
  async #read(n: number, exact: boolean): Promise<Uint8Array | undefined> {
    while (
      this.#buffer.byteLength === 0 ||
      (exact && this.#buffer.byteLength < n)
    ) {
      if (this.#ended) {
        if (this.#buffer.byteLength === 0) return undefined;
        if (exact)
          throw this.#error(`the archive ends inside a header`, this.#offset);
        break;
      }
      const next = await this.#chunks.next();
      if (next.done) this.#ended = true;
      else
        this.#buffer =
          this.#buffer.byteLength === 0
            ? next.value
            : concat(this.#buffer, next.value);
    }
    const take = Math.min(n, this.#buffer.byteLength);
    const out = this.#buffer.subarray(0, take);
    this.#buffer = this.#buffer.subarray(take);
    this.#offset += take;
    return out;
  }

  async #exact(n: number): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let left = n;
    while (left > 0) {
      const chunk = await this.#read(left, false);
      if (!chunk)
        throw this.#error(`the archive ends inside an entry`, this.#offset);
      parts.push(chunk);
      left -= chunk.byteLength;
    }
    return parts.length === 1
      ? parts[0]
      : parts.reduce(concat, new Uint8Array(0));
  }

  async #skip(n: number): Promise<void> {
    let left = n;
    while (left > 0) {
      const chunk = await this.#read(left, false);
      if (!chunk)
        throw this.#error(`the archive ends inside an entry`, this.#offset);
      left -= chunk.byteLength;
    }
  }

  #size(header: Uint8Array, at: number): number {
    // Base-256 (a size of 8 GiB or more, GNU and star): the first byte's high bit is set.
    if (header[124] & 0x80) {
      let size = header[124] & 0x7f;
      for (let i = 125; i < 136; i++) size = size * 256 + header[i];
      return size;
    }
    const text = field(header, 124, 12).trim();
    const size = text === "" ? 0 : parseInt(text, 8);
    if (!/^[0-7]*$/.test(text) || !Number.isSafeInteger(size))
      throw this.#error(
        `a tar header whose size is not octal (${JSON.stringify(text)})`,
        at,
      );
    return size;
  }

  #error(problem: string, offset: number): VcdTransferError {
    return new VcdTransferError(problem, { file: this.#archive, offset });
  }
}

/** A NUL-terminated header field, as text. */
function field(header: Uint8Array, start: number, length: number): string {
  const bytes = header.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
}

/** Checks a header's checksum: the sum of its bytes, the checksum field read as spaces. */
function checkSum(header: Uint8Array, fail: () => Error): void {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
  const stored = parseInt(field(header, 148, 8).trim(), 8);
  if (stored !== sum) throw fail();
}

/** The `path` record of a pax extended header (`<length> path=<name>\n`). */
function paxPath(body: string): string | undefined {
  for (const record of body.split("\n")) {
    const match = /^\d+ path=(.*)$/s.exec(record);
    if (match) return match[1];
  }
  return undefined;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a, 0);
  out.set(b, a.byteLength);
  return out;
}
