/**
 * Finds what a version fact names in the draft (a type, global element, property or attribute, by
 * its path with canonical prefixes) and reads or writes one aspect of it as the text the diff
 * prints; puts a removed property or attribute back where it was. Used by apply-version-facts.
 */
import {
  walkParticles,
  type Draft,
  type DraftElementParticle,
  type DraftModelGroup,
  type DraftAttribute,
  type DraftType,
} from "../model/draft.js";
import type { Annotations } from "../model/ir.js";
import type { VersionFact } from "../config/version-facts.js";
import { compareVersions } from "../model/api-version.js";

const XSD = "http://www.w3.org/2001/XMLSchema";

/** One component a fact names, with the aspects a fact may change. */
export interface FactTarget {
  readonly annotations: Annotations;
  setAnnotations(annotations: Annotations): void;
  /** The aspect's value as text (`-` when absent). */
  get(aspect: string): string;
  set(aspect: string, text: string): void;
}

type Names = {
  clark(name: string, at?: VersionFact): string;
  text(id: string | undefined): string;
};

function namesOf(draft: Draft): Names {
  const uris = new Map(
    [...draft.namespaces].map(([uri, prefix]) => [prefix, uri]),
  );
  uris.set("xs", XSD);
  return {
    clark(name) {
      const colon = name.indexOf(":");
      if (colon < 0) return `{}${name}`;
      // A namespace the schema set does not have: a name nothing in it has, so the fact does not apply.
      const uri =
        uris.get(name.slice(0, colon)) ?? `urn:absent:${name.slice(0, colon)}`;
      return `{${uri}}${name.slice(colon + 1)}`;
    },
    text(id) {
      if (id === undefined) return "-";
      const end = id.indexOf("}");
      if (end === 1) return id.slice(2);
      const prefix = id.startsWith("{")
        ? id.slice(1, end) === XSD
          ? "xs"
          : draft.namespaces.get(id.slice(1, end))
        : undefined;
      return prefix ? `${prefix}:${id.slice(end + 1)}` : id;
    },
  };
}

/** Splits `vcloud:T/vcloud:M` (or `vcloud:T/@a`) into the type and member Clark names. */
function split(
  names: Names,
  fact: VersionFact,
): { owner: string; member?: string } {
  if (fact.subject === "type" || fact.subject === "element")
    return { owner: names.clark(fact.path, fact) };
  const slash = fact.path.lastIndexOf("/");
  const member = fact.path.slice(slash + 1).replace(/^@/, "");
  return {
    owner: names.clark(fact.path.slice(0, slash), fact),
    member: names.clark(member, fact),
  };
}

export function componentsOf(
  draft: Draft,
  fact: VersionFact,
): FactTarget | undefined {
  const names = namesOf(draft);
  const { owner, member } = split(names, fact);
  if (fact.subject === "element") {
    const element = draft.elements.get(owner);
    return element && target(element, names, fact);
  }
  const type = draft.types.get(owner);
  if (!type) return undefined;
  if (fact.subject === "type") return target(type, names, fact);
  if (type.kind !== "complex") return undefined;
  if (fact.subject === "attribute") {
    const attribute = type.attributes.find(
      (a): a is DraftAttribute => a.kind === "attribute" && a.name === member,
    );
    return attribute && target(attribute, names, fact);
  }
  const particle = findParticle(type.particle, member!);
  return particle && target(particle, names, fact);
}

function findParticle(
  group: DraftModelGroup | null,
  name: string,
): DraftElementParticle | undefined {
  let found: DraftElementParticle | undefined;
  walkParticles(group, (p) => {
    if (!found && p.kind === "element" && p.name === name) found = p;
  });
  return found;
}

