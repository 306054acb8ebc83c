/** Lists, on every global element, the elements that may stand for it (substitution group members, transitively). */
import { GeneratorError } from "../diagnostics.js";
import { localOf, type ClarkName } from "../model/qname.js";
import type { Pass } from "./pass.js";

export const linkSubstitutionGroups: Pass = {
  name: "link-substitution-groups",
  run(draft) {
    for (const element of draft.elements.values()) element.substitutes = [];
    for (const element of draft.elements.values()) {
      const seen = new Set<ClarkName>([element.id]);
      let head = element.substitutionGroup;
      while (head) {
        if (seen.has(head)) {
          throw new GeneratorError(
            `substitution group of "${localOf(element.id)}" loops back on itself`,
            element.source,
          );
        }
        seen.add(head);
        const headElement = draft.elements.get(head)!;
        headElement.substitutes.push(element.id);
        head = headElement.substitutionGroup;
      }
    }
    for (const element of draft.elements.values()) element.substitutes.sort();
  },
};
