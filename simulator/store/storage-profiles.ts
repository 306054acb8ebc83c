/**
 * vcd-codegen runtime, simulator: the storage profiles a new org VDC is given, from its
 * CreateVdcParams' `VdcStorageProfile`s or a seed's: each a storage profile its provider VDC offers,
 * with a limit (0 unlimited) that the provider VDC has room for, and one the default. What they
 * hold is store/storage.ts's.
 */
import { badRequest } from "../fault.js";
import type { VimServer } from "../provider/model.js";
import type { IdSource } from "./ids.js";
import type { VdcStorageProfile } from "./model.js";

/** The units of a profile's `Limit` (VdcStorageProfileParams' `Units`), in MB. */
const UNITS: Readonly<Record<string, number>> = {
  MB: 1,
  GB: 1024,
  TB: 1024 * 1024,
};

/** A `Limit` in `Units` as MB; units that are none of MB, GB, TB are refused. */
export function limitInMb(limit: number, units: string): number {
  const scale = UNITS[units];
  if (scale === undefined)
    throw badRequest(
      `The storage profile's Units "${units}" are not one of ${Object.keys(UNITS).join(", ")}.`,
    );
  return limit * scale;
}

/** A storage profile an org VDC is given (CreateVdcParams' `VdcStorageProfile`, a seed's). */
export interface StorageProfileParams {
  /** The provider VDC storage profile's name. */
  readonly name: string;
  readonly limitMb: number;
  readonly enabled: boolean;
  readonly default: boolean;
}

/**
 * The storage profiles a provider VDC offers (`names`, of its vCenter) and the MB free on each: the
 * free space of the datastores the vCenter's profile places on (a limit "cannot exceed the storage
 * available in the Provider VDC storage profile", the guide's "Update Organization VDC Storage
 * Profiles").
 */
export function offeredProfiles(
  server: VimServer,
  names: readonly string[],
): Map<string, number> {
  const free = new Map(server.datastores.map((d) => [d.moref, d.freeMb]));
  return new Map(
    names.map((name) => {
      const profile = server.storageProfiles.find((s) => s.name === name);
      const mb = (profile?.datastores ?? []).reduce(
        (n, moref) => n + (free.get(moref) ?? 0),
        0,
      );
      return [name, mb];
    }),
  );
}

/**
 * A new VDC's storage profiles, each one its provider VDC offers (`offered`: name to MB free) with
 * a limit it has room for, none twice, exactly one the default (a VDC places what names no profile
 * on it); else `refuse` says why.
 */
export function newStorageProfiles(
  ids: IdSource,
  params: readonly StorageProfileParams[],
  offered: ReadonlyMap<string, number>,
  refuse: (message: string) => Error,
): VdcStorageProfile[] {
  if (params.length === 0)
    throw refuse("An organization VDC needs at least one storage profile.");
  const seen = new Set<string>();
  for (const p of params) {
    const free = offered.get(p.name);
    if (free === undefined)
      throw refuse(
        `The provider VDC has no storage profile ${p.name} (it has ${[...offered.keys()].join(", ")}).`,
      );
    if (seen.has(p.name))
      throw refuse(`The storage profile ${p.name} is named twice.`);
    seen.add(p.name);
    if (!Number.isSafeInteger(p.limitMb) || p.limitMb < 0)
      throw refuse(
        `The limit of the storage profile ${p.name} must be 0 (unlimited) or more MB; it is ${p.limitMb}.`,
      );
    if (p.limitMb > free)
      throw refuse(
        `The limit of the storage profile ${p.name}, ${p.limitMb} MB, is more than its provider VDC has free (${free} MB).`,
      );
  }
  const defaults = params.filter((p) => p.default).length;
  if (defaults !== 1)
    throw refuse(
      `Exactly one storage profile of an organization VDC is its default; ${defaults} are.`,
    );
  return params.map((p) => ({
    id: ids.next("vdcStorageProfile"),
    name: p.name,
    limitMb: p.limitMb,
    enabled: p.enabled,
    default: p.default,
  }));
}
