/**
 * `operations.ts`: one plain row per operation (what the stubs call and the simulator serves), each
 * its own export so that a bundle keeps only the rows its stubs use, and `operations`, all of them.
 * What several rows hold alike (answer shapes, lists of them) is declared once, before the rows.
 */
import type { BodyDecl, Operation } from "../../model/ir.js";
import type { ModelIndex } from "../../model/model-index.js";
import { GeneratedFile } from "../generated-file.js";
import { RUNTIME_CLIENT, SCHEMA_MODULE } from "../modules.js";
import { Code, type Literal } from "../print/layout.js";
import { SchemaParts } from "../xml/schema-parts.js";
import { shareRepeated } from "./shared-values.js";

export function emitOperationsTable(
  index: ModelIndex,
  header: (what: string) => string,
  parts: SchemaParts = new SchemaParts(index),
): GeneratedFile {
  const file = new GeneratedFile(
    "operations.ts",
    header("The operations of the XML REST API: one row per operation."),
  );
  const info = `${file.refer(RUNTIME_CLIENT, "OperationInfo")}`;
  const operations = index.model.operations;
  const part = (element?: string) =>
    new Code(
      file.refer(
        SCHEMA_MODULE,
        element ? parts.element(element) : "everything",
        false,
        false,
      ),
    );
  const shape = `${file.refer(RUNTIME_CLIENT, "BodyShape")}`;
  const query = `${file.refer(RUNTIME_CLIENT, "QueryParameter")}`;
  const { rows, shared } = shareRepeated(
    operations.map(
      (op) =>
        operationRow(index, op, part) as {
          readonly [key: string]: Literal | undefined;
        },
    ),
    [
      { field: "requestBodies", type: `readonly ${shape}[]`, itemType: shape },
      { field: "responses", type: `readonly ${shape}[]`, itemType: shape },
      { field: "responseMediaTypes", type: "readonly string[]" },
      { field: "responseTypes", type: "readonly string[]" },
      { field: "queryParameters", type: `readonly ${query}[]` },
      { field: "pathParameters", type: "readonly string[]" },
    ],
    "$",
  );
  // Declared before the rows that refer to them.
  for (const value of shared)
    file.addConst("", value.name, value.type, { literal: value.value }, false);
  operations.forEach((op, i) => {
    file.addConst(`/** \`${op.id}\` */`, op.name, info, {
      literal: rows[i],
    });
  });
  const list = operations.map((op) => `  ${op.name},\n`).join("");
  const doc =
    "/** Every operation, sorted by path then method (GET, PUT, POST, DELETE). */";
  file.addCode({
    ts: `${doc}\nexport const operations: readonly ${info}[] = [\n${list}];`,
    js: `${doc}\nexport const operations = [\n${list}];`,
    "d.ts": `${doc}\nexport declare const operations: readonly ${info}[];`,
  });
  return file;
}

/**
 * The row of one operation (the fields of the runtime's `OperationInfo`); `part` refers to an
 * element's schema part (undefined: every element's), left out without it.
 */
export function operationRow(
  index: ModelIndex,
  op: Operation,
  part?: (element?: string) => Code,
): Literal {
  const shape = (body: BodyDecl): Literal => ({
    mediaType: body.mediaType,
    type: index.prefixed(body.type),
    element: index.prefixed(body.element),
    part: part?.(body.element),
  });
  const mediaTypes: string[] = [];
  const types: string[] = [];
  for (const body of op.responses) {
    if (mediaTypes.includes(body.mediaType)) continue;
    mediaTypes.push(body.mediaType);
    types.push(index.prefixed(body.type));
  }
  const first = op.request[0];
  return {
    name: op.name,
    method: op.method,
    path: op.path,
    tag: op.tag,
    auth: op.auth,
    pathParameters: op.pathParameters,
    queryParameters: op.queryParameters.map((q) => ({
      name: q.name,
      required: q.required,
    })),
    requestMediaType: first ? first.mediaType : null,
    requestType: first ? index.prefixed(first.type) : null,
    requestBodies: op.request.map(shape),
    responseMediaTypes: mediaTypes,
    responseTypes: types,
    responses: op.responses.map(shape),
    deprecated: op.deprecated,
    // An operation that declares no answer may answer any document.
    anyDocument: op.responses.length ? undefined : part?.(),
    ...(op.addedIn ? { addedIn: op.addedIn } : {}),
    ...(op.removedIn ? { removedIn: op.removedIn } : {}),
  };
}
