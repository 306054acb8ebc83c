/**
 * vcd-codegen runtime: finds an attribute named twice in a start tag, in time linear in the number
 * of its attributes. A start tag of a few attributes (nearly all of them) is compared pair by pair;
 * past `SCAN_LIMIT`, an open-addressing table of attribute indices keyed by a hash of the expanded
 * name is used. One table serves a whole document: a stamp per slot tells the current start tag's
 * entries from older ones, so nothing is cleared or allocated per tag. (A `Set` of the names cost
 * three times as much as all the rest of reading a start tag of 80,000 attributes.)
 *
 * Each name is hashed once: the look-up that finds it new records it in the empty slot it ended on,
 * and the table keeps every entry's hash, so a probe compares strings only when the hashes match
 * and growing the table re-hashes no string.
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

/** Int32s per slot of the table: the start tag's stamp, the name's hash, the attribute's index. */
const STRIDE = 3;

export class AttributeNames {
  /**
   * The slots, `STRIDE` numbers each: the start tag the entry belongs to (0: none), the hash of
   * its name, and the index of its attribute in that start tag's list. One array, so that a probe
   * touches one place in memory.
   */
  private table = new Int32Array(0);
  /** How many slots the table has (a power of two). */
  private size = 0;
  private stamp = 0;
  /** How many of the current start tag's attributes are in the table. */
  private indexed = 0;
  /** 32 less the number of bits of a slot's index. */
  private shift = 32;

  /** A new start tag begins: its attributes so far are none. */
  startTag(): void {
    this.indexed = 0;
    if (++this.stamp === 0x7fffffff) {
      this.table.fill(0);
      this.stamp = 1;
    }
  }

  /**
   * False when `attributes` (the start tag's so far) already has an attribute named `{ns}local`;
   * else true, and the name is taken as that of `attributes[attributes.length]`, which the caller
   * appends next.
   */
  add(attributes: readonly Named[], ns: string, local: string): boolean {
    const count = attributes.length;
    if (count < SCAN_LIMIT) {
      for (let i = 0; i < count; i++) {
        const other = attributes[i]!;
        if (other.local === local && other.ns === ns) return false;
      }
      return true;
    }
    if (count * 2 >= this.size) this.grow(count * 4);
    for (; this.indexed < count; this.indexed++) {
      const { ns: n, local: l } = attributes[this.indexed]!;
      this.put(hash(n, l), this.indexed);
    }
    const h = hash(ns, local);
    const table = this.table;
    const stamp = this.stamp;
    const mask = this.size - 1;
    let s = this.slotOf(h);
    for (; table[s * STRIDE] === stamp; s = (s + 1) & mask) {
      if (table[s * STRIDE + 1] !== h) continue;
      const other = attributes[table[s * STRIDE + 2]!]!;
      if (other.local === local && other.ns === ns) return false;
    }
    table[s * STRIDE] = stamp;
    table[s * STRIDE + 1] = h;
    table[s * STRIDE + 2] = count;
    this.indexed = count + 1;
    return true;
  }

  /** Lets a table of more than `slots` slots go (it is allocated again when a start tag needs it). */
  trim(slots: number): void {
    if (this.size <= slots) return;
    this.table = new Int32Array(0);
    this.size = 0;
    this.shift = 32;
  }

  /** Puts the attribute at `index`, of hash `h`, into the table (its name is known to be new). */
  private put(h: number, index: number): void {
    const table = this.table;
    const mask = this.size - 1;
    let s = this.slotOf(h);
    while (table[s * STRIDE] === this.stamp) s = (s + 1) & mask;
    table[s * STRIDE] = this.stamp;
    table[s * STRIDE + 1] = h;
    table[s * STRIDE + 2] = index;
  }

  /** The first slot to look at for a hash: its high bits, as many as the table needs. */
  private slotOf(h: number): number {
    return Math.imul(h, 0x9e3779b1) >>> this.shift;
  }

  /** A table of at least `size` slots (a power of two), holding the current start tag's entries. */
  private grow(size: number): void {
    let length = 64;
    let shift = 26;
    while (length < size) {
      length *= 2;
      shift--;
    }
    const old = this.table;
    this.table = new Int32Array(length * STRIDE);
    this.size = length;
    this.shift = shift;
    for (let at = 0; at < old.length; at += STRIDE)
      if (old[at] === this.stamp) this.put(old[at + 1]!, old[at + 2]!);
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
