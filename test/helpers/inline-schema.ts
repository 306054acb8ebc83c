/** Builds models from small schemas written inline in a test, in a fresh temporary folder. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { SchemaSetConfig } from "../../generator/config/schema-set-config.js";
import type {
  ComplexTypeDef,
  Model,
  ModelGroup,
  Particle,
  SimpleTypeDef,
} from "../../generator/model/ir.js";
import { buildModel } from "../../generator/pipeline.js";

export const TNS = "urn:test";

/** Writes files (path -> text) into a new temporary folder and returns it. */
export function writeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "vcd-codegen-test-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** A schema document in the test namespace with the given body. */
export function schema(body: string, extra = ""): string {
  return `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="${TNS}" xmlns:t="${TNS}"
  xmlns:meta="http://www.vmware.com/vcloud/meta" targetNamespace="${TNS}" elementFormDefault="qualified" ${extra}>
${body}
</xs:schema>`;
}

export function schemaSetConfig(
  entryPoints: string[],
  overrides: Partial<SchemaSetConfig> = {},
): SchemaSetConfig {
  return {
    file: "test-schema-set.json",
    upstream: {
      repository: "test/test",
      commit: "0000000000000000000000000000000000000000",
    },
    entryPoints,
    newestApiVersion: "30.0",
    namespaces: { [TNS]: { prefix: "t", module: "test" } },
    featureAliases: { FEATURE_X: "20.0" },
    ...overrides,
  };
}

export interface InlineOptions {
  readonly apiVersion?: string;
  readonly files?: Record<string, string>;
  readonly names?: Map<string, string>;
  readonly operationNames?: Map<string, string>;
  readonly config?: Partial<SchemaSetConfig>;
}

/** The model of one inline schema (`main.xsd`), plus any other files given. */
export function modelOf(body: string, options: InlineOptions = {}): Model {
  const dir = writeTree({
    "main.xsd": body.includes("<xs:schema") ? body : schema(body),
    ...options.files,
  });
  return buildModel({
    inputDir: dir,
    apiVersion: options.apiVersion ?? "all",
    schemaSet: schemaSetConfig(["main.xsd"], options.config),
    nameOverrides: options.names ?? new Map(),
    operationNameOverrides: options.operationNames ?? new Map(),
  }).model;
}

export function typeOf(model: Model, local: string, ns = TNS): ComplexTypeDef {
  const type = model.types.find((t) => t.id === `{${ns}}${local}`);
  if (!type || type.kind !== "complex")
    throw new Error(`no complex type ${local}`);
  return type;
}

export function simpleOf(model: Model, local: string, ns = TNS): SimpleTypeDef {
  const type = model.types.find((t) => t.id === `{${ns}}${local}`);
  if (!type || type.kind !== "simple")
    throw new Error(`no simple type ${local}`);
  return type;
}

/** A compact picture of a content model: `seq(A, choice*(B?, C+))`. */
export function shape(group: ModelGroup | null): string {
  if (!group) return "-";
  return particleShape(group);
}

function occurs(p: {
  minOccurs: number;
  maxOccurs: number | "unbounded";
}): string {
  if (p.minOccurs === 1 && p.maxOccurs === 1) return "";
  if (p.minOccurs === 0 && p.maxOccurs === 1) return "?";
  if (p.minOccurs === 0 && p.maxOccurs === "unbounded") return "*";
  if (p.minOccurs === 1 && p.maxOccurs === "unbounded") return "+";
  return `{${p.minOccurs},${p.maxOccurs}}`;
}

function particleShape(p: Particle): string {
  if (p.kind === "element")
    return `${p.name.slice(p.name.indexOf("}") + 1)}${occurs(p)}`;
  if (p.kind === "any") return `any${occurs(p)}`;
  const name = p.kind === "sequence" ? "seq" : p.kind;
  return `${name}${occurs(p)}(${p.particles.map(particleShape).join(", ")})`;
}
