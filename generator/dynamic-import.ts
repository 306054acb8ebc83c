/**
 * The generator's `import()` of what it loads at run time (a `.ts` config stripped into a module, the
 * TypeScript stripper, a generated package's simulator). Its own `import()` by default; the CLI's
 * loader (bin/vcd-codegen.js), which runs the bundle as a script compiled from V8's code cache, gives
 * its own instead: Node 20 loses a script's `import()` handler when the script comes from a cache.
 */
export type Importer = (specifier: string) => Promise<unknown>;

let importer: Importer = (specifier) => import(specifier);

/** Answers every later {@link importModule} with `given`. */
export function setImporter(given: Importer): void {
  importer = given;
}

/** `import(specifier)`, through the importer given (a file URL or a package name). */
export function importModule(specifier: string): Promise<unknown> {
  return importer(specifier);
}
