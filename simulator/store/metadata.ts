/**
 * vcd-codegen runtime, simulator: metadata, vCD's rules: entries by key in two domains, `GENERAL`
 * (visibility `READWRITE` unless the system administrator says otherwise) and `SYSTEM` (only the
 * system administrator writes it; `PRIVATE` entries are hidden from tenants, `READONLY` ones only
 * read). Values are typed (`MetadataStringValue`, `NumberValue`, `BooleanValue`, `DateTimeValue`)
 * and kept as the client sent them. Changes run as tasks and apply when the task succeeds; while
 * a task of the entity runs (a metadata change or any other), it is busy and a change is refused
 * with BUSY_ENTITY, as vCD refuses a second operation on an entity that is busy: so changes apply in
 * the order they were accepted, and a DELETE accepted after a PUT removes what that PUT wrote.
 *
 * vCD's limits (vCloud API Programming Guide, "vCloud API Object Metadata Limits", 5.1 and 5.5; "A
 * Metadata element can contain up to 1024 MetadataEntry elements" in later guides): a key of at most
 * 256 characters, at most 1,024 entries of the GENERAL domain and 128 of the SYSTEM domain per object.
 * The guide names no error code for them: a 400 BAD_REQUEST saying which limit. A change is linear in
 * the entries (an index by domain and key).
 */
import { badRequest, forbidden, VcdFault } from "../fault.js";
import type {
  Domain,
  EntityRef,
  MetadataEntry,
  Task,
  User,
  Value,
  Visibility,
} from "./model.js";
import type { Store } from "./store.js";

/** Characters of a key, at most. */
export const MAX_KEY_LENGTH = 256;
/** Entries of an object, at most, by domain. */
export const MAX_ENTRIES: Readonly<Record<Domain, number>> = {
  GENERAL: 1024,
  SYSTEM: 128,
};

const indexKey = (domain: string, key: string) => `${domain}\n${key}`;

const TYPES = new Set([
  "vcloud:MetadataStringValue",
  "vcloud:MetadataNumberValue",
  "vcloud:MetadataBooleanValue",
  "vcloud:MetadataDateTimeValue",
]);

/** An entry as a client sends it (a `MetadataEntry`, or a `MetadataValue` with the key from the path). */
export interface EntryInput {
  readonly key: string;
  readonly domain?: { readonly $value?: string; readonly visibility?: string };
  readonly typed?: Value;
}

export class MetadataRules {
  constructor(private readonly store: Store) {}

  /** The entries the user may see. */
  entries(user: User, entityId: string): MetadataEntry[] {
    const all = this.store.metadata.get(entityId) ?? [];
    return this.store.isSystemAdmin(user)
      ? all
      : all.filter((e) => e.visibility !== "PRIVATE");
  }

  entry(user: User, entityId: string, key: string): MetadataEntry {
    const found = this.entries(user, entityId).find(
      (e) => e.key === key && e.domain === "GENERAL",
    );
    if (!found)
      throw new VcdFault(
        403,
        "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
        `The metadata entry "${key}" does not exist or is not visible to you.`,
      );
    return found;
  }

  /** Adds or replaces entries (POST .../metadata, PUT .../metadata/{key}). */
  merge(
    user: User,
    owner: EntityRef,
    orgId: string,
    inputs: readonly EntryInput[],
    aliases: readonly string[],
  ): Task {
    this.store.tasks.requireIdle(owner.id, owner.name);
    const existing = new Map(
      (this.store.metadata.get(owner.id) ?? []).map((e) => [
        indexKey(e.domain, e.key),
        e,
      ]),
    );
    const checked = new Map<string, MetadataEntry>();
    for (const input of inputs) {
      const entry = this.check(user, existing, input);
      checked.set(indexKey(entry.domain, entry.key), entry);
    }
    const counts: Record<Domain, number> = { GENERAL: 0, SYSTEM: 0 };
    for (const [k, e] of existing) if (!checked.has(k)) counts[e.domain]++;
    for (const e of checked.values()) counts[e.domain]++;
    for (const domain of ["GENERAL", "SYSTEM"] as const)
      if (counts[domain] > MAX_ENTRIES[domain])
        throw badRequest(
          `An object has at most ${MAX_ENTRIES[domain]} metadata entries of the ${domain} domain; this change makes ${counts[domain]}.`,
        );
    return this.task(user, owner, orgId, "metadataUpdate", aliases, () => {
      // Read again when the task applies: another task may have changed the entries meanwhile.
      const now = new Map(
        (this.store.metadata.get(owner.id) ?? []).map((e) => [
          indexKey(e.domain, e.key),
          e,
        ]),
      );
      for (const [k, entry] of checked) now.set(k, entry);
      this.store.metadata.set(owner.id, [...now.values()]);
    });
  }

