/**
 * The API versions a schema set describes: every version its annotations name (`added-in`,
 * `removed-in`, `since`, aliases resolved), and those of its operations documents, oldest first.
 * Read from the model of every version (`--api-version all`), where nothing is left out. From 1.5
 * on: the set's namespace is `.../vcloud/v1.5`, and what the annotations date 0.9 or 1.0 (the
 * pre-releases) is simply there from the start; a package for 0.9 could not even hold a whole
 * `ovf:Envelope` (its content types came in 1.0 and later).
 */
import { compareVersions, isNumericVersion } from "./api-version.js";
import type { Annotations, Model, Particle } from "./ir.js";

/** The oldest API version a package can be generated for usefully. */
export const OLDEST_API_VERSION = "1.5";

export function describedVersions(
  model: Model,
  operationsVersions: readonly string[] = [],
): string[] {
  const found = new Set<string>(operationsVersions);
  const note = (a: Annotations) => {
    if (a.addedIn) found.add(a.addedIn);
    if (a.removedIn) found.add(a.removedIn);
  };
  const walk = (p: Particle) => {
    if (p.kind === "element") note(p.annotations);
    else if (p.kind !== "any") p.particles.forEach(walk);
  };
  for (const type of model.types) {
    note(type.annotations);
    if (type.kind === "complex") {
      if (type.particle) walk(type.particle);
      type.attributes.forEach((a) => note(a.annotations));
    }
  }
  model.elements.forEach((e) => note(e.annotations));
  return [...found]
    .filter((v) => compareVersions(v, OLDEST_API_VERSION) >= 0)
    .sort(compareVersions);
}

/**
 * The oldest API version a package generated for `apiVersion` supports: that of the oldest
 * operations document the inputs have (`documented`, oldest first) at or below it, the baseline
 * every `addedIn` is counted from; the version itself when there is none. A package for every
 * version (`all`) goes down to the oldest document.
 */
export function lowestSupportedVersion(
  apiVersion: string,
  documented: readonly string[],
): string {
  if (!isNumericVersion(apiVersion)) return documented[0] ?? apiVersion;
  const oldest = documented.find((v) => compareVersions(v, apiVersion) <= 0);
  return oldest ?? apiVersion;
}
