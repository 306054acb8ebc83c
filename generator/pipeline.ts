/**
 * The only place that orders the work: load the schema set, map it onto the working model, run the
 * refinement passes in their phases (timing each), and publish the model.
 */
import { relative, resolve } from "node:path";
import type { ResolvedOptions } from "./config/options.js";
import { GeneratorError } from "./diagnostics.js";
import { EMPTY_CATALOG, readCatalog } from "./load/catalog.js";
import { loadSchemaSet } from "./load/schema-set.js";
import { checkInputLayout } from "./load/check-input-layout.js";
import { buildDraft } from "./model/build-draft.js";
import type { Draft } from "./model/draft.js";
import { finalizeModel } from "./model/finalize-model.js";
import type { Model, Namespace } from "./model/ir.js";
import { localOf } from "./model/qname.js";
import { assignNames } from "./passes/assign-names.js";
import { checkReferences } from "./passes/check-references.js";
import { deriveSimpleTypes } from "./passes/derive-simple-types.js";
import { filterApiVersion } from "./passes/filter-api-version.js";
import { applyVersionFacts } from "./passes/apply-version-facts.js";
import { inlineAttributeGroups } from "./passes/inline-attribute-groups.js";
import { inlineGroups } from "./passes/inline-groups.js";
import { linkSubstitutionGroups } from "./passes/link-substitution-groups.js";
import { linkSubtypes } from "./passes/link-subtypes.js";
import type { Pass, PassContext } from "./passes/pass.js";
import { resolveAnnotations } from "./passes/resolve-annotations.js";
import { resolveElementRefs } from "./passes/resolve-element-refs.js";
import { readOperationOverrides } from "./config/operation-overrides.js";
import { readOperations } from "./load/read-operations.js";
import {
  findOperationsFile,
  operationsVersions,
} from "./load/find-operations-file.js";
import { operationHistory } from "./load/operation-history.js";
import { ALL_VERSIONS } from "./model/api-version.js";
import { buildOperations } from "./model/build-operations.js";
import {
  finalizeOperations,
  operationsSource,
} from "./model/finalize-operations.js";
import { checkOperations } from "./passes/check-operations.js";
import { checkApiVersion } from "./passes/check-api-version.js";
import { linkOperations } from "./passes/link-operations.js";
import { nameOperations } from "./passes/name-operations.js";
import { overrideOperations } from "./passes/override-operations.js";
import type { GeneratorError as Warning } from "./diagnostics.js";
import { dirname } from "node:path";

export const PHASES: readonly {
  readonly name: string;
  readonly passes: readonly Pass[];
}[] = [
  {
    name: "resolve",
    passes: [
      checkReferences,
      inlineGroups,
      inlineAttributeGroups,
      resolveElementRefs,
      resolveAnnotations,
      overrideOperations,
      checkOperations,
    ],
  },
  {
    name: "select",
    passes: [checkApiVersion, applyVersionFacts, filterApiVersion],
  },
  {
    name: "derive",
    passes: [
      deriveSimpleTypes,
      linkSubtypes,
      linkSubstitutionGroups,
      linkOperations,
    ],
  },
  { name: "name", passes: [assignNames, nameOperations] },
];

export interface Timings {
  [step: string]: number;
}

export interface BuildResult {
  readonly model: Model;
  readonly timings: Timings;
  /** Every schema file read (absolute paths). */
  readonly files: string[];
  /** Problems in the input that did not stop generation. */
  readonly warnings: Warning[];
}

export type ModelOptions = Pick<
  ResolvedOptions,
  | "inputDir"
  | "apiVersion"
  | "schemaSet"
  | "nameOverrides"
  | "operationNameOverrides"
> &
  Partial<Pick<ResolvedOptions, "checkApiVersion">>;

