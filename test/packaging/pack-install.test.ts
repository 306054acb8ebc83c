/**
 * vcd-codegen as a user installs it: `npm pack` of a fresh copy of the project (no `dist/`: the pack
 * builds it), the tarball installed into a new project, a config file, `npx vcd-codegen generate`
 * there, the generated package depended on as `file:`, and a consumer compiled against it under
 * `tsc --strict` with `moduleResolution` `nodenext` and `bundler`.
 *
 * Uses the npm registry (or npm's cache) for the tarball's dependencies and the consumer's
 * TypeScript, the inputs in ../shared, and nothing else outside its temporary folder.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { pathToFileURL } from "node:url";
import { basename, join, relative, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT, VCD_API_36_DIR } from "../helpers/vcd-inputs.js";

interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** The environment of a user's shell: none of the npm_* variables of the `npm test` running us, no VCD_API_DIR. */
const ENV = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^npm_/i.test(key) && !/^VCD_API/.test(key),
  ),
);

function run(
  command: string,
  args: string[],
  cwd: string,
  timeoutMs = 120_000,
  env: NodeJS.ProcessEnv = ENV,
): Run {
  const result = spawnSync(command, args, {
    cwd,
    env,
    encoding: "utf8",
    timeout: timeoutMs,
  });
  if (result.error) throw result.error;
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** Runs and expects exit code 0, with what it printed in the failure message. */
function ok(
  command: string,
  args: string[],
  cwd: string,
  timeoutMs?: number,
): Run {
  const result = run(command, args, cwd, timeoutMs);
  expect(
    result.code,
    `${command} ${args.join(" ")}\n${result.out}\n${result.err}`,
  ).toBe(0);
  return result;
}

const NPM_FLAGS = ["--no-audit", "--no-fund", "--prefer-offline"];

/** The bytes of every file below a folder (symbolic links not followed), as `du` counts installs. */
function treeSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += treeSize(path);
    else total += lstatSync(path).size;
  }
  return total;
}

/**
 * A Node `--import` module under which `typescript` resolves only inside `root`: node_modules folders
 * above the temporary project (a /tmp/node_modules left by someone else) are no part of the
 * consumer's install, and would otherwise hide that typescript is not installed.
 */
