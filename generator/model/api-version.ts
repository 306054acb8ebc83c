/** API versions (`5.1`, `30.0`) and the feature aliases that stand for them (`MULTI_SITE` -> 29.0). */
import { GeneratorError, type SourceLocation } from "../diagnostics.js";

/** The target that selects nothing out: the model of every version the schema set describes. */
export const ALL_VERSIONS = "all";

export interface ApiVersions {
  /** The version generated for, or {@link ALL_VERSIONS}. */
  readonly target: string;
  /** Feature alias -> numeric version. */
  readonly aliases: ReadonlyMap<string, string>;
}

const NUMERIC = /^\d+(\.\d+)*$/;

export function isNumericVersion(value: string): boolean {
  return NUMERIC.test(value);
}

/** Compares `a` and `b` by their numeric parts: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** A version as written in an annotation, resolved to a numeric version; unknown aliases are errors. */
export function resolveVersion(
  versions: ApiVersions,
  value: string,
  location: SourceLocation,
): string {
  const trimmed = value.trim();
  if (isNumericVersion(trimmed)) return trimmed;
  const aliased = versions.aliases.get(trimmed);
  if (aliased === undefined) {
    throw new GeneratorError(
      `unknown feature alias "${trimmed}" (known aliases are listed in the schema-set configuration's featureAliases)`,
      location,
    );
  }
  return aliased;
}
