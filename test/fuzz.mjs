// `npm run fuzz -- --runs N [--seed S]`: the property-based round trip with N random documents per
// global element (a fresh seed unless one is given), printing the counts.
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "50" },
    seed: { type: "string" },
  },
});
const seed = values.seed ?? String(Math.floor(Math.random() * 2 ** 31));
console.log(`fuzz: ${values.runs} documents per global element, seed ${seed}`);
const result = spawnSync(
  process.execPath,
  [
    "node_modules/vitest/vitest.mjs",
    "run",
    "test/xml/roundtrip.property.test.ts",
    "--silent=false",
  ],
  {
    stdio: "inherit",
    env: { ...process.env, VCD_FUZZ_RUNS: values.runs, VCD_FUZZ_SEED: seed },
  },
);
process.exitCode = result.status ?? 1;
