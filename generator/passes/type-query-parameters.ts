/**
 * Gives each operation's query parameters the value vCD takes in them, from our facts
 * (config/query-parameter-facts.ts): the operations documents say "string" of every one. A
 * parameter the facts do not name keeps no value (any string, number or boolean).
 */
import type { Pass } from "./pass.js";

export const typeQueryParameters: Pass = {
  name: "type-query-parameters",
  run(draft, { queryParameterFacts }) {
    if (!queryParameterFacts) return;
    for (const op of draft.operations)
      for (const parameter of op.queryParameters) {
        const value = queryParameterFacts.get(parameter.name);
        if (value) parameter.value = value;
      }
  },
};
