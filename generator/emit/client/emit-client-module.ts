/**
 * `client.ts`: the client runtime bound to this package (its API version, the oldest version it
 * supports, documents and operations), typed with its documents; `simulator.ts` (Node only): the
 * simulator bound alike.
 */
import type { ModelIndex } from "../../model/model-index.js";
import { GeneratedFile, type ModuleRef } from "../generated-file.js";
import {
  DOCUMENT,
  OPERATIONS,
  RUNTIME,
  RUNTIME_CLIENT,
  SCHEMA_MODULE,
} from "../modules.js";
import { PRINT_WIDTH } from "../print/layout.js";
import { SchemaParts } from "../xml/schema-parts.js";

/** The elements every client reads, which a bare client loads when it is created (its `get` reads them). */
const BARE_ELEMENTS = [
  "vcloud:Session",
  "vcloud:Task",
  "versioning:SupportedVersions",
];

/** The element of error bodies. */
const ERROR_ELEMENT = "vcloud:Error";

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

export function emitClientModule(
  index: ModelIndex,
  header: (what: string) => string,
  parts: SchemaParts = new SchemaParts(index),
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
  const rt = (name: string) => file.refer(RUNTIME, name, false, false);
  const operations = file.refer(OPERATIONS, "operations", false, false);
  const schemaPart = (name: string) =>
    file.refer(SCHEMA_MODULE, name, false, false);
  const partOf = (name: string) => {
    const element = index.model.elements.find(
      (e) => index.prefixed(e.id) === name,
    );
    return element ? [schemaPart(parts.element(element.id))] : [];
  };
  const bareParts = BARE_ELEMENTS.flatMap(partOf);
  const errorPart = partOf(ERROR_ELEMENT).map((p) => `  error: ${p},`);
  const fields = (extra: string[]) =>
    [
      "  apiVersion: API_VERSION,",
      "  lowestApiVersion: LOWEST_API_VERSION,",
      "  documents,",
      ...extra,
    ].join("\n");
  const createClient = c("createClient", false);
  const version = JSON.stringify(index.model.apiVersion);
  const lowest = JSON.stringify(index.model.lowestApiVersion);
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
      ].join("\n"),
    ),
  );
  file.addConst(
    "/** Reading, writing and validating over the package's registry (the parts loaded so far). */",
    "documents",
    `${rt("DocumentFunctions")}<${rt("Document")}>`,
    {
      expression: `/* @__PURE__ */ ${rt("documentFunctions")}(${schemaPart("registry")})`,
    },
    false,
  );
  file.addCode(
    renderings((typed, dts) =>
      [
        "/** What `createClient` hands the client runtime: its versions, every element and every operation. */",
        dts
          ? `export declare const binding: ${c("ClientBinding")};`
          : `export const binding${typed(`: ${c("ClientBinding")}`)} = {\n${fields([`  parts: [${schemaPart("everything")}],`, `  operations: ${operations},`])}\n};`,
        "",
        "/** What `createBareClient` hands the client runtime: its versions, and the elements every client reads. */",
        dts
          ? `export declare const bareBinding: ${c("ClientBinding")};`
          : `export const bareBinding${typed(`: ${c("ClientBinding")}`)} = {\n${fields([`  parts: [\n${bareParts.map((p) => `    ${p},\n`).join("")}  ],`, ...errorPart])}\n};`,
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
  const bareDoc = [
    "/**",
    " * A client like `createClient`'s that holds only what it uses, for a browser bundle: it knows the",
    " * documents of the stubs it is called with (each stub carries its operation's), and those every",
    " * client reads (`vcloud:Task`, `vcloud:Error`, `vcloud:Session`, `versioning:SupportedVersions`).",
    " * Its `get` reads a Task, a Session or the SupportedVersions, or the elements given as `accept`;",
    " * it has no operations table, so `followLink` refuses every link (call the link's stub instead).",
    " */",
  ].join("\n");
  file.addCode({
    ts: `${bareDoc}\nexport function createBareClient(options: ${c("ClientOptions")}): VcdClient {\n  return ${createClient}(options, bareBinding) as VcdClient;\n}`,
    js: `${bareDoc}\nexport function createBareClient(options) {\n  return ${createClient}(options, bareBinding);\n}`,
    "d.ts": `${bareDoc}\n${
      `export declare function createBareClient(options: ${c("ClientOptions")}): VcdClient;`
        .length <= PRINT_WIDTH
        ? `export declare function createBareClient(options: ${c("ClientOptions")}): VcdClient;`
        : `export declare function createBareClient(\n  options: ${c("ClientOptions")},\n): VcdClient;`
    }`,
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
    false,
  );
  const schema = file.refer(SCHEMA_MODULE, "schema", false, false);
  const start = sim("startSimulator", false);
  const doc = [
    "/**",
    " * Starts a simulator of a vCD server on 127.0.0.1 (`port: 0`, the default, takes a free port),",
    " * speaking this package's API version, with its operations and schema; `close()` stops it.",
    " */",
  ].join("\n");
  const options = `options?: ${sim("SimulatorOptions")}`;
  const operations = file.refer(OPERATIONS, "operations", false, false);
  const call = `  return ${start}(\n    { ...${binding}, operations: ${operations}, schema: ${schema} },\n    options,\n  );`;
  const result = `Promise<${sim("Simulator")}>`;
  file.addCode({
    ts: `${doc}\nexport function startSimulator(\n  ${options},\n): ${result} {\n${call}\n}`,
    js: `${doc}\nexport function startSimulator(options) {\n${call}\n}`,
    "d.ts": `${doc}\nexport declare function startSimulator(\n  ${options},\n): ${result};`,
  });
  return file;
}
