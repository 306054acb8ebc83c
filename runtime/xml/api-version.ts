/**
 * vcd-codegen runtime: API versions as the descriptors hold them. A descriptor's `addedIn` is a
 * number (`33` for 33.0, `35.2`); a version given to `validate` or `toXml` is a string (`"32.0"`).
 */

/** The version as a number; `Infinity` (no version check at all) when none is given or it is not numeric. */
export function versionNumber(apiVersion: string | undefined): number {
  if (apiVersion === undefined) return Infinity;
  const text = apiVersion.trim();
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : Infinity;
}

/**
 * A gap: the versions `[from, until)` at which a client may not send a type or element that the
 * releases on both sides have (one release between them lacked it).
 */
export type Gap = readonly [from: number, until: number];

/** Whether what may be sent below `removedIn` may no longer be at a version (one given: not `Infinity`). */
export function isRemovedAt(removedIn: number, version: number): boolean {
  return removedIn <= version && version !== Infinity;
}

/** Whether a version (one given: not `Infinity`) falls in `gap`. */
export function inGap(gap: Gap | undefined, version: number): boolean {
  return (
    gap !== undefined &&
    version !== Infinity &&
    gap[0] <= version &&
    version < gap[1]
  );
}

/** `33` -> `"33.0"`, `35.2` -> `"35.2"`. */
export function formatVersion(version: number): string {
  return Number.isInteger(version) ? version.toFixed(1) : String(version);
}
