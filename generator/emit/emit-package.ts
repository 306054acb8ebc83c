/**
 * Everything the generated package holds, in memory: the types modules, the elements table, the
 * runtime, the entry point and the package files. Nothing is written here.
 */
import { ALL_VERSIONS } from "../model/api-version.js";
import type { Model } from "../model/ir.js";
import { ModelIndex } from "../model/model-index.js";
import { GeneratedFile } from "./generated-file.js";
import { namespaceModule } from "./modules.js";
import type { OutputFile } from "./output-file.js";
import { emitElementsTable } from "./package/emit-elements-table.js";
import { indexSource } from "./package/emit-index.js";
import { emitLinksModule } from "./client/emit-links-module.js";
import { runtimeFiles } from "./package/runtime-files.js";
import { template } from "./templates.js";
import { emitDocuments } from "./xml/emit-documents.js";
import { emitSchemaData } from "./xml/emit-schema-data.js";
import { SchemaParts } from "./xml/schema-parts.js";
import { emitTypeModules } from "./types/emit-type-modules.js";
import { emitOperationsTable } from "./client/emit-operations-table.js";
import { emitStubs, TAGS } from "./client/emit-stubs.js";
import { emitQueryModule } from "./client/emit-query-module.js";
import {
  emitClientModule,
  emitSimulatorModule,
} from "./client/emit-client-module.js";

/** What the package says of itself beyond the model: its npm fields and the generator that made it. */
export interface PackageInfo {
  readonly generatorVersion: string;
  /** The generated package's npm name. */
  readonly name: string;
  /** The generated package's version (default: the generator's). */
  readonly version?: string;
  /** The generated package's license (none in its package.json when not given). */
  readonly license?: string;
}

export function emitPackage(model: Model, info: PackageInfo): OutputFile[] {
  const index = new ModelIndex(model);
  const inputs = `${model.inputs} (API ${model.apiVersion})`;
  const header = (what: string) =>
    template("file-header")({ version: info.generatorVersion, inputs, what });
  // The identifiers of the schema parts, which several modules refer to.
  const parts = new SchemaParts(index);
  const queryModule = model.operations.length
    ? emitQueryModule(index, header)
    : undefined;
  const modules: GeneratedFile[] = [
    ...emitTypeModules(index, header, parts),
    emitElementsTable(index, header),
    emitSchemaData(index, header, parts),
    emitDocuments(index, header),
    runtimeVersion(info.generatorVersion, header),
    ...(model.operations.length
      ? [
          emitOperationsTable(index, header, parts),
          ...emitStubs(index, header),
          emitClientModule(index, header, parts),
          emitLinksModule(index, header),
          emitSimulatorModule(header),
          ...(queryModule ? [queryModule] : []),
        ]
      : []),
  ];
  const files: OutputFile[] = [];
  for (const module of modules) {
    for (const rendering of ["ts", "js", "d.ts"] as const) {
      files.push({
        path: module.outputPath(rendering),
        content: module.render(rendering),
      });
    }
  }
  files.push(
    ...runtimeFiles(
      (source) =>
        `// Copied by vcd-codegen ${info.generatorVersion} from its runtime (${source}). Do not edit.\n`,
    ),
  );
  const entry = (rendering: "ts" | "js" | "d.ts") =>
    indexSource(
      header("The package's entry point."),
      model.namespaces,
      model.operations.length > 0,
      rendering,
      queryModule !== undefined,
    );
  files.push(
    { path: "src/index.ts", content: entry("ts") },
    { path: "dist/index.js", content: entry("js") },
    { path: "dist/index.d.ts", content: entry("d.ts") },
  );
  const withClient = model.operations.length > 0;
  const view = {
    name: info.name,
    version: info.version ?? info.generatorVersion,
    /** The package.json fields, as JSON string literals (a license may hold quotes). */
    json: {
      name: JSON.stringify(info.name),
      version: JSON.stringify(info.version ?? info.generatorVersion),
      license: info.license === undefined ? "" : JSON.stringify(info.license),
    },
    generatorVersion: info.generatorVersion,
    apiVersion: model.apiVersion,
    lowestApiVersion: model.lowestApiVersion,
    inputs,
    inputsLabel: model.inputs,
    operationsFile: model.operationsSource?.file ?? "",
    operationCount: model.operations.length,
    withClient,
    allVersions: model.apiVersion === ALL_VERSIONS,
    namespaces: model.namespaces.map((ns) => ({
      module: ns.module,
      ident: namespaceModule(ns).ident,
      uri: ns.uri,
      prefix: ns.prefix,
    })),
    modules: model.namespaces
      .map((ns) => `\`${namespaceModule(ns).path}\``)
      .join(", "),
    exports: [
      { key: ".", path: "index" },
      ...model.namespaces.map((ns) => ({
        key: `./${ns.module}`,
        path: ns.module,
      })),
      { key: "./elements", path: "elements" },
      { key: "./document", path: "document" },
      { key: "./schema", path: "schema" },
      ...(model.operations.length
        ? [
            { key: "./operations", path: "operations" },
            { key: "./api", path: "api/index" },
            // One tag's stubs alone: a consumer that type-checks fewer declarations.
            ...TAGS.map((tag) => ({ key: `./api/${tag}`, path: `api/${tag}` })),
            { key: "./client", path: "client" },
            ...(queryModule ? [{ key: "./query", path: "query" }] : []),
            { key: "./simulator", path: "simulator", nodeOnly: true },
            // Moving the bytes of templates and media; files on disk in the Node-only entry.
            { key: "./transfer", path: "runtime/transfer/index" },
            {
              key: "./transfer/node",
              path: "runtime/transfer/node/index",
              nodeOnly: true,
            },
            // vCD's AMQP side; loads amqplib (an optional peer dependency) when it connects.
            { key: "./amqp", path: "runtime/amqp/index" },
          ]
        : []),
      { key: "./runtime", path: "runtime/index" },
    ],
  };
  files.push(
    { path: "package.json", content: template("package/package.json")(view) },
    { path: "tsconfig.json", content: template("package/tsconfig.json")(view) },
    { path: "README.md", content: template("package/README.md")(view) },
  );
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** `runtime/version.ts`: so that a consumer can tell which runtime a package carries. */
function runtimeVersion(
  version: string,
  header: (what: string) => string,
): GeneratedFile {
  const file = new GeneratedFile(
    "runtime/version.ts",
    header("The version of vcd-codegen whose runtime this package carries."),
  );
  file.addConst(
    "/** The version of vcd-codegen whose runtime (`runtime/`) this package carries. */",
    "RUNTIME_VERSION",
    "string",
    { literal: version },
  );
  return file;
}
