/**
 * Generation of the whole vCD set, as a whole process: vcd-codegen cold (from the inputs), warm (from
 * the package cache) and `--check` warm, against JAXB's xjc in the same run; and the profile of a
 * cold run, step by step (start-up, module loading, XSD parsing, passes, emit, write).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TIMINGS_ENV } from "../generator/cli/main.js";
import type { ResolvedOptions } from "../generator/config/options.js";
import { PACKAGE_ROOT } from "../generator/package-root.js";
import { measureProcess, type ProcessMeasure } from "./measure-process.js";
import { checkTarget, median, unmeasuredTarget } from "./targets.js";
import { measureXjc } from "./xjc-peer.js";

/** The steps of the profile, in the order they run: the name printed, and the timings that make it. */
const STEPS: readonly [string, (step: string) => boolean][] = [
  ["node start-up", (s) => s === "startup"],
  ["loading the generator's modules", (s) => s === "modules"],
  ["options", (s) => s === "options"],
  ["cache key and look-up", (s) => s === "cache"],
  ["reading the XSD set (xmldom)", (s) => s === "load"],
  [
    "reading the operations documents and facts",
    (s) => s === "load/operations",
  ],
  ["mapping onto the draft", (s) => s === "map" || s.startsWith("map/")],
  ["passes", (s) => /^(resolve|select|derive|name)\//.test(s)],
  ["finalizing the model", (s) => s === "finalize"],
  ["emit", (s) => s === "emit"],
  ["write", (s) => s === "write" || s === "check"],
];

export function benchGeneration(
  options: ResolvedOptions,
  runs: number,
): string[] {
  const work = mkdtempSync(join(tmpdir(), "vcd-codegen-bench-"));
  const out = join(work, "vcloud");
  const cache = join(work, ".vcd-codegen-cache");
  const run = (extra: readonly string[], before?: () => void): ProcessMeasure =>
    measureProcess(
      process.execPath,
      [
        join(PACKAGE_ROOT, "bin/vcd-codegen.js"),
        "generate",
        "--input",
        options.inputDir,
        "--out",
        out,
        ...extra,
      ],
      runs,
      work,
      { env: { ...process.env, [TIMINGS_ENV]: "1" }, before },
    );
  // The project is the bench's own folder (no node_modules): the cache sits beside the output.
  const cold = run(["--no-cache"]);
  const storing = run([], () =>
    rmSync(cache, { recursive: true, force: true }),
  );
  const warm = run([]);
  const warmFresh = run([], () =>
    rmSync(out, { recursive: true, force: true }),
  );
  const check = run(["--check"]);
  rmSync(work, { recursive: true, force: true });
  const xjc = measureXjc(
    options.inputDir,
    options.schemaSet,
    Math.max(1, Math.ceil(runs / 2)),
  );
  const row = (
    name: string,
    m: { medianSeconds: number; peakMegabytes: number; runs: number },
  ) =>
    `${name.padEnd(52)} ${m.medianSeconds.toFixed(3).padStart(8)} s ${m.peakMegabytes.toFixed(0).padStart(6)} MB  (median of ${m.runs})`;
  const lines = [
    "## Generation of the whole vCD set (whole process: types, documents, operations table, stubs, client, simulator)",
    `generated: ${cold.lastLine.replace(/ -> .*$/, "")}`,
    row("vcd-codegen generate, cold (--no-cache)", cold),
    row("vcd-codegen generate, cold, storing into an empty cache", storing),
    row("vcd-codegen generate, warm (output up to date)", warm),
    row("vcd-codegen generate, warm into an empty output folder", warmFresh),
    row("vcd-codegen generate --check, warm", check),
  ];
  if (typeof xjc === "string") lines.push(`xjc: ${xjc}`);
  else {
    lines.push(row("xjc (JAXB, types only)", xjc));
    lines.push(
      `ratio: vcd-codegen cold is ${(xjc.medianSeconds / cold.medianSeconds).toFixed(2)}x faster than xjc and uses ` +
        `${(cold.peakMegabytes / xjc.peakMegabytes).toFixed(2)}x its memory`,
    );
  }
  lines.push("", ...profile(cold), "");
  const seconds = (n: number) => `${n.toFixed(3)} s`;
  const targets = [
    checkTarget(
      "generation: cold, whole process (s)",
      cold.medianSeconds,
      "<=",
      0.7,
      seconds,
    ),
    typeof xjc === "string"
      ? unmeasuredTarget("generation: cold, times faster than xjc", xjc)
      : checkTarget(
          "generation: cold, times faster than xjc",
          xjc.medianSeconds / cold.medianSeconds,
          ">=",
          5,
          (n) => `${n.toFixed(2)}x`,
        ),
    checkTarget(
      "generation: peak memory, cold (MB)",
      Math.max(cold.peakMegabytes, storing.peakMegabytes),
      "<=",
      250,
      (n) => `${n.toFixed(0)} MB`,
    ),
    checkTarget(
      "generation: warm, from the cache (s)",
      warm.medianSeconds,
      "<=",
      0.25,
      seconds,
    ),
    checkTarget(
      "generation: --check, warm (s)",
      check.medianSeconds,
      "<=",
      0.3,
      seconds,
    ),
  ];
  lines.push(
    `targets: cold under 0.7 s (${targets[0]}), at least 5x xjc (${targets[1]}), under 250 MB (${targets[2]}); ` +
      `warm under 0.25 s (${targets[3]}), --check warm under 0.3 s (${targets[4]})`,
  );
  return lines;
}

/** The median time of each step over the cold runs, and what the steps do not account for. */
function profile(cold: ProcessMeasure): string[] {
  const runs = cold.stderr.map((text) => {
    const line = text.split("\n").find((l) => l.startsWith("timings: "));
    if (!line) throw new Error(`no timings in:\n${text}`);
    return JSON.parse(line.slice("timings: ".length)) as Record<string, number>;
  });
  const wall = cold.medianSeconds * 1000;
  const rows = STEPS.map(([name, matches]) => {
    const ms = median(
      runs.map((timings) =>
        Object.entries(timings)
          .filter(([step]) => matches(step))
          .reduce((sum, [, v]) => sum + v, 0),
      ),
    );
    return [name, ms] as const;
  }).filter(([, ms]) => ms > 0);
  const accounted = rows.reduce((sum, [, ms]) => sum + ms, 0);
  const format = (name: string, ms: number) =>
    `${name.padEnd(52)} ${ms.toFixed(0).padStart(6)} ms ${((100 * ms) / wall).toFixed(0).padStart(4)} %`;
  return [
    `profile of a cold run (median of ${runs.length} per step; the process's wall time ${wall.toFixed(0)} ms):`,
    ...rows.map(([name, ms]) => format(name, ms)),
    format(
      "the rest (exit, and what no step counts)",
      Math.max(0, wall - accounted),
    ),
  ];
}
