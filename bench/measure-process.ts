/** Runs a command as a child process several times: median wall time and peak memory (maximum RSS). */
import { spawnSync } from "node:child_process";

export interface ProcessMeasure {
  readonly medianSeconds: number;
  readonly peakMegabytes: number;
  readonly runs: number;
  /** The last line the command printed on stdout (in its last run). */
  readonly lastLine: string;
  /** What it printed on stderr in each run (GNU time's line aside). */
  readonly stderr: readonly string[];
}

/** Uses GNU time for the child's maximum RSS. */
export function measureProcess(
  command: string,
  args: readonly string[],
  runs: number,
  cwd: string,
  options: {
    readonly env?: NodeJS.ProcessEnv;
    /** Run before each run, untimed (to empty a cache, remove an output). */
    readonly before?: () => void;
  } = {},
): ProcessMeasure {
  const seconds: number[] = [];
  const stderr: string[] = [];
  let peakKb = 0;
  let lastLine = "";
  for (let i = 0; i < runs; i++) {
    options.before?.();
    const start = performance.now();
    const result = spawnSync("/usr/bin/time", ["-f", "%M", command, ...args], {
      cwd,
      encoding: "utf8",
      ...(options.env ? { env: options.env } : {}),
    });
    seconds.push((performance.now() - start) / 1000);
    if (result.status !== 0) {
      throw new Error(
        `${command} ${args.join(" ")} failed (${result.status}):\n${result.stderr.slice(-2000)}`,
      );
    }
    const lines = result.stderr.trim().split("\n");
    peakKb = Math.max(peakKb, Number(lines[lines.length - 1]));
    stderr.push(lines.slice(0, -1).join("\n"));
    lastLine = result.stdout.trim().split("\n").pop() ?? "";
  }
  seconds.sort((a, b) => a - b);
  return {
    medianSeconds: seconds[Math.floor(seconds.length / 2)],
    peakMegabytes: peakKb / 1024,
    runs,
    lastLine,
    stderr,
  };
}
