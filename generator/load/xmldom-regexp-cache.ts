/**
 * @xmldom/xmldom 0.9 builds a new RegExp for every end tag it reads (`g.reg("^", QName_group, ...)`
 * in its sax.js, with the same parts each time): on the vCD set that is ~80 ms of a ~1 s generation,
 * plus the garbage it leaves. Its grammar module's `reg` is looked up on the module object at each
 * call, so wrapping it once with a cache keyed by the parts' sources gives the same expressions,
 * built once. If a later xmldom changes any of this, the wrapper is simply not installed.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

type Reg = (...parts: (RegExp | string)[]) => RegExp;

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
  const cache = new Map<string, RegExp>();
  grammar.reg = function (this: unknown, ...parts: (RegExp | string)[]) {
    if (this !== undefined && this !== grammar) return reg.apply(this, parts);
    const key = parts
      .map((p) => (typeof p === "string" ? `s${p}` : `r${p.source}/${p.flags}`))
      .join("\u0000");
    let expression = cache.get(key);
    if (!expression) {
      expression = reg.apply(grammar, parts);
      cache.set(key, expression);
    }
    // A regular expression without the g or y flag keeps no state between exec calls.
    return expression;
  } as Reg;
}
