/**
 * `query.ts`: the query service typed by the model's query types (generator/model/query-types.ts):
 * the map from each `type` to its record element and its references elements (`QueryTypes`, and
 * `QUERY_TYPES` at run time), the types of its records and pages, and `query` / `queryAll`, which
 * call the runtime (runtime/client/query.ts) through the `getQuery` stub, so that they carry the
 * schemas of its answers (a bare client reads them).
 */
import type { Operation, QueryTypeInfo } from "../../model/ir.js";
import type { ModelIndex } from "../../model/model-index.js";
import { PRINT_WIDTH, type Literal } from "../print/layout.js";
import { GeneratedFile, type ModuleRef } from "../generated-file.js";
import { namespaceModule, RUNTIME_CLIENT, RUNTIME_VALUES } from "../modules.js";

/** The stub of `GET /query`, or undefined when the operations have none. */
function queryStub(index: ModelIndex): Operation | undefined {
  return index.model.operations.find(
    (op) => op.method === "GET" && op.path === "/query",
  );
}

/** The generated query module, as the stubs refer to it. */
export const QUERY_MODULE: ModuleRef = { path: "query", ident: "$query" };

/** Each index's answer of {@link hasQueryModule}: every stub asks it, and it walks every element. */
const HAS_QUERY_MODULE = new WeakMap<ModelIndex, boolean>();

/** Whether the package has a query module (the model's query types, `GET /query`, its answers' elements). */
export function hasQueryModule(index: ModelIndex): boolean {
  let known = HAS_QUERY_MODULE.get(index);
  if (known === undefined) {
    const has = (name: string) =>
      [...index.elements.values()].some((e) => index.prefixed(e.id) === name);
    known =
      (index.model.queryTypes ?? []).length > 0 &&
      queryStub(index) !== undefined &&
      has("vcloud:References") &&
      has("vcloud:Reference") &&
      has("vcloud:QueryResultRecords");
    HAS_QUERY_MODULE.set(index, known);
  }
  return known;
}

/** The query type whose records a packaged query answers (`GET /vApps/query` -> `vApp`), if known. */
export function packagedQueryType(
  index: ModelIndex,
  operationId: string,
): string | undefined {
  if (!hasQueryModule(index)) return undefined;
  return index.model.queryTypes?.find((t) => t.packaged?.includes(operationId))
    ?.name;
}

