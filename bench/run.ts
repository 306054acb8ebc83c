/**
 * `npm run bench`: every benchmark in one run, with ratios against the named peers, "MISSED" beside
 * every target missed, and the list of all targets at the end. `BENCH_ONLY=client,bundle` runs only
 * some (generation, xml, client, bundle, typecheck, coverage, simulator, load, transfers, simulator-query, query, amqp); `BENCH_RUNS` sets the generation runs (7),
 * `BENCH_LOAD_SECONDS` the load per simulator subject (5), `BENCH_QUERY_VMS` the VMs of the query bench (100,000).
 */
import { rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname } from "node:path";
import { resolveOptions } from "../generator/config/options.js";
import { benchAmqp } from "./amqp.js";
import { benchBundleSize } from "./bundle-size.js";
import { benchClientOverhead } from "./client-overhead.js";
import { benchConsumerTypecheck } from "./consumer-typecheck.js";
import { generateForBench } from "./generated-package.js";
import { benchGeneration } from "./generation.js";
import { benchQuery } from "./query.js";
import { benchSimulatorCoverage } from "./simulator-coverage.js";
import { benchSimulatorLoad } from "./simulator-load.js";
import { benchSimulatorQuery } from "./simulator-query.js";
import { benchSimulator } from "./simulator-throughput.js";
import { targetResults } from "./targets.js";
import { benchTransfers } from "./transfers.js";
import { benchXml } from "./xml-throughput.js";

const runs = Number(process.env.BENCH_RUNS ?? 7);
const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 5);
const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
const wanted = (name: string) => !only || only.includes(name);
const options = await resolveOptions({}, process.env, process.cwd());
const started = performance.now();
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
console.log(
  `# vcd-codegen bench: Node ${process.version}, ${cpus().length} cores, load average ${load()} at the start (the machine is shared: figures are noisy)\n`,
);
const print = (lines: readonly string[]) => {
  for (const line of lines) console.log(line);
  console.log("");
};

if (wanted("generation")) print(benchGeneration(options, runs));
const packageDir = generateForBench(options);
if (wanted("xml")) print(await benchXml(options, packageDir));
if (wanted("client")) print(await benchClientOverhead(options, packageDir));
if (wanted("bundle")) {
  const bundle = await benchBundleSize(packageDir);
  print(bundle.lines);
  if (!bundle.ok) process.exitCode = 1;
}
if (wanted("typecheck")) print(benchConsumerTypecheck(packageDir));
if (wanted("coverage")) print(await benchSimulatorCoverage(packageDir));
if (wanted("simulator"))
  print(await benchSimulator(options, packageDir, loadSeconds));
if (wanted("load")) print(await benchSimulatorLoad(packageDir, loadSeconds));
if (wanted("transfers")) print(await benchTransfers(packageDir));
if (wanted("simulator-query")) print(await benchSimulatorQuery(packageDir));
if (wanted("query")) print(await benchQuery(packageDir));
if (wanted("amqp")) print(await benchAmqp());
rmSync(dirname(packageDir), { recursive: true, force: true });

const results = targetResults();
const missed = results.filter((t) => !t.met);
console.log(
  `## Targets: ${results.length - missed.length} of ${results.length} met` +
    (missed.length ? `, ${missed.length} MISSED` : ""),
);
for (const t of results)
  console.log(`${t.met ? "met   " : "MISSED"}  ${t.name}: ${t.detail}`);
console.log(
  `\n(bench took ${((performance.now() - started) / 1000).toFixed(0)} s; load average ${load()} at the end)`,
);
