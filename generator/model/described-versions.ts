/**
 * The API versions a schema set describes: every version its annotations name (`added-in`,
 * `removed-in`, `since`, aliases resolved), and those of its operations documents, oldest first.
 * Read from the model of every version (`--api-version all`), where nothing is left out.
 */
import { compareVersions } from "./api-version.js";
import type { Annotations, Model, Particle } from "./ir.js";

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
  return [...found].sort(compareVersions);
}
