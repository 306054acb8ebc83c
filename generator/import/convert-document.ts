/**
 * A per-version OpenAPI document of ccouzens/vcloud-rest-openapi (JSON bodies) -> our facts-only
 * operations document (XML bodies with `x-xsd-type`; see generator/load/read-operations.ts). What it
 * reads, and nothing else:
 *
 * - `info.version` (`Revision 20180216 Version 30.0`: its last word is the API version);
 * - `paths[path]`: `parameters`, and `get`/`put`/`post`/`delete` (another method is an error);
 * - per operation: `tags` (exactly one), `parameters`, `requestBody.content` and `.required`,
 *   `responses[status].content`, `security` (scheme names), `deprecated`;
 * - per parameter: `in`, `name`, `required`, and the `type` of its schema (resolving a `$ref` into
 *   `components.schemas`; `string` when there is none); `$ref` parameters from `components.parameters`;
 * - per body: the media type (-> its XML twin, media-types.ts) and `schema.$ref` (-> `x-xsd-type`,
 *   schema-names.ts);
 * - `components.securitySchemes` (the schemes the operations name: `type`, `scheme`).
 *
 * Descriptions, examples, the schemas themselves and everything else are left out.
 */
import { xmlMediaType } from "./media-types.js";
import { xsdTypeOf } from "./schema-names.js";

type Json = Record<string, unknown>;
/** Throws an error naming the JSON path `keys`. */
export type Fail = (keys: string[], message: string) => never;

const METHODS = ["get", "put", "post", "delete"];
const OTHER_METHODS = ["patch", "head", "options", "trace"];
const TAGS = ["user", "admin", "extension"];

export interface Converted {
  readonly document: Json;
  readonly version: string | undefined;
  readonly operations: number;
  readonly paths: number;
}

export function convertDocument(
  source: unknown,
  prefixes: Readonly<Record<string, string>>,
  fail: Fail,
): Converted {
  if (!isObject(source)) fail([], "must be an OpenAPI document (an object)");
  const doc = source as Json;
  const components = isObject(doc.components) ? doc.components : {};
  const schemes = isObject(components.securitySchemes)
    ? components.securitySchemes
    : undefined;
  if (!isObject(doc.paths))
    fail(["paths"], "must be an object of path -> operations");
  const context: Context = {
    components,
    schemes,
    prefixes,
    fail,
    usedSchemes: new Set(),
  };
  const paths: Json = {};
  let operations = 0;
  for (const path of Object.keys(doc.paths as Json).sort()) {
    const item = (doc.paths as Json)[path];
    const keys = ["paths", path];
    if (!isObject(item)) fail(keys, "must be an object of method -> operation");
    const out: Json = {};
    if (item.parameters !== undefined)
      out.parameters = parameters(
        item.parameters,
        [...keys, "parameters"],
        context,
      );
    for (const method of OTHER_METHODS)
      if (item[method] !== undefined)
        fail(
          [...keys, method],
          `${method.toUpperCase()} is not a method of the vCD XML API`,
        );
    for (const method of METHODS) {
      if (item[method] === undefined) continue;
      out[method] = operation(item[method], [...keys, method], context);
      operations++;
    }
    paths[path] = out;
  }
  const version = apiVersion(doc.info);
  return {
    document: {
      openapi: "3.0.3",
      info: {
        title: "vCloud Director XML REST API operations (facts only)",
        version: version ?? "",
        "x-imported-from": importedFrom(doc.info),
      },
      servers: [
        {
          url: "https://{host}/api",
          variables: { host: { default: "vcloud.example.com" } },
        },
      ],
      tags: TAGS.map((name) => ({ name })),
      paths,
      components: { securitySchemes: securitySchemes(context) },
    },
    version,
    operations,
    paths: Object.keys(paths).length,
  };
}

interface Context {
  readonly components: Json;
  readonly schemes: Json | undefined;
  readonly prefixes: Readonly<Record<string, string>>;
  readonly fail: Fail;
  readonly usedSchemes: Set<string>;
}

function operation(value: unknown, keys: string[], context: Context): Json {
  const { fail } = context;
  if (!isObject(value)) fail(keys, "must be an object");
  const op = value as Json;
  const tags = op.tags;
  if (
    !Array.isArray(tags) ||
    tags.length !== 1 ||
    !TAGS.includes(tags[0] as string)
  )
    fail([...keys, "tags"], `must name exactly one tag (${TAGS.join(", ")})`);
  const out: Json = { tags: [...(tags as string[])] };
  if (op.parameters !== undefined)
    out.parameters = parameters(
      op.parameters,
      [...keys, "parameters"],
      context,
    );
  if (op.requestBody !== undefined) {
    const body = op.requestBody;
    if (!isObject(body)) fail([...keys, "requestBody"], "must be an object");
    const rb = body as Json;
    out.requestBody = {
      required: rb.required === true,
      content: content(
        rb.content,
        [...keys, "requestBody", "content"],
        context,
      ),
    };
  }
  if (!isObject(op.responses))
    fail([...keys, "responses"], "must be an object");
  const responses: Json = {};
  for (const [status, response] of Object.entries(op.responses as Json)) {
    const rkeys = [...keys, "responses", status];
    if (!isObject(response)) fail(rkeys, "must be an object");
    const r = response as Json;
    responses[status] =
      r.content === undefined
        ? { description: "" }
        : {
            description: "",
            content: content(r.content, [...rkeys, "content"], context),
          };
  }
  out.responses = responses;
  out.security = security(op.security, [...keys, "security"], context);
  if (op.deprecated === true) out.deprecated = true;
  return out;
}

