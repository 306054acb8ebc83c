/**
 * vcd-codegen runtime: finds an attribute named twice in a start tag, in time linear in the number
 * of its attributes. A start tag of a few attributes (nearly all of them) is compared pair by pair;
 * past `SCAN_LIMIT`, an open-addressing table of attribute indices keyed by a hash of the expanded
 * name is used. One table serves a whole document (and the next): a start tag's table is the first
 * slots of it, as many as that tag needs, cleared when the next start tag begins, so the cost of a
 * tag stays in proportion to its attributes and nothing is allocated per tag. (A `Set` of the names
 * cost three times as much as all the rest of reading a start tag of 80,000 attributes.)
 *
 * Each name is hashed once: the look-up that finds it new records it in the empty slot it ended on,
 * and the table keeps every entry's hash in order, so growing the table re-hashes no string.
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
  /**
   * The slots of the current start tag's table, its first `size` numbers: 0 for an empty slot, else
   * the attribute's index + 1 in the low `bits` bits and, above them, the low bits of its name's hash
   * (a tag, so that a probe compares names only when the tags match). 4 bytes a slot, 2 to 4 slots an
   * attribute: the table of 80,000 attributes (1 MiB) stays in cache better than one of 12 bytes a slot.
   */
  private slots = new Int32Array(0);
  /** The hash of each indexed attribute's name, by index: read back in order when the table grows. */
  private hashes = new Int32Array(0);
  /** How many slots the current start tag's table has (a power of two; 0: no table yet). */
  private size = 0;
  /** log2 of `size`. */
  private bits = 0;
  /** How many of the current start tag's attributes are in the table. */
  private indexed = 0;

  /** A new start tag begins: its attributes so far are none (the previous tag's slots are cleared). */
  startTag(): void {
    if (this.size) {
      this.slots.fill(0, 0, this.size);
      this.size = 0;
    }
    this.indexed = 0;
  }

  /**
   * False when the start tag's `count` attributes so far (the first of `attributes`) already have
   * one named `{ns}local`; else true, and the name is taken as that of `attributes[count]`, which the
   * caller sets next.
   */
  add(
    attributes: readonly (Named | undefined)[],
    count: number,
    ns: string,
    local: string,
  ): boolean {
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
    const slots = this.slots;
    const bits = this.bits;
    const mask = this.size - 1;
    const tag = (h & TAG_MASK) >>> bits;
    let s = Math.imul(h, 0x9e3779b1) >>> (32 - bits);
    for (let v = slots[s]!; v !== 0; s = (s + 1) & mask, v = slots[s]!) {
      if (v >>> bits !== tag) continue;
      const other = attributes[(v & mask) - 1]!;
      if (other.local === local && other.ns === ns) return false;
    }
    slots[s] = (tag << bits) | (count + 1);
    this.hashes[count] = h;
    this.indexed = count + 1;
    return true;
  }

  /** Lets a table of more than `slots` slots go (it is allocated again when a start tag needs it). */
  trim(slots: number): void {
    this.startTag();
    if (this.slots.length <= slots) return;
    this.slots = new Int32Array(0);
    this.hashes = new Int32Array(0);
  }

  /** Puts the attribute at `index`, of hash `h`, into the table (its name is known to be new). */
  private put(h: number, index: number): void {
    const slots = this.slots;
    const bits = this.bits;
    const mask = this.size - 1;
    let s = Math.imul(h, 0x9e3779b1) >>> (32 - bits);
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = (((h & TAG_MASK) >>> bits) << bits) | (index + 1);
    this.hashes[index] = h;
  }

  /**
   * A table of at least `size` slots (a power of two, from 64) for the current start tag, holding
   * its entries so far. The arrays are kept from one start tag (and document) to the next.
   */
  private grow(size: number): void {
    let length = 64;
    let bits = 6;
    while (length < size) {
      length *= 2;
      bits++;
    }
    if (this.slots.length < length) this.slots = new Int32Array(length);
    else this.slots.fill(0, 0, length);
    if (this.hashes.length < length / 2) {
      const hashes = new Int32Array(length / 2);
      hashes.set(this.hashes.subarray(0, this.indexed));
      this.hashes = hashes;
    }
    this.size = length;
    this.bits = bits;
    for (let i = 0; i < this.indexed; i++) this.put(this.hashes[i]!, i);
  }
}

/**
 * The bits of a hash kept in a slot as its tag, those a slot's index part leaves free (the sign
 * bit stays clear so that a slot is never mistaken for empty or negative).
 */
const TAG_MASK = 0x7fffffff;

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
