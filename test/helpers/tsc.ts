/** The project's TypeScript compiler run over a folder's tsconfig.json, in a child process (bounded). */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { PROJECT_ROOT } from "./vcd-inputs.js";

export const TSC = resolve(PROJECT_ROOT, "node_modules/typescript/bin/tsc");

/** `tsc -p dir`: its exit status and everything it printed. */
export function runTsc(dir: string): { status: number | null; output: string } {
  const tsc = spawnSync(process.execPath, [TSC, "-p", dir], {
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: tsc.status, output: tsc.stdout + tsc.stderr };
}
