/** Gives every type and property its TypeScript name, by the rules in `model/naming.ts`. */
import {
  walkParticles,
  type Draft,
  type DraftComplexType,
  type DraftModelGroup,
} from "../model/draft.js";
import { claimName, toIdentifier, typeNameFromId } from "../model/naming.js";
import { localOf, type ClarkName } from "../model/qname.js";
import { configError, type ConfigKeys } from "../config/config-keys.js";
import type { Pass } from "./pass.js";

export const assignNames: Pass = {
  name: "assign-names",
  run(draft, { nameOverrides, configKeys }) {
    checkOverrides(draft, nameOverrides, configKeys);
    const typeNames = assignTypeNames(draft, nameOverrides);
    const usedByType = new Map<ClarkName, Set<string>>();
    for (const def of draft.types.values()) {
      if (def.kind === "complex") propertyNames(draft, def, usedByType);
    }
    // Item types of repeating groups are named last, so they never take a type's name.
    for (const def of [...draft.types.values()].sort((a, b) =>
      a.id < b.id ? -1 : 1,
    )) {
      if (def.kind !== "complex") continue;
      walkParticles(def.particle, (particle) => {
        if (
          (particle.kind === "sequence" || particle.kind === "choice") &&
          particle.tsName
        ) {
          particle.itemTsName = claimName(
            typeNames(def.namespace),
            `${def.tsName}_${particle.tsName}Item`,
          );
        }
      });
      if (def.particle?.tsName) {
        def.particle.itemTsName = claimName(
          typeNames(def.namespace),
          `${def.tsName}_${def.particle.tsName}Item`,
        );
      }
    }
    schemaNames(draft, typeNames);
  },
};

/**
 * The names of the elements' schema parts (`TaskSchema`), named after everything else, beside the
 * names the emitters make from the others (`<Type>Values`, `<Union>Subtypes`, `<Group>Members`,
 * `<Item>s`), so that none is taken twice.
 */
function schemaNames(draft: Draft, used: (ns: string) => Set<string>): void {
  for (const def of draft.types.values()) {
    const names = used(def.namespace);
    names.add(`${def.tsName}Values`);
    if (def.kind !== "complex") continue;
    if (def.unionTsName) names.add(`${def.unionTsName}Subtypes`);
    walkParticles(def.particle, (particle) => {
      if (
        (particle.kind === "sequence" || particle.kind === "choice") &&
        particle.itemTsName
      )
        names.add(`${particle.itemTsName}s`);
    });
    if (def.particle?.itemTsName) names.add(`${def.particle.itemTsName}s`);
  }
  const elements = [...draft.elements.values()].sort((a, b) =>
    a.id < b.id ? -1 : 1,
  );
  for (const element of elements)
    if (element.groupTsName)
      used(element.namespace).add(`${element.groupTsName}Members`);
  for (const element of elements)
    if (!element.abstract)
      element.schemaTsName = claimName(
        used(element.namespace),
        toIdentifier(`${localOf(element.id)}Schema`),
      );
}

/**
 * A name the config gives a type that is another type's own name in its namespace (the XSD's, for
 * a type the config does not rename), or that it gives two types, is an error at the config's key:
 * it would silently move that type to `<Name>_2`.
 */
function checkOverrides(
  draft: Draft,
  overrides: ReadonlyMap<ClarkName, string>,
  configKeys: ConfigKeys | undefined,
): void {
  if (!overrides.size) return;
  const taken = new Map<string, ClarkName>();
  for (const def of draft.types.values())
    if (!overrides.has(def.id))
      taken.set(`${def.namespace} ${typeNameFromId(def.id)}`, def.id);
  const given = new Map<string, ClarkName>();
  for (const [id, name] of overrides) {
    const def = draft.types.get(id);
    if (!def) continue;
    const key = `${def.namespace} ${name}`;
    const other = taken.get(key) ?? given.get(key);
    if (other !== undefined)
      throw configError(
        `"${name}" is already the name of type ${localOf(other)} in its namespace, which the override would move to another name: choose another`,
        configKeys?.names.get(id),
        "names",
      );
    given.set(key, id);
  }
}

function assignTypeNames(
  draft: Draft,
  overrides: ReadonlyMap<ClarkName, string>,
): (ns: string) => Set<string> {
  const usedByNamespace = new Map<string, Set<string>>();
  const used = (ns: string) =>
    usedByNamespace.get(ns) ?? usedByNamespace.set(ns, new Set()).get(ns)!;
  const all = [...draft.types.values()];
  for (const def of all) {
    const override = overrides.get(def.id);
    if (override) {
      def.tsName = override;
      used(def.namespace).add(override);
    }
  }
  const ordered = all
    .filter((def) => !overrides.has(def.id))
    .sort(
      (a, b) =>
        Number(!a.qname) - Number(!b.qname) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  for (const def of ordered)
    def.tsName = claimName(used(def.namespace), typeNameFromId(def.id));
  for (const def of all.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (def.kind === "complex" && def.subtypes.length)
      def.unionTsName = claimName(used(def.namespace), `Any${def.tsName}`);
  }
  for (const element of [...draft.elements.values()].sort((a, b) =>
    a.id < b.id ? -1 : 1,
  )) {
    if (element.substitutes.length) {
      element.groupTsName = claimName(
        used(element.namespace),
        toIdentifier(`${localOf(element.id)}Element`),
      );
    }
  }
  return used;
}

/** Names the properties of a type, after those of its base (so a derived type never reuses one). */
function propertyNames(
  draft: Draft,
  def: DraftComplexType,
  done: Map<ClarkName, Set<string>>,
): Set<string> {
  const existing = done.get(def.id);
  if (existing) return existing;
  const base = def.base ? draft.types.get(def.base) : undefined;
  const inherited =
    base?.kind === "complex" && def.derivation === "extension"
      ? propertyNames(draft, base, done)
      : new Set<string>();
  const used = new Set(inherited);
  done.set(def.id, used);
  if (def.particle) nameParticles(def.particle, used, false);
  for (const attribute of def.attributes) {
    if (attribute.kind === "attribute")
      attribute.tsName = claimName(used, localOf(attribute.name), "Attr");
  }
  return used;
}

function nameParticles(
  group: DraftModelGroup,
  used: Set<string>,
  insideItem: boolean,
): void {
  const isItem =
    !insideItem && group.maxOccurs !== 1 && countElements(group) > 1;
  if (isItem) group.tsName = claimName(used, elementNames(group).join("Or"));
  const scope = isItem ? new Set<string>() : used;
  for (const particle of group.particles) {
    if (particle.kind === "element")
      particle.tsName = claimName(scope, localOf(particle.name));
    else if (particle.kind === "any")
      particle.tsName = claimName(scope, "$any");
    else if (particle.kind !== "groupRef")
      nameParticles(particle, scope, insideItem || isItem);
  }
}

function countElements(group: DraftModelGroup): number {
  return group.particles.reduce(
    (n, p) =>
      n +
      (p.kind === "element" || p.kind === "any"
        ? 1
        : p.kind === "groupRef"
          ? 0
          : countElements(p)),
    0,
  );
}

function elementNames(group: DraftModelGroup): string[] {
  const names: string[] = [];
  for (const p of group.particles) {
    if (p.kind === "element") names.push(localOf(p.name));
    else if (p.kind === "any") names.push("Any");
    else if (p.kind !== "groupRef") names.push(...elementNames(p));
  }
  return [...new Set(names)];
}
