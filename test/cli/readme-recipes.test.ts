/**
 * The README's shell recipes, run as written: comparing two API versions of one input (model, model,
 * diff) and a curl session against the simulator (`npx vcd-codegen` stands for this project's bin).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeTree } from "../helpers/inline-schema.js";
import { runCli } from "../helpers/run-cli.js";
import { PROJECT_ROOT, VCD_API_36_DIR } from "../helpers/vcd-inputs.js";

const README = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");

/** The first ```sh block after `marker`, its lines unindented. */
function shellBlock(marker: string): string {
  const at = README.indexOf(marker);
  expect(at, marker).toBeGreaterThanOrEqual(0);
  const block = /```sh\n([\s\S]*?)```/.exec(README.slice(at))![1]!;
  const indent = /^ */.exec(block)![0].length;
  return block
    .split("\n")
    .map((line) => line.slice(Math.min(indent, /^ */.exec(line)![0].length)))
    .join("\n");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("the README's recipes", () => {
  it("comparing two API versions: the models of each, then diff, print what the comment says", async () => {
    const block = shellBlock("To compare two API versions of one input folder");
    const commands = block.split("\n").filter((l) => l.startsWith("npx "));
    expect(commands).toHaveLength(3);
    const said = block
      .split("\n")
      .filter((l) => /^#\s+[+~-] /.test(l))
      .map((l) => l.replace(/^#\s+/, ""));
    expect(said.length).toBeGreaterThan(0);
    const work = writeTree({ "package.json": "{}" });
    let last = "";
    for (const command of commands) {
      const argv = command.replace(/^npx vcd-codegen /, "").split(" ");
      const run = await runCli(argv, {
        cwd: work,
        env: { VCD_API_DIR: VCD_API_36_DIR },
      });
      expect(run.code, `${command}\n${run.err}`).toBe(0);
      last = run.out;
    }
    expect(last).toContain(
      "vcd-codegen diff: model-33.0.json (API 33.0) -> model-36.0.json (API 36.0)",
    );
    for (const line of said) expect(last).toContain(line);
  }, 120_000);

  it("the curl session against the simulator answers as its comments say, and the simulator stops", async () => {
    const port = await freePort();
    const script = shellBlock("**With curl**")
      .replaceAll(
        "npx vcd-codegen",
        `"${process.execPath}" "${join(PROJECT_ROOT, "bin/vcd-codegen.js")}"`,
      )
      .replaceAll("8480", String(port));
    const work = writeTree({ "package.json": "{}" });
    const child = spawn("bash", ["-e", "-c", script], {
      cwd: work,
      env: { ...process.env, VCD_API_DIR: VCD_API_36_DIR },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`still running after 90 s: ${out}\n${err}`));
      }, 90_000);
      child.on("exit", (exit) => {
        clearTimeout(timer);
        resolve(exit);
      });
    });
    expect(code, err).toBe(0);
    expect(out).toContain("<versioning:SupportedVersions");
    expect(out).toContain(
      `<versioning:LoginUrl>http://127.0.0.1:${port}/api/sessions`,
    );
    expect(out).toMatch(/<OrgList [^>]*><Org [^>]*name="acme"\/><\/OrgList>/);
    expect(out).toContain('majorErrorCode="401" minorErrorCode="UNAUTHORIZED"');
    // `kill %1` stopped it: the port is free again (bounded wait).
    let closed = false;
    for (let i = 0; i < 50 && !closed; i++) {
      closed = await fetch(`http://127.0.0.1:${port}/api/versions`).then(
        () => false,
        () => true,
      );
      if (!closed) await new Promise((r) => setTimeout(r, 100));
    }
    expect(closed).toBe(true);
  }, 120_000);
});
