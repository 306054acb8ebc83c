/**
 * vcd-codegen runtime: finds an attribute named twice in a start tag, in time linear in the number
 * of its attributes. A start tag of a few attributes (nearly all of them) is compared pair by pair;
 * past `SCAN_LIMIT`, an open-addressing table of attribute indices keyed by a hash of the expanded
 * name is used. One table serves a whole document: a stamp per slot tells the current start tag's
 * entries from older ones, so nothing is cleared or allocated per tag. (A `Set` of the names cost
 * three times as much as all the rest of reading a start tag of 80,000 attributes.)
 *
 * The hash is seeded at random when the module loads and the slot is taken from its high bits, which
 * makes names written to share a chain unlikely to share one here; it is not a keyed hash, and what
 * bounds the cost of a chain is the parser's limit on attributes per element (10,000 by default).
 */

/** From this many attributes on a start tag, the table is used instead of scanning. */
const SCAN_LIMIT = 16;

/** What the table needs of an attribute: its expanded name. */
interface Named {
  readonly ns: string;
  readonly local: string;
}

export class AttributeNames {
  /** Per slot: the index of an attribute in the current start tag's list, plus one (0: empty). */
  private slots = new Int32Array(0);
  /** Per slot: the start tag the entry belongs to. */
  private stamps = new Int32Array(0);
  private stamp = 0;
  /** How many of the current start tag's attributes are in the table. */
  private indexed = 0;
  /** 32 less the number of bits of a slot's index. */
  private shift = 32;

  /** A new start tag begins: its attributes so far are none. */
  startTag(): void {
    this.indexed = 0;
    if (++this.stamp === 0x7fffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  /** True when `attributes` (the start tag's so far) already has an attribute named `{ns}local`. */
  has(attributes: readonly Named[], ns: string, local: string): boolean {
    const count = attributes.length;
    if (count < SCAN_LIMIT) {
      for (let i = 0; i < count; i++) {
        const other = attributes[i]!;
        if (other.local === local && other.ns === ns) return true;
      }
      return false;
    }
    if (count * 2 > this.slots.length) this.grow(attributes, count * 4);
    for (; this.indexed < count; this.indexed++)
      this.insert(attributes, this.indexed);
    const mask = this.slots.length - 1;
    for (let s = this.slotOf(ns, local); ; s = (s + 1) & mask) {
      if (this.stamps[s] !== this.stamp) return false;
      const other = attributes[this.slots[s]! - 1]!;
      if (other.local === local && other.ns === ns) return true;
    }
  }

  /** Puts the attribute at `index` into the table (its name is known to be new). */
  private insert(attributes: readonly Named[], index: number): void {
    const { ns, local } = attributes[index]!;
    const mask = this.slots.length - 1;
    let s = this.slotOf(ns, local);
    while (this.stamps[s] === this.stamp) s = (s + 1) & mask;
    this.stamps[s] = this.stamp;
    this.slots[s] = index + 1;
  }

  /** The first slot to look at for a name: the high bits of its hash, as many as the table needs. */
  private slotOf(ns: string, local: string): number {
    return Math.imul(hash(ns, local), 0x9e3779b1) >>> this.shift;
  }

  /** A table of at least `size` slots (a power of two), holding the attributes indexed so far. */
  private grow(attributes: readonly Named[], size: number): void {
    let length = 64;
    this.shift = 26;
    while (length < size) {
      length *= 2;
      this.shift--;
    }
    this.slots = new Int32Array(length);
    this.stamps = new Int32Array(length);
    const indexed = this.indexed;
    for (let i = 0; i < indexed; i++) this.insert(attributes, i);
  }
}

/** The seed of every table's hash in this process. */
const SEED = (Math.random() * 0x100000000) >>> 0;

/** FNV-1a of the local name, then of the namespace (empty for most attributes), from the seed. */
function hash(ns: string, local: string): number {
  let h = SEED ^ 0x811c9dc5;
  for (let i = 0; i < local.length; i++)
    h = Math.imul(h ^ local.charCodeAt(i), 0x01000193);
  for (let i = 0; i < ns.length; i++)
    h = Math.imul(h ^ ns.charCodeAt(i), 0x01000193);
  return h;
}
