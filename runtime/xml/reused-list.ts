/**
 * vcd-codegen runtime: a list filled and taken again and again (the attributes of one start tag, the
 * undeclared attributes of one element), kept from one use to the next so that what is taken is
 * allocated once, at its size, rather than grown entry by entry: for an element of 80,000
 * attributes, the copies of a growing list were a fifth of what reading it allocated, and the
 * garbage collector's work grows with what is allocated. Not re-entrant: a use ends (`take` or
 * `clear`) before the next begins.
 */

/** A list grown larger than this is let go at the end of its use. */
const KEPT_ENTRIES = 1 << 18;

export class ReusedList<T> {
  /** The entries, the first `count` of them in use; those past it are `undefined`. */
  items: (T | undefined)[] = [];
  count = 0;

  push(item: T): void {
    this.items[this.count++] = item;
  }

  /** The entries in use, as a new list of their number; the list is empty again. */
  take(): T[] {
    const taken = this.items.slice(0, this.count) as T[];
    this.release(this.count);
    return taken;
  }

  /** Empties the list after a use that ended half-way (an error). */
  clear(): void {
    this.release(this.items.length);
  }

  /** Empties the first `used` entries, letting a very large list go. */
  private release(used: number): void {
    if (this.items.length > KEPT_ENTRIES) this.items = [];
    else this.items.fill(undefined, 0, used);
    this.count = 0;
  }
}
