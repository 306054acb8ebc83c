/**
 * Compares the types of two models: types added and removed, and for a type on both sides its
 * kind, derivation, simple content, facets, media type, wildcard attributes and (for a complex
 * type) its properties and attributes.
 */
import type { ComplexTypeDef, SimpleTypeDef, TypeDef } from "../model/ir.js";
import { compareFacets } from "./compare-facets.js";
import { compareProperties } from "./compare-properties.js";
import {
  compareAspect,
  removedBetween,
  type CompareContext,
} from "./context.js";
import { explainAdded, explainRemoved } from "./explain.js";
import { mediaTypeOf } from "./model-view.js";

export function compareTypes(context: CompareContext): void {
  const { from, to } = context;
  for (const [id, b] of to.types) {
    const a = from.types.get(id);
    const at = {
      subject: "type" as const,
      path: context.name(id),
      component: id,
    };
    if (!a) {
      context.push({
        kind: "added",
        ...at,
        ...explainAdded(b.annotations, context.fromVersion),
      });
      continue;
    }
    if (removedBetween(context, a.annotations, b.annotations)) {
      context.push({
        kind: "removed",
        ...at,
        ...explainRemoved(undefined, b.annotations),
      });
    }
    compareType(context, a, b);
  }
  for (const [id, a] of from.types) {
    if (to.types.has(id)) continue;
    context.push({
      kind: "removed",
      subject: "type",
      path: context.name(id),
      component: id,
      ...explainRemoved(a.annotations, undefined),
    });
  }
}

function compareType(context: CompareContext, a: TypeDef, b: TypeDef): void {
  const at = {
    subject: "type" as const,
    path: context.name(b.id),
    component: b.id,
  };
  const aspect = (name: string, x: unknown, y: unknown) =>
    compareAspect(context, at, name, x, y);
  const ref = (id: string | undefined) => id && context.name(id);
  aspect("kind", a.kind, b.kind);
  aspect("mediaType", mediaTypeOf(a), mediaTypeOf(b));
  if (a.kind !== b.kind) return;
  if (a.kind === "simple") {
    const s = b as SimpleTypeDef;
    aspect("variety", a.variety, s.variety);
    aspect("base", ref(a.base), ref(s.base));
    aspect("builtin", ref(a.builtin), ref(s.builtin));
    aspect("itemType", ref(a.itemType), ref(s.itemType));
    aspect(
      "memberTypes",
      a.memberTypes?.map(context.name),
      s.memberTypes?.map(context.name),
    );
    compareFacets(context, at, a.facets, s.facets);
    return;
  }
  const c = b as ComplexTypeDef;
  aspect("abstract", a.abstract, c.abstract);
  aspect("mixed", a.mixed, c.mixed);
  aspect("base", ref(a.base), ref(c.base));
  aspect("derivation", a.derivation, c.derivation);
  aspect("simpleContent", ref(a.simpleContent), ref(c.simpleContent));
  const wildcard = (t: ComplexTypeDef) =>
    t.anyAttribute &&
    `${JSON.stringify(t.anyAttribute.namespaces)} ${t.anyAttribute.processContents}`;
  aspect("anyAttribute", wildcard(a), wildcard(c));
  if (a.facets || c.facets) compareFacets(context, at, a.facets, c.facets);
  compareProperties(context, a, c);
}
