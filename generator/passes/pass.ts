/** The shape of a refinement pass: a named step that reads and refines the working model. */
import type { Draft } from "../model/draft.js";
import type { ApiVersions } from "../model/api-version.js";
import type { ClarkName } from "../model/qname.js";

export interface PassContext {
  /** The API version to generate for, and the feature alias table. */
  readonly versions: ApiVersions;
  /** TypeScript names forced by the user, by Clark name of the type. */
  readonly nameOverrides: ReadonlyMap<ClarkName, string>;
}

export interface Pass {
  readonly name: string;
  run(draft: Draft, context: PassContext): void;
}
