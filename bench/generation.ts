/** Generation of the whole vCD set, as a whole process: vcd-codegen against JAXB's xjc. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { ResolvedOptions } from "../generator/config/options.js";
import { PACKAGE_ROOT } from "../generator/package-root.js";
import { measureProcess } from "./measure-process.js";
import { checkTarget } from "./targets.js";
import { measureXjc } from "./xjc-peer.js";

export function benchGeneration(
  options: ResolvedOptions,
  runs: number,
): string[] {
  const out = join(mkdtempSync(join(tmpdir(), "vcd-codegen-bench-")), "vcloud");
  const ours = measureProcess(
    process.execPath,
    [
      join(PACKAGE_ROOT, "bin/vcd-codegen.js"),
      "generate",
      "--input",
      options.inputDir,
      "--out",
      out,
    ],
    runs,
    PACKAGE_ROOT,
  );
  rmSync(dirname(out), { recursive: true, force: true });
  const xjc = measureXjc(
    options.inputDir,
    options.schemaSet,
    Math.max(1, Math.ceil(runs / 2)),
  );
  const row = (
    name: string,
    m: { medianSeconds: number; peakMegabytes: number; runs: number },
  ) =>
    `${name.padEnd(28)} ${m.medianSeconds.toFixed(3).padStart(8)} s ${m.peakMegabytes.toFixed(0).padStart(6)} MB  (median of ${m.runs})`;
  const lines = [
    "## Generation of the whole vCD set (whole process: types, documents, operations table, stubs, client, simulator)",
    `generated: ${ours.lastLine.replace(/ -> .*$/, "")}`,
    row("vcd-codegen generate", ours),
  ];
  if (typeof xjc === "string") lines.push(`xjc: ${xjc}`);
  else {
    lines.push(row("xjc (JAXB, types only)", xjc));
    lines.push(
      `ratio: vcd-codegen is ${(xjc.medianSeconds / ours.medianSeconds).toFixed(2)}x faster than xjc and uses ` +
        `${(ours.peakMegabytes / xjc.peakMegabytes).toFixed(2)}x its memory`,
    );
  }
  const time = checkTarget(
    "generation: wall time of the whole process (s)",
    ours.medianSeconds,
    "<=",
    1,
    (n) => `${n.toFixed(3)} s`,
  );
  const memory = checkTarget(
    "generation: peak memory of the whole process (MB)",
    ours.peakMegabytes,
    "<=",
    300,
    (n) => `${n.toFixed(0)} MB`,
  );
  lines.push(`targets: under 1 s (${time}) and under 300 MB (${memory})`);
  return lines;
}
