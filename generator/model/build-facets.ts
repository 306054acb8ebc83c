/** Turns the facets written on one derivation step into {@link Facets}. */
import { GeneratorError } from "../diagnostics.js";
import type { RawFacet } from "../load/raw-schema.js";
import type { Facets } from "./ir.js";

const NUMERIC = new Set([
  "length",
  "minLength",
  "maxLength",
  "totalDigits",
  "fractionDigits",
]);

export function buildFacets(raw: readonly RawFacet[]): Facets {
  const facets: Record<string, unknown> = {};
  const enumeration: string[] = [];
  const patterns: string[] = [];
  for (const facet of raw) {
    if (facet.name === "enumeration") enumeration.push(facet.value);
    else if (facet.name === "pattern") patterns.push(facet.value);
    else if (NUMERIC.has(facet.name)) {
      if (!/^\d+$/.test(facet.value.trim())) {
        throw new GeneratorError(
          `facet ${facet.name} needs a whole number, not "${facet.value}"`,
          facet.location,
        );
      }
      facets[facet.name] = Number(facet.value);
    } else if (facet.name === "whiteSpace") {
      if (!["preserve", "replace", "collapse"].includes(facet.value)) {
        throw new GeneratorError(
          `invalid whiteSpace "${facet.value}"`,
          facet.location,
        );
      }
      facets.whiteSpace = facet.value;
    } else facets[facet.name] = facet.value.trim();
  }
  if (enumeration.length) facets.enumeration = enumeration;
  if (patterns.length) facets.patterns = [patterns];
  return facets as Facets;
}

/** A derived type's facets: its own win over its base's, and patterns of every step all apply. */
export function mergeFacets(base: Facets, own: Facets): Facets {
  const merged: Record<string, unknown> = { ...base, ...own };
  const patterns = [...(base.patterns ?? []), ...(own.patterns ?? [])];
  if (patterns.length) merged.patterns = patterns;
  else delete merged.patterns;
  return merged as Facets;
}
