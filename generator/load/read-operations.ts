/**
 * The operations document (`operations/<version>.openapi.json`: a facts-only OpenAPI 3.0 document of
 * the XML REST API) -> raw operations, each with the JSON path and the line of where it is
 * described. Nothing is checked against the schemas here (see passes/check-operations.ts).
 */
import { GeneratorError, type SourceLocation } from "../diagnostics.js";
import { parseJson } from "../config/schema-set-config.js";
import { readInputFile, type ReadText } from "../read-input-file.js";
import { lazyJsonLocation } from "./json-location.js";

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE";

const METHODS: readonly HttpMethod[] = ["GET", "PUT", "POST", "DELETE"];

/** A request or response body as the document gives it: a media type and `x-xsd-type`. */
export interface RawBody {
  readonly mediaType: string;
  /** `prefix:TypeName` with the document's own prefixes (`vcloud`, `vcloud-ext`, ...). */
  readonly xsdType: string;
  readonly jsonPath: string;
  readonly location: SourceLocation;
}

export interface RawOperation {
  readonly method: HttpMethod;
  readonly path: string;
  /** `paths["/vApp/{id}"].get`. */
  readonly jsonPath: string;
  readonly location: SourceLocation;
  readonly tag: string;
  /** The security schemes it names (`basicAuth`, `bearerAuth`). */
  readonly security: string[];
  readonly pathParameters: string[];
  readonly queryParameters: { name: string; required: boolean }[];
  readonly request: RawBody[];
  readonly responses: RawBody[];
  readonly deprecated: boolean;
}

/** What the history of operations (operation-history.ts) needs of one: method, path and the media types it takes and answers. */
export interface ListedOperation {
  readonly method: string;
  readonly path: string;
  readonly request: readonly { readonly mediaType: string }[];
  readonly responses: readonly { readonly mediaType: string }[];
}

export interface OperationsDocument {
  readonly file: string;
  readonly version: string | undefined;
  readonly operations: RawOperation[];
}

type Json = Record<string, unknown>;

export function readOperations(
  file: string,
  read: ReadText = readInputFile,
): OperationsDocument {
  const text = read(file);
  return operationsOf(file, text, parseJson(file, text));
}

/**
 * The operations of a document already parsed (`json`, from `text`); `only`: the operations
 * (`METHOD /path`) to read, the others left unread (absent: all).
 */
export function operationsOf(
  file: string,
  text: string,
  json: unknown,
  only?: ReadonlySet<string>,
): OperationsDocument {
  const at = (keys: string[]) => lazyJsonLocation(file, text, keys);
  const fail = (keys: string[], message: string): never => {
    throw new GeneratorError(message, at(keys), jsonPath(keys));
  };
  if (!isObject(json)) fail([], "must be an object (an OpenAPI document)");
  const paths = (json as Json).paths;
  if (!isObject(paths))
    fail(["paths"], "must be an object of path -> operations");
  const operations: RawOperation[] = [];
  for (const [path, value] of Object.entries(paths as Json)) {
    if (!isObject(value))
      fail(["paths", path], "must be an object of method -> operation");
    const item = value as Json;
    const shared = parameters(
      item.parameters,
      ["paths", path, "parameters"],
      fail,
    );
    for (const method of METHODS) {
      const op = item[method.toLowerCase()];
      if (op === undefined || (only && !only.has(`${method} ${path}`)))
        continue;
      const keys = ["paths", path, method.toLowerCase()];
      if (!isObject(op)) fail(keys, "must be an object");
      operations.push(
        readOperation(method, path, op as Json, keys, shared, at, fail),
      );
    }
  }
  const info = (json as Json).info as Json | undefined;
  return {
    file,
    version: typeof info?.version === "string" ? info.version : undefined,
    operations,
  };
}

type Fail = (keys: string[], message: string) => never;

/**
 * A document's operations, listed (method, path, media types) from its parsed JSON without
 * checking it: an older document is read in full (`operationsOf`) only for the operations the
 * target dropped.
 */
export function listOperations(json: unknown): ListedOperation[] {
  const listed: ListedOperation[] = [];
  const paths = isObject(json) ? json.paths : undefined;
  if (!isObject(paths)) return listed;
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method.toLowerCase()];
      if (!isObject(op)) continue;
      const request = isObject(op.requestBody)
        ? mediaTypesOf(op.requestBody.content)
        : [];
      const responses = isObject(op.responses)
        ? Object.entries(op.responses).flatMap(([status, r]) =>
            /^2/.test(status) && isObject(r) ? mediaTypesOf(r.content) : [],
          )
        : [];
      listed.push({ method, path, request, responses });
    }
  }
  return listed;
}

