/**
 * vcd-codegen runtime, simulator: ownership and access control of vApps, vApp templates and
 * catalogs, vCD's rules: the owner is a user of the entity's organization and only an organization
 * administrator changes it; the owner or an administrator sets who else may use the entity
 * (`ControlAccessParams`: shared to everyone at a level, or per user and group at `ReadOnly`,
 * `Change` or `FullControl`); a user with `FullControl` may share it too. What the settings allow
 * is in access-levels.ts; the pipeline and the vApp look-ups hold every request to it.
 */
import { badRequest, forbidden } from "../fault.js";
import { accessLevelOf } from "./access-levels.js";
import type {
  AccessControl,
  AccessLevel,
  AccessSetting,
  User,
} from "./model.js";
import type { Store } from "./store.js";

/** What a client sent: subjects by the id at the end of their href, with the path kind (`user`, `group`). */
export interface AccessInput {
  readonly sharedToEveryone: boolean;
  readonly everyoneLevel?: string;
  readonly settings: readonly {
    readonly kind: string;
    readonly id: string;
    readonly level: string;
  }[];
}

const LEVELS: readonly string[] = ["ReadOnly", "Change", "FullControl"];

export class AccessRules {
  constructor(private readonly store: Store) {}

  /** The owner of an entity of `orgId` becomes `newOwnerId`. */
  changeOwner(
    user: User,
    orgId: string,
    newOwnerId: string,
    set: (id: string) => void,
  ): void {
    if (!this.store.isOrgAdmin(user, orgId)) throw forbidden();
    const owner = this.store.users.get(newOwnerId);
    if (!owner || owner.orgId !== orgId)
      throw badRequest(
        "The new owner must be a user of the entity's organization.",
      );
    set(owner.id);
  }

  control(
    user: User,
    entityId: string,
    orgId: string,
    ownerId: string,
    input: AccessInput,
  ): AccessControl {
    if (
      accessLevelOf(user, ownerId, this.store.access.get(entityId)) !==
        "FullControl" &&
      !this.store.isOrgAdmin(user, orgId)
    )
      throw forbidden();
    if (input.sharedToEveryone && !LEVELS.includes(input.everyoneLevel ?? ""))
      throw badRequest(
        `EveryoneAccessLevel must be one of ${LEVELS.join(", ")} when IsSharedToEveryone is true.`,
      );
    const settings = input.settings.map((s): AccessSetting => {
      if (!LEVELS.includes(s.level))
        throw badRequest(
          `The access level "${s.level}" is not one of ${LEVELS.join(", ")}.`,
        );
      const subject =
        s.kind === "user"
          ? this.store.users.get(s.id)
          : s.kind === "group"
            ? this.store.groups.get(s.id)
            : undefined;
      if (!subject || subject.orgId !== orgId)
        throw badRequest(
          `The subject ${s.kind}/${s.id} is not a user or group of the entity's organization.`,
        );
      return {
        subject: { kind: s.kind as "user" | "group", id: s.id },
        level: s.level as AccessLevel,
      };
    });
    const control: AccessControl = {
      sharedToEveryone: input.sharedToEveryone,
      ...(input.sharedToEveryone
        ? { everyoneLevel: input.everyoneLevel as AccessLevel }
        : {}),
      settings,
    };
    this.store.access.set(entityId, control);
    return control;
  }

  get(entityId: string): AccessControl {
    return (
      this.store.access.get(entityId) ?? {
        sharedToEveryone: false,
        settings: [],
      }
    );
  }
}
