// `npm run fuzz -- --runs N [--seed S] [--api-version X]`: the property-based round trip with N
// random documents per global element (a fresh seed unless one is given), printing the counts.
// With --api-version, the package generated for X from the 36.0 set (which also compiles it).
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "50" },
    seed: { type: "string" },
    "api-version": { type: "string" },
  },
});
const seed = values.seed ?? String(Math.floor(Math.random() * 2 ** 31));
const version = values["api-version"];
console.log(
  `fuzz: ${values.runs} documents per global element, seed ${seed}${version ? `, API ${version}` : ""}`,
);
const result = spawnSync(
  process.execPath,
  [
    "node_modules/vitest/vitest.mjs",
    "run",
    version
      ? "test/every-version/every-version.test.ts"
      : "test/runtime/xml/roundtrip.property.test.ts",
    "--silent=false",
  ],
  {
    stdio: "inherit",
    env: {
      ...process.env,
      VCD_FUZZ_RUNS: values.runs,
      VCD_FUZZ_SEED: seed,
      ...(version ? { VCD_FUZZ_API_VERSION: version } : {}),
    },
  },
);
process.exitCode = result.status ?? 1;
