/** Checks that no complex type derives from itself and lists, on every complex type, the types derived from it. */
import { GeneratorError } from "../diagnostics.js";
import type { Draft, DraftComplexType } from "../model/draft.js";
import { localOf, type ClarkName } from "../model/qname.js";
import type { Pass } from "./pass.js";

export const linkSubtypes: Pass = {
  name: "link-subtypes",
  run(draft) {
    for (const def of draft.types.values()) {
      if (def.kind === "complex") def.subtypes = [];
    }
    for (const def of draft.types.values()) {
      if (def.kind !== "complex") continue;
      for (const ancestor of ancestors(draft, def))
        ancestor.subtypes.push(def.id);
    }
    for (const def of draft.types.values()) {
      if (def.kind === "complex") def.subtypes.sort();
    }
  },
};

/** The complex types a type derives from, nearest first. */
function ancestors(draft: Draft, def: DraftComplexType): DraftComplexType[] {
  const out: DraftComplexType[] = [];
  const seen = new Set<ClarkName>([def.id]);
  let current = def;
  while (current.base) {
    const base = draft.types.get(current.base);
    if (!base || base.kind !== "complex") break;
    if (seen.has(base.id))
      throw new GeneratorError(
        `type "${localOf(def.id)}" derives from itself`,
        def.source,
      );
    seen.add(base.id);
    out.push(base);
    current = base;
  }
  return out;
}
