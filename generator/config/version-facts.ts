/**
 * Our record of what the vCD schema releases changed without annotating it
 * (`schemas/vcd-api.version-facts.json`): each fact names a component, what changed, and the first
 * public release that shows the newer shape (`changedIn`). From that evidence this module derives,
 * by the policy of the file's `$comment`, the API version from which the newer shape holds for
 * reading (`since`) and for sending (`sendSince`); the pass apply-version-facts restores the older
 * shape below them.
 */
import { resolve } from "node:path";
import { PACKAGE_ROOT } from "../package-root.js";
import { parseJson } from "./schema-set-config.js";
import {
  fileStart,
  GeneratorError,
  type SourceLocation,
} from "../diagnostics.js";
import { compareVersions, isNumericVersion } from "../model/api-version.js";
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
  /**
   * `added`: new without `added-in`; `changed`: one aspect changed; `removed`: gone without
   * `removed-in`; `missing`: lacking in one release (`missingIn`) that the releases on both sides have.
   */
  readonly change: "added" | "changed" | "removed" | "missing";
  readonly subject: "type" | "property" | "attribute" | "element";
  /** `vcloud:SessionType`, `vcloud:SessionType/vcloud:Link`, `vcloud:DiskType/@size`, `vcloud:Session`. */
  readonly path: string;
  /** For `changed`: `minOccurs`, `maxOccurs`, `use`, `type`, `mediaType`, `base`, `derivation`, `simpleContent`, `mixed`, `addedIn`. */
  readonly aspect?: string;
  /** For `changed`: the 30.0 set's value and the 36.0 set's, as the diff prints them (`-` for none). */
  readonly from?: string;
  readonly to?: string;
  /** The first public release whose set has the newer shape (the evidence; where `since` is written, evidence only). */
  readonly changedIn?: string;
  /** For `missing`: the release that lacks the component. */
  readonly missingIn?: string;
  /** For `missing`: the version from which it is read again (the first after `missingIn`). */
  readonly backIn?: string;
  /** For `missing`: the version from which it may be sent again (the release after `missingIn`). */
  readonly sendBackIn?: string;
  /** The API version from which the newer shape holds for reading (the model's), derived from `changedIn` unless written. */
  readonly since: string;
  /** The API version from which the newer shape holds for sending (what both releases around a version allow). */
  readonly sendSince: string;
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

/**
 * Whether a change lets a document hold more (`widening`), less (`narrowing`), or neither plainly
 * (a type, base, derivation, content or media type that changed: both reading and sending take the
 * newer shape from the first version after the older release).
 */
function direction(
  fact: Pick<VersionFact, "change" | "aspect" | "from" | "to">,
): "widening" | "narrowing" | "neither" {
  if (fact.change === "added") return "widening";
  if (fact.change === "removed") return "narrowing";
  const [from, to] = [fact.from, fact.to];
  if (fact.aspect === "minOccurs")
    return Number(to) < Number(from) ? "widening" : "narrowing";
  if (fact.aspect === "maxOccurs")
    return to === "unbounded" || Number(to) > Number(from)
      ? "widening"
      : "narrowing";
  if (fact.aspect === "use")
    return from === "required" ? "widening" : "narrowing";
  return "neither";
}

/**
 * The versions a change between two releases holds from (see the facts file's `$comment`): for
 * reading, a widening from the first version after the older release, a narrowing from the newer
 * release; for sending, the other way round. `older` and `newer` are adjacent releases.
 */
function versionsOfChange(
  kind: ReturnType<typeof direction>,
  older: string,
  newer: string,
): { since: string; sendSince: string } {
  const after = versionAfter(older, newer);
  if (kind === "widening") return { since: after, sendSince: newer };
  if (kind === "narrowing") return { since: newer, sendSince: after };
  return { since: after, sendSince: after };
}

