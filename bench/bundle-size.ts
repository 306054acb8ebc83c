/**
 * The client's size in a browser bundle: esbuild (platform browser, ESM, minified), then gzip -9,
 * for entries that import and call the generated package, next to openapi-fetch bundled and
 * gzipped the same way in the same run. Any import of a Node built-in (`node:*`, `fs`...) in a
 * browser bundle is a failure.
 */
import { builtinModules } from "node:module";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile, type Plugin } from "esbuild";
import { PACKAGE_ROOT } from "../generator/package-root.js";
import { checkTarget } from "./targets.js";

export interface Bundle {
  readonly name: string;
  readonly minBytes: number;
  readonly gzBytes: number;
  readonly metafile: Metafile;
  /** Node built-ins the bundle imports (each with its importer): must be none. */
  readonly nodeImports: readonly string[];
}

const builtins = new Set(builtinModules);

/** Marks every Node built-in external and remembers who imported it. */
function nodeGuard(found: string[]): Plugin {
  return {
    name: "no-node-builtins",
    setup(b) {
      b.onResolve({ filter: /^[a-z_:][a-z0-9_:/.-]*$/ }, (args) => {
        const bare = args.path.replace(/^node:/, "").split("/")[0];
        if (args.path.startsWith("node:") || builtins.has(bare)) {
          found.push(`${args.path} (imported by ${args.importer})`);
          return { path: args.path, external: true };
        }
        return undefined;
      });
    },
  };
}

