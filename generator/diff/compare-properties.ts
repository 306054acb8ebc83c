/**
 * Compares what a complex type declares itself: its properties (element particles and wildcards)
 * by name, with their cardinality, type, groups and order, and its attributes by name.
 */
import type { AttributeUse, ComplexTypeDef } from "../model/ir.js";
import {
  compareAspect,
  removedBetween,
  type CompareContext,
} from "./context.js";
import {
  explainAdded,
  explainRemoved,
  firstExplanation,
  particleAnnotations,
  type Explanation,
} from "./explain.js";
import { propertiesOf, type PropertyView } from "./model-view.js";
import type { Change } from "./change.js";

export function compareProperties(
  context: CompareContext,
  a: ComplexTypeDef,
  b: ComplexTypeDef,
): void {
  const before = propertiesOf(a);
  const after = propertiesOf(b);
  const byKey = new Map(before.map((p) => [p.key, p]));
  const afterKeys = new Set(after.map((p) => p.key));
  const where = (p: PropertyView) => ({
    subject: "property" as const,
    path: `${context.name(b.id)}/${p.key === "any" ? "any" : context.name(p.key)}`,
    component: b.id,
    member: p.key,
  });
  for (const p of after) {
    const old = byKey.get(p.key);
    if (!old) {
      context.push({
        kind: "added",
        ...where(p),
        ...explainProperty(context, p),
      });
      continue;
    }
    const why = explainProperty(context, p);
    const ann = particleAnnotations(p.particle);
    if (removedBetween(context, particleAnnotations(old.particle), ann))
      context.push({
        kind: "removed",
        ...where(p),
        ...explainRemoved(undefined, ann),
      });
    comparePropertyPair(
      context,
      where(p),
      old,
      p,
      why.annotated ? why : undefined,
    );
  }
  for (const p of before) {
    if (afterKeys.has(p.key)) continue;
    context.push({
      kind: "removed",
      ...where(p),
      path: `${context.name(a.id)}/${p.key === "any" ? "any" : context.name(p.key)}`,
      ...explainRemoved(particleAnnotations(p.particle), undefined),
    });
  }
  const common = (list: PropertyView[], other: Set<string>) =>
    list.filter((p) => other.has(p.key)).map((p) => context.name(p.key));
  compareAspect(
    context,
    { subject: "type", path: context.name(b.id), component: b.id },
    "order",
    common(before, afterKeys).join(", "),
    common(after, new Set(byKey.keys())).join(", "),
  );
  compareAttributes(context, a, b);
}

function comparePropertyPair(
  context: CompareContext,
  at: Pick<Change, "subject" | "path" | "component" | "member">,
  a: PropertyView,
  b: PropertyView,
  why: Explanation | undefined,
): void {
  const pa = a.particle;
  const pb = b.particle;
  const aspect = (name: string, x: unknown, y: unknown) =>
    compareAspect(context, at, name, x, y, why);
  aspect("minOccurs", pa.minOccurs, pb.minOccurs);
  aspect("maxOccurs", pa.maxOccurs, pb.maxOccurs);
  aspect("groups", a.groups, b.groups);
  if (pa.kind === "element" && pb.kind === "element") {
    aspect("type", context.name(pa.type), context.name(pb.type));
    aspect(
      "ref",
      pa.ref && context.name(pa.ref),
      pb.ref && context.name(pb.ref),
    );
    aspect("nillable", pa.nillable, pb.nillable);
    aspect("default", pa.default, pb.default);
    aspect("fixed", pa.fixed, pb.fixed);
  } else if (pa.kind === "any" && pb.kind === "any") {
    aspect("namespaces", pa.namespaces, pb.namespaces);
    aspect("processContents", pa.processContents, pb.processContents);
  }
}

/** A property is explained by its own `added-in`, or by that of its type or referenced element. */
function explainProperty(
  context: CompareContext,
  p: PropertyView,
): Explanation {
  const own = explainAdded(
    particleAnnotations(p.particle),
    context.fromVersion,
  );
  if (p.particle.kind !== "element") return own;
  const type = context.to.types.get(p.particle.type);
  const ref = p.particle.ref
    ? context.to.elements.get(p.particle.ref)
    : undefined;
  const via = (what: string, e: Explanation): Explanation =>
    e.annotated
      ? { annotated: true, annotation: `${what}: ${e.annotation}` }
      : e;
  return firstExplanation(
    own,
    via(
      `its type ${context.name(p.particle.type)}`,
      explainAdded(type?.annotations, context.fromVersion),
    ),
    ref
      ? via(
          `its element ${context.name(ref.id)}`,
          explainAdded(ref.annotations, context.fromVersion),
        )
      : own,
  );
}

function compareAttributes(
  context: CompareContext,
  a: ComplexTypeDef,
  b: ComplexTypeDef,
): void {
  const before = new Map(a.attributes.map((u) => [u.name, u]));
  const after = new Map(b.attributes.map((u) => [u.name, u]));
  const where = (u: AttributeUse, owner = b) => ({
    subject: "attribute" as const,
    path: `${context.name(owner.id)}/@${context.name(u.name)}`,
    component: owner.id,
    member: u.name,
  });
  for (const [name, u] of after) {
    const old = before.get(name);
    const why = firstExplanation(
      explainAdded(u.annotations, context.fromVersion),
      explainAdded(
        context.to.types.get(u.type)?.annotations,
        context.fromVersion,
      ),
    );
    if (!old) {
      context.push({ kind: "added", ...where(u), ...why });
      continue;
    }
    if (removedBetween(context, old.annotations, u.annotations))
      context.push({
        kind: "removed",
        ...where(u),
        ...explainRemoved(undefined, u.annotations),
      });
    const aspect = (n: string, x: unknown, y: unknown) =>
      compareAspect(
        context,
        where(u),
        n,
        x,
        y,
        why.annotated ? why : undefined,
      );
    aspect("use", old.use, u.use);
    aspect("type", context.name(old.type), context.name(u.type));
    aspect("default", old.default, u.default);
    aspect("fixed", old.fixed, u.fixed);
  }
  for (const [name, u] of before) {
    if (!after.has(name))
      context.push({
        kind: "removed",
        ...where(u, a),
        ...explainRemoved(u.annotations, undefined),
      });
  }
}
