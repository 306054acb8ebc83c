/**
 * The pulled folder is written whole or not at all: into a temporary folder beside `--out`, renamed
 * into place at the end, removed on any error. It only replaces a folder that pull-schemas wrote (one
 * holding its record, `pull-schemas.json`) or an empty one, and keeps that folder's `operations/`
 * (what `import-operations` put there).
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { GeneratorError } from "../diagnostics.js";

/** The record pull-schemas writes into the folder (and recognises it by). */
export const PULL_RECORD = "pull-schemas.json";
/** Kept from the folder it replaces. */
const KEPT = ["operations"];

/** Throws unless `out` may be written: missing, empty, or an earlier pull. */
export function checkReplaceable(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory())
    throw new GeneratorError(`--out ${out} is a file, not a folder`);
  if (readdirSync(out).length === 0) return;
  if (existsSync(join(out, PULL_RECORD))) return;
  throw new GeneratorError(
    `--out ${out} exists and was not written by pull-schemas (no ${PULL_RECORD}): choose another folder, or empty it`,
  );
}

/** Writes `files` (path in the folder -> bytes) as the folder `out`, atomically. */
export function writeFolder(
  out: string,
  files: ReadonlyMap<string, Buffer | string>,
): void {
  checkReplaceable(out);
  mkdirSync(dirname(out), { recursive: true });
  const staging = mkdtempSync(join(dirname(out), `.${basename(out)}.pull-`));
  try {
    for (const [path, bytes] of files) {
      const file = join(staging, ...path.split("/"));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, bytes);
    }
    replace(out, staging);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

function replace(out: string, staging: string): void {
  if (!existsSync(out)) {
    renameSync(staging, out);
    return;
  }
  const old = `${staging}.old`;
  renameSync(out, old);
  const moved = KEPT.filter(
    (name) => existsSync(join(old, name)) && !existsSync(join(staging, name)),
  );
  for (const name of moved) renameSync(join(old, name), join(staging, name));
  try {
    renameSync(staging, out);
  } catch (error) {
    for (const name of moved) renameSync(join(staging, name), join(old, name));
    renameSync(old, out);
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
}