export async function bundle(name: string, contents: string): Promise<Bundle> {
  const found: string[] = [];
  const result = await build({
    stdin: {
      contents,
      resolveDir: PACKAGE_ROOT,
      sourcefile: `${name}.js`,
      loader: "js",
    },
    absWorkingDir: PACKAGE_ROOT,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outfile: "bundle.js",
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [nodeGuard(found)],
  });
  const code = result.outputFiles[0].contents;
  const text = new TextDecoder().decode(code);
  for (const m of text.matchAll(/["'`]node:[a-z_/]+["'`]/g))
    found.push(`${m[0]} (in the bundle's text)`);
  return {
    name,
    minBytes: code.length,
    gzBytes: gzipSync(code, { level: 9 }).length,
    metafile: result.metafile,
    nodeImports: found,
  };
}

/** Minified bytes of the bundle by part of the generated package. */
function breakdown(b: Bundle): string {
  const parts = new Map<string, number>();
  const part = (path: string) => {
    if (/dist\/runtime\/client\//.test(path)) return "client runtime";
    if (/dist\/runtime\/xml\//.test(path)) return "XML runtime";
    if (/dist\/runtime\//.test(path)) return "other runtime";
    if (/dist\/schema\.js$/.test(path)) return "schema descriptors";
    if (/dist\/operations\.js$/.test(path)) return "operations table";
    if (/dist\/api\//.test(path)) return "stubs";
    if (/dist\/[^/]+\.js$/.test(path)) return "package modules";
    return "entry and other";
  };
  for (const output of Object.values(b.metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const key = part(path);
      parts.set(key, (parts.get(key) ?? 0) + input.bytesInOutput);
    }
  }
  return [...parts.entries()]
    .sort((x, y) => y[1] - x[1])
    .map(([key, bytes]) => `${key} ${kb(bytes)}`)
    .join(", ");
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function benchBundleSize(
  packageDir: string,
): Promise<{ lines: string[]; ok: boolean }> {
  const dist = (module: string) =>
    JSON.stringify(join(packageDir, "dist", `${module}.js`));
  /** An app that gets a vApp with the client `factory` makes, and waits for the task it may be. */
  const getVAppApp = (name: string, factory: string) =>
    bundle(
      name,
      `import { ${factory}, waitForTask } from ${dist("index")};
import { getVApp } from ${dist("api/index")};
const client = ${factory}({ baseUrl: location.origin + "/api" });
client.resume("token");
globalThis.run = async (id) => {
  const reply = await getVApp(client, { id });
  return reply.element === "vcloud:Task" ? waitForTask(client, reply) : reply;
};`,
    );
  const app = await getVAppApp(
    "createClient + getVApp + waitForTask (every element, the whole table)",
    "createClient",
  );
  const bare = await getVAppApp(
    "createBareClient + getVApp + waitForTask",
    "createBareClient",
  );
  const bareTask = await bundle(
    "createBareClient + powerOn + waitForTask",
    `import { createBareClient, waitForTask } from ${dist("index")};
import { powerOn } from ${dist("api/index")};
const client = createBareClient({ baseUrl: location.origin + "/api" });
client.resume("token");
globalThis.run = async (id) => waitForTask(client, await powerOn(client, { id }));`,
  );
  const taskApp = await bundle(
    "readElement + validateElement + writeElement of a Task",
    `import { readElement, validateElement, writeElement } from ${dist("index")};
import { TaskSchema } from ${dist("vcloud")};
globalThis.run = (xml) => { const task = readElement(TaskSchema, xml); validateElement(TaskSchema, task); return writeElement(TaskSchema, task); };`,
  );
  const documentsOnly = await bundle(
    "fromXml + toXml + validate (every element)",
    `import { fromXml, toXml, validate } from ${dist("document")};
globalThis.run = (xml) => { const doc = fromXml(xml); validate(doc); return toXml(doc); };`,
  );
  // The client runtime by itself, as openapi-fetch is: no documents and one operation row.
  const runtimeOnly = await bundle(
    "client runtime alone (createClient + call + waitForTask)",
    `import { createClient, waitForTask } from ${dist("runtime/client/index")};
const getVApp = { name: "getVApp", method: "GET", path: "/vApp/{id}", tag: "user", auth: "bearer", pathParameters: ["id"], queryParameters: [], requestMediaType: null, requestType: null, requestBodies: [], responseMediaTypes: ["application/vnd.vmware.vcloud.vApp+xml"], responseTypes: ["vcloud:VAppType"], responses: [{ mediaType: "application/vnd.vmware.vcloud.vApp+xml", type: "vcloud:VAppType", element: "vcloud:VApp" }], deprecated: false };
const documents = { fromXml: (xml) => ({ element: "vcloud:VApp", value: { xml } }), toXml: () => "", validate: () => [] };
const client = createClient({ baseUrl: location.origin + "/api" }, { apiVersion: "30.0", documents, operations: [getVApp] });
client.resume("token");
globalThis.run = async (id) => {
  const reply = await client.call(getVApp, { id }, undefined);
  return reply.element === "vcloud:Task" ? waitForTask(client, reply) : reply;
};`,
  );
  const peer = await bundle(
    "openapi-fetch createClient + GET",
    `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: location.origin + "/api" });
globalThis.run = (id) => client.GET("/vApp/{id}", { params: { path: { id } }, parseAs: "text" });`,
  );
  const row = (b: Bundle) =>
    `${b.name.padEnd(66)} ${kb(b.minBytes).padStart(10)} ${kb(b.gzBytes).padStart(10)}`;
  const lines = [
    "## Browser bundle size (esbuild --bundle --minify --platform=browser --format=esm, then gzip -9)",
    `${"entry".padEnd(66)} ${"minified".padStart(10)} ${"gzipped".padStart(10)}`,
    row(taskApp),
    `  by part (minified): ${breakdown(taskApp)}`,
    `the Task app, gzipped: ${kb(taskApp.gzBytes)} ${checkTarget("browser bundle of an app that reads, validates and writes a Task, gzipped", taskApp.gzBytes / 1024, "<=", 20, (n) => `${n.toFixed(1)} KB`)}`,
    row(bare),
    `  by part (minified): ${breakdown(bare)}`,
    row(bareTask),
    `  by part (minified): ${breakdown(bareTask)}`,
    row(app),
    `  by part (minified): ${breakdown(app)}`,
    row(documentsOnly),
    row(runtimeOnly),
    row(peer),
    `client runtime alone / openapi-fetch: ${(runtimeOnly.minBytes / peer.minBytes).toFixed(2)}x minified, ` +
      `${(runtimeOnly.gzBytes / peer.gzBytes).toFixed(2)}x gzipped (no target set; openapi-fetch's README says "6 kB" minified)`,
  ];
  let ok = true;
  for (const b of [taskApp, bare, bareTask, app, documentsOnly, runtimeOnly]) {
    if (b.nodeImports.length) {
      ok = false;
      lines.push(
        `FAILED: the browser bundle "${b.name}" imports Node built-ins: ${b.nodeImports.join("; ")}`,
      );
    }
  }
  if (ok)
    lines.push(
      "no Node built-in (node:* or fs, http...) in the browser bundles: checked",
    );
  return { lines, ok };
}