/** The first API version after `release` (31.0 after 30.0, 34.0 after 33.0), or `next` when none is between them. */
function versionAfter(release: string, next: string): string {
  const following = `${Math.floor(Number(release)) + 1}.0`;
  return compareVersions(following, next) < 0 ? following : next;
}

export function readVersionFacts(
  file = DEFAULT_VERSION_FACTS,
  read: ReadText = readInputFile,
): VersionFact[] {
  const text = read(file);
  const json = parseJson(file, text) as {
    facts?: unknown;
    releases?: unknown;
  };
  const releases = json.releases;
  if (
    !Array.isArray(releases) ||
    releases.length < 2 ||
    !releases.every(
      (r, i) =>
        typeof r === "string" &&
        isNumericVersion(r) &&
        (i === 0 || compareVersions(releases[i - 1] as string, r) < 0),
    )
  )
    throw new GeneratorError(
      `"releases" must list the public releases' API versions, oldest first`,
      fileStart(file),
      "releases",
    );
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
    if (
      !["added", "changed", "removed", "missing"].includes(raw.change as string)
    )
      fail("change", `"added", "changed", "removed" or "missing"`);
    if (
      !["type", "property", "attribute", "element"].includes(
        raw.subject as string,
      )
    )
      fail("subject", `"type", "property", "attribute" or "element"`);
    if (typeof raw.path !== "string" || !raw.path)
      fail("path", "a component path");
    const release = (key: string): string => {
      const value = raw[key];
      if (typeof value !== "string" || !releases.slice(1).includes(value))
        fail(
          key,
          `one of the releases after the first (${releases.slice(1).join(", ")})`,
        );
      return value as string;
    };
    let derived: Pick<
      VersionFact,
      "since" | "sendSince" | "backIn" | "sendBackIn"
    >;
    if (raw.change === "missing") {
      const missingIn = release("missingIn");
      const index = releases.indexOf(missingIn);
      const backIn = releases[index + 1] as string | undefined;
      if (!backIn) return fail("missingIn", "a release that has one after it");
      // Lacking in a release is a narrowing there, and a widening again in the next one.
      if (raw.subject === "property" || raw.subject === "attribute")
        fail(
          "subject",
          `"type" or "element" (what one release lacks of a type's content cannot be refused when sent)`,
        );
      derived = {
        ...versionsOfChange(
          "narrowing",
          releases[index - 1] as string,
          missingIn,
        ),
        backIn: versionsOfChange("widening", missingIn, backIn).since,
        sendBackIn: backIn,
      };
    } else if (raw.since !== undefined) {
      if (typeof raw.since !== "string" || !isNumericVersion(raw.since))
        fail("since", "an API version like 31.0");
      derived = { since: raw.since as string, sendSince: raw.since as string };
    } else {
      const changedIn = release("changedIn");
      const kind = direction(
        raw as Pick<VersionFact, "change" | "aspect" | "from" | "to">,
      );
      derived = versionsOfChange(
        kind,
        releases[releases.indexOf(changedIn) - 1] as string,
        changedIn,
      );
      if (derived.since !== derived.sendSince && !sendable(raw, kind))
        fail(
          "changedIn",
          `a release whose change the descriptors can say for sending: between two releases, a sender may rely only on what both allow, and only an addition, a removal, or a property or attribute that became optional (minOccurs 1 -> 0, use required -> optional) can be said so; write \`since\` with a note instead`,
        );
    }
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
    return { ...(raw as unknown as VersionFact), ...derived, location: at };
  });
}

/** Whether the sending side of a change between releases can be said in the descriptors (`sendAddedIn`, `sendRemovedIn`, `requiredBelow`). */
function sendable(
  raw: Record<string, unknown>,
  kind: ReturnType<typeof direction>,
): boolean {
  if (raw.change !== "changed") return true;
  if (kind === "neither") return true;
  if (raw.aspect === "minOccurs")
    return kind === "widening" && raw.from === "1";
  return raw.aspect === "use" && kind === "widening";
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
