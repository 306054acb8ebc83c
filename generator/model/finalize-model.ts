/** Turns the refined working model into the published {@link Model}: plain data, sorted, without raw parts. */
import type { SourceLocation } from "../diagnostics.js";
import type {
  Draft,
  DraftAttributeMember,
  DraftModelGroup,
  DraftParticle,
} from "./draft.js";
import type {
  AttributeUse,
  ElementDecl,
  Model,
  ModelGroup,
  Namespace,
  Particle,
  Source,
  TypeDef,
} from "./ir.js";

/** What the model says of its inputs beside what the draft holds. */
export type InputFacts = Pick<
  Model,
  "inputs" | "lowestApiVersion" | "defaultNamespace"
>;

export function finalizeModel(
  draft: Draft,
  namespaces: Namespace[],
  relativeTo: (file: string) => string,
  facts: InputFacts,
  operations: Pick<Model, "operations" | "operationsSource" | "linkRels"> = {
    operations: [],
  },
): Model {
  const source = (at: SourceLocation): Source => ({
    file: relativeTo(at.file),
    line: at.line,
    column: at.column,
  });
  const byId = <T extends { id: string }>(a: T, b: T) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  const used = new Set<string>();
  const types: TypeDef[] = [...draft.types.values()].sort(byId).map((def) => {
    used.add(def.namespace);
    if (def.kind === "simple") {
      const { raw: _raw, ownFacets: _own, source: at, ...rest } = def;
      return { ...rest, source: source(at) };
    }
    const {
      raw: _raw,
      source: at,
      particle,
      attributes,
      anyAttribute,
      ...rest
    } = def;
    return {
      ...rest,
      ...(anyAttribute
        ? {
            anyAttribute: {
              ...anyAttribute,
              source: source(anyAttribute.source),
            },
          }
        : {}),
      particle: particle ? group(particle, source) : null,
      attributes: attributeUses(attributes, source),
      source: source(at),
    };
  });
  const elements: ElementDecl[] = [...draft.elements.values()]
    .sort(byId)
    .map((element) => {
      used.add(element.namespace);
      const { raw: _raw, source: at, ...rest } = element;
      return { ...rest, source: source(at) };
    });
  return {
    formatVersion: 1,
    apiVersion: draft.apiVersion,
    inputs: facts.inputs,
    lowestApiVersion: facts.lowestApiVersion,
    ...(facts.defaultNamespace !== undefined
      ? { defaultNamespace: facts.defaultNamespace }
      : {}),
    namespaces: namespaces
      .filter((ns) => used.has(ns.uri))
      .sort((a, b) => (a.module < b.module ? -1 : 1)),
    types,
    elements,
    ...operations,
  };
}

function group(
  g: DraftModelGroup,
  source: (at: SourceLocation) => Source,
): ModelGroup {
  return {
    kind: g.kind,
    minOccurs: g.minOccurs,
    maxOccurs: g.maxOccurs,
    particles: g.particles.map((p) => particle(p, source)),
    ...(g.tsName ? { tsName: g.tsName, itemTsName: g.itemTsName } : {}),
  };
}

function particle(
  p: DraftParticle,
  source: (at: SourceLocation) => Source,
): Particle {
  switch (p.kind) {
    case "element": {
      const { raw: _raw, source: at, ...rest } = p;
      return { ...rest, source: source(at) };
    }
    case "any":
      return { ...p, source: source(p.source) };
    case "groupRef":
      throw new Error(
        `internal: group reference left after inline-groups at ${p.source.file}:${p.source.line}`,
      );
    default:
      return group(p, source);
  }
}

function attributeUses(
  members: DraftAttributeMember[],
  source: (at: SourceLocation) => Source,
): AttributeUse[] {
  return members.flatMap((member) => {
    if (member.kind !== "attribute") return [];
    const { kind: _kind, raw: _raw, source: at, ...rest } = member;
    return [{ ...rest, source: source(at) }];
  });
}