  remove(
    user: User,
    owner: EntityRef,
    orgId: string,
    key: string,
    aliases: readonly string[],
  ): Task {
    this.store.tasks.requireIdle(owner.id, owner.name);
    const entry = this.entry(user, owner.id, key);
    this.requireWritable(user, entry);
    return this.task(user, owner, orgId, "metadataDelete", aliases, () =>
      this.store.metadata.set(
        owner.id,
        (this.store.metadata.get(owner.id) ?? []).filter(
          (e) => e.key !== entry.key || e.domain !== entry.domain,
        ),
      ),
    );
  }

  private check(
    user: User,
    existing: ReadonlyMap<string, MetadataEntry>,
    input: EntryInput,
  ): MetadataEntry {
    const key = input.key.trim();
    if (key === "") throw badRequest("The metadata key must not be empty.");
    if ([...key].length > MAX_KEY_LENGTH)
      throw badRequest(
        `The metadata key must not exceed ${MAX_KEY_LENGTH} characters.`,
      );
    const domainText = (input.domain?.$value ?? "GENERAL").trim() || "GENERAL";
    if (domainText !== "GENERAL" && domainText !== "SYSTEM")
      throw badRequest(
        `The metadata domain "${domainText}" is not one of GENERAL, SYSTEM.`,
      );
    const domain = domainText as Domain;
    const visibility = (input.domain?.visibility ??
      (domain === "SYSTEM" ? "READONLY" : "READWRITE")) as Visibility;
    if (!["READWRITE", "READONLY", "PRIVATE"].includes(visibility))
      throw badRequest(
        `The metadata visibility "${visibility}" is not one of READWRITE, READONLY, PRIVATE.`,
      );
    if (domain === "SYSTEM" && visibility === "READWRITE")
      throw badRequest(
        "An entry of the SYSTEM domain is READONLY or PRIVATE, not READWRITE.",
      );
    if (
      (domain === "SYSTEM" || visibility !== "READWRITE") &&
      !this.store.isSystemAdmin(user)
    )
      throw forbidden(
        "Only the system administrator may write metadata of the SYSTEM domain or restrict its visibility.",
      );
    const found = existing.get(indexKey(domain, key));
    if (found) this.requireWritable(user, found);
    const typed = input.typed;
    if (!typed || !TYPES.has(String(typed.$type)))
      throw badRequest(
        `The metadata entry "${key}" needs a TypedValue of one of the types ${[...TYPES].map((t) => t.slice(7)).join(", ")}.`,
      );
    return { domain, visibility, key, typed };
  }

  private requireWritable(user: User, entry: MetadataEntry): void {
    if (entry.visibility !== "READWRITE" && !this.store.isSystemAdmin(user))
      throw forbidden(`The metadata entry "${entry.key}" is read-only.`);
  }

  private task(
    user: User,
    owner: EntityRef,
    orgId: string,
    operationName: string,
    aliases: readonly string[],
    apply: () => void,
  ): Task {
    return this.store.tasks.start({
      operationName,
      aliases,
      operation: `Updating metadata of ${owner.name}(${owner.id})`,
      owner,
      orgId,
      userId: user.id,
      apply,
    });
  }
}
