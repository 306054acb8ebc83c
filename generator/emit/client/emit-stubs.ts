/**
 * `api/<tag>.ts`: one typed function per operation (grouped by who may call it: `user`, `admin`,
 * `extension`), each calling the client runtime with its row of the operations table; and
 * `api/index.ts`, all of them. Per stub, its reply type (`<Name>Reply`), and where it has them, its
 * body union (`<Name>Body`) and query parameters (`<Name>Query`).
 */
import type { Operation, QueryParameterValue } from "../../model/ir.js";
import type { ModelIndex } from "../../model/model-index.js";
import { GeneratedFile } from "../generated-file.js";
import { DOCUMENT, OPERATIONS, RUNTIME_CLIENT } from "../modules.js";
import {
  functionDeclaration,
  type FunctionShape,
  type Parameter,
} from "../print/function-layout.js";
import {
  genericTypeAlias,
  interfaceHead,
  PRINT_WIDTH,
  propertyKey,
  typeAlias,
  withTypeParameter,
} from "../print/layout.js";
import { template } from "../templates.js";
import { TypeExpressions } from "../types/type-expression.js";
import {
  DEFAULT_FORMAT,
  QUERY_FORMATS,
  queryFormats,
  type QueryFormat,
} from "./query-formats.js";
import { stubDoc } from "./stub-doc.js";
import { packagedQueryType, QUERY_MODULE } from "./emit-query-module.js";

export const TAGS = ["user", "admin", "extension"] as const;

export function emitStubs(
  index: ModelIndex,
  header: (what: string) => string,
): GeneratedFile[] {
  const expressions = new TypeExpressions(index);
  const files = TAGS.map((tag) => {
    const file = new GeneratedFile(
      `api/${tag}.ts`,
      header(`Stubs of the operations tagged \`${tag}\` (${WHO[tag]}).`),
    );
    for (const op of index.model.operations.filter((o) => o.tag === tag))
      emitStub(file, index, expressions, op);
    return file;
  });
  const barrel = new GeneratedFile(
    "api/index.ts",
    header("Every stub of the API."),
  );
  const lines = TAGS.map((tag) => `export * from "./${tag}.js";`).join("\n");
  barrel.addCode({ ts: lines, js: lines, "d.ts": lines });
  return [...files, barrel];
}

const WHO = {
  user: "any user who is logged in",
  admin: "an organization administrator, or the system administrator",
  extension: "the system administrator only",
} as const;

