/**
 * vcd-codegen runtime, simulator: the access level a user has on a vApp (or a template, a catalog)
 * by its owner and access settings, vCD's rules: the owner has `FullControl`; a user named in the
 * settings has the level named there, and everyone the level shared to everyone (the higher of the
 * two counts); anybody else has none (the entity is invisible to them). `ReadOnly` reads, `Change`
 * also changes and operates (power, snapshots, sections, metadata), `FullControl` also deletes and
 * shares (giving it to another owner stays the administrators'). Organization administrators are not bound by it (the caller decides).
 * Groups are not expanded: the simulator keeps no group membership.
 *
 * Evidence: the Programming Guide's "Controlling Access to vApps and Catalogs" (../shared/seeds, its
 * contents) and the schema's `AccessLevel` documentation (`ReadOnly`, `Change`, `FullControl`).
 */
import type { AccessControl, AccessLevel, User } from "./model.js";

const RANK: Readonly<Record<AccessLevel, number>> = {
  ReadOnly: 1,
  Change: 2,
  FullControl: 3,
};

/** The level `user` has on an entity owned by `ownerId` with these settings, or none. */
export function accessLevelOf(
  user: User,
  ownerId: string,
  control: AccessControl | undefined,
): AccessLevel | undefined {
  if (user.id === ownerId) return "FullControl";
  const levels: AccessLevel[] = [];
  if (control?.sharedToEveryone && control.everyoneLevel)
    levels.push(control.everyoneLevel);
  for (const s of control?.settings ?? [])
    if (s.subject.kind === "user" && s.subject.id === user.id)
      levels.push(s.level);
  return levels.sort((a, b) => RANK[b] - RANK[a])[0];
}

/** Whether `level` allows what `needed` does. */
export function allows(
  level: AccessLevel | undefined,
  needed: AccessLevel,
): boolean {
  return level !== undefined && RANK[level] >= RANK[needed];
}
