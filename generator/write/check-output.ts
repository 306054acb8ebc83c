/**
 * What the output on disk is against the package a run would write: `--check`'s comparison (it
 * writes nothing), and whether a run may leave the output as it is.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { OutputFile } from "../emit/output-file.js";
import { readStamp, withMarker, type OutputStamp } from "./write-output.js";

export interface OutputDifference {
  readonly changed: string[];
  readonly missing: string[];
  readonly extra: string[];
  /** Set when the output on disk was generated for another API version or from other inputs. */
  readonly otherRun?: {
    readonly onDisk: Partial<OutputStamp>;
    readonly now: OutputStamp;
  };
}

export function compareOutput(
  outDir: string,
  files: readonly OutputFile[],
  stamp?: OutputStamp,
): OutputDifference {
  const expected = withMarker(files, stamp);
  const onDiskStamp = readStamp(outDir);
  const otherRun =
    stamp &&
    existsSync(outDir) &&
    (onDiskStamp.apiVersion !== stamp.apiVersion ||
      onDiskStamp.inputs !== stamp.inputs)
      ? { onDisk: onDiskStamp, now: stamp }
      : undefined;
  const onDisk = new Set(
    existsSync(outDir)
      ? listFiles(outDir).map((path) => relative(outDir, path))
      : [],
  );
  const changed: string[] = [];
  const missing: string[] = [];
  for (const file of expected) {
    if (!onDisk.has(file.path)) missing.push(file.path);
    else if (readFileSync(join(outDir, file.path), "utf8") !== file.content)
      changed.push(file.path);
    onDisk.delete(file.path);
  }
  return {
    changed,
    missing,
    extra: [...onDisk].sort(),
    ...(otherRun ? { otherRun } : {}),
  };
}

export function isSame(difference: OutputDifference): boolean {
  return (
    !difference.changed.length &&
    !difference.missing.length &&
    !difference.extra.length
  );
}

/**
 * Whether the output on disk is already exactly what would be written (then a run leaves it as it
 * is, and its files keep their times): the same files, each of the same size, then the same bytes;
 * it stops at the first difference.
 */
export function isUpToDate(
  outDir: string,
  files: readonly OutputFile[],
  stamp?: OutputStamp,
): boolean {
  const expected = withMarker(files, stamp);
  try {
    // Not a folder (or none): the write says what is wrong with it.
    if (!statSync(outDir).isDirectory()) return false;
    if (listFiles(outDir).length !== expected.length) return false;
    for (const file of expected) {
      const path = join(outDir, file.path);
      if (statSync(path).size !== Buffer.byteLength(file.content)) return false;
    }
    return expected.every(
      (file) => readFileSync(join(outDir, file.path), "utf8") === file.content,
    );
  } catch {
    // Not there, or not readable: not up to date.
    return false;
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}
