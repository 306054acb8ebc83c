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
    else if (!hasContent(join(outDir, file.path), file.content))
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
    const sizes = expected.map((file) => Buffer.byteLength(file.content));
    for (const [i, file] of expected.entries()) {
      const path = join(outDir, file.path);
      if (statSync(path).size !== sizes[i]) return false;
    }
    return expected.every((file, i) =>
      hasContent(join(outDir, file.path), file.content, sizes[i]),
    );
  } catch {
    // Not there, or not readable: not up to date.
    return false;
  }
}

/**
 * Whether the file at `path` holds exactly the UTF-8 bytes of `content` (of `size` bytes). Text
 * all ASCII (nearly every generated file) is compared as read byte for byte (latin1), which spares
 * decoding UTF-8: equal bytes then mean equal text, and any other byte differs from the text.
 */
function hasContent(
  path: string,
  content: string,
  size: number = Buffer.byteLength(content),
): boolean {
  return (
    readFileSync(path, size === content.length ? "latin1" : "utf8") === content
  );
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}
