/**
 * The operations document for an API version: the schema set names it with a `{version}` placeholder
 * (`operations/{version}.openapi.json`); the file for the version exactly, else the newest one below
 * it (with a warning that names it). For the model of every version, the newest file. A version
 * older than every document (5.5, the Programming Guide's) gets the oldest one, with a warning: its
 * operations are those of that document that the version has (see passes/filter-api-version.ts and
 * passes/link-operations.ts). An input folder with no document at all (no `operations/`) is said in
 * a warning: its package has no stubs.
 */
import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { GeneratorError } from "../diagnostics.js";
import {
  ALL_VERSIONS,
  compareVersions,
  isNumericVersion,
} from "../model/api-version.js";

export interface OperationsFile {
  /** The file, relative to the input folder; undefined when there is none for the version or below. */
  readonly path: string | undefined;
  /** The version of the file (that of the target, or the newest below it). */
  readonly version: string;
  /** Said when the file is not the target version's own. */
  readonly warning?: GeneratorError;
  /** Whether the file is of a version newer than the target (the target is older than every document). */
  readonly newer?: boolean;
}

/** `versions`: what {@link operationsVersions} listed. */
export function findOperationsFile(
  inputDir: string,
  pattern: string,
  target: string,
  versions: readonly string[],
): OperationsFile | undefined {
  if (!pattern.includes("{version}")) return { path: pattern, version: target };
  if (!versions.length) {
    // Said, not silent: a package without stubs would replace one that had them.
    const dir = join(inputDir, dirname(pattern));
    return {
      path: undefined,
      version: target,
      warning: new GeneratorError(
        `${existsSync(dir) ? `no operations document in ${dir}` : `no ${dirname(pattern)}/ folder in ${inputDir}`} (expected ${pattern.replace("{version}", "<version>")}): the package has the types and no stubs and no client`,
      ),
    };
  }
  const at = (version: string) => pattern.replace("{version}", version);
  const chosen = chooseOperationsVersion(target, versions);
  if (chosen.exact)
    return { path: at(chosen.version), version: chosen.version };
  if (chosen.newer)
    return {
      path: at(chosen.version),
      version: chosen.version,
      newer: true,
      warning: new GeneratorError(
        `no operations document for API ${target} or below in ${join(inputDir, dirname(pattern))} (it has ${versions.join(", ")}): ${newerWords(target, at(chosen.version))}`,
      ),
    };
  return {
    path: at(chosen.version),
    version: chosen.version,
    warning: new GeneratorError(
      `no operations document for API ${target}: using ${at(chosen.version)}, the newest below it`,
    ),
  };
}

/** Which of `versions` (oldest first, at least one) serves `target`: its own, else the newest below it, else the oldest. */
export function chooseOperationsVersion(
  target: string,
  versions: readonly string[],
): {
  readonly version: string;
  readonly exact: boolean;
  readonly newer: boolean;
} {
  if (target === ALL_VERSIONS)
    return {
      version: versions[versions.length - 1]!,
      exact: true,
      newer: false,
    };
  if (versions.includes(target))
    return { version: target, exact: true, newer: false };
  const below = versions.filter((v) => compareVersions(v, target) < 0);
  const chosen = below[below.length - 1];
  return chosen === undefined
    ? { version: versions[0]!, exact: false, newer: true }
    : { version: chosen, exact: false, newer: false };
}

/** What a version older than every document gets of the oldest one (`document`). */
export function newerWords(target: string, document: string): string {
  return `the operations are those of ${document} that API ${target} has (every type they send and answer present at ${target} by the schemas' added-in and removed-in, with its media type of ${target})`;
}

/** The versions that have an operations document in the input folder, oldest first. */
export function operationsVersions(
  inputDir: string,
  pattern: string,
  list: (dir: string) => string[] = (dir) =>
    existsSync(dir) ? readdirSync(dir) : [],
): string[] {
  const dir = join(inputDir, dirname(pattern));
  if (!pattern.includes("{version}")) return [];
  const [before, after] = basename(pattern).split("{version}");
  return list(dir)
    .filter((name) => name.startsWith(before) && name.endsWith(after))
    .map((name) => name.slice(before.length, name.length - after.length))
    .filter(isNumericVersion)
    .sort(compareVersions);
}
