/**
 * Where a vCD server serves each schema of the input layout, and where a schema a file refers to lies
 * in that layout. The rule:
 *
 * - A file's place in the layout (`xsd/rest-api/1.5/schemas/vcloud/vApp.xsd`) comes from how it was
 *   reached: an entry point's place is given by the schema-set description (`schemas/vcd-api.json`
 *   `entryPoints`); a relative `schemaLocation` is resolved against the place of the file that names
 *   it (`../vcloud/vcloud.xsd` from `master/master.xsd` is `vcloud/vcloud.xsd`), so the files' own
 *   include and import paths rebuild the layout.
 * - vCD serves every file of `xsd/rest-api/1.5/schemas/**` flat, by its file name, under
 *   `/api/v1.5/schema/` (`/api/v1.5/schema/vApp.xsd`), and the versions schema at
 *   `/api/versions/schema/versions.xsd`; that is asked first.
 * - Two files of the layout may share a name (`vcloud/services.xsd` and `extension/services.xsd`): the
 *   flat name then serves one of them. A file whose `targetNamespace` is not the one the reference
 *   needs (an include: the including file's; an import: its `namespace`) is not the file meant, and
 *   its folder path under `/api/v1.5/schema/` (`/api/v1.5/schema/extension/services.xsd`) is asked
 *   next.
 * - What lies in the folder of the catalog (`xsd/rest-api/schemas/external/`: OVF, CIM, xml.xsd,
 *   VMware's OVF extensions) is never fetched: it comes from a local catalog (see local-catalog.ts),
 *   as do remote `schemaLocation`s (`http://schemas.dmtf.org/...`).
 */
import { posix } from "node:path";
import { GeneratorError } from "../diagnostics.js";

/** The folder of the XML REST API's schemas in the layout. */
export const V15_FOLDER = "xsd/rest-api/1.5/schemas/";
/** The versions schema's place in the layout. */
export const VERSIONS_SCHEMA = "xsd/rest-api/schemas/versioning/versions.xsd";
/** Where vCD serves the v1.5 schemas, by file name. */
export const SCHEMA_PATH = "/api/v1.5/schema/";
/** Where vCD serves the versions schema. */
export const VERSIONS_SCHEMA_PATH = "/api/versions/schema/versions.xsd";
/** `GET /api/versions`. */
export const VERSIONS_PATH = "/api/versions";

/** The server paths that may serve a file of the layout, in the order they are asked. */
export function serverPaths(layoutPath: string): string[] {
  const name = posix.basename(layoutPath);
  if (layoutPath === VERSIONS_SCHEMA)
    return [VERSIONS_SCHEMA_PATH, SCHEMA_PATH + name];
  if (layoutPath.startsWith(V15_FOLDER)) {
    const folderPath = layoutPath.slice(V15_FOLDER.length);
    return folderPath === name
      ? [SCHEMA_PATH + name]
      : [SCHEMA_PATH + name, SCHEMA_PATH + folderPath];
  }
  return [SCHEMA_PATH + name];
}

/**
 * The place in the layout of what `schemaLocation` (relative) names from the file at `from`, or
 * undefined when it would leave the `xsd/` folder.
 */
export function resolveLayoutPath(
  from: string,
  schemaLocation: string,
): string | undefined {
  const path = posix.normalize(
    posix.join(posix.dirname(from), decodeURI(schemaLocation.split(/[?#]/)[0])),
  );
  return path.startsWith("xsd/") ? path : undefined;
}

/** Whether a `schemaLocation` is absolute (has a scheme: `http://schemas.dmtf.org/...`). */
export function isAbsoluteLocation(schemaLocation: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(schemaLocation);
}

/** `https://vcd.example.com`, `https://vcd.example.com/`, `.../api` -> the server's root URL (no trailing slash). */
export function serverRoot(from: string): URL {
  let url: URL;
  try {
    url = new URL(from);
  } catch {
    throw new GeneratorError(
      `--from must be a URL like https://vcd.example.com, not "${from}"`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new GeneratorError(
      `--from must be an http or https URL, not "${from}"`,
    );
  url.search = "";
  url.hash = "";
  url.pathname = url.pathname.replace(/\/+$/, "").replace(/\/api$/, "");
  return url;
}

/** The URL of a server path (`/api/versions`) under the server's root. */
export function urlOf(root: URL, path: string): string {
  return `${root.origin}${root.pathname.replace(/\/+$/, "")}${path}`;
}
