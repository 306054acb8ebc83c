/**
 * `npm run carry-operations -- DIR`: writes the operations facts the generator carries
 * (schemas/vcd-api.carried-operations.json, read by load/carried-operations.ts) from a folder of
 * operations documents (`DIR/<version>.openapi.json`, such as the 36.0 set's `operations/`, which has
 * every version from 27.0). Only what the loader reads is kept: per operation its tag, security
 * schemes, parameters, request and 2xx answer bodies, and whether it is deprecated; versions that say
 * the same of an operation share one line.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { GeneratorError } from "../diagnostics.js";
import { parseJson } from "../config/schema-set-config.js";
import { compareVersions, isNumericVersion } from "../model/api-version.js";
import {
  rangesOf,
  type CarriedBody,
  type CarriedParameter,
  type CarriedVariant,
} from "../load/carried-operations.js";

type Json = Record<string, unknown>;

const METHODS = ["get", "put", "post", "delete"] as const;
const NAME = /^(.+)\.openapi\.json$/;

/** The text of the carried facts file for the documents in `dir`. */
export function carryOperations(dir: string): string {
  const documents = readdirSync(dir)
    .map((name) => ({ name, version: NAME.exec(name)?.[1] }))
    .filter(
      (d): d is { name: string; version: string } =>
        d.version !== undefined && isNumericVersion(d.version),
    )
    .sort((a, b) => compareVersions(a.version, b.version));
  if (!documents.length)
    throw new GeneratorError(
      `no operations document (<version>.openapi.json) in ${dir}`,
    );
  const all = documents.map((d) => d.version);
  const sha256: Record<string, string> = {};
  // METHOD /path -> the variant's text (without its versions) -> the versions saying it.
  const said = new Map<string, Map<string, string[]>>();
  for (const { name, version } of documents) {
    const file = join(dir, name);
    const text = readFileSync(file, "utf8");
    sha256[version] = createHash("sha256").update(text).digest("hex");
    const paths = (parseJson(file, text) as Json).paths as Json;
    for (const [path, item] of Object.entries(paths)) {
      for (const method of METHODS) {
        const op = (item as Json)[method] as Json | undefined;
        if (!op) continue;
        const key = `${method.toUpperCase()} ${path}`;
        const variant = JSON.stringify(variantOf(item as Json, op));
        const byText = said.get(key) ?? new Map<string, string[]>();
        said.set(key, byText);
        byText.set(variant, [...(byText.get(variant) ?? []), version]);
      }
    }
  }
  const lines = [...said.keys()].sort().map((key) => {
    const variants = [...said.get(key)!].map(([text, versions]) => {
      const fields = JSON.parse(text) as Omit<CarriedVariant, "in">;
      return JSON.stringify({ in: rangesOf(versions, all), ...fields });
    });
    return `    ${JSON.stringify(key)}: [\n      ${variants.join(",\n      ")}\n    ]`;
  });
  return [
    "{",
    `  "$comment": ${JSON.stringify([
      "The operations facts vcd-codegen carries for inputs without an operations/ folder (see generator/load/carried-operations.ts).",
      "Written by `npm run carry-operations -- DIR` from the operations documents DIR/<version>.openapi.json (those of the 36.0 set); do not edit by hand.",
      "versions: each version's document, by its sha256. operations: METHOD /path -> what the versions in `in` say of it alike.",
    ])},`,
    `  "versions": ${JSON.stringify(sha256)},`,
    `  "operations": {\n${lines.join(",\n")}\n  }`,
    "}",
    "",
  ].join("\n");
}

/** What the loader reads of one operation, in our form. */
function variantOf(item: Json, op: Json): Omit<CarriedVariant, "in"> {
  const shared = (item.parameters as Json[] | undefined) ?? [];
  const own = (op.parameters as Json[] | undefined) ?? [];
  // OpenAPI: an operation's parameter overrides the path's of the same `in` and `name`.
  const parameters: CarriedParameter[] = [
    ...shared.filter(
      (s) => !own.some((o) => o.in === s.in && o.name === s.name),
    ),
    ...own,
  ].map((p) =>
    p.schema === undefined
      ? [p.in as string, p.name as string, p.required === true ? 1 : 0]
      : [
          p.in as string,
          p.name as string,
          p.required === true ? 1 : 0,
          p.schema,
        ],
  );
  const auth = ((op.security as Json[] | undefined) ?? []).flatMap((s) =>
    Object.keys(s),
  );
  const request = bodiesOf((op.requestBody as Json | undefined)?.content);
  const responses = Object.fromEntries(
    Object.entries((op.responses as Json | undefined) ?? {})
      .filter(([status]) => /^2/.test(status))
      .map(([status, r]) => [status, bodiesOf((r as Json).content)]),
  );
  return {
    tag: (op.tags as string[])[0]!,
    ...(auth.length ? { auth } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(request.length ? { request } : {}),
    responses,
    ...(op.deprecated === true ? { deprecated: true as const } : {}),
  };
}

function bodiesOf(content: unknown): CarriedBody[] {
  if (typeof content !== "object" || content === null) return [];
  return Object.entries(content as Json).map(([mediaType, body]) => [
    mediaType,
    ((body as Json).schema as Json)["x-xsd-type"] as string,
  ]);
}
