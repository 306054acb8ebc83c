/**
 * vcd-codegen runtime, simulator: the XSD set served as vCD serves it: every schema of
 * `rest-api/1.5/schemas/` by its file name under `/api/v1.5/schema/` (`master.xsd`, `vApp.xsd`; the
 * documents' `xsi:schemaLocation` names `.../api/v1.5/schema/master.xsd`), and the versions schema at
 * `/api/versions/schema/versions.xsd`. Every file is also served by its folder path
 * (`/api/v1.5/schema/extension/services.xsd`, the one a flat name shadows), so that a tool following
 * the relative includes from the server gets every file: `../vcloud/vcloud.xsd` from the flat
 * `master.xsd` (`/api/v1.5/vcloud/vcloud.xsd`), and `../../../schemas/external/...` below
 * `/api/schemas/`. Files are sent as they are on disk. Like `GET /versions`, these paths need no login.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import type { OperationInfo } from "../runtime/client/operation.js";
import { notFound } from "./fault.js";
import type { Reply } from "./handlers/context.js";

const V15 = "rest-api/1.5/schemas";
const VERSIONS = "rest-api/schemas/versioning/versions.xsd";
/** Where two folders hold a file of the same name (`services.xsd`), the first of these wins. */
const FOLDER_ORDER = ["master", "vcloud", "admin", "extension", "internal"];

export const SCHEMA_OPERATION_PATHS: readonly string[] = [
  "/v1.5/schema/{schemaFileName}",
  "/versions/schema/versions.xsd",
];

export class SchemaFiles {
  private readonly byName = new Map<string, string>();
  /** Every file by the paths below `/api` it is also served at (its folder path). */
  private readonly byFolderPath = new Map<string, string>();
  private readonly cache = new Map<string, Buffer>();

  /** `dir`: the input's `xsd` folder (laid out like vmware/vcd-api-schemas). */
  constructor(private readonly dir: string) {
    const root = join(dir, V15);
    const folders = readdirSync(root)
      .filter((f) => statSync(join(root, f)).isDirectory())
      .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    for (const folder of folders)
      for (const file of listXsd(join(root, folder))) {
        if (!this.byName.has(basename(file)))
          this.byName.set(basename(file), file);
        const rel = relative(root, file).split(sep).join("/");
        // Under the schema folder, and where a flat file's `../vcloud/x.xsd` resolves.
        this.byFolderPath.set(`/v1.5/schema/${rel}`, file);
        this.byFolderPath.set(`/v1.5/${rel}`, file);
      }
    // `../../../schemas/external/...` from a file of a folder: below `/api/schemas/`.
    const shared = join(dir, "rest-api/schemas");
    for (const file of listXsd(shared))
      this.byFolderPath.set(
        `/schemas/${relative(shared, file).split(sep).join("/")}`,
        file,
      );
  }

  /** A file served by its folder path (`/v1.5/schema/extension/services.xsd`), if that is one. */
  byPath(path: string): Reply | undefined {
    const file = this.byFolderPath.get(path);
    return file === undefined ? undefined : this.send(file);
  }

  /** The file names served under `/api/v1.5/schema/`. */
  names(): string[] {
    return [...this.byName.keys()].sort();
  }

  /** The answer to a schema operation (`op.path` one of SCHEMA_OPERATION_PATHS). */
  reply(op: OperationInfo, params: Readonly<Record<string, string>>): Reply {
    const file =
      op.path === SCHEMA_OPERATION_PATHS[1]
        ? join(this.dir, VERSIONS)
        : this.byName.get(params.schemaFileName ?? "");
    if (!file) throw notFound();
    return this.send(file);
  }

  private send(file: string): Reply {
    let body = this.cache.get(file);
    if (!body) {
      body = readFileSync(file);
      this.cache.set(file, body);
    }
    return {
      status: 200,
      raw: { contentType: "application/xml", body },
    };
  }
}

function rank(folder: string): number {
  const i = FOLDER_ORDER.indexOf(folder);
  return i < 0 ? FOLDER_ORDER.length : i;
}

function listXsd(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return listXsd(path);
      return entry.name.endsWith(".xsd") ? [path] : [];
    });
}
