/**
 * Applies our version facts (schemas/vcd-api.version-facts.json): what the public vCD schema
 * releases changed without annotating it. Below a fact's `since`, the older shape is restored: an
 * addition gets `added-in` (the filter then leaves it out), a component that was removed is put back
 * with `removed-in`, a changed aspect takes its older value, and an `added-in` that the 30.0 set
 * contradicts is corrected at every version; a component one release lacks (`missing`) is removed at
 * that release. Where sending differs from reading (`sendSince`, a change between two releases), the
 * component says so for the per-session checks: `sendAddedIn`, `sendRemovedIn`, or `requiredBelow`
 * for a property or attribute that became optional. A fact applies only where the draft has the
 * newer shape, so an older release's set itself is left as it is.
 * Runs after resolve-annotations and before filter-api-version.
 */
import { ALL_VERSIONS, compareVersions } from "../model/api-version.js";
import type { Draft } from "../model/draft.js";
import type { VersionFact } from "../config/version-facts.js";
import { GeneratorError } from "../diagnostics.js";
import { addBack, componentsOf } from "./version-fact-targets.js";
import type { Pass } from "./pass.js";

export const applyVersionFacts: Pass = {
  name: "apply-version-facts",
  run(draft, { versions, versionFacts }) {
    applyFacts(draft, versionFacts, versions.target);
  },
};

/** Applies `facts` to `draft` for the API version `target` (or `all`); returns the facts applied. */
export function applyFacts(
  draft: Draft,
  facts: readonly VersionFact[],
  target: string,
): VersionFact[] {
  const below = (since: string) =>
    target !== ALL_VERSIONS && compareVersions(target, since) < 0;
  const sendsLater = (fact: VersionFact) =>
    compareVersions(fact.sendSince, fact.since) > 0;
  const applied: VersionFact[] = [];
  const removed = facts.filter((f) => f.change === "removed");
  // Applied after the other facts: a type a restored property needs may come from a corrected `added-in`.
  for (const fact of facts) {
    if (fact.change === "removed") continue;
    const found = componentsOf(draft, fact);
    if (!found) continue;
    if (fact.change === "missing") {
      // Lacking at that release only: the releases on both sides have it. At that release it is
      // left out; elsewhere it is read, and not sent where a release on either side lacks it.
      found.setAnnotations(
        below(fact.since) || !below(fact.backIn!)
          ? {
              ...found.annotations,
              sendGap: { from: fact.sendSince, until: fact.sendBackIn! },
            }
          : { ...found.annotations, removedIn: fact.since },
      );
      applied.push(fact);
    } else if (fact.change === "added") {
      const added = found.annotations.addedIn;
      if (added && compareVersions(added, fact.since) >= 0) continue;
      found.setAnnotations({
        ...found.annotations,
        addedIn: fact.since,
        ...(sendsLater(fact) ? { sendAddedIn: fact.sendSince } : {}),
      });
      applied.push(fact);
    } else if (found.get(fact.aspect!) === fact.to) {
      if (fact.aspect === "addedIn" || below(fact.since)) {
        found.set(fact.aspect!, fact.from!);
        applied.push(fact);
      } else if (
        sendsLater(fact) &&
        (fact.aspect === "minOccurs" || fact.aspect === "use")
      ) {
        // Optional for reading from `since`, still required for sending below `sendSince`.
        found.setAnnotations({
          ...found.annotations,
          requiredBelow: fact.sendSince,
        });
        applied.push(fact);
      }
    }
  }
  // A removed component follows another (`after`), which may itself be one to put back.
  let pending = removed;
  for (;;) {
    const later: VersionFact[] = [];
    for (const fact of pending) {
      const result = addBack(draft, fact);
      if (result === "added") applied.push(fact);
      else if (result === "later") later.push(fact);
    }
    if (!later.length) break;
    if (later.length === pending.length)
      throw new GeneratorError(
        `the component it follows (${later[0].restore?.after}) is not in the schema set`,
        later[0].location,
        "restore.after",
      );
    pending = later;
  }
  return applied;
}
