/**
 * Errors the generator reports to its user. Every error names where it comes from:
 * a file with line and column, or an object path, and prints as `file:line:col: message`.
 */

/** A place in an input file (1-based line and column). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** An error in the generator's input (schemas, catalog, config, command line). */
export class GeneratorError extends Error {
  readonly location: SourceLocation | undefined;
  /** An object path (e.g. in the config file) when no file position applies. */
  readonly objectPath: string | undefined;

  constructor(message: string, location?: SourceLocation, objectPath?: string) {
    super(message);
    this.name = "GeneratorError";
    this.location = location;
    this.objectPath = objectPath;
  }

  /** `file:line:col: message`, or `file: path: message`, or the message alone. */
  format(): string {
    const where = formatLocation(this.location);
    const path = this.objectPath ? `${this.objectPath}: ` : "";
    return where
      ? `${where}: ${path}${this.message}`
      : `${path}${this.message}`;
  }
}

/** A command line that asks for what cannot be (an API version the set does not describe): exit code 2. */
export class UsageError extends GeneratorError {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function formatLocation(location: SourceLocation | undefined): string {
  if (!location) return "";
  return `${location.file}:${location.line}:${location.column}`;
}

/** Where a file as a whole is meant (no finer position applies). */
export function fileStart(file: string): SourceLocation {
  return { file, line: 1, column: 1 };
}
