/**
 * Whether a change is annotated: the newer side's component carries an `added-in` later than the
 * older side's version (so a client of the older version never saw it), or a `removed-in`.
 */
import { compareVersions, isNumericVersion } from "../model/api-version.js";
import type { Annotations, Model, Particle } from "../model/ir.js";

export interface Explanation {
  readonly annotated: boolean;
  readonly annotation?: string;
}

export const UNANNOTATED: Explanation = { annotated: false };

/** The `added-in` of `to` explains an addition if it is later than `version`. */
export function explainAdded(
  to: Annotations | undefined,
  version: string,
): Explanation {
  if (!to?.addedIn) return UNANNOTATED;
  const alias = to.addedInAlias ? ` (${to.addedInAlias})` : "";
  const annotation = `added-in ${to.addedIn}${alias}`;
  return compareVersions(to.addedIn, version) > 0
    ? { annotated: true, annotation }
    : { annotated: false, annotation: `${annotation}, not after ${version}` };
}

/**
 * A component both sides have, whose newer side says `removed-in` V (and the older side does not):
 * removed when V is after the older side's version and not after the newer side's.
 */
export function announcedRemoval(
  from: Annotations | undefined,
  to: Annotations | undefined,
  fromVersion: string,
  toVersion: string,
): boolean {
  const v = to?.removedIn;
  return (
    !!v &&
    !from?.removedIn &&
    compareVersions(v, fromVersion) > 0 &&
    compareVersions(v, toVersion) <= 0
  );
}

/** A removal is announced by a `removed-in` on either side. */
export function explainRemoved(
  from: Annotations | undefined,
  to: Annotations | undefined,
): Explanation {
  const removedIn = to?.removedIn ?? from?.removedIn;
  return removedIn
    ? { annotated: true, annotation: `removed-in ${removedIn}` }
    : UNANNOTATED;
}

/** The first of several explanations that annotates, else the first that says anything. */
export function firstExplanation(...all: Explanation[]): Explanation {
  return (
    all.find((e) => e.annotated) ?? all.find((e) => e.annotation) ?? UNANNOTATED
  );
}

/**
 * The newest API version a model speaks: its `apiVersion` when filtered; for the model of every
 * version, the version of its operations document (`operations/30.0.openapi.json`), else the
 * newest `added-in` of its types and global elements.
 */
export function sideVersion(model: Model): string {
  if (isNumericVersion(model.apiVersion)) return model.apiVersion;
  const documented = model.operationsSource?.version;
  if (documented) return documented;
  let newest = "0.0";
  const consider = (a: Annotations) => {
    if (a.addedIn && compareVersions(a.addedIn, newest) > 0) newest = a.addedIn;
  };
  for (const type of model.types) consider(type.annotations);
  for (const element of model.elements) consider(element.annotations);
  return newest;
}

/** The annotations of a particle, if it carries any (wildcards and groups do not). */
export function particleAnnotations(p: Particle): Annotations | undefined {
  return p.kind === "element" ? p.annotations : undefined;
}
