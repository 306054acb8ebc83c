/**
 * The shape of a refinement pass: a named step that refines the working draft **in place**. The
 * draft is the run's own (built fresh from the inputs by model/build-draft.ts, published by
 * model/finalize-model.ts); the passes are its only writers, one at a time in the order
 * pipeline.ts gives. A pass reads nothing but the draft and its context: no file (the inputs were
 * read once, before: load/read-inputs.ts), no module state, so the same inputs and options give the
 * same model.
 */
import type { Draft } from "../model/draft.js";
import type { QueryParameterValue } from "../model/ir.js";
import type { ApiVersions } from "../model/api-version.js";
import type { ClarkName } from "../model/qname.js";
import type { ConfigKeys } from "../config/config-keys.js";
import type { OperationOverride } from "../config/operation-overrides.js";
import type { VersionFact } from "../config/version-facts.js";
import type { GeneratorError } from "../diagnostics.js";

export interface PassContext {
  /** The API version to generate for, and the feature alias table. */
  readonly versions: ApiVersions;
  /** TypeScript names forced by the user, by Clark name of the type. */
  readonly nameOverrides: ReadonlyMap<ClarkName, string>;
  /** Stub names forced by the user, by operation id (`METHOD /path`). */
  readonly operationNameOverrides: ReadonlyMap<string, string>;
  /** Our facts about operations that the operations document lacks. */
  readonly operationOverrides: readonly OperationOverride[];
  /** What vCD takes in each query parameter, by name (absent: none known). */
  readonly queryParameterFacts?: ReadonlyMap<string, QueryParameterValue>;
  /** Our facts about what the schema releases changed without annotating it. */
  readonly versionFacts: readonly VersionFact[];
  /** Whether the API version must be one the set describes (the command line's; not inline test sets'). */
  readonly checkApiVersion: boolean;
  /** Where the config file's values stand, for the errors about them (absent: options given in code). */
  readonly configKeys?: ConfigKeys;
  /** The API versions the input folder has an operations document for, oldest first. */
  readonly operationsVersions: readonly string[];
  /**
   * The operations document the operations come from: its version, and whether it is newer than the
   * target (the target is older than every document); undefined without one.
   */
  readonly operationsDocument?: {
    readonly version: string;
    readonly newer: boolean;
  };
  /** Reports a problem in the input that does not stop generation (printed as a warning). */
  readonly warn: (warning: GeneratorError) => void;
}

export interface Pass {
  readonly name: string;
  /** Changes `draft` in place (see above); a problem that stops generation is thrown as a GeneratorError. */
  run(draft: Draft, context: PassContext): void;
}
