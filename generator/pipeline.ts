/**
 * The only place that orders the work on the model: map the inputs (read once by
 * load/read-inputs.ts) onto the working draft, run the refinement passes in their phases (timing
 * each), and publish the model.
 */
import { isAbsolute, relative } from "node:path";
import type { ResolvedOptions } from "./config/options.js";
import { GeneratorError } from "./diagnostics.js";
import {
  readInputs,
  type InputOptions,
  type Inputs,
} from "./load/read-inputs.js";
import { buildDraft } from "./model/build-draft.js";
import type { Draft } from "./model/draft.js";
import { finalizeModel } from "./model/finalize-model.js";
import type { Model } from "./model/ir.js";
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
import { buildOperations } from "./model/build-operations.js";
import { lowestSupportedVersion } from "./model/described-versions.js";
import { timed, type Timings } from "./timings.js";
import {
  finalizeOperations,
  operationsSource,
} from "./model/finalize-operations.js";
import { checkOperations } from "./passes/check-operations.js";
import { configError } from "./config/config-keys.js";
import { checkApiVersion } from "./passes/check-api-version.js";
import { buildQueryTypes } from "./model/query-types.js";
import { linkOperations } from "./passes/link-operations.js";
import { nameOperations } from "./passes/name-operations.js";
import { overrideOperations } from "./passes/override-operations.js";
import { typeQueryParameters } from "./passes/type-query-parameters.js";

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
      typeQueryParameters,
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

export type { Timings } from "./timings.js";

export interface BuildResult {
  readonly model: Model;
  readonly timings: Timings;
  /** Every schema file read (absolute paths). */
  readonly files: string[];
  /** Problems in the input that did not stop generation. */
  readonly warnings: GeneratorError[];
}

/** What building the model takes beyond the inputs: the user's names, and whether the API version must be one the set describes. */
export type NamingOptions = Pick<
  ResolvedOptions,
  "nameOverrides" | "operationNameOverrides"
> &
  Partial<Pick<ResolvedOptions, "checkApiVersion" | "configKeys">>;

export type ModelOptions = InputOptions & NamingOptions;

/** Reads the inputs, then builds the model of them: for callers that hold options only (the diff, tests). */
export function buildModel(options: ModelOptions): BuildResult {
  const timings: Timings = {};
  return buildModelFrom(readInputs(options, timings), options, timings);
}

/** The model of inputs already read. */
export function buildModelFrom(
  inputs: Inputs,
  options: NamingOptions,
  timings: Timings = {},
): BuildResult {
  const time = <T>(step: string, work: () => T): T =>
    timed(timings, step, work);
  const { schemaSet, namespaces } = inputs;
  const draft = time("map", () =>
    buildDraft(
      inputs.schemas,
      inputs.apiVersion,
      new Map(namespaces.map((ns) => [ns.uri, ns.prefix])),
    ),
  );
  checkOverrides(draft, options);
  const warnings: GeneratorError[] = [...inputs.warnings];
  const operations = inputs.operations;
  if (operations) {
    draft.operations = time("map/operations", () =>
      buildOperations(
        operations.document.operations,
        schemaSet.operationPrefixes ?? {},
        operations.history,
      ),
    );
  }
  const context: PassContext = {
    versions: {
      target: inputs.apiVersion,
      aliases: new Map(Object.entries(schemaSet.featureAliases)),
    },
    nameOverrides: options.nameOverrides,
    operationNameOverrides: options.operationNameOverrides,
    operationOverrides: inputs.operationOverrides,
    versionFacts: inputs.versionFacts,
    queryParameterFacts: inputs.queryParameterFacts,
    checkApiVersion: options.checkApiVersion ?? false,
    ...(options.configKeys ? { configKeys: options.configKeys } : {}),
    operationsVersions: inputs.operationsVersions,
    ...(operations
      ? {
          operationsDocument: {
            version: operations.version,
            newer: operations.newer,
          },
        }
      : {}),
    warn: (warning) => warnings.push(warning),
  };
  for (const phase of PHASES) {
    for (const pass of phase.passes)
      time(`${phase.name}/${pass.name}`, () => pass.run(draft, context));
  }
  const finalized = time("finalize", () => {
    const file = operations
      ? relativeToInputs(inputs.dir)(operations.document.file)
      : "";
    const relativeFile = relativeToInputs(inputs.dir);
    return finalizeModel(
      draft,
      namespaces,
      relativeFile,
      {
        inputs: inputs.label,
        lowestApiVersion: lowestSupportedVersion(
          inputs.apiVersion,
          inputs.operationsVersions,
        ),
        defaultNamespace: schemaSet.defaultNamespace,
      },
      operations
        ? {
            operations: finalizeOperations(draft, relativeFile),
            linkRels: [...inputs.linkRels],
            operationsSource: operationsSource(
              draft,
              file,
              operations.version,
              operations.document.operations.length,
            ),
          }
        : { operations: [] },
    );
  });
  const queryTypes = time("finalize/query-types", () =>
    buildQueryTypes(finalized, inputs.queryTypeFacts),
  );
  const model: Model = queryTypes.length
    ? { ...finalized, queryTypes }
    : finalized;
  return {
    model,
    timings,
    files: inputs.schemas.schemas.map((schema) => schema.file),
    warnings,
  };
}

function checkOverrides(draft: Draft, options: NamingOptions): void {
  for (const id of options.nameOverrides.keys()) {
    if (!draft.types.has(id)) {
      throw configError(
        `a name override names type "${localOf(id)}", which the schema set does not have`,
        options.configKeys?.names.get(id),
        `names`,
      );
    }
  }
}

/** A file's path from the input folder, computed once per file (every source location names one). */
/** A file's path relative to the input folder; a name that is no path (the carried operations facts') as it is. */
function relativeToInputs(dir: string): (file: string) => string {
  const known = new Map<string, string>();
  return (file) => {
    let path = known.get(file);
    if (path === undefined) {
      path = isAbsolute(file) ? relative(dir, file) : file;
      known.set(file, path);
    }
    return path;
  };
}