function emitStub(
  file: GeneratedFile,
  index: ModelIndex,
  expressions: TypeExpressions,
  op: Operation,
): void {
  const c = (name: string) => file.refer(RUNTIME_CLIENT, name);
  const d = (name: string) => file.refer(DOCUMENT, name);
  const base = op.name[0].toUpperCase() + op.name.slice(1);
  const docOf = (element: string) =>
    `${c("Reply")}<${d("DocumentFor")}<"${index.prefixed(element)}">>`;
  const elements = [...new Set(op.responses.map((r) => r.element))];
  const replies = elements.length
    ? elements.map(docOf)
    : [
        `${c("Reply")}<${d("VcdDocument")}>`,
        `${c("Reply")}<${c("NoContent")}>`,
      ];
  const replyName = `${base}Reply`;
  file.add(
    `/** What \`${op.name}\` answers. */\n${replyAlias(replyName, replies)}`,
  );
  const formats = queryFormats(op);
  const repliesName = `${base}Replies`;
  // A packaged query (`GET /vApps/query`): its records are those of one query type.
  const packaged = formats ? packagedQueryType(index, op.id) : undefined;
  const queryRef = (name: string) => file.refer(QUERY_MODULE, name);
  // Its records narrowed to the `fields` asked for (`K`), as `query` narrows them.
  const fieldsParameter = "K extends string = never";
  const packagedReply = (format: QueryFormat) =>
    format === "references"
      ? `${queryRef("QueryReferences")}<"${packaged}">`
      : `${queryRef("QueryRecords")}<"${packaged}", K>`;
  const narrows = (format: QueryFormat) =>
    packaged !== undefined && format !== "references";
  if (formats) {
    // A query: what it answers in each format (the runtime reads the answer of the one asked for).
    for (const format of QUERY_FORMATS)
      file.add(
        `/** What \`${op.name}\` answers with \`format=${format}\`${format === DEFAULT_FORMAT ? " (the default)" : ""}${packaged ? `: the records of the \`${packaged}\` query type${narrows(format) ? ", narrowed to `fields` `K`" : ""}` : ""}. */\n${
          packaged
            ? narrows(format)
              ? genericTypeAlias(
                  formatReplyName(base, format),
                  fieldsParameter,
                  packagedReply(format),
                )
              : typeAlias(formatReplyName(base, format), [
                  packagedReply(format),
                ])
            : replyAlias(
                formatReplyName(base, format),
                formats[format].map(docOf),
              )
        }`,
      );
    const repliesHead = interfaceHead(repliesName, undefined);
    file.add(
      template("types/interface")({
        doc: `/** What \`${op.name}\` answers in each format${packaged ? ", its records narrowed to `fields` `K`" : ""}. */`,
        head: packaged
          ? withTypeParameter(repliesHead, fieldsParameter, " {")
          : repliesHead,
        members: QUERY_FORMATS.map((format) => ({
          doc: "",
          key: format,
          optional: false,
          type: `${formatReplyName(base, format)}${narrows(format) ? "<K>" : ""}`,
        })),
      }).trimEnd(),
    );
  }
  const bodyElements = [...new Set(op.request.map((r) => r.element))];
  // Without path parameters, the target is `{}` (or an href), and may be left out unless a body follows.
  const params: Parameter[] = [
    { name: "client", type: c("VcdClient") },
    {
      name: "target",
      type: `${c("Target")}<${op.pathParameters.map((p) => JSON.stringify(p)).join(" | ") || "never"}>`,
      optional: !op.pathParameters.length && !bodyElements.length,
    },
  ];
  if (bodyElements.length === 1) {
    const element = index.elements.get(op.request[0].element)!;
    params.push({
      name: "body",
      type: expressions.ofType(file, element.type),
    });
  } else if (bodyElements.length > 1) {
    const bodyName = `${base}Body`;
    file.add(
      `/** What \`${op.name}\` takes: a document of one of these elements. */\n${typeAlias(
        bodyName,
        bodyElements.map((e) => `${d("DocumentFor")}<"${index.prefixed(e)}">`),
      )}`,
    );
    params.push({ name: "body", type: bodyName });
  }
  let options = c("CallOptions");
  // What a packaged query's `fields` takes: its query type's attribute names and metadata entries.
  const fieldName = `${queryRef("QueryFieldName")}<"${packaged}">`;
  if (op.queryParameters.length) {
    const queryName = `${base}Query`;
    const format = `F extends ${c("QueryFormat")} = ${c("QueryFormat")}`;
    const typeParameters = packaged
      ? [format, `K extends ${fieldName} = ${fieldName}`]
      : [format];
    file.add(
      template("types/interface")({
        doc: formats
          ? `/** The query parameters of \`${op.name}\`; \`format\` (\`F\`) chooses what it answers${packaged ? ", `fields` (`K`) the attributes its records carry" : ""}. */`
          : `/** The query parameters of \`${op.name}\`. */`,
        head: formats
          ? withTypeParameter(
              interfaceHead(queryName, undefined),
              typeParameters,
              " {",
            )
          : interfaceHead(queryName, undefined),
        members: op.queryParameters.map((q) => ({
          doc: "",
          key: propertyKey(q.name),
          optional: !q.required,
          type:
            formats && q.name === "format"
              ? "F"
              : packaged && q.name === "filter"
                ? `${c("Filter")}<${queryRef("QueryField")}<"${packaged}">> | string`
                : packaged && (q.name === "sortAsc" || q.name === "sortDesc")
                  ? `${queryRef("QueryField")}<"${packaged}">`
                  : packaged && q.name === "fields"
                    ? "readonly K[]"
                    : queryValueType(q.value),
        })),
      }).trimEnd(),
    );
    options = `${c("CallOptions")}<${queryName}${formats ? (packaged ? "<F, K>" : "<F>") : ""}>`;
  }
  params.push({ name: "options", type: options, optional: true });
  const shape: FunctionShape = {
    name: op.name,
    ...(formats
      ? {
          typeParameter: [
            `F extends ${c("QueryFormat")} = "${DEFAULT_FORMAT}"`,
            ...(packaged ? [`const K extends ${fieldName} = never`] : []),
          ],
        }
      : {}),
    params,
    returnType: formats
      ? `Promise<${repliesName}${packaged ? "<K>" : ""}[F]>`
      : `Promise<${replyName}>`,
    callee: "client.call",
    args: [
      file.refer(OPERATIONS, op.name, false, false),
      "target",
      bodyElements.length ? "body" : "undefined",
      "options",
    ],
  };
  const doc = stubDoc(index, op, bodyElements.length > 1, !!formats);
  file.addCode({
    ts: `${doc}\n${functionDeclaration(shape, "ts")}`,
    js: `${doc}\n${functionDeclaration(shape, "js")}`,
    "d.ts": `${doc}\n${functionDeclaration(shape, "d.ts")}`,
  });
}

/**
 * `export type XReply = ...;`: as typeAlias lays it out, except that prettier breaks a lone generic
 * reference that does not fit inside its type arguments (`= $c.Reply<\n  ...\n>;`), unless even
 * that head is too long.
 */
function replyAlias(name: string, members: readonly string[]): string {
  const flat = `export type ${name} = ${members[0]};`;
  if (members.length > 1 || flat.length <= PRINT_WIDTH)
    return typeAlias(name, members);
  const open = members[0].indexOf("<");
  const head = `export type ${name} = ${members[0].slice(0, open + 1)}`;
  if (head.length > PRINT_WIDTH) return typeAlias(name, members);
  return `export type ${name} = ${members[0].slice(0, open + 1)}\n  ${members[0].slice(open + 1, -1)}\n>;`;
}

function formatReplyName(base: string, format: QueryFormat): string {
  return `${base}${format[0].toUpperCase()}${format.slice(1)}Reply`;
}

/** The TypeScript type of a query parameter's value: what vCD takes in it, else any of the three. */
function queryValueType(value: QueryParameterValue | undefined): string {
  if (!value) return "string | number | boolean";
  switch (value.kind) {
    case "integer":
      return "number";
    case "boolean":
      return "boolean";
    case "string":
      return "string";
    case "enumeration":
      return value.values.map((v) => JSON.stringify(v)).join(" | ");
  }
}
