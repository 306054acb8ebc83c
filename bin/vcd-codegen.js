#!/usr/bin/env node
// The CLI as one bundled script (dist/cli.cjs, made by `npm run build`): loading one file instead of
// some 250 modules is about 60 ms of every run. It is compiled through `vm.Script` with V8's code
// cache: the bytecode of every function the last run of the same command compiled, kept beside the
// bundle (`dist/.cli-<command>-<node version>-<arch>.v8cache`), so that a run does not compile them
// again (40 to 60 ms of CPU of a cold `generate`). A cache of another build of the bundle is not
// used, and V8 refuses one of another Node or set of flags; the run then compiles as without one
// and writes a new one. A cache that cannot be
// written (a read-only install) is simply not kept.
import { readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { Buffer } from "node:buffer";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const bundle = join(dist, "cli.cjs");
const argv = process.argv.slice(2);

// A reader that stops reading (`vcd-codegen diff ... | head`) is no failure: what is left is not
// printed, and the run ends as it would have (no EPIPE stack trace).
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

let made;
try {
  made = statSync(bundle);
} catch {
  process.stderr.write(
    `vcd-codegen: ${bundle} is missing: run \`npm run build\` in the vcd-codegen checkout first.\n`,
  );
  process.exit(1);
}
const command = /^[a-z][a-z-]*$/.test(argv[0] ?? "") ? argv[0] : "none";
const cacheFile = join(
  dist,
  `.cli-${command}-${process.version}-${process.arch}.v8cache`,
);
// V8 checks a cache against the length of the source only: the cache starts with the bundle's
// size and time, and is used only for the very bundle it was made of.
const key = Buffer.from(`${made.size} ${made.mtimeMs}\n`);
let cachedData;
try {
  const kept = readFileSync(cacheFile);
  if (kept.subarray(0, key.length).equals(key))
    cachedData = kept.subarray(key.length);
} catch {
  cachedData = undefined;
}
const source = readFileSync(bundle, "utf8");
// The CommonJS wrapper on the bundle's first line, so that its line numbers stay the file's.
const script = new vm.Script(
  `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
  {
    filename: bundle,
    cachedData,
  },
);
const module = { exports: {} };
script.runInThisContext()(
  module.exports,
  createRequire(bundle),
  module,
  bundle,
  dist,
);
// A script's own `import()` fails once it comes from a cache (Node 20): the bundle imports
// through this module's (a config file, the TypeScript stripper, a generated simulator).
module.exports.setImporter((specifier) => import(specifier));
process.exitCode = await module.exports.main(argv);
if (!cachedData || script.cachedDataRejected) {
  try {
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, Buffer.concat([key, script.createCachedData()]));
    renameSync(temporary, cacheFile);
  } catch {
    // Not kept: the next run compiles again.
  }
}
