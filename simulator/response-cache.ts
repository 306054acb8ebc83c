/**
 * vcd-codegen runtime, simulator: the rendered bytes of GET answers, kept until the store changes.
 * An entry is keyed by what the representation depends on (the user who asked, the version it was
 * answered in, the path and query) and holds the store's revision it was rendered at; any change
 * of the store (a request that may change it, a task moving on, a reset) bumps the revision, so an
 * entry is only ever served for the state it was rendered from. Every check of the request (route,
 * `Accept`, token, privileges) runs before the cache is asked.
 *
 * It is bounded in entries and in bytes (the rendered bodies and their keys): past either bound the
 * oldest entries are dropped; an answer larger than the byte budget is not kept.
 */
import type { Rendered } from "./render.js";

/** Entries kept, at most. */
const LIMIT = 2_000;
/** Bytes of rendered bodies (and keys) kept, at most: 32 MiB. */
export const DEFAULT_CACHE_BYTES: number = 32 * 1024 * 1024;

interface Entry {
  readonly revision: number;
  readonly rendered: Rendered;
  readonly bytes: number;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private kept = 0;

  constructor(private readonly budget: number = DEFAULT_CACHE_BYTES) {}

  /** The bytes kept now (bodies and keys). */
  get bytes(): number {
    return this.kept;
  }

  get size(): number {
    return this.entries.size;
  }

  static key(
    userId: string,
    version: string,
    path: string,
    search: string,
  ): string {
    return `${userId}\n${version}\n${path}\n${search}`;
  }

  /** The answer rendered at this revision, if any. */
  get(key: string, revision: number): Rendered | undefined {
    const entry = this.entries.get(key);
    return entry && entry.revision === revision ? entry.rendered : undefined;
  }

  set(key: string, revision: number, rendered: Rendered): void {
    this.drop(key);
    const bytes = rendered.body.length + Buffer.byteLength(key);
    if (bytes > this.budget) return;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size < LIMIT && this.kept + bytes <= this.budget) break;
      this.drop(oldest);
    }
    this.entries.set(key, { revision, rendered, bytes });
    this.kept += bytes;
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.kept -= entry.bytes;
  }
}
