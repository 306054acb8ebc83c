/** Runs the CLI in-process and captures what it prints. */
import { main } from "../../generator/cli/main.js";

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function runCli(
  argv: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}
