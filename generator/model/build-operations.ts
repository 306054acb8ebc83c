/**
 * Raw operations (as the operations document gives them) -> the working model's operations: the
 * document's `x-xsd-type` prefixes resolved to namespaces, the tag and auth scheme checked.
 */
import { GeneratorError } from "../diagnostics.js";
import type { RawBody, RawOperation } from "../load/read-operations.js";
import type { DraftBody, DraftOperation } from "./draft.js";
import { clark } from "./qname.js";

const TAGS = new Set(["user", "admin", "extension"]);

export function buildOperations(
  raw: readonly RawOperation[],
  prefixes: Readonly<Record<string, string>>,
  addedIn: ReadonlyMap<string, string> = new Map(),
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
  return raw.map((op) => {
    if (!TAGS.has(op.tag))
      throw new GeneratorError(
        `unknown tag "${op.tag}" (expected user, admin or extension)`,
        op.location,
        `${op.jsonPath}.tags`,
      );
    const id = `${op.method} ${op.path}`;
    return {
      id,
      ...(addedIn.has(id) ? { addedIn: addedIn.get(id) } : {}),
      method: op.method,
      path: op.path,
      tag: op.tag as DraftOperation["tag"],
      auth: op.security.includes("basicAuth") ? "basic" : "bearer",
      pathParameters: op.pathParameters,
      queryParameters: op.queryParameters,
      request: op.request.map(body),
      responses: op.responses.map(body),
      deprecated: op.deprecated,
      jsonPath: op.jsonPath,
      location: op.location,
      overrides: [],
    };
  });
}
