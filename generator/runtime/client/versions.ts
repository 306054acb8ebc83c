/**
 * vcd-codegen runtime, client: version negotiation. `GET /versions` lists the versions a server
 * speaks, each with its login URL; the client speaks one, and logs in at that one's URL.
 */
import type { Document } from "../xml/index.js";
import { VcdVersionError, type VcdErrorContext } from "./errors.js";

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
