/**
 * A model seen for comparison: components by id, names with canonical prefixes, and the content
 * model of a complex type flattened into its properties in document order, each with the groups
 * it stands in (so that a property moved into a choice, or a choice that became optional, shows).
 */
import { ALL_VERSIONS, compareVersions } from "../model/api-version.js";
import type {
  ComplexTypeDef,
  ElementDecl,
  MaxOccurs,
  Model,
  ModelGroup,
  Operation,
  Particle,
  TypeDef,
} from "../model/ir.js";

export interface ModelView {
  readonly model: Model;
  readonly types: ReadonlyMap<string, TypeDef>;
  readonly elements: ReadonlyMap<string, ElementDecl>;
  readonly operations: ReadonlyMap<string, Operation>;
}

/** One element particle or wildcard of a content model. */
export interface PropertyView {
  /** Unique in the type: the element's Clark name (`#2` for a second one of that name), or `any`. */
  readonly key: string;
  readonly particle: Exclude<Particle, ModelGroup>;
  /** The groups from the type's content root down to the particle: `sequence/choice?`. */
  readonly groups: string;
}

export function viewOf(model: Model): ModelView {
  // The API at the model's version: what a package of it keeps for older servers only (an
  // operation a newer document dropped, `removedIn` at or before the version, and the types only
  // it names, removed by their own annotations) is not part of it.
  const gone = (removedIn: string | undefined) =>
    removedIn !== undefined &&
    model.apiVersion !== ALL_VERSIONS &&
    compareVersions(removedIn, model.apiVersion) <= 0;
  const types = model.types.filter((t) => !gone(t.annotations.removedIn));
  const kept = new Set(types.map((t) => t.id));
  const all = new Set(model.types.map((t) => t.id));
  return {
    model,
    types: new Map(types.map((t) => [t.id, t])),
    elements: new Map(
      model.elements
        .filter(
          (e) =>
            !gone(e.annotations.removedIn) &&
            (kept.has(e.type) || !all.has(e.type)),
        )
        .map((e) => [e.id, e]),
    ),
    operations: new Map(
      model.operations.filter((o) => !gone(o.removedIn)).map((o) => [o.id, o]),
    ),
  };
}

/** `{uri}Local` -> `prefix:Local` with the prefixes of either model (anonymous ids keep their path). */
export function prefixer(...models: Model[]): (id: string) => string {
  const prefixes = new Map<string, string>();
  for (const model of models)
    for (const ns of model.namespaces)
      if (!prefixes.has(ns.uri)) prefixes.set(ns.uri, ns.prefix);
  prefixes.set("http://www.w3.org/2001/XMLSchema", "xs");
  return (id) => {
    if (!id.startsWith("{")) return id;
    const end = id.indexOf("}");
    if (end === 1) return id.slice(2);
    const prefix = prefixes.get(id.slice(1, end));
    return prefix === undefined
      ? id
      : `${prefix ? `${prefix}:` : ""}${id.slice(end + 1)}`;
  };
}

export function occurs(p: { minOccurs: number; maxOccurs: MaxOccurs }): string {
  if (p.minOccurs === 1 && p.maxOccurs === 1) return "";
  if (p.minOccurs === 0 && p.maxOccurs === 1) return "?";
  if (p.minOccurs === 0 && p.maxOccurs === "unbounded") return "*";
  if (p.minOccurs === 1 && p.maxOccurs === "unbounded") return "+";
  return `{${p.minOccurs},${p.maxOccurs}}`;
}

/** The element particles and wildcards of a complex type's own content, in document order. */
export function propertiesOf(type: ComplexTypeDef): PropertyView[] {
  const out: PropertyView[] = [];
  const seen = new Map<string, number>();
  const walk = (group: ModelGroup, path: string) => {
    const here = `${path ? `${path}/` : ""}${group.kind}${occurs(group)}`;
    for (const p of group.particles) {
      if (p.kind !== "element" && p.kind !== "any") {
        walk(p, here);
        continue;
      }
      const name = p.kind === "element" ? p.name : "any";
      const n = (seen.get(name) ?? 0) + 1;
      seen.set(name, n);
      out.push({
        key: n === 1 ? name : `${name}#${n}`,
        particle: p,
        groups: here,
      });
    }
  };
  if (type.particle) walk(type.particle, "");
  return out;
}

/** The media type a type is served as (its annotation), if any. */
export function mediaTypeOf(type: TypeDef | undefined): string | undefined {
  return type?.annotations.mediaType;
}
