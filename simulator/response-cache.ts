/**
 * vcd-codegen runtime, simulator: the rendered bytes of GET answers, kept until the store changes.
 * An entry is keyed by what the representation depends on (the user who asked, the version it was
 * answered in, the path and query) and holds the store's revision it was rendered at; any change
 * of the store (a request that may change it, a task moving on, a reset) bumps the revision, so an
 * entry is only ever served for the state it was rendered from. Every check of the request (route,
 * `Accept`, token, privileges) runs before the cache is asked.
 */
import type { Rendered } from "./render.js";

/** Entries kept before the cache starts over. */
const LIMIT = 2_000;

export class ResponseCache {
  private readonly entries = new Map<
    string,
    { readonly revision: number; readonly rendered: Rendered }
  >();

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
    if (this.entries.size >= LIMIT) this.entries.clear();
    this.entries.set(key, { revision, rendered });
  }
}