function hideOutside(root: string): string {
  const hooks = join(work, "hide-outside-hooks.mjs");
  writeFileSync(
    hooks,
    `export async function resolve(specifier, context, next) {
  const found = await next(specifier, context);
  if ((specifier === "typescript" || specifier.startsWith("typescript/")) && !found.url.startsWith(${JSON.stringify(pathToFileURL(root).href + "/")})) {
    const error = new Error(\`Cannot find package '\${specifier}' imported from \${context.parentURL}\`);
    error.code = "ERR_MODULE_NOT_FOUND";
    throw error;
  }
  return found;
}
`,
  );
  const register = join(work, "hide-outside.mjs");
  writeFileSync(
    register,
    `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  return register;
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

let work: string;
let tarball: string;
let packed: string[];
let consumer: string;
let installedBytes: number;
let installedPackages: string[];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "vcd-codegen-pack-"));
  // A fresh clone: the project's own files, without what its build and runs leave (dist/, generated/),
  // and node_modules as `npm ci` gives it (linked, not installed again).
  const clone = join(work, "clone");
  const leftOut = new Set([".git", "node_modules", "dist", "generated"]);
  cpSync(PROJECT_ROOT, clone, {
    recursive: true,
    filter: (source) => {
      const top = relative(PROJECT_ROOT, source).split(sep)[0];
      return (
        !leftOut.has(top) &&
        !top.startsWith(".vcd-codegen-tmp-") &&
        !top.endsWith(".log")
      );
    },
  });
  expect(existsSync(join(clone, "dist"))).toBe(false);
  symlinkSync(
    join(PROJECT_ROOT, "node_modules"),
    join(clone, "node_modules"),
    "dir",
  );
  // npm pack runs `prepare`, which builds dist/.
  const pack = ok(
    "npm",
    ["pack", "--json", "--pack-destination", work],
    clone,
    240_000,
  );
  const [info] = JSON.parse(pack.out) as {
    filename: string;
    files: { path: string }[];
  }[];
  tarball = join(work, basename(info.filename));
  packed = info.files.map((f) => f.path);

  consumer = join(work, "consumer");
  mkdirSync(consumer);
  writeJson(join(consumer, "package.json"), {
    name: "consumer",
    version: "1.0.0",
    private: true,
    type: "module",
  });
  ok(
    "npm",
    ["install", "--save-dev", ...NPM_FLAGS, tarball],
    consumer,
    180_000,
  );
  installedBytes = treeSize(join(consumer, "node_modules"));
  installedPackages = readdirSync(join(consumer, "node_modules")).flatMap(
    (name) =>
      name.startsWith("@")
        ? readdirSync(join(consumer, "node_modules", name)).map(
            (sub) => `${name}/${sub}`,
          )
        : name.startsWith(".")
          ? []
          : [name],
  );
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("npm pack", () => {
  it("ships the built generator, its runtime, schemas and templates, and not the tests or the rest of the sources", () => {
    for (const path of [
      "bin/vcd-codegen.js",
      "dist/cli.cjs",
      "dist/generator/cli/main.js",
      "dist/runtime/index.js",
      "dist/runtime/index.d.ts",
      "dist/simulator/index.js",
      "dist/generator/model/ir.d.ts",
      "runtime/index.ts",
      "runtime/xml/index.ts",
      "runtime/client/index.ts",
      "simulator/index.ts",
      "schemas/vcd-api.json",
      "schemas/vcd-api-36.0.pins.json",
      "templates/package/package.json.hbs",
      "package.json",
      "README.md",
    ])
      expect(packed, path).toContain(path);
    const stray = packed.filter(
      (path) =>
        /^(test|bench|dist\/bench|generated|node_modules)\//.test(path) ||
        /\.test\.[jt]s$/.test(path) ||
        path.startsWith("generator/"),
    );
    expect(stray).toEqual([]);
  });

  it("ships the compiled runtime formatted as the build formats it", () => {
    const index = readFileSync(
      join(consumer, "node_modules/vcd-codegen/dist/runtime/index.js"),
      "utf8",
    );
    // tsc writes 4-space indents; the build's prettier pass makes them 2.
    expect(index).not.toMatch(/^ {4}\S/m);
  });
});

describe("the README's install", () => {
  it("is this test's: npm pack in a clone, then npm install -D of the tarball it writes", () => {
    const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
    const install = /## Install and use[\s\S]*?```sh\n([\s\S]*?)```/.exec(
      readme,
    )![1]!;
    const version = (
      JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as {
        version: string;
      }
    ).version;
    expect(basename(tarball)).toBe(`vcd-codegen-${version}.tgz`);
    expect(install).toContain("(cd vcd-codegen && npm ci && npm pack)");
    expect(install).toContain(
      `npm install -D ./vcd-codegen/vcd-codegen-${version}.tgz`,
    );
  });
});

describe("installed into a new project", () => {
  it("pulls neither typescript nor prettier, and stays small", () => {
    expect(installedPackages).toContain("vcd-codegen");
    expect(installedPackages).not.toContain("typescript");
    expect(installedPackages).not.toContain("prettier");
    // 45 MB when typescript and prettier were dependencies; 3.6 MB of it is the type stripper for
    // .ts configs (@swc/wasm-typescript, WebAssembly). 16.4 MB once the AMQP runtime, the
    // simulator's provider API and networks and the generator's runtime bundle (1.8 MB, read
    // instead of ~520 files each run) came: the bound moved to 18 MB.
    expect(installedBytes / 1e6).toBeLessThan(18);
  });

  it("a .ts config (typed with defineConfig from vcd-codegen/config) loads with no typescript installed", () => {
    writeFileSync(
      join(consumer, "vcd-codegen.config.ts"),
      [
        `import { defineConfig, type UserConfig } from "vcd-codegen/config";`,
        `const out: UserConfig["out"] = "generated/vcloud";`,
        `export default defineConfig({ input: ${JSON.stringify(VCD_API_36_DIR)}, out });`,
        ``,
      ].join("\n"),
    );
    const result = run(
      "npx",
      ["--no", "--", "vcd-codegen", "generate", "--no-cache"],
      consumer,
      undefined,
      { ...ENV, NODE_OPTIONS: `--import=${hideOutside(consumer)}` },
    );
    rmSync(join(consumer, "vcd-codegen.config.ts"));
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain("704 operations");
    expect(existsSync(join(consumer, "generated/vcloud/package.json"))).toBe(
      true,
    );
    expect(
      readdirSync(consumer).filter((name) => name.endsWith(".mjs")),
    ).toEqual([]);
    rmSync(join(consumer, "generated"), { recursive: true, force: true });
  });

  it("npx vcd-codegen generate writes the package its config describes, from XSDs only (the operations facts it carries), and --check finds it up to date", () => {
    // The inputs a user pulls from a server: the XSDs (a link to the 36.0 set's), no operations/.
    const xsdOnly = join(work, "pulled");
    mkdirSync(xsdOnly);
    symlinkSync(join(VCD_API_36_DIR, "xsd"), join(xsdOnly, "xsd"), "dir");
    writeJson(join(consumer, "vcd-codegen.config.json"), {
      input: xsdOnly,
      out: "generated/vcloud",
      package: { name: "@acme/vcloud", version: "1.0.0", license: "MIT" },
    });
    const generate = ok(
      "npx",
      ["--no", "--", "vcd-codegen", "generate"],
      consumer,
    );
    expect(generate.out).toMatch(
      /^vcd-codegen: 765 types, 610 elements, 704 operations .* from vcd-codegen's operations facts of 36\.0, .*\(API 36\.0\) in [\d.]+ s -> generated\/vcloud\n$/,
    );
    expect(
      JSON.parse(
        readFileSync(join(consumer, "generated/vcloud/package.json"), "utf8"),
      ),
    ).toMatchObject({ name: "@acme/vcloud", version: "1.0.0", license: "MIT" });
    const check = ok(
      "npx",
      ["--no", "--", "vcd-codegen", "generate", "--check"],
      consumer,
    );
    expect(check.out).toMatch(/up to date/);
  });

  it("a consumer depending on it as file: compiles under tsc --strict with the README's tsconfig.json (nodenext, and bundler) under TypeScript 5.9 and 7.0, and runs", () => {
    const pkg = JSON.parse(
      readFileSync(join(consumer, "package.json"), "utf8"),
    ) as Record<string, Record<string, string>>;
    pkg.dependencies = { "@acme/vcloud": "file:./generated/vcloud" };
    pkg.devDependencies.typescript = "~5.9";
    writeJson(join(consumer, "package.json"), pkg);
    ok("npm", ["install", ...NPM_FLAGS], consumer, 180_000);
    expect(realpathSync(join(consumer, "node_modules/@acme/vcloud"))).toBe(
      realpathSync(join(consumer, "generated/vcloud")),
    );

    mkdirSync(join(consumer, "src"));
    writeFileSync(
      join(consumer, "src/main.ts"),
      `import { api, createClient, elements, fromXml, toXml, validate, vcloud } from "@acme/vcloud";
import type { TaskType, VAppType } from "@acme/vcloud/vcloud";

const vapp: VAppType = { name: "web", Children: { Vm: [{ name: "web-1", needsCustomization: false }] } };
const same: vcloud.VAppType = vapp;
// @ts-expect-error a Task needs its status
const task: TaskType = { name: "t" };
const doc = fromXml("<Task/>");
if (doc.element === "vcloud:Task") {
  const status: TaskType["status"] = doc.value.status;
  console.log(status);
}
export const client = createClient({ baseUrl: "https://vcd.example.com/api" });
export const all = [same, task, elements.length, toXml(doc), validate(doc), api.getVApp];
`,
    );
    // The generated package's own README examples, as a consumer would paste them.
    const readme = readFileSync(
      join(consumer, "generated/vcloud/README.md"),
      "utf8",
    );
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map(
      (m) => m[1],
    );
    expect(blocks.length).toBeGreaterThanOrEqual(1);
    blocks.forEach((block, i) =>
      writeFileSync(
        join(consumer, `src/readme-${i}.ts`),
        `${block}\nexport {};\n`,
      ),
    );
    // The README's consumer tsconfig.json as it is, and its bundler variant.
    const project = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
    const given = JSON.parse(
      /A consumer `tsconfig\.json` that TypeScript 5 and TypeScript 7[\s\S]*?```json\n([\s\S]*?)```/.exec(
        project,
      )![1]!,
    ) as { compilerOptions: Record<string, unknown>; include: string[] };
    const tsconfig = (module: string, moduleResolution: string) => ({
      ...given,
      compilerOptions: {
        ...given.compilerOptions,
        module,
        moduleResolution,
        noEmit: true,
      },
    });
    writeJson(join(consumer, "tsconfig.nodenext.json"), {
      ...given,
      compilerOptions: { ...given.compilerOptions, noEmit: true },
    });
    writeJson(
      join(consumer, "tsconfig.bundler.json"),
      tsconfig("esnext", "bundler"),
    );
    // TypeScript 7 (what `npm install -D typescript` gives today): the project's own devDependency.
    const tsc7 = join(PROJECT_ROOT, "node_modules/typescript-7/bin/tsc");
    expect(ok(tsc7, ["--version"], consumer).out).toContain("Version 7.");
    for (const config of ["tsconfig.nodenext.json", "tsconfig.bundler.json"]) {
      ok("npx", ["--no", "--", "tsc", "-p", config], consumer, 180_000);
      ok(tsc7, ["-p", config], consumer, 180_000);
    }

    writeFileSync(
      join(consumer, "run.mjs"),
      `import { elements, fromXml } from "@acme/vcloud";
const doc = fromXml('<Task xmlns="http://www.vmware.com/vcloud/v1.5" name="t" status="running"/>');
console.log(JSON.stringify({ elements: elements.length, element: doc.element, status: doc.value.status }));
`,
    );
    const node = ok(process.execPath, ["run.mjs"], consumer);
    expect(JSON.parse(node.out)).toEqual({
      elements: 610,
      element: "vcloud:Task",
      status: "running",
    });
  });
});