export function buildModel(options: ModelOptions): BuildResult {
  const timings: Timings = {};
  const time = <T>(step: string, work: () => T): T => {
    const start = performance.now();
    const result = work();
    timings[step] = performance.now() - start;
    return result;
  };
  const { schemaSet, inputDir } = options;
  checkInputLayout(inputDir, schemaSet);
  const set = time("load", () => {
    const catalog = schemaSet.catalog
      ? readCatalog(resolve(inputDir, schemaSet.catalog))
      : EMPTY_CATALOG;
    return loadSchemaSet(
      schemaSet.entryPoints.map((entry) => resolve(inputDir, entry)),
      catalog,
    );
  });
  const namespaces = namespaceTable(options, set.schemas);
  const draft = time("map", () =>
    buildDraft(
      set,
      options.apiVersion,
      new Map(namespaces.map((ns) => [ns.uri, ns.prefix])),
    ),
  );
  checkOverrides(draft, options);
  const warnings: Warning[] = [];
  const operations = time("load/operations", () => {
    const found = schemaSet.operations
      ? findOperationsFile(inputDir, schemaSet.operations, options.apiVersion)
      : undefined;
    if (found?.warning) warnings.push(found.warning);
    if (!found?.path) return undefined;
    const document = readOperations(resolve(inputDir, found.path));
    draft.operations = buildOperations(
      document.operations,
      schemaSet.operationPrefixes ?? {},
      options.apiVersion === ALL_VERSIONS
        ? new Map()
        : operationHistory(inputDir, schemaSet.operations!, found.version),
    );
    return document;
  });
  const context: PassContext = {
    versions: {
      target: options.apiVersion,
      aliases: new Map(Object.entries(schemaSet.featureAliases)),
    },
    nameOverrides: options.nameOverrides,
    operationNameOverrides: options.operationNameOverrides,
    operationOverrides: schemaSet.operationOverrides
      ? readOperationOverrides(
          resolve(dirname(schemaSet.file), schemaSet.operationOverrides),
          new Map(namespaces.map((ns) => [ns.prefix, ns.uri])),
        )
      : [],
    checkApiVersion: options.checkApiVersion ?? false,
    operationsVersions: schemaSet.operations
      ? operationsVersions(inputDir, schemaSet.operations)
      : [],
    warn: (warning) => warnings.push(warning),
  };
  for (const phase of PHASES) {
    for (const pass of phase.passes)
      time(`${phase.name}/${pass.name}`, () => pass.run(draft, context));
  }
  const model = time("finalize", () => {
    const file = operations ? relative(inputDir, operations.file) : "";
    return finalizeModel(
      draft,
      namespaces,
      (file) => relative(inputDir, file),
      operations
        ? {
            operations: finalizeOperations(draft, file),
            operationsSource: operationsSource(
              draft,
              file,
              operations.operations.length,
            ),
          }
        : { operations: [] },
    );
  });
  return {
    model,
    timings,
    files: set.schemas.map((schema) => schema.file),
    warnings,
  };
}

/** Canonical prefixes from the schema-set config; other namespaces take the prefix their schema declares. */
function namespaceTable(
  options: ModelOptions,
  schemas: { targetNamespace: string; prefixes: Record<string, string> }[],
): Namespace[] {
  const table = new Map<string, Namespace>();
  for (const [uri, ns] of Object.entries(options.schemaSet.namespaces))
    table.set(uri, { uri, ...ns });
  const taken = new Set([...table.values()].map((ns) => ns.prefix));
  for (const schema of schemas) {
    const uri = schema.targetNamespace;
    if (table.has(uri)) continue;
    const declared = Object.entries(schema.prefixes).find(
      ([, value]) => value === uri,
    )?.[0];
    let prefix = declared && !taken.has(declared) ? declared : "ns";
    for (let i = 1; taken.has(prefix); i++) prefix = `ns${i}`;
    taken.add(prefix);
    table.set(uri, { uri, prefix, module: prefix });
  }
  return [...table.values()];
}

function checkOverrides(draft: Draft, options: ModelOptions): void {
  for (const id of options.nameOverrides.keys()) {
    if (!draft.types.has(id)) {
      throw new GeneratorError(
        `a name override names type "${localOf(id)}", which the schema set does not have`,
        undefined,
        `names`,
      );
    }
  }
}
