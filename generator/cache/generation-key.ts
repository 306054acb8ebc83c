/**
 * The key of a generation in the package cache: a sha256 of everything that shapes the package
 * besides the inputs' content (which an entry checks itself): the generator (its version, and the
 * size and time of each of its own files, so that a rebuilt generator never reuses what an older
 * build made), the input folder, the options and our description of the schema set.
 */
import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { ResolvedOptions } from "../config/options.js";
import type { PackageInfo } from "../emit/emit-package.js";
import { PACKAGE_ROOT } from "../package-root.js";

/** The generator's own files: its build, the runtime and simulator it copies, its templates. */
const OWN_FOLDERS = ["dist", "runtime", "simulator", "templates"];

export function generationKey(
  options: ResolvedOptions,
  info: PackageInfo,
): string {
  const shape = {
    generator: generatorFingerprint(),
    info,
    inputDir: options.inputDir,
    apiVersion: options.apiVersion ?? null,
    checkApiVersion: options.checkApiVersion,
    schemaSet: options.schemaSet,
    nameOverrides: [...options.nameOverrides],
    operationNameOverrides: [...options.operationNameOverrides],
  };
  return createHash("sha256").update(JSON.stringify(shape)).digest("hex");
}

function xmldomVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    return (require("@xmldom/xmldom/package.json") as { version: string })
      .version;
  } catch {
    return "?";
  }
}

/** Each of the generator's own files with its size and modification time. */
function generatorFingerprint(): string {
  const hash = createHash("sha256");
  for (const folder of OWN_FOLDERS) {
    const root = join(PACKAGE_ROOT, folder);
    let names: string[];
    try {
      names = readdirSync(root, { recursive: true }) as string[];
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      if (folder === "dist" && name.startsWith("bench")) continue;
      // A name that vanished or a dangling link: whatever it is, it stands in the key as such.
      const stat = statSync(join(root, name), { throwIfNoEntry: false });
      hash.update(
        stat?.isFile()
          ? `${folder}/${name}\0${stat.size}\0${stat.mtimeMs}\n`
          : `${folder}/${name}\0-\n`,
      );
    }
  }
  // The XML parser reads every XSD and is not bundled: its version is part of the generator.
  hash.update(`@xmldom/xmldom@${xmldomVersion()}\n`);
  return hash.digest("hex");
}
