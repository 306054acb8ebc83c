/**
 * When each operation first appears: the operations documents of the versions up to the target
 * (`operations/27.0.openapi.json`, ...), read for their method and path only. An operation listed
 * by the oldest document has no known start (it may be older still).
 */
import { resolve } from "node:path";
import { compareVersions } from "../model/api-version.js";
import type { ReadText } from "../read-input-file.js";

const METHODS = ["get", "put", "post", "delete"];

/**
 * `METHOD /path` -> the first version whose document lists it (oldest document: absent).
 * `documented`: the versions that have a document, oldest first.
 */
export function operationHistory(
  inputDir: string,
  pattern: string,
  upTo: string,
  documented: readonly string[],
  read: ReadText,
): Map<string, string> {
  const versions = documented.filter((v) => compareVersions(v, upTo) <= 0);
  const first = new Map<string, string>();
  versions.forEach((version, i) => {
    const file = resolve(inputDir, pattern.replace("{version}", version));
    const paths = (JSON.parse(read(file)) as { paths?: object }).paths;
    for (const [path, item] of Object.entries(paths ?? {})) {
      for (const method of Object.keys(item as object)) {
        if (!METHODS.includes(method)) continue;
        const id = `${method.toUpperCase()} ${path}`;
        if (!first.has(id)) first.set(id, i === 0 ? "" : version);
      }
    }
  });
  for (const [id, version] of first) if (!version) first.delete(id);
  return first;
}
