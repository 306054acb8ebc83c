/**
 * Gives every operation its stub's name (the rule is in model/operation-naming.ts; the operations
 * older documents list and the target's dropped are named after its own, rule 7). A name the
 * config gives that another operation's stub has by the rule is an error at the config's key: it
 * would silently move that stub to another name (`getVApp_2`), breaking the code that calls it. A
 * name the config gives to an operation this version's document does not list is said in a
 * warning: a typo there would otherwise go unseen.
 */
import { configError, type ConfigKeys } from "../config/config-keys.js";
import type { DraftOperation } from "../model/draft.js";
import { operationNames } from "../model/operation-naming.js";
import type { Pass } from "./pass.js";

export const nameOperations: Pass = {
  name: "name-operations",
  run(draft, { operationNameOverrides, configKeys, warn }) {
    // The target's own operations first; then those it dropped, taking none of their names.
    const own = draft.operations.filter((op) => !op.removedIn);
    const gone = draft.operations.filter((op) => op.removedIn);
    checkOverrides(own, gone, operationNameOverrides, configKeys);
    const names = operationNames(own, operationNameOverrides);
    const dropped = operationNames(
      gone,
      operationNameOverrides,
      new Set(names.values()),
    );
    for (const op of draft.operations)
      op.name = names.get(op.id) ?? dropped.get(op.id);
    const known = new Set([
      ...draft.operations.map((op) => op.id),
      ...draft.leftOutOperations.map((op) => op.id),
    ]);
    for (const id of operationNameOverrides.keys()) {
      if (!known.has(id))
        warn(
          configError(
            `names an operation the operations document of API ${draft.apiVersion} does not list`,
            configKeys?.operationNames.get(id),
            `operationNames["${id}"]`,
          ),
        );
    }
  },
};

/** A forced name that the rule gives to another operation (one the config does not rename): an error at its key. */
function checkOverrides(
  own: readonly DraftOperation[],
  gone: readonly DraftOperation[],
  overrides: ReadonlyMap<string, string>,
  configKeys: ConfigKeys | undefined,
): void {
  if (!overrides.size) return;
  const none = new Map<string, string>();
  const natural = operationNames(own, none);
  const naturalGone = operationNames(gone, none, new Set(natural.values()));
  const byName = new Map<string, DraftOperation>();
  for (const op of [...own, ...gone]) {
    const name = natural.get(op.id) ?? naturalGone.get(op.id);
    if (name !== undefined && !overrides.has(op.id)) byName.set(name, op);
  }
  // Only the operations present are renamed (an override of another is warned about below).
  for (const { id } of [...own, ...gone]) {
    const forced = overrides.get(id);
    if (forced === undefined) continue;
    const other = byName.get(forced);
    if (!other || other.id === id) continue;
    throw configError(
      `"${forced}" is the name of the stub of ${other.id}, which the override would move to another name: choose another, or rename ${other.id} too`,
      configKeys?.operationNames.get(id),
      `operationNames["${id}"]`,
    );
  }
}
