/**
 * Which known release of the schema set an input folder holds: the release whose pinned sha256 of
 * the entry points (and the catalog) all match. An input folder that matches none (a user's own
 * copy, pulled from their server) is unpinned: it generates all the same.
 */
import { join } from "node:path";
import type { Release, SchemaSetConfig } from "../config/schema-set-config.js";
import type { InputFiles } from "./input-files.js";

export function identifyRelease(
  inputDir: string,
  schemaSet: SchemaSetConfig,
  files: InputFiles,
): Release | undefined {
  const keys = [
    ...schemaSet.entryPoints,
    ...(schemaSet.catalog ? [schemaSet.catalog] : []),
  ];
  // `files` reads and hashes each file once, however many releases ask.
  const digest = (path: string) => files.sha256(join(inputDir, path));
  return schemaSet.releases?.find((release) =>
    keys.every((path) => {
      const pinned = release.files[path];
      return pinned !== undefined && digest(path) === pinned;
    }),
  );
}

/** How the generated files name their inputs: `vmware/vcd-api-schemas@756f3abb415b`, or `unpinned inputs`. */
export function inputsLabel(
  release: Release | undefined,
  schemaSet: SchemaSetConfig,
): string {
  const upstream = release?.upstream ?? schemaSet.upstream;
  return upstream
    ? `${upstream.repository}@${upstream.commit.slice(0, 12)}`
    : "unpinned inputs";
}
