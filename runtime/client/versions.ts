/**
 * vcd-codegen runtime, client: version negotiation. `GET /versions` lists the versions a server
 * speaks, each with its login URL; the client speaks one (the package's own, or the newest the
 * server lists down to the package's oldest supported version), and logs in at that one's URL.
 */
import type { Document } from "../xml/index.js";
import { VcdVersionError, type VcdErrorContext } from "./errors.js";
import { compareApiVersions } from "./version-order.js";

export { compareApiVersions };

/** The root element of `GET /versions`. */
export const SUPPORTED_VERSIONS_ELEMENT = "versioning:SupportedVersions";

/** One `VersionInfo` (structurally: the generated `versioning.VersionInfoType` fits). */
export interface VersionInfoLike {
  readonly Version: string;
  readonly LoginUrl: string;
  readonly deprecated?: boolean;
}

/** The `VersionInfo` entries of a `SupportedVersions` document. */
export function versionInfos(doc: Document): readonly VersionInfoLike[] {
  const value = doc.value as { VersionInfo?: readonly VersionInfoLike[] };
  return value?.VersionInfo ?? [];
}

/** Whether two version strings name the same version (`30.0` and `30.0`; also `30` and `30.0`). */
export function sameVersion(a: string, b: string): boolean {
  const x = a.trim();
  const y = b.trim();
  if (x === y) return true;
  const numeric = /^\d+(\.\d+)?$/;
  return numeric.test(x) && numeric.test(y) && Number(x) === Number(y);
}

/** The `VersionInfo` of `apiVersion`, or a `VcdVersionError` naming what the server supports. */
export function findVersion(
  doc: Document,
  apiVersion: string,
  context: VcdErrorContext = {},
): VersionInfoLike {
  const infos = versionInfos(doc);
  const info = infos.find((i) => sameVersion(i.Version, apiVersion));
  if (!info)
    throw new VcdVersionError(
      apiVersion,
      infos.map((i) => i.Version),
      context,
    );
  return info;
}

/**
 * The `VersionInfo` of the newest version the server lists from `lowest` up to `highest` (both
 * included), or a `VcdVersionError` naming what the server supports and that range.
 */
export function negotiateVersion(
  doc: Document,
  highest: string,
  lowest: string,
  context: VcdErrorContext = {},
): VersionInfoLike {
  const infos = versionInfos(doc);
  let best: VersionInfoLike | undefined;
  for (const info of infos) {
    if (typeof info.Version !== "string") continue;
    if (
      compareApiVersions(info.Version, highest) <= 0 &&
      compareApiVersions(info.Version, lowest) >= 0 &&
      (!best || compareApiVersions(info.Version, best.Version) > 0)
    )
      best = info;
  }
  // A version that is no number (the package of every version, "all"): only the same string.
  best ??= infos.find((i) => sameVersion(i.Version, highest));
  if (!best)
    throw new VcdVersionError(
      highest,
      infos.map((i) => i.Version),
      context,
      lowest,
    );
  return best;
}
