/**
 * The naming rule of the stubs, derived from method and path (the README's "Calling vCD" section
 * states it for users):
 *
 * 1. The last literal segment of the path is the resource (`/vApp/{id}/guestCustomizationSection`
 *    -> `GuestCustomizationSection`). A POST to `.../action/<name>` is named after the action
 *    (`powerOn`, `instantiateVAppTemplate`); otherwise the method gives a verb: GET `get`, PUT
 *    `update`, POST `create`, DELETE `delete` (`getVApp`, `updateGuestCustomizationSection`).
 * 2. Path parameters after the resource, other than `id`, are named with `By`
 *    (`/vApp/{id}/metadata/{key}` -> `getMetadataByKey`).
 * 3. Where several operations get the same name, each takes the literal segment before its
 *    resource (`action` and `power` are skipped) as a qualifier, and again, until the names differ:
 *    `getVAppMetadata` and `getCatalogMetadata`; `getOrg` (`/org/{id}`) and `getAdminOrg`
 *    (`/admin/org/{id}`). The qualifier goes before the resource, or after an action's name
 *    (`enableDownloadVAppTemplate`).
 * 4. Where names still collide (or take a name rule 7 reserves), an operation with path
 *    parameters is named by all of them (`/org` -> `getOrg`, `/org/{id}` -> `getOrgById`).
 * 5. What still collides, or is a reserved word, gets `_2`, `_3` in order of operation id.
 * 6. Names from the user's config (`operationNames`) win, and no derived name takes them (a name
 *    the rules give another operation is refused before: passes/name-operations.ts).
 * 7. The operations older documents list and the target's dropped are named after the target's
 *    own, by the same rules, taking none of their names (`taken`): a package's names do not change
 *    when older documents join its inputs.
 *
 * Every name depends only on the operations document (and the overrides), so it is the same from
 * run to run.
 */
import { GeneratorError } from "../diagnostics.js";

export interface NamedOperation {
  readonly id: string;
  readonly method: string;
  readonly path: string;
}

const VERBS: Record<string, string> = {
  GET: "get",
  PUT: "update",
  POST: "create",
  DELETE: "delete",
};

const SKIPPED = new Set(["action", "power"]);

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends " +
    "false finally for function if import in instanceof new null return super switch this throw " +
    "true try typeof var void while with yield let static implements interface package private " +
    "protected public await arguments eval operations"
  ).split(" "),
);

/** Whether `name` cannot name a stub: a reserved word of JavaScript, or the operations table's name. */
export function isReservedStubName(name: string): boolean {
  return RESERVED.has(name);
}

interface Parts {
  /** The action's name (camelCase) or the verb. */
  readonly lead: string;
  readonly isAction: boolean;
  readonly resource: string;
  by: string;
  /** Qualifiers still available, nearest first. */
  readonly qualifiers: string[];
  readonly taken: string[];
}

export function operationNames(
  operations: readonly NamedOperation[],
  overrides: ReadonlyMap<string, string>,
  taken: ReadonlySet<string> = new Set(),
): Map<string, string> {
  const result = new Map<string, string>();
  const reserved = new Set<string>(taken);
  for (const op of operations) {
    const forced = overrides.get(op.id);
    if (forced === undefined) continue;
    if (RESERVED.has(forced))
      throw new GeneratorError(
        `"${forced}" cannot name a stub: it is a reserved word (or the name of the operations table)`,
        undefined,
        `operationNames["${op.id}"]`,
      );
    if (reserved.has(forced))
      throw new GeneratorError(
        `two operations would both be named "${forced}"`,
        undefined,
        `operationNames["${op.id}"]`,
      );
    reserved.add(forced);
    result.set(op.id, forced);
  }
  const derived = operations
    .filter((op) => !result.has(op.id))
    .map((op) => ({ op, parts: split(op) }));
  // Rule 3: extend colliding names by one qualifier at a time, until nothing changes.
  for (let changed = true; changed;) {
    changed = false;
    const groups = new Map<string, typeof derived>();
    for (const entry of derived) {
      const name = compose(entry.parts);
      groups.set(name, [...(groups.get(name) ?? []), entry]);
    }
    for (const [name, group] of groups) {
      if (group.length < 2 && !reserved.has(name) && !RESERVED.has(name))
        continue;
      for (const { parts } of group) {
        const next = parts.qualifiers.shift();
        if (next !== undefined) {
          parts.taken.unshift(next);
          changed = true;
        }
      }
    }
  }
  // Rule 4: by every path parameter, where names still collide.
  const groups = new Map<string, typeof derived>();
  for (const entry of derived) {
    const name = compose(entry.parts);
    groups.set(name, [...(groups.get(name) ?? []), entry]);
  }
  for (const [name, group] of groups) {
    if (group.length < 2 && !taken.has(name)) continue;
    for (const { op, parts } of group) {
      const params = parameters(op.path);
      if (params.length) parts.by = `By${params.map(pascal).join("And")}`;
    }
  }
  // Rule 5: numbered, in order of id.
  const used = new Set(reserved);
  for (const { op, parts } of [...derived].sort((a, b) =>
    a.op.id < b.op.id ? -1 : a.op.id > b.op.id ? 1 : 0,
  )) {
    const base = compose(parts);
    let name = base;
    for (let n = 2; used.has(name) || RESERVED.has(name); n++)
      name = `${base}_${n}`;
    used.add(name);
    result.set(op.id, name);
  }
  return result;
}

function split(op: NamedOperation): Parts {
  const segments = op.path.split("/").filter(Boolean);
  let last = segments.length - 1;
  while (last >= 0 && isParameter(segments[last])) last--;
  const by = segments
    .slice(last + 1)
    .map((s) => s.slice(1, -1))
    .filter((name) => name !== "id")
    .map(pascal);
  const resource = last >= 0 ? segments[last] : "root";
  const isAction =
    op.method === "POST" && last > 0 && segments[last - 1] === "action";
  const qualifiers = segments
    .slice(0, Math.max(last, 0))
    .filter((s) => !isParameter(s) && !SKIPPED.has(s))
    .reverse()
    .map(pascal);
  return {
    lead: isAction ? camel(resource) : VERBS[op.method],
    isAction,
    resource: isAction ? "" : pascal(resource),
    by: by.length ? `By${by.join("And")}` : "",
    qualifiers,
    taken: [],
  };
}

function compose(parts: Parts): string {
  const qualifier = parts.taken.join("");
  return parts.isAction
    ? `${parts.lead}${qualifier}${parts.by}`
    : `${parts.lead}${qualifier}${parts.resource}${parts.by}`;
}

function parameters(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

function isParameter(segment: string): boolean {
  return segment.startsWith("{") && segment.endsWith("}");
}

/** `vAppTemplate` -> `VAppTemplate`; `v1.5` -> `V15`; `parent_rp_moref` -> `ParentRpMoref`. */
function pascal(segment: string): string {
  return segment
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
}

function camel(segment: string): string {
  const p = pascal(segment);
  const name = p[0].toLowerCase() + p.slice(1);
  return /^[0-9]/.test(name) ? `_${name}` : name;
}
