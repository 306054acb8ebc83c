/**
 * @xmldom/xmldom 0.9 builds a new RegExp for every end tag it reads (`g.reg("^", QName_group, ...)`
 * in its sax.js, with the same parts each time): on the vCD set that is ~80 ms of a ~1 s generation,
 * plus the garbage it leaves. Its grammar module's `reg` is looked up on the module object at each
 * call, so wrapping it once with a cache keyed by the parts gives the same expressions, built once.
 * The parts are its grammar's own constants: the cache is a tree of maps keyed by each part itself
 * (a string by value, a RegExp by identity), a few look-ups a call where building a key from the
 * parts' sources cost as much as the expression. It holds at most `LIMIT` expressions, past which
 * `reg` builds them as before. If a later xmldom changes any of this, the wrapper is simply not
 * installed.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

type Reg = (...parts: (RegExp | string)[]) => RegExp;

/** A node of the cache: the expression of the parts so far, and the nodes of one part more. */
interface CacheNode {
  expression?: RegExp;
  readonly next: Map<RegExp | string, CacheNode>;
}

/** The most expressions kept (xmldom's grammar builds a handful). */
const LIMIT = 64;

let installed = false;

export function cacheXmldomRegExps(): void {
  if (installed) return;
  installed = true;
  let grammar: { reg?: Reg };
  try {
    grammar = require("@xmldom/xmldom/lib/grammar.js") as { reg?: Reg };
  } catch {
    return;
  }
  const reg = grammar.reg;
  if (typeof reg !== "function") return;
  const root: CacheNode = { next: new Map() };
  let size = 0;
  grammar.reg = function (this: unknown, ...parts: (RegExp | string)[]) {
    if (this !== undefined && this !== grammar) return reg.apply(this, parts);
    let node = root;
    for (const part of parts) {
      let next = node.next.get(part);
      if (!next) {
        if (size >= LIMIT) return reg.apply(grammar, parts);
        next = { next: new Map() };
        node.next.set(part, next);
      }
      node = next;
    }
    if (!node.expression) {
      if (size >= LIMIT) return reg.apply(grammar, parts);
      node.expression = reg.apply(grammar, parts);
      size++;
    }
    // A regular expression without the g or y flag keeps no state between exec calls.
    return node.expression;
  } as Reg;
}
