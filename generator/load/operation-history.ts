/**
 * What the operations documents of the versions up to the target (`operations/27.0.openapi.json`,
 * ...) tell about the operations of the target's own document, beyond it:
 *
 * - when each operation first appears (an operation the oldest document lists has no known start:
 *   it may be older still);
 * - the paths it had before (a rename): an operation an older document lists and the next one does
 *   not, where the next one lists an operation of the same method, taking and answering the same
 *   media types, at the same path once a literal prefix before a path parameter is dropped
 *   (`/vApp/vm-{id}/action/reconfigureVm` in 27.0 and 29.0, `/vApp/{id}/action/reconfigureVm` from
 *   30.0: for a VM's id, `vm-<uuid>`, both are the same URL), is the same operation under its new
 *   path, as old as the oldest of them;
 * - the operations older documents list and the target's does not (nor under another path): each
 *   as the newest document that lists it describes it, with the version whose document first lacks
 *   it.
 */
import type { ListedOperation, RawOperation } from "./read-operations.js";

/** One operations document of the inputs, listed. */
export interface VersionedDocument {
  readonly version: string;
  /** The file, as read. */
  readonly file: string;
  readonly operations: readonly ListedOperation[];
}

/** A path an operation was listed at by older documents. */
export interface FormerPath {
  /** `METHOD /path` as those documents give it. */
  readonly id: string;
  readonly path: string;
  /** The first and last versions whose documents list it there. */
  readonly from: string;
  readonly until: string;
}

/** An operation of older documents that the target's document does not list. */
export interface DroppedOperation {
  /** As the newest document that lists it describes it (its location names that document's file). */
  readonly operation: RawOperation;
  /** The first version that lists it (absent: the oldest document does). */
  readonly addedIn?: string;
  /** The first version whose document no longer lists it. */
  readonly removedIn: string;
  readonly formerPaths: readonly FormerPath[];
}

export interface OperationHistory {
  /** `METHOD /path` (of the target's document) -> the first version that lists it, under this path or a former one (oldest document: absent). */
  readonly addedIn: ReadonlyMap<string, string>;
  /** `METHOD /path` (of the target's document) -> the paths older documents listed it at, oldest first. */
  readonly formerPaths: ReadonlyMap<string, readonly FormerPath[]>;
  /** In the order they were first listed. */
  readonly dropped: readonly DroppedOperation[];
}

export const NO_HISTORY: OperationHistory = {
  addedIn: new Map(),
  formerPaths: new Map(),
  dropped: [],
};

interface Lineage {
  first: string;
  /** The index of the newest document that lists it (its file, and the version after it). */
  last: number;
  formerPaths: FormerPath[];
}

/**
 * `documents`: oldest first, the target's own last. `describe` reads the operations (`METHOD /path`)
 * of one of those files in full: only those the target dropped are, from the newest file listing each.
 */
export function operationHistory(
  documents: readonly VersionedDocument[],
  describe: (file: string, ids: ReadonlySet<string>) => readonly RawOperation[],
): OperationHistory {
  if (documents.length === 0) return NO_HISTORY;
  const lineages = new Map<string, Lineage>();
  let previous: VersionedDocument | undefined;
  for (const [index, doc] of documents.entries()) {
    const byId = new Map(doc.operations.map((op) => [idOf(op), op]));
    if (previous) {
      // What the document no longer lists: renamed (into an operation of the same method and
      // media types at its path without prefixes), or gone.
      const gone = previous.operations.filter((op) => !byId.has(idOf(op)));
      const candidates = new Map<string, ListedOperation>();
      if (gone.length)
        for (const op of [...doc.operations].reverse())
          candidates.set(renameKey(op), op);
      for (const old of gone) {
        const oldId = idOf(old);
        const renamed = candidates.get(renameKey(old));
        const lineage = lineages.get(oldId);
        if (!renamed || !lineage) continue;
        const newId = idOf(renamed);
        const into = lineages.get(newId);
        const former: FormerPath = {
          id: oldId,
          path: old.path,
          from: lineage.first,
          until: previous.version,
        };
        lineages.delete(oldId);
        lineages.set(newId, {
          first:
            into &&
            versionIndex(documents, into.first) <
              versionIndex(documents, lineage.first)
              ? into.first
              : lineage.first,
          last: index,
          formerPaths: [
            ...lineage.formerPaths,
            former,
            ...(into?.formerPaths ?? []),
          ],
        });
      }
    }
    for (const id of byId.keys()) {
      const lineage = lineages.get(id);
      if (lineage) lineage.last = index;
      else
        lineages.set(id, { first: doc.version, last: index, formerPaths: [] });
    }
    previous = doc;
  }
  const oldest = documents[0].version;
  const target = documents[documents.length - 1];
  const listed = new Set(target.operations.map(idOf));
  const addedIn = new Map<string, string>();
  const formerPaths = new Map<string, readonly FormerPath[]>();
  const gone: [string, Lineage][] = [];
  for (const [id, lineage] of lineages) {
    if (!listed.has(id)) {
      gone.push([id, lineage]);
      continue;
    }
    if (lineage.first !== oldest) addedIn.set(id, lineage.first);
    if (lineage.formerPaths.length) formerPaths.set(id, lineage.formerPaths);
  }
  // Each dropped operation as the newest file listing it describes it, each file read once.
  const described = new Map<string, RawOperation>();
  for (const last of new Set(gone.map(([, l]) => l.last))) {
    const { file } = documents[last];
    const ids = new Set(
      gone.filter(([, l]) => l.last === last).map(([id]) => id),
    );
    for (const op of describe(file, ids))
      described.set(`${file} ${idOf(op)}`, op);
  }
  const dropped = gone.map(([id, lineage]): DroppedOperation => {
    const { file } = documents[lineage.last];
    const operation = described.get(`${file} ${id}`);
    if (!operation)
      throw new Error(`internal: ${file} does not describe ${id}`);
    return {
      operation,
      ...(lineage.first !== oldest ? { addedIn: lineage.first } : {}),
      removedIn: documents[lineage.last + 1].version,
      formerPaths: lineage.formerPaths,
    };
  });
  return { addedIn, formerPaths, dropped };
}

function idOf(op: ListedOperation): string {
  return `${op.method} ${op.path}`;
}

function versionIndex(
  documents: readonly VersionedDocument[],
  version: string,
): number {
  return documents.findIndex((d) => d.version === version);
}

/**
 * The rule for a rename: the same method, the same media types taken and answered, and the same
 * path once a literal prefix before a parameter (`vm-{id}`) is dropped (the paths themselves
 * differ): two operations are the same when their keys are.
 */
function renameKey(op: ListedOperation): string {
  return `${op.method} ${withoutPrefixes(op.path)} ${mediaTypes(op.request)} -> ${mediaTypes(op.responses)}`;
}

function withoutPrefixes(path: string): string {
  return path.replace(/\/[^/{}]+(\{[^/{}]+\})(?=\/|$)/g, "/$1");
}

function mediaTypes(bodies: readonly { mediaType: string }[]): string {
  return [...new Set(bodies.map((b) => b.mediaType.toLowerCase()))]
    .sort()
    .join(" ");
}
