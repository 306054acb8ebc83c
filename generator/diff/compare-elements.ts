/** Compares the global elements of two models: added, removed, and their type, substitution group and flags. */
import {
  compareAspect,
  removedBetween,
  type CompareContext,
} from "./context.js";
import { explainAdded, explainRemoved, firstExplanation } from "./explain.js";

export function compareElements(context: CompareContext): void {
  const { from, to, name } = context;
  for (const [id, b] of to.elements) {
    const a = from.elements.get(id);
    const at = { subject: "element" as const, path: name(id), component: id };
    if (!a) {
      const type = to.types.get(b.type);
      const viaType = explainAdded(type?.annotations, context.fromVersion);
      context.push({
        kind: "added",
        ...at,
        ...firstExplanation(
          explainAdded(b.annotations, context.fromVersion),
          viaType.annotated
            ? {
                annotated: true,
                annotation: `its type ${name(b.type)}: ${viaType.annotation}`,
              }
            : viaType,
        ),
      });
      continue;
    }
    if (removedBetween(context, a.annotations, b.annotations))
      context.push({
        kind: "removed",
        ...at,
        ...explainRemoved(undefined, b.annotations),
      });
    const aspect = (n: string, x: unknown, y: unknown) =>
      compareAspect(context, at, n, x, y);
    aspect("type", name(a.type), name(b.type));
    aspect(
      "substitutionGroup",
      a.substitutionGroup && name(a.substitutionGroup),
      b.substitutionGroup && name(b.substitutionGroup),
    );
    aspect("abstract", a.abstract, b.abstract);
    aspect("nillable", a.nillable, b.nillable);
  }
  for (const [id, a] of from.elements) {
    if (to.elements.has(id)) continue;
    context.push({
      kind: "removed",
      subject: "element",
      path: name(id),
      component: id,
      ...explainRemoved(a.annotations, undefined),
    });
  }
}
