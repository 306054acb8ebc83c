/**
 * Adds our own facts (schemas/vcd-api.operations.json) to the operations document's: bodies it does
 * not name, other types a path serves, query parameters it does not list, what replaces a deprecated
 * operation. Each override names its evidence, kept on the operation (a replacement's stays in the file).
 * What the document (of this version) already has, or an operation it does not list, is left alone:
 * one file of overrides serves the documents of every version.
 */
import type { DraftBody } from "../model/draft.js";
import type { Pass } from "./pass.js";

export const overrideOperations: Pass = {
  name: "override-operations",
  run(draft, { operationOverrides }) {
    const byId = new Map(draft.operations.map((op) => [op.id, op]));
    for (const override of operationOverrides) {
      const op = byId.get(override.id);
      if (!op) {
        // An override for an operation this version's document does not list: nothing to add to.
        continue;
      }
      const add = (into: DraftBody[], bodies: typeof override.addRequest) => {
        for (const body of bodies) {
          // The document of a newer version may already have it: the override adds nothing there.
          if (
            into.some(
              (b) =>
                b.type === body.type &&
                b.mediaType.toLowerCase() === body.mediaType.toLowerCase(),
            )
          )
            continue;
          into.push({ ...body });
        }
      };
      if (override.replacement !== undefined) {
        // What vCD recommends instead: only where this version's document marks it deprecated.
        if (op.deprecated) op.replacement = override.replacement;
        continue;
      }
      if (override.leaveOut) {
        op.leaveOut = override.evidence;
        continue;
      }
      add(op.request, override.addRequest);
      add(op.responses, override.addResponses);
      for (const name of override.addQueryParameters)
        if (!op.queryParameters.some((q) => q.name === name))
          op.queryParameters.push({ name, required: false });
      op.overrides.push(override.evidence);
    }
  },
};
