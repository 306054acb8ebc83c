/** The working model's operations -> the published model's: named, linked, sorted by path then method. */
import type { Draft } from "./draft.js";
import type { Operation, OperationsSource } from "./ir.js";

const METHOD_ORDER = ["GET", "PUT", "POST", "DELETE"];

/** `relativeFile`: an operations file's path as the model gives it (relative to the inputs). */
export function finalizeOperations(
  draft: Draft,
  relativeFile: (file: string) => string,
): Operation[] {
  return draft.operations
    .map((op): Operation => {
      if (!op.name || !op.linked)
        throw new Error(`internal: operation ${op.id} was not named or linked`);
      return {
        id: op.id,
        name: op.name,
        method: op.method,
        path: op.path,
        tag: op.tag,
        auth: op.auth,
        pathParameters: op.pathParameters,
        queryParameters: op.queryParameters,
        request: op.linked.request,
        responses: op.linked.responses,
        deprecated: op.deprecated,
        ...(op.replacement ? { replacement: op.replacement } : {}),
        ...(op.addedIn ? { addedIn: op.addedIn } : {}),
        ...(op.removedIn ? { removedIn: op.removedIn } : {}),
        ...(op.formerPaths
          ? {
              formerPaths: op.formerPaths.map(({ path, from, until }) => ({
                path,
                from,
                until,
              })),
            }
          : {}),
        source: {
          file: relativeFile(op.location.file),
          path: op.jsonPath,
        },
        ...(op.overrides.length ? { overrides: op.overrides } : {}),
      };
    })
    .sort((a, b) =>
      a.path !== b.path
        ? a.path < b.path
          ? -1
          : 1
        : METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method),
    );
}

export function operationsSource(
  draft: Draft,
  file: string,
  version: string,
  listed: number,
): OperationsSource {
  return {
    file,
    version,
    listed,
    leftOut: [...draft.leftOutOperations].sort((a, b) =>
      a.id < b.id ? -1 : 1,
    ),
  };
}
