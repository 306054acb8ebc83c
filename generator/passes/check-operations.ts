/**
 * Every type the operations document names should exist in the schema set (checked before any API
 * version is selected). Real inputs are not always consistent (the 35.2 operations document names
 * `vcloud:OpenIdProviderInfoType`, which the 35.2 XSDs lack and the 36.0 XSDs mark
 * `added-in="36.0"`): an operation whose type the set lacks is left out, with a warning at its JSON
 * path in the operations file naming the operation and the type, and generation goes on.
 */
import { GeneratorError } from "../diagnostics.js";
import { localOf } from "../model/qname.js";
import type { Pass } from "./pass.js";

export const checkOperations: Pass = {
  name: "check-operations",
  run(draft, { warn }) {
    for (const op of draft.operations) {
      if (op.leaveOut) continue;
      const missing = [...op.request, ...op.responses].find(
        (body) => !draft.types.has(body.type),
      );
      if (!missing) continue;
      const reason = `the schema set has no type "${localOf(missing.type)}" (${missing.type})`;
      op.leaveOut = reason;
      warn(
        new GeneratorError(
          `${op.id}: ${reason}; the operation is left out`,
          missing.location,
          missing.jsonPath,
        ),
      );
    }
  },
};