/** Reads and writes the aspects a fact may name on a type, element, particle or attribute. */
function target(
  of: { annotations: Annotations },
  names: Names,
  fact: VersionFact,
): FactTarget {
  const component = of as { annotations: Annotations } & Record<
    string,
    unknown
  >;
  const REFS = new Set(["type", "base", "simpleContent"]);
  return {
    get annotations() {
      return component.annotations;
    },
    setAnnotations(annotations) {
      component.annotations = annotations;
    },
    get(aspect) {
      if (aspect === "addedIn" || aspect === "mediaType")
        return component.annotations[aspect] ?? "-";
      const value = component[aspect];
      if (REFS.has(aspect)) return names.text(value as string | undefined);
      return value === undefined ? "-" : String(value);
    },
    set(aspect, text) {
      const absent = text === "-";
      if (aspect === "addedIn" || aspect === "mediaType") {
        const { [aspect]: _old, ...rest } = component.annotations;
        component.annotations = absent ? rest : { ...rest, [aspect]: text };
        return;
      }
      if (absent) delete component[aspect];
      else if (REFS.has(aspect)) component[aspect] = names.clark(text, fact);
      else if (aspect === "minOccurs" || aspect === "maxOccurs")
        component[aspect] = text === "unbounded" ? text : Number(text);
      else if (aspect === "mixed") component[aspect] = text === "true";
      else component[aspect] = text;
    },
  };
}

/** Puts a removed property or attribute back, with `removed-in` the fact's version. */
export function addBack(
  draft: Draft,
  fact: VersionFact,
): "added" | "later" | "skip" {
  const names = namesOf(draft);
  const { owner, member } = split(names, fact);
  const type = draft.types.get(owner) as DraftType | undefined;
  if (!type || type.kind !== "complex" || componentsOf(draft, fact))
    return "skip";
  const restore = fact.restore!;
  const annotations: Annotations = {
    ...(restore.addedIn ? { addedIn: restore.addedIn } : {}),
    removedIn: fact.since,
    ...(compareVersions(fact.sendSince, fact.since) < 0
      ? { sendRemovedIn: fact.sendSince }
      : {}),
  };
  const raw = { documentation: [], sources: {} };
  const local = member!.slice(member!.indexOf("}") + 1);
  if (fact.subject === "attribute") {
    const after =
      restore.after && names.clark(restore.after.replace(/^@/, ""), fact);
    const index = after
      ? type.attributes.findIndex(
          (a) => a.kind === "attribute" && a.name === after,
        )
      : -1;
    if (after && index < 0) return "later";
    type.attributes.splice(index + 1, 0, {
      kind: "attribute",
      name: member!,
      type: names.clark(restore.type, fact),
      use: restore.use ?? "optional",
      ...(restore.default !== undefined ? { default: restore.default } : {}),
      ...(restore.fixed !== undefined ? { fixed: restore.fixed } : {}),
      tsName: local,
      raw,
      annotations,
      source: fact.location,
    });
    return "added";
  }
  const particle: DraftElementParticle = {
    kind: "element",
    name: member!,
    type: names.clark(restore.type, fact),
    minOccurs: restore.minOccurs ?? 1,
    maxOccurs: restore.maxOccurs ?? 1,
    nillable: !!restore.nillable,
    tsName: local,
    raw,
    annotations,
    source: fact.location,
  };
  if (!restore.after) {
    type.particle ??= groups(restore.groups ?? "sequence");
    let group = type.particle;
    while (group.particles[0]?.kind === "sequence") group = group.particles[0];
    group.particles.unshift(particle);
    return "added";
  }
  const after = names.clark(restore.after, fact);
  let placed = false;
  walkParticles(type.particle, (p, parent) => {
    if (placed || p.kind !== "element" || p.name !== after) return;
    parent.particles.splice(parent.particles.indexOf(p) + 1, 0, particle);
    placed = true;
  });
  return placed ? "added" : "later";
}

/** Nested sequences (`sequence/sequence`), each once, for content restored into an empty type. */
function groups(path: string): DraftModelGroup {
  const [first, ...rest] = path.split("/");
  if (first !== "sequence")
    throw new Error(`internal: only sequences can be restored, not ${first}`);
  return {
    kind: "sequence",
    minOccurs: 1,
    maxOccurs: 1,
    particles: rest.length ? [groups(rest.join("/"))] : [],
  };
}
