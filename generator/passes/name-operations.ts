/**
 * Gives every operation its stub's name (the rule is in model/operation-naming.ts; the operations
 * older documents list and the target's dropped are named after its own, rule 7). A name the
 * config gives to an operation this version's document does not list is said in a warning: a typo
 * there would otherwise go unseen.
 */
import { GeneratorError } from "../diagnostics.js";
import { operationNames } from "../model/operation-naming.js";
import type { Pass } from "./pass.js";

export const nameOperations: Pass = {
  name: "name-operations",
  run(draft, { operationNameOverrides, warn }) {
    // The target's own operations first; then those it dropped, taking none of their names.
    const own = draft.operations.filter((op) => !op.removedIn);
    const names = operationNames(own, operationNameOverrides);
    const dropped = operationNames(
      draft.operations.filter((op) => op.removedIn),
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
          new GeneratorError(
            `names an operation the operations document of API ${draft.apiVersion} does not list`,
            undefined,
            `operationNames["${id}"]`,
          ),
        );
    }
  },
};
