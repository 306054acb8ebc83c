/**
 * Raw operations (as the operations document gives them) -> the working model's operations: the
 * document's `x-xsd-type` prefixes resolved to namespaces, the tag and auth scheme checked; with
 * what the older documents say of them (since when, former paths), and after them the operations
 * the older documents list and this one dropped (each with the version that dropped it).
 */
import { GeneratorError } from "../diagnostics.js";
import type {
  FormerPath,
  OperationHistory,
} from "../load/operation-history.js";
import type { RawBody, RawOperation } from "../load/read-operations.js";
import type { DraftBody, DraftOperation } from "./draft.js";
import { clark } from "./qname.js";

const TAGS = new Set(["user", "admin", "extension"]);

export function buildOperations(
  raw: readonly RawOperation[],
  prefixes: Readonly<Record<string, string>>,
  history?: OperationHistory,
): DraftOperation[] {
  const body = (b: RawBody): DraftBody => {
    const [prefix, local] = b.xsdType.split(":", 2);
    const uri = prefixes[prefix];
    if (uri === undefined)
      throw new GeneratorError(
        `unknown prefix "${prefix}" in "${b.xsdType}" (the schema set's operationPrefixes know: ${Object.keys(prefixes).join(", ")})`,
        b.location,
        b.jsonPath,
      );
    return {
      mediaType: b.mediaType,
      type: clark(uri, local),
      jsonPath: b.jsonPath,
      location: b.location,
    };
  };
  const operation = (
    op: RawOperation,
    since: {
      addedIn?: string;
      removedIn?: string;
      formerPaths?: readonly FormerPath[];
    },
  ): DraftOperation => {
    if (!TAGS.has(op.tag))
      throw new GeneratorError(
        `unknown tag "${op.tag}" (expected user, admin or extension)`,
        op.location,
        `${op.jsonPath}.tags`,
      );
    return {
      id: `${op.method} ${op.path}`,
      ...(since.addedIn ? { addedIn: since.addedIn } : {}),
      ...(since.removedIn ? { removedIn: since.removedIn } : {}),
      ...(since.formerPaths?.length
        ? { formerPaths: since.formerPaths.map((f) => ({ ...f })) }
        : {}),
      method: op.method,
      path: op.path,
      tag: op.tag as DraftOperation["tag"],
      auth: op.security.includes("basicAuth") ? "basic" : "bearer",
      // The draft's own lists: the passes change them, the record of the inputs stays as read.
      pathParameters: [...op.pathParameters],
      queryParameters: op.queryParameters.map((q) => ({ ...q })),
      request: op.request.map(body),
      responses: op.responses.map(body),
      deprecated: op.deprecated,
      jsonPath: op.jsonPath,
      location: op.location,
      overrides: [],
    };
  };
  return [
    ...raw.map((op) => {
      const id = `${op.method} ${op.path}`;
      return operation(op, {
        addedIn: history?.addedIn.get(id),
        formerPaths: history?.formerPaths.get(id),
      });
    }),
    ...(history?.dropped ?? []).map((dropped) =>
      operation(dropped.operation, {
        addedIn: dropped.addedIn,
        removedIn: dropped.removedIn,
        formerPaths: dropped.formerPaths,
      }),
    ),
  ];
}
