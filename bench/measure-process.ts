/** Runs a command as a child process several times: median wall time and peak memory (maximum RSS). */
import { spawnSync } from "node:child_process";

export interface ProcessMeasure {
  readonly medianSeconds: number;
  readonly peakMegabytes: number;
  readonly runs: number;
  /** The last line the command printed on stdout (in its last run). */
  readonly lastLine: string;
}

/** Uses GNU time for the child's maximum RSS. */
export function measureProcess(
  command: string,
  args: readonly string[],
  runs: number,
  cwd: string,
): ProcessMeasure {
  const seconds: number[] = [];
  let peakKb = 0;
  let lastLine = "";
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync("/usr/bin/time", ["-f", "%M", command, ...args], {
      cwd,
      encoding: "utf8",
    });
    seconds.push((performance.now() - start) / 1000);
    if (result.status !== 0) {
      throw new Error(
        `${command} ${args.join(" ")} failed (${result.status}):\n${result.stderr.slice(-2000)}`,
      );
    }
    const lines = result.stderr.trim().split("\n");
    peakKb = Math.max(peakKb, Number(lines[lines.length - 1]));
    lastLine = result.stdout.trim().split("\n").pop() ?? "";
  }
  seconds.sort((a, b) => a - b);
  return {
    medianSeconds: seconds[Math.floor(seconds.length / 2)],
    peakMegabytes: peakKb / 1024,
    runs,
    lastLine,
  };
}
