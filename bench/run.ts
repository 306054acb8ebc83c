/** `npm run bench`: every benchmark in one run, with ratios against the named peers. */
import { resolveOptions } from "../generator/config/options.js";
import { benchGeneration } from "./generation.js";
import { benchXml } from "./xml-throughput.js";

const runs = Number(process.env.BENCH_RUNS ?? 7);
const options = await resolveOptions({}, process.env, process.cwd());
for (const line of benchGeneration(options, runs)) console.log(line);
console.log("");
for (const line of await benchXml(options)) console.log(line);
