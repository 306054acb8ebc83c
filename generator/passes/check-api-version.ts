/**
 * The API version asked for must be one the schema set describes: a version its annotations name
 * (from 1.5, see model/described-versions.ts) or that of one of its operations documents. `99.0`,
 * `0.1` or `30.0.1` is a usage error that lists the versions the set has.
 */
import { GeneratorError, UsageError } from "../diagnostics.js";
import { ALL_VERSIONS, compareVersions } from "../model/api-version.js";
import { OLDEST_API_VERSION } from "../model/described-versions.js";
import type { Draft, DraftModelGroup } from "../model/draft.js";
import type { Annotations } from "../model/ir.js";
import type { Pass } from "./pass.js";

export const checkApiVersion: Pass = {
  name: "check-api-version",
  run(draft, { versions, operationsVersions, checkApiVersion, configKeys }) {
    if (!checkApiVersion || versions.target === ALL_VERSIONS) return;
    const known = draftVersions(draft, operationsVersions);
    if (known.includes(versions.target)) return;
    const message = `API version ${versions.target} is not one this schema set describes; it has ${known.join(", ")} (or a feature alias of one of them, such as MULTI_SITE)`;
    // Given in the config file: an error at its key (exit 1); on the command line, a usage error.
    const key = configKeys?.apiVersion;
    if (key) throw new GeneratorError(message, key.location, key.path);
    throw new UsageError(message);
  },
};

function draftVersions(draft: Draft, operations: readonly string[]): string[] {
  const found = new Set<string>(operations);
  const note = (a: Annotations) => {
    if (a.addedIn) found.add(a.addedIn);
    if (a.removedIn) found.add(a.removedIn);
  };
  const walk = (group: DraftModelGroup | null) => {
    for (const p of group?.particles ?? []) {
      if (p.kind === "element") note(p.annotations);
      else if (p.kind === "sequence" || p.kind === "choice" || p.kind === "all")
        walk(p);
    }
  };
  for (const type of draft.types.values()) {
    note(type.annotations);
    if (type.kind === "complex") {
      walk(type.particle);
      for (const a of type.attributes)
        if (a.kind === "attribute") note(a.annotations);
    }
  }
  for (const element of draft.elements.values()) note(element.annotations);
  return [...found]
    .filter((v) => compareVersions(v, OLDEST_API_VERSION) >= 0)
    .sort(compareVersions);
}