export function emitQueryModule(
  index: ModelIndex,
  header: (what: string) => string,
): GeneratedFile | undefined {
  if (!hasQueryModule(index)) return undefined;
  const types = index.model.queryTypes!;
  const stub = queryStub(index)!;
  const first = types[0]!;
  const recordHead = index.elements.get(
    index.elements.get(first.record)!.substitutionGroup!,
  )!;
  const named = (name: string) =>
    [...index.elements.values()].find((e) => index.prefixed(e.id) === name)!;
  const referencesType = named("vcloud:References");
  const referenceHead = named("vcloud:Reference");
  const recordsRoot = named("vcloud:QueryResultRecords");
  const file = new GeneratedFile(
    `${QUERY_MODULE.path}.ts`,
    header(
      "The query service, typed: every query type with its records and references, query and queryAll.",
    ),
  );
  const typeOf = (elementId: string) => {
    const element = index.elements.get(elementId)!;
    const type = index.types.get(element.type)!;
    return file.refer(
      namespaceModule(index.namespace(type.namespace)),
      type.tsName,
    );
  };
  const headModule = (head: { namespace: string }): ModuleRef =>
    namespaceModule(index.namespace(head.namespace));
  const recordMembers = file.refer(
    headModule(recordHead),
    `${recordHead.groupTsName!}Members`,
  );
  const referenceMembers = file.refer(
    headModule(referenceHead),
    `${referenceHead.groupTsName!}Members`,
  );
  const c = (name: string, typeOnly = true) =>
    file.refer(RUNTIME_CLIENT, name, typeOnly);
  const elementOf = file.refer(RUNTIME_VALUES, "ElementOf");
  const stubModule: ModuleRef = {
    path: `api/${stub.tag}`,
    ident: `$${stub.tag}`,
  };
  const replies = file.refer(stubModule, `${capitalize(stub.name)}Replies`);
  const stubValue = file.refer(stubModule, stub.name, false, false);

  file.add(queryTypesInterface(index, types));
  const baseRecord = typeOf(recordHead.id);
  const recordsPage = typeOf(recordsRoot.id);
  const referencesPage = typeOf(referencesType.id);
  file.add(
    [
      "/** A query type of the query service: the `type` of `GET /query?type=...`. */",
      "export type QueryType = keyof QueryTypes;",
      "",
      "/** The record a query of type `T` answers, narrowed to `fields` `K` when given (and what every record carries). */",
      "export type QueryRecord<",
      "  T extends QueryType,",
      "  K extends string = never,",
      `> = ${c("RecordOf")}<`,
      `  ${elementOf}<Pick<${recordMembers}, QueryTypes[T]["record"]>>,`,
      `  ${baseRecord},`,
      "  K",
      ">;",
      "",
      "/** The attribute names of a query type's records: what `filter`, `sortAsc`, `sortDesc` and `fields` take. */",
      `export type QueryField<T extends QueryType> = ${c("FieldOf")}<QueryRecord<T>>;`,
      "",
      "/** What `fields` takes for a query type: its attribute names, and metadata entries (`metadata:rank`). */",
      "export type QueryFieldName<T extends QueryType> =",
      `  QueryField<T> | ${c("MetadataField")};`,
      "",
      "/** The reference items of a query type's `references` answer (any reference, where the schema set has no element of its own). */",
      "export type QueryReference<T extends QueryType> = QueryTypes[T] extends {",
      `  reference: infer E extends keyof ${referenceMembers};`,
      "}",
      `  ? ${elementOf}<Pick<${referenceMembers}, E>>`,
      `  : ${elementOf}<${referenceMembers}>;`,
      "",
      "/** The `references` answer of a query of type `T`: its `*References` of its `*Reference`s. */",
      "export type QueryReferences<T extends QueryType> = QueryTypes[T] extends {",
      "  references: infer R extends string;",
      "}",
      `  ? ${c("Reply")}<{`,
      "      element: R;",
      `      value: Omit<${referencesPage}, "Reference"> & {`,
      "        Reference?: QueryReference<T>[];",
      "      };",
      "    }>",
      `  : ${replies}["references"];`,
      "",
      "/** A page of `records` or `idrecords` of a query of type `T`, with `fields` `K` (its metadata entries narrow nothing). */",
      "export type QueryRecords<",
      "  T extends QueryType,",
      "  K extends string = never,",
      `> = ${c("Reply")}<{`,
      '  element: "vcloud:QueryResultRecords";',
      `  value: Omit<${recordsPage}, "Record"> & {`,
      "    Record?: QueryRecord<T, Extract<K, QueryField<T>>>[];",
      "  };",
      "}>;",
      "",
      "/** What a query of type `T` answers in format `F`, with `fields` `K`. */",
      "export type QueryReply<",
      "  T extends QueryType,",
      `  F extends ${c("QueryFormat")} = "records",`,
      "  K extends string = never,",
      '> = F extends "references" ? QueryReferences<T> : QueryRecords<T, K>;',
      "",
      "/** One item of a query's pages: a record, or a reference in format `references`. */",
      "export type QueryItem<",
      "  T extends QueryType,",
      `  F extends ${c("QueryFormat")} = "records",`,
      "  K extends string = never,",
      '> = F extends "references" ? QueryReference<T> : QueryRecord<T, K>;',
      "",
      "/** The options of a query of type `T` in format `F`, with `fields` `K`. */",
      "export type QueryOptionsOf<",
      "  T extends QueryType,",
      `  F extends ${c("QueryFormat")} = "records",`,
      "  K extends string = never,",
      `> = ${c("QueryOptions")}<QueryRecord<T>, F, K>;`,
    ].join("\n"),
  );
  const entries: Record<string, Literal> = {};
  for (const t of types) {
    entries[t.name] = {
      record: index.prefixed(t.record),
      ...(t.references
        ? { references: index.prefixed(t.references.root) }
        : {}),
    };
  }
  file.add(
    [
      "/** What `query` checks an answer of each query type against. */",
      "export type QueryTypeTable = {",
      `  readonly [T in QueryType]: ${c("QueryTypeInfo")};`,
      "};",
    ].join("\n"),
  );
  file.addConst(
    "/** The record element and the references root of every query type, as `query` checks the answers. */",
    "QUERY_TYPES",
    "QueryTypeTable",
    { literal: entries },
  );
  const generics = [
    "  T extends QueryType,",
    `  F extends ${c("QueryFormat")} = "records",`,
    "  const K extends QueryFieldName<T> = never,",
  ].join("\n");
  const params = [
    `  client: ${c("VcdClient")},`,
    "  type: T,",
    "  options?: QueryOptionsOf<T, F, K>,",
  ].join("\n");
  const narrowed = "Extract<K, QueryField<T>>";
  const stubCast = `${stubValue} as ${file.refer(RUNTIME_CLIENT, "QueryStub", true, false)}`;
  const queryDoc = [
    "/**",
    " * `GET /query?type=...`: one page of a typed query (records by default, `idrecords`, or `references`),",
    " * typed by `type`, `format` and `fields`; a filter built with `where` is checked against the",
    " * record's attributes. An answer of another root or record element is a `VcdResponseError`.",
    " */",
  ].join("\n");
  const allDoc = [
    "/**",
    " * Every record (or reference) of a typed query, page after page (`nextPage`): it reads one page",
    " * ahead and holds at most two; leaving the loop (or the `signal` aborting) reads no more.",
    " */",
  ].join("\n");
  const queryResult = `Promise<QueryReply<T, F, ${narrowed}>>`;
  const allResult = `AsyncGenerator<QueryItem<T, F, ${narrowed}>, void, undefined>`;
  const allCast = `AsyncGenerator<\n    QueryItem<T, F, ${narrowed}>,\n    void,\n    undefined\n  >`;
  const runQuery = c("runQuery", false);
  const queryRecords = c("queryRecords", false);
  // As prettier prints it: flat where it fits, else one argument a line.
  const call = (fn: string, typed: boolean) => {
    const args = [
      "client",
      typed ? stubCast : stubValue,
      "QUERY_TYPES[type]",
      "type",
      "options",
    ];
    const flat = `  return ${fn}(${args.join(", ")});`;
    return flat.length <= PRINT_WIDTH
      ? `${fn}(${args.join(", ")})`
      : `${fn}(\n${args.map((a) => `    ${a},\n`).join("")}  )`;
  };
  file.addCode({
    ts: `${queryDoc}\nexport function query<\n${generics}\n>(\n${params}\n): ${queryResult} {\n  return ${call(runQuery, true)} as ${queryResult};\n}`,
    js: `${queryDoc}\nexport function query(client, type, options) {\n  return ${call(runQuery, false)};\n}`,
    "d.ts": `${queryDoc}\nexport declare function query<\n${generics}\n>(\n${params}\n): ${queryResult};`,
  });
  file.addCode({
    ts: `${allDoc}\nexport function queryAll<\n${generics}\n>(\n${params}\n): ${allResult} {\n  return ${call(queryRecords, true)} as ${allCast};\n}`,
    js: `${allDoc}\nexport function queryAll(client, type, options) {\n  return ${call(queryRecords, false)};\n}`,
    "d.ts": `${allDoc}\nexport declare function queryAll<\n${generics}\n>(\n${params}\n): ${allResult};`,
  });
  return file;
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function queryTypesInterface(
  index: ModelIndex,
  types: readonly QueryTypeInfo[],
): string {
  const members = types.map((t) => {
    const doc = [
      `  /**`,
      `   * \`type=${t.name}\`: \`${index.prefixed(t.record)}\` records${t.references ? `, \`${index.prefixed(t.references.root)}\` references` : ""}.`,
      ...(t.addedIn ? ["   *", `   * @since ${t.addedIn}`] : []),
      `   */`,
    ];
    const lines = [
      `    record: "${index.prefixed(t.record)}";`,
      ...(t.references
        ? [
            `    references: "${index.prefixed(t.references.root)}";`,
            `    reference: "${index.prefixed(t.references.item)}";`,
          ]
        : []),
    ];
    return [...doc, `  ${t.name}: {`, ...lines, "  };"].join("\n");
  });
  return [
    "/**",
    " * Every query type of the query service (`GET /query?type=...`), by its `type`: the record element",
    " * its `records` and `idrecords` answer, and the root and items of its `references` answer where",
    " * the schema set has them.",
    " */",
    "export interface QueryTypes {",
    members.join("\n"),
    "}",
  ].join("\n");
}
