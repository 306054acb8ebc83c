/** Gives every operation its stub's name (the rule is in model/operation-naming.ts). */
import { operationNames } from "../model/operation-naming.js";
import type { Pass } from "./pass.js";

export const nameOperations: Pass = {
  name: "name-operations",
  run(draft, { operationNameOverrides }) {
    const names = operationNames(draft.operations, operationNameOverrides);
    for (const op of draft.operations) op.name = names.get(op.id);
  },
};
