/**
 * The runtime files of the package (runtime-files.ts) gathered at build time into one JSON file,
 * `dist/generator/runtime-files.json`, so that a run reads one file instead of some 500. The bundle
 * records the size of each file it was made from; it is used only while the same files are there,
 * of the same sizes, none changed after the bundle was written (an edit of the runtime without a
 * build reads the rooms again, as before).
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../package-root.js";
import { writeJsonFile } from "../write-json-file.js";

/** Where the build writes the bundle. */
export const RUNTIME_BUNDLE: string = join(
  PACKAGE_ROOT,
  "dist/generator/runtime-files.json",
);

/** One file of the runtime as the package carries it, before its stamp (the line naming its source). */
export interface RuntimeFile {
  /** Its project path (`runtime/xml/read.ts`), which the stamp names. */
  readonly source: string;
  /** Its path in the package (`src/runtime/xml/read.ts`, `dist/runtime/xml/read.js`). */
  readonly path: string;
  readonly content: string;
}

interface Bundle {
  /** Each project file the bundle was made from (`runtime/xml/read.ts`, `dist/runtime/xml/read.js`), in order, with its size. */
  readonly inputs: readonly (readonly [string, number])[];
  readonly files: readonly RuntimeFile[];
}

/** Writes the bundle of `files` to `file`, made from `inputs` (paths below `root`). */
export function writeRuntimeBundle(
  inputs: readonly string[],
  files: readonly RuntimeFile[],
  root: string = PACKAGE_ROOT,
  file: string = RUNTIME_BUNDLE,
): void {
  const bundle: Bundle = {
    inputs: inputs.map((path) => [path, statSync(join(root, path)).size]),
    files,
  };
  writeJsonFile(file, bundle);
}

/** The bundle's files, or undefined when there is none or it is not made from `inputs` (below `root`) as they are now. */
export function readRuntimeBundle(
  inputs: readonly string[],
  root: string = PACKAGE_ROOT,
  file: string = RUNTIME_BUNDLE,
): readonly RuntimeFile[] | undefined {
  const made = statSync(file, { throwIfNoEntry: false });
  if (!made) return undefined;
  let bundle: Bundle;
  try {
    bundle = JSON.parse(readFileSync(file, "utf8")) as Bundle;
  } catch {
    return undefined;
  }
  if (
    !Array.isArray(bundle?.inputs) ||
    !Array.isArray(bundle.files) ||
    bundle.inputs.length !== inputs.length
  )
    return undefined;
  for (let i = 0; i < inputs.length; i++) {
    const [path, size] = bundle.inputs[i];
    if (path !== inputs[i]) return undefined;
    const stat = statSync(join(root, path), { throwIfNoEntry: false });
    if (!stat || stat.size !== size || stat.mtimeMs > made.mtimeMs)
      return undefined;
  }
  return bundle.files;
}
