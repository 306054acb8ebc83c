/**
 * `client.ts`: the client runtime bound to this package (its API version, the oldest version it
 * supports, documents and operations), typed with its documents; `simulator.ts` (Node only): the
 * simulator bound alike.
 */
import { compareVersions, isNumericVersion } from "../../model/api-version.js";
import type { ModelIndex } from "../../model/model-index.js";
import { GeneratedFile, type ModuleRef } from "../generated-file.js";
import { DOCUMENT, OPERATIONS, RUNTIME_CLIENT } from "../modules.js";
import { PRINT_WIDTH } from "../print/layout.js";
import { SCHEMA_MODULE } from "../xml/emit-documents.js";

const RUNTIME_SIMULATOR: ModuleRef = {
  path: "runtime/simulator/index",
  ident: "$sim",
};

/** The same text in every rendering but for the parts in `ts`/`dts` only: `typed(ts, js)`. */
function renderings(
  build: (typed: (ts: string, js?: string) => string, dts: boolean) => string,
) {
  return {
    ts: build((ts) => ts, false),
    js: build((_ts, js = "") => js, false),
    "d.ts": build((ts) => ts, true),
  };
}

/**
 * The oldest API version a package generated for `apiVersion` supports: that of the oldest
 * operations document the inputs have (`documented`, oldest first) at or below it, the baseline
 * every `addedIn` is counted from; the version itself when there is none. A package for every
 * version (`all`) goes down to the oldest document.
 */
export function lowestSupportedVersion(
  apiVersion: string,
  documented: readonly string[],
): string {
  if (!isNumericVersion(apiVersion)) return documented[0] ?? apiVersion;
  const oldest = documented.find((v) => compareVersions(v, apiVersion) <= 0);
  return oldest ?? apiVersion;
}

/** `lowestApiVersion`: see {@link lowestSupportedVersion} (default the package's own version). */
export function emitClientModule(
  index: ModelIndex,
  header: (what: string) => string,
  lowestApiVersion: string = index.model.apiVersion,
): GeneratedFile {
  const file = new GeneratedFile(
    "client.ts",
    header(
      "The client of this package: createClient, bound to its documents and operations.",
    ),
  );
  const c = (name: string, typeOnly = true) =>
    file.refer(RUNTIME_CLIENT, name, typeOnly);
  const d = (name: string, typeOnly = true) =>
    file.refer(DOCUMENT, name, typeOnly);
  const documents = d("documents", false);
  const operations = file.refer(OPERATIONS, "operations", false);
  const createClient = c("createClient", false);
  const version = JSON.stringify(index.model.apiVersion);
  const lowest = JSON.stringify(lowestApiVersion);
  const session = `${c("LoginSession")}<${d("DocumentFor")}<"vcloud:Session">>`;
  file.addCode(
    renderings((typed, dts) =>
      [
        "/** The API version this package speaks (`Accept: application/*+xml;version=...`). */",
        dts
          ? `export declare const API_VERSION = ${version};`
          : `export const API_VERSION = ${version};`,
        "",
        "/**",
        " * The oldest API version this package supports: a server that does not list `API_VERSION` is",
        " * spoken to in the newest version it lists from this one on, and a session refuses what was",
        " * added after the version it speaks (`@since`).",
        " */",
        dts
          ? `export declare const LOWEST_API_VERSION = ${lowest};`
          : `export const LOWEST_API_VERSION = ${lowest};`,
        "",
        "/** What this package hands the client runtime: its versions, documents and operations. */",
        dts
          ? `export declare const binding: ${c("ClientBinding")};`
          : `export const binding${typed(`: ${c("ClientBinding")}`)} = {\n  apiVersion: API_VERSION,\n  lowestApiVersion: LOWEST_API_VERSION,\n  documents: ${documents},\n  operations: ${operations},\n};`,
      ].join("\n"),
    ),
  );
  file.addCode({
    ts: clientInterface(c, d, session),
    js: undefined,
    "d.ts": clientInterface(c, d, session),
  });
  const doc = [
    "/**",
    " * A client of one vCD server (`baseUrl`: its API root, `https://vcd.example.com/api`), speaking",
    " * this package's API version, or the newest the server lists down to `LOWEST_API_VERSION` (the",
    " * login negotiates it). Log in with `login`, then call any stub with it.",
    " */",
  ].join("\n");
  file.addCode({
    ts: `${doc}\nexport function createClient(options: ${c("ClientOptions")}): VcdClient {\n  return ${createClient}(options, binding) as VcdClient;\n}`,
    js: `${doc}\nexport function createClient(options) {\n  return ${createClient}(options, binding);\n}`,
    "d.ts": `${doc}\nexport declare function createClient(options: ${c("ClientOptions")}): VcdClient;`,
  });
  return file;
}

function clientInterface(
  c: (name: string) => string,
  d: (name: string) => string,
  session: string,
): string {
  return [
    "/** The runtime's client, with the answers of versions and login typed by this package's documents. */",
    `export interface VcdClient extends ${c("VcdClient")} {`,
    sessionLine(session),
    `  versions(`,
    `    options?: ${c("CallOptions")},`,
    `  ): Promise<${c("Reply")}<${d("DocumentFor")}<"versioning:SupportedVersions">>>;`,
    `  login(`,
    `    credentials: ${c("Credentials")},`,
    `    options?: ${c("CallOptions")},`,
    `  ): Promise<${c("Reply")}<${session}>>;`,
    "}",
  ].join("\n");
}

/** `readonly session: ... | undefined;`, broken after the colon where prettier breaks it. */
function sessionLine(session: string): string {
  const flat = `  readonly session: ${session} | undefined;`;
  return flat.length <= PRINT_WIDTH
    ? flat
    : `  readonly session:\n    ${session} | undefined;`;
}

export function emitSimulatorModule(
  header: (what: string) => string,
): GeneratedFile {
  const file = new GeneratedFile(
    "simulator.ts",
    header(
      "The simulator of this package (Node only): a schema-strict vCD server for tests.",
    ),
  );
  const sim = (name: string, typeOnly = true) =>
    file.refer(RUNTIME_SIMULATOR, name, typeOnly);
  const binding = file.refer(
    { path: "client", ident: "$client" },
    "binding",
    false,
  );
  const schema = file.refer(SCHEMA_MODULE, "schema", false);
  const start = sim("startSimulator", false);
  const doc = [
    "/**",
    " * Starts a simulator of a vCD server on 127.0.0.1 (`port: 0`, the default, takes a free port),",
    " * speaking this package's API version, with its operations and schema; `close()` stops it.",
    " */",
  ].join("\n");
  const options = `options?: ${sim("SimulatorOptions")}`;
  const call = `  return ${start}(\n    { ...${binding}, schema: ${schema} },\n    options,\n  );`;
  const result = `Promise<${sim("Simulator")}>`;
  file.addCode({
    ts: `${doc}\nexport function startSimulator(\n  ${options},\n): ${result} {\n${call}\n}`,
    js: `${doc}\nexport function startSimulator(options) {\n${call}\n}`,
    "d.ts": `${doc}\nexport declare function startSimulator(\n  ${options},\n): ${result};`,
  });
  return file;
}
