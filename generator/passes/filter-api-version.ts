/**
 * Leaves out what the target API version does not have: every type, global element, element
 * particle and attribute added after the target version, or removed at or before it; then whatever
 * depends on something left out (a particle of a removed type, a type derived from one), until
 * nothing more changes. A client generated for version X thus cannot express what X would reject.
 */
import { ALL_VERSIONS, compareVersions } from "../model/api-version.js";
import { isBuiltin } from "../model/builtins.js";
import type { DraftModelGroup, DraftParticle } from "../model/draft.js";
import type { Annotations } from "../model/ir.js";
import type { ClarkName } from "../model/qname.js";
import type { Pass } from "./pass.js";

export const filterApiVersion: Pass = {
  name: "filter-api-version",
  run(draft, { versions }) {
    if (versions.target === ALL_VERSIONS) return;
    const present = (a: Annotations) =>
      (!a.addedIn || compareVersions(a.addedIn, versions.target) <= 0) &&
      (!a.removedIn || compareVersions(a.removedIn, versions.target) > 0);
    for (const [id, def] of draft.types)
      if (!present(def.annotations)) draft.types.delete(id);
    for (const [id, element] of draft.elements)
      if (!present(element.annotations)) draft.elements.delete(id);
    const known = (id: ClarkName | undefined) =>
      !id || isBuiltin(id) || draft.types.has(id);
    let changed = true;
    while (changed) {
      changed = false;
      for (const [id, element] of draft.elements) {
        if (!known(element.type)) changed = draft.elements.delete(id);
      }
      for (const [id, def] of draft.types) {
        const keep =
          def.kind === "complex"
            ? known(def.base)
            : known(def.base) &&
              known(def.itemType) &&
              (def.memberTypes ?? []).every(known);
        if (!keep) changed = draft.types.delete(id);
      }
      for (const def of draft.types.values()) {
        if (def.kind !== "complex") continue;
        const before = def.attributes.length;
        def.attributes = def.attributes.filter(
          (a) =>
            a.kind !== "attribute" || (present(a.annotations) && known(a.type)),
        );
        if (def.particle) {
          const keep = (p: DraftParticle) =>
            p.kind !== "element" ||
            (present(p.annotations) &&
              known(p.type) &&
              (!p.ref || draft.elements.has(p.ref)));
          if (prune(def.particle, keep)) changed = true;
        }
        if (def.attributes.length !== before) changed = true;
      }
    }
  },
};

/** Removes the particles `keep` rejects, at any depth; true if anything was removed. */
function prune(
  group: DraftModelGroup,
  keep: (particle: DraftParticle) => boolean,
): boolean {
  let removed = false;
  group.particles = group.particles.filter((particle) => {
    if (!keep(particle)) return !(removed = true);
    if (
      particle.kind === "sequence" ||
      particle.kind === "choice" ||
      particle.kind === "all"
    ) {
      if (prune(particle, keep)) removed = true;
    }
    return true;
  });
  return removed;
}
