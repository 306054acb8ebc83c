/**
 * Leaves out what the target API version does not have: every type, global element, element
 * particle and attribute added after the target version, or removed at or before it; then whatever
 * depends on something left out (a particle of a removed type, a type derived from one), until
 * nothing more changes. A client generated for version X thus cannot express what X would reject.
 *
 * Except what the operations documents say exists: a type an operations document of version X
 * names (with its bases, and its global elements where its annotations leave it none to write its
 * bodies as) is live at X, whatever its `removed-in` says, and so in every package that speaks X
 * (an `added-in` after X is kept: the release of X lacks the type, as the 35.2 release lacks the
 * `OpenIdProviderInfoType` its document names, and the operation is left out). The annotations are
 * wrong there: `RelocateParamsType` carries `removed-in="REMOVED_VERSION_15_51"` (30.0), yet every
 * operations document from 27.0 to 36.0 lists `POST /vApp/{id}/action/relocate` with it, and real
 * clients send it (pyvcloud's `VM.relocate`, API 31.0 and later). The operations kept here are the
 * target's document's and those older documents list and it dropped (each named by the document of
 * a version the package speaks). A document newer than the target (the target is older than every
 * document) says nothing of the target: there the annotations decide, and its operations follow.
 */
import { ALL_VERSIONS, compareVersions } from "../model/api-version.js";
import { isBuiltin } from "../model/builtins.js";
import type { Draft, DraftModelGroup, DraftParticle } from "../model/draft.js";
import type { Annotations } from "../model/ir.js";
import type { ClarkName } from "../model/qname.js";
import type { Pass } from "./pass.js";

export const filterApiVersion: Pass = {
  name: "filter-api-version",
  run(draft, { versions, operationsDocument }) {
    if (versions.target === ALL_VERSIONS) return;
    const present = (a: Annotations) =>
      (!a.addedIn || compareVersions(a.addedIn, versions.target) <= 0) &&
      (!a.removedIn || compareVersions(a.removedIn, versions.target) > 0);
    const live =
      operationsDocument && !operationsDocument.newer
        ? namedByOperations(draft)
        : new Set<ClarkName>();
    const added = (a: Annotations) =>
      !a.addedIn || compareVersions(a.addedIn, versions.target) <= 0;
    for (const [id, def] of draft.types)
      if (
        !present(def.annotations) &&
        !(live.has(id) && added(def.annotations))
      )
        draft.types.delete(id);
    // A live type's elements go by their own annotations, unless none is left to write it as.
    const written = new Set<ClarkName>();
    for (const element of draft.elements.values())
      if (present(element.annotations)) written.add(element.type);
    for (const [id, element] of draft.elements)
      if (
        !present(element.annotations) &&
        !(
          live.has(element.type) &&
          !written.has(element.type) &&
          added(element.annotations)
        )
      )
        draft.elements.delete(id);
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

/** The types the operations name (those our overrides leave out aside), with their bases. */
function namedByOperations(draft: Draft): Set<ClarkName> {
  const live = new Set<ClarkName>();
  for (const op of draft.operations) {
    if (op.leaveOut) continue;
    for (const body of [...op.request, ...op.responses]) {
      let id: ClarkName | undefined = body.type;
      while (id && !live.has(id) && draft.types.has(id)) {
        live.add(id);
        id = draft.types.get(id)!.base;
      }
    }
  }
  return live;
}

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
