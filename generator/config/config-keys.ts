/**
 * Where the values the config file gives stand in it, for the errors found only once the model is
 * built (a stub name that is another stub's, a type name that is another type's, an API version the
 * schema set does not describe): each is reported at its key, `file:line:col: path: message`.
 */
import { GeneratorError, type SourceLocation } from "../diagnostics.js";
import type { ClarkName } from "../model/qname.js";

/** One key of the config file: its object path (`operationNames["GET /org/{id}"]`) and place. */
export interface ConfigKey {
  readonly path: string;
  readonly location: SourceLocation;
}

/** The keys of the config's values that later steps check. */
export interface ConfigKeys {
  readonly apiVersion?: ConfigKey;
  /** `names` entries, by the Clark name of the type they rename. */
  readonly names: ReadonlyMap<ClarkName, ConfigKey>;
  /** `operationNames` entries, by operation id (`METHOD /path`). */
  readonly operationNames: ReadonlyMap<string, ConfigKey>;
}

/** An error at a config key; without one (options given in code), at the object path alone. */
export function configError(
  message: string,
  key: ConfigKey | undefined,
  path: string,
): GeneratorError {
  return new GeneratorError(message, key?.location, key?.path ?? path);
}
