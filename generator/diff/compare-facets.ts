/** Compares the facets of two simple types (or simple contents): each enumeration value, each other facet. */
import type { Facets } from "../model/ir.js";
import type { Change } from "./change.js";
import { compareAspect, type CompareContext } from "./context.js";

export function compareFacets(
  context: CompareContext,
  at: Pick<Change, "path" | "component">,
  a: Facets | undefined,
  b: Facets | undefined,
): void {
  const before = new Set(a?.enumeration ?? []);
  const after = new Set(b?.enumeration ?? []);
  // A type that gains or loses its enumeration altogether is one change of the facet.
  if (before.size && after.size) {
    for (const value of after)
      if (!before.has(value)) context.push(enumChange(at, "added", value));
    for (const value of before)
      if (!after.has(value)) context.push(enumChange(at, "removed", value));
  } else {
    compareAspect(
      context,
      { subject: "type", ...at },
      "facet.enumeration",
      a?.enumeration,
      b?.enumeration,
    );
  }
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  keys.delete("enumeration");
  for (const key of [...keys].sort()) {
    compareAspect(
      context,
      { subject: "type", ...at },
      `facet.${key}`,
      (a as Record<string, unknown> | undefined)?.[key],
      (b as Record<string, unknown> | undefined)?.[key],
    );
  }
}

function enumChange(
  at: Pick<Change, "path" | "component">,
  kind: "added" | "removed",
  value: string,
): Change {
  // Enumeration values carry no annotations in the model: such a change is never annotated.
  return {
    kind,
    subject: "enumeration",
    path: `${at.path} "${value}"`,
    component: at.component,
    member: value,
    annotated: false,
  };
}
