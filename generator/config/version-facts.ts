/**
 * Our record of what the vCD schema releases changed without annotating it
 * (`schemas/vcd-api.version-facts.json`): each fact names a component, what changed, and the API
 * version from which the newer shape holds. The pass apply-version-facts restores the older shape
 * below that version. See the file's `$comment` for the policy that chose each version.
 */
import { resolve } from "node:path";
import { PACKAGE_ROOT } from "../package-root.js";
import { parseJson } from "./schema-set-config.js";
import {
  fileStart,
  GeneratorError,
  type SourceLocation,
} from "../diagnostics.js";
import { isNumericVersion } from "../model/api-version.js";
import { readInputFile, type ReadText } from "../read-input-file.js";

export const DEFAULT_VERSION_FACTS = resolve(
  PACKAGE_ROOT,
  "schemas/vcd-api.version-facts.json",
);

/** What a removed component was, to put it back below `since`. */
export interface Restore {
  readonly type: string;
  /** Properties. */
  readonly minOccurs?: number;
  readonly maxOccurs?: number | "unbounded";
  readonly nillable?: boolean;
  /** Attributes. */
  readonly use?: "optional" | "required" | "prohibited";
  readonly default?: string;
  readonly fixed?: string;
  /** The property or attribute it follows (`vcloud:Name`, `@name`), or null for the first. */
  readonly after: string | null;
  readonly addedIn?: string;
  /** For a property of a type that has no content left: the groups to put it in (`sequence/sequence`). */
  readonly groups?: string;
}

export interface VersionFact {
  /** `added`: new without `added-in`; `changed`: one aspect changed; `removed`: gone without `removed-in`. */
  readonly change: "added" | "changed" | "removed";
  readonly subject: "type" | "property" | "attribute" | "element";
  /** `vcloud:SessionType`, `vcloud:SessionType/vcloud:Link`, `vcloud:DiskType/@size`, `vcloud:Session`. */
  readonly path: string;
  /** For `changed`: `minOccurs`, `maxOccurs`, `use`, `type`, `mediaType`, `base`, `derivation`, `simpleContent`, `mixed`, `addedIn`. */
  readonly aspect?: string;
  /** For `changed`: the 30.0 set's value and the 36.0 set's, as the diff prints them (`-` for none). */
  readonly from?: string;
  readonly to?: string;
  /** The API version from which the 36.0 set's shape holds. */
  readonly since: string;
  readonly restore?: Restore;
  /** Why, where the change alone does not say. */
  readonly note?: string;
  /** Where the fact is written. */
  readonly location: SourceLocation;
}

const ASPECTS = new Set([
  "minOccurs",
  "maxOccurs",
  "use",
  "type",
  "mediaType",
  "base",
  "derivation",
  "simpleContent",
  "mixed",
  "addedIn",
]);

export function readVersionFacts(
  file = DEFAULT_VERSION_FACTS,
  read: ReadText = readInputFile,
): VersionFact[] {
  const text = read(file);
  const json = parseJson(file, text) as { facts?: unknown };
  if (!Array.isArray(json.facts))
    throw new GeneratorError(
      `"facts" must be a list`,
      fileStart(file),
      "facts",
    );
  return json.facts.map((raw: Record<string, unknown>, i: number) => {
    const where = `facts[${i}]`;
    const at = locate(file, text, raw.path);
    const fail = (key: string, what: string): never => {
      throw new GeneratorError(`must be ${what}`, at, `${where}.${key}`);
    };
    if (!["added", "changed", "removed"].includes(raw.change as string))
      fail("change", `"added", "changed" or "removed"`);
    if (
      !["type", "property", "attribute", "element"].includes(
        raw.subject as string,
      )
    )
      fail("subject", `"type", "property", "attribute" or "element"`);
    if (typeof raw.path !== "string" || !raw.path)
      fail("path", "a component path");
    if (typeof raw.since !== "string" || !isNumericVersion(raw.since))
      fail("since", "an API version like 31.0");
    if (raw.change === "changed") {
      if (!ASPECTS.has(raw.aspect as string))
        fail("aspect", `one of ${[...ASPECTS].join(", ")}`);
      if (typeof raw.from !== "string") fail("from", "the older value as text");
      if (typeof raw.to !== "string") fail("to", "the newer value as text");
    }
    if (raw.change === "removed") {
      const restore = raw.restore as Restore | undefined;
      if (!restore || typeof restore.type !== "string")
        fail("restore", "what the component was ({ type, after, ... })");
    }
    return { ...(raw as unknown as VersionFact), location: at };
  });
}

/** The line of the fact's path in the file (paths are unique per fact, modulo aspects). */
function locate(file: string, text: string, path: unknown): SourceLocation {
  const index =
    typeof path === "string" ? text.indexOf(JSON.stringify(path)) : -1;
  if (index < 0) return fileStart(file);
  const before = text.slice(0, index).split("\n");
  return {
    file,
    line: before.length,
    column: before[before.length - 1].length + 1,
  };
}