function parameters(value: unknown, keys: string[], context: Context): Json[] {
  const { fail } = context;
  if (!Array.isArray(value)) fail(keys, "must be a list of parameters");
  return (value as unknown[]).map((p, i) => {
    const pkeys = [...keys, String(i)];
    const param = resolveRef(p, "#/components/parameters/", pkeys, context);
    if (typeof param.name !== "string" || typeof param.in !== "string")
      fail(pkeys, "must be a parameter with `in` and `name`");
    return {
      in: param.in,
      name: param.name,
      required: param.in === "path" || param.required === true,
      schema: { type: parameterType(param.schema, context) },
    };
  });
}

/** The primitive type of a parameter's schema (through a `$ref`), else `string`. */
function parameterType(schema: unknown, context: Context): string {
  let s = schema;
  const ref = isObject(s) ? s.$ref : undefined;
  if (typeof ref === "string" && ref.startsWith("#/components/schemas/")) {
    const schemas = context.components.schemas;
    s = isObject(schemas)
      ? schemas[ref.slice("#/components/schemas/".length)]
      : undefined;
  }
  const type = isObject(s) ? s.type : undefined;
  return type === "boolean" || type === "integer" || type === "number"
    ? type
    : "string";
}

function content(value: unknown, keys: string[], context: Context): Json {
  const { fail } = context;
  if (!isObject(value)) fail(keys, "must be an object of media type -> body");
  const out: Json = {};
  for (const [mediaType, body] of Object.entries(value as Json)) {
    const bkeys = [...keys, mediaType];
    const xml = xmlMediaType(mediaType);
    if (!xml)
      fail(
        bkeys,
        `"${mediaType}" is not a vCD media type (application/vnd.vmware.*+json)`,
      );
    const schema = isObject(body) ? body.schema : undefined;
    const ref = isObject(schema) ? schema.$ref : undefined;
    if (typeof ref !== "string")
      fail([...bkeys, "schema"], "must name the body's schema with $ref");
    const named = xsdTypeOf(ref as string, context.prefixes);
    if ("error" in named) fail([...bkeys, "schema", "$ref"], named.error);
    const xsdType = (named as { xsdType: string }).xsdType;
    const earlier = (out[xml!] as { schema: Json } | undefined)?.schema[
      "x-xsd-type"
    ];
    if (earlier !== undefined && earlier !== xsdType)
      fail(bkeys, `${xml} is named twice, for ${earlier} and ${xsdType}`);
    out[xml!] = { schema: { "x-xsd-type": xsdType } };
  }
  return out;
}

function security(value: unknown, keys: string[], context: Context): Json[] {
  const { fail, schemes } = context;
  if (value === undefined) return [];
  if (!Array.isArray(value))
    fail(keys, "must be a list of security requirements");
  return (value as unknown[]).map((requirement, i) => {
    if (!isObject(requirement)) fail([...keys, String(i)], "must be an object");
    const out: Json = {};
    for (const name of Object.keys(requirement as Json)) {
      if (schemes && !Object.hasOwn(schemes, name))
        fail(
          [...keys, String(i), name],
          `"${name}" is not in components.securitySchemes`,
        );
      context.usedSchemes.add(name);
      out[name] = [];
    }
    return out;
  });
}

function securitySchemes(context: Context): Json {
  const out: Json = {};
  for (const name of [...context.usedSchemes].sort()) {
    const scheme = context.schemes?.[name];
    const s = isObject(scheme) ? scheme : {};
    out[name] = {
      type: typeof s.type === "string" ? s.type : "http",
      scheme:
        typeof s.scheme === "string"
          ? s.scheme
          : /basic/i.test(name)
            ? "basic"
            : "bearer",
    };
  }
  return out;
}

function resolveRef(
  value: unknown,
  prefix: string,
  keys: string[],
  context: Context,
): Json {
  const { fail } = context;
  if (!isObject(value)) fail(keys, "must be an object");
  const ref = (value as Json).$ref;
  if (ref === undefined) return value as Json;
  const table = context.components[prefix.split("/")[2]];
  const target =
    typeof ref === "string" && ref.startsWith(prefix) && isObject(table)
      ? table[ref.slice(prefix.length)]
      : undefined;
  if (!isObject(target))
    fail([...keys, "$ref"], `"${String(ref)}" does not resolve`);
  return target as Json;
}

/** `Revision 20180216 Version 30.0` -> `30.0`. */
function apiVersion(info: unknown): string | undefined {
  const text =
    isObject(info) && typeof info.version === "string" ? info.version : "";
  const last = text.trim().split(/\s+/).pop() ?? "";
  return /^\d+\.\d+$/.test(last) ? last : undefined;
}

function importedFrom(info: unknown): Json {
  const i = isObject(info) ? info : {};
  return {
    project: "ccouzens/vcloud-rest-openapi",
    title: typeof i.title === "string" ? i.title : undefined,
    version: typeof i.version === "string" ? i.version : undefined,
  };
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