function mediaTypesOf(content: unknown): { mediaType: string }[] {
  return isObject(content)
    ? Object.keys(content).map((mediaType) => ({ mediaType }))
    : [];
}

function readOperation(
  method: HttpMethod,
  path: string,
  op: Json,
  keys: string[],
  shared: Parameter[],
  at: (keys: string[]) => SourceLocation,
  fail: Fail,
): RawOperation {
  const tags = op.tags;
  if (!Array.isArray(tags) || tags.length !== 1 || typeof tags[0] !== "string")
    fail(
      [...keys, "tags"],
      "must name exactly one tag (user, admin or extension)",
    );
  const own = parameters(op.parameters, [...keys, "parameters"], fail);
  // OpenAPI: an operation's parameter overrides the path's of the same `in` and `name`.
  const all = [
    ...shared.filter(
      (s) => !own.some((o) => o.in === s.in && o.name === s.name),
    ),
    ...own,
  ];
  const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  for (const name of templated) {
    if (!all.some((p) => p.in === "path" && p.name === name))
      fail(keys, `the path parameter "${name}" is not declared`);
  }
  const security = Array.isArray(op.security)
    ? op.security.flatMap((s) => (isObject(s) ? Object.keys(s) : []))
    : [];
  const requestBody = op.requestBody as Json | undefined;
  const responses = op.responses;
  if (!isObject(responses)) fail([...keys, "responses"], "must be an object");
  const success = Object.entries(responses as Json).filter(([status]) =>
    /^2/.test(status),
  );
  return {
    method,
    path,
    jsonPath: jsonPath(keys),
    location: at(keys),
    tag: (tags as string[])[0],
    security,
    pathParameters: templated,
    queryParameters: all
      .filter((p) => p.in === "query")
      .map((p) => ({ name: p.name, required: p.required })),
    request: requestBody
      ? bodies(
          requestBody.content,
          [...keys, "requestBody", "content"],
          at,
          fail,
        )
      : [],
    responses: success.flatMap(([status, response]) =>
      bodies(
        isObject(response)
          ? response.content
          : fail([...keys, "responses", status], "must be an object"),
        [...keys, "responses", status, "content"],
        at,
        fail,
      ),
    ),
    deprecated: op.deprecated === true,
  };
}

interface Parameter {
  readonly in: string;
  readonly name: string;
  readonly required: boolean;
}

function parameters(value: unknown, keys: string[], fail: Fail): Parameter[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(keys, "must be a list of parameters");
  return (value as unknown[]).map((p, i) => {
    if (!isObject(p) || typeof p.name !== "string" || typeof p.in !== "string")
      fail([...keys, String(i)], "must be a parameter with `in` and `name`");
    const param = p as Json;
    return {
      in: param.in as string,
      name: param.name as string,
      required: param.required === true,
    };
  });
}

function bodies(
  content: unknown,
  keys: string[],
  at: (keys: string[]) => SourceLocation,
  fail: Fail,
): RawBody[] {
  if (content === undefined) return [];
  if (!isObject(content)) fail(keys, "must be an object of media type -> body");
  return Object.entries(content as Json).map(([mediaType, body]) => {
    const typeKeys = [...keys, mediaType, "schema", "x-xsd-type"];
    const schema = isObject(body)
      ? (body.schema as Json | undefined)
      : undefined;
    const xsdType = schema?.["x-xsd-type"];
    if (typeof xsdType !== "string" || !xsdType.includes(":"))
      fail(typeKeys, "must name the body's XSD type as prefix:TypeName");
    return {
      mediaType,
      xsdType: xsdType as string,
      jsonPath: jsonPath(typeKeys),
      location: at(typeKeys),
    };
  });
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `paths["/vApp/{id}"].get.responses["2XX"]`: identifiers as `.key`, anything else in brackets. */
export function jsonPath(keys: readonly string[]): string {
  let out = "";
  for (const key of keys) {
    if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) out += out ? `.${key}` : key;
    else if (/^\d+$/.test(key)) out += `[${key}]`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}
