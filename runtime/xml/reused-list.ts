/**
 * vcd-codegen runtime: a list filled and taken again and again (the attributes of one start tag, the
 * undeclared attributes of one element), kept from one use to the next so that what is taken is
 * allocated once, at its size, rather than grown entry by entry: for an element of 80,000
 * attributes, the copies of a growing list were a fifth of what reading it allocated, and the
 * garbage collector's work grows with what is allocated. Not re-entrant: a use ends (`take` or
 * `clear`) before the next begins.
 */

/** A list kept larger than this is let go when it is cleared. */
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
    this.items.fill(undefined, 0, this.count);
    this.count = 0;
    return taken;
  }

  /** Empties the list after a use that ended half-way (an error), letting a very large one go. */
  clear(): void {
    if (this.items.length > KEPT_ENTRIES) this.items = [];
    else this.items.fill(undefined);
    this.count = 0;
  }
}
