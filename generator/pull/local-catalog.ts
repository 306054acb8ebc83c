/**
 * The schemas that are not fetched from the server: the OVF, CIM and xml.xsd files (and VMware's OVF
 * extensions) that the vCD schemas name by remote URL (`http://schemas.dmtf.org/...`) or by a
 * relative path into `xsd/rest-api/schemas/external/`. They come from a local OASIS catalog (that of
 * vmware/vcd-api-schemas, or of any input folder), resolved the way the generator resolves them
 * (generator/load/catalog.ts), and are copied into the pulled folder with the catalog itself, at the
 * same places relative to it.
 */
import { readFileSync } from "node:fs";
import { dirname, join, posix, relative, sep } from "node:path";
import { GeneratorError, type SourceLocation } from "../diagnostics.js";
import { readCatalog, type Catalog } from "../load/catalog.js";

export interface LocalCatalog {
  /** The catalog file on disk. */
  readonly file: string;
  /** The catalog's place in the layout (`xsd/rest-api/schemas/external/catalog.xml`). */
  readonly layoutPath: string;
  /** Whether a place in the layout lies in the catalog's folder (so comes from here). */
  holds(layoutPath: string): boolean;
  /** The place in the layout of what a remote location resolves to through the catalog. */
  resolveRemote(uri: string, usedAt: SourceLocation): string;
  /** The bytes of a file of the catalog's folder, by its place in the layout. */
  read(layoutPath: string, usedAt: SourceLocation | undefined): Buffer;
}

/**
 * `file`: the local catalog; `layoutPath`: where the schema-set description puts the catalog
 * (`catalog` in schemas/vcd-api.json).
 */
export function openLocalCatalog(
  file: string,
  layoutPath: string,
): LocalCatalog {
  const catalog: Catalog = readCatalog(file);
  const localDir = dirname(file);
  const layoutDir = posix.dirname(layoutPath) + "/";
  const localOf = (path: string) =>
    join(localDir, ...path.slice(layoutDir.length).split("/"));
  return {
    file,
    layoutPath,
    holds: (path) => path.startsWith(layoutDir),
    resolveRemote(uri, usedAt) {
      const local = catalog.resolve(uri, usedAt);
      if (!local)
        throw new GeneratorError(
          `"${uri}" is not fetched from the internet, and the catalog ${file} has no entry for it`,
          usedAt,
        );
      const inside = relative(localDir, local);
      if (inside.startsWith(".."))
        throw new GeneratorError(
          `the catalog ${file} maps "${uri}" to ${local}, outside its own folder: cannot place it in the pulled folder`,
          usedAt,
        );
      return layoutDir + inside.split(sep).join("/");
    },
    read(path, usedAt) {
      const local = localOf(path);
      try {
        return readFileSync(local);
      } catch (error) {
        throw new GeneratorError(
          `${path} is taken from the local catalog's folder, but ${local} cannot be read: ${(error as Error).message}`,
          usedAt,
        );
      }
    },
  };
}

/** Used when no local catalog was found: every external schema is then an error saying how to give one. */
export function missingLocalCatalog(
  layoutPath: string | undefined,
  why: string,
): LocalCatalog {
  const layoutDir = layoutPath ? posix.dirname(layoutPath) + "/" : undefined;
  const fail = (what: string, usedAt?: SourceLocation): never => {
    throw new GeneratorError(
      `${what} is not served by vCD and never fetched from the internet: it comes from a local OASIS catalog ` +
        `(xsd/rest-api/schemas/external/catalog.xml of vmware/vcd-api-schemas, or of an input folder). ` +
        `Give it with --catalog FILE or --input DIR (${why})`,
      usedAt,
    );
  };
  return {
    file: "",
    layoutPath: layoutPath ?? "",
    holds: (path) => layoutDir !== undefined && path.startsWith(layoutDir),
    resolveRemote: (uri, usedAt) => fail(`"${uri}"`, usedAt),
    read: (path, usedAt) => fail(path, usedAt),
  };
}
