/**
 * Every type the operations document names must exist in the schema set (before any API version
 * is selected): a name that does not is an error at its JSON path in the operations file.
 */
import { GeneratorError } from "../diagnostics.js";
import { localOf } from "../model/qname.js";
import type { Pass } from "./pass.js";

export const checkOperations: Pass = {
  name: "check-operations",
  run(draft) {
    for (const op of draft.operations) {
      if (op.leaveOut) continue;
      for (const body of [...op.request, ...op.responses]) {
        if (!draft.types.has(body.type))
          throw new GeneratorError(
            `${op.id}: the schema set has no type "${localOf(body.type)}" (${body.type})`,
            body.location,
            body.jsonPath,
          );
      }
    }
  },
};
