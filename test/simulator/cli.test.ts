/**
 * `vcd-codegen simulate`, spawned as a real process (bin/vcd-codegen.js over dist/): one line of
 * JSON once it listens, a server that answers, a clean exit on SIGTERM and SIGINT, and its temporary
 * folder gone afterwards.
 */
import { spawn, type ChildProcess } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultSeed } from "../../simulator/index.js";
import { runCli } from "../helpers/run-cli.js";
import { PROJECT_ROOT } from "../helpers/vcd-inputs.js";
import { ACCEPT, basic, raw } from "./helpers/http.js";

interface Started {
  readonly child: ChildProcess;
  readonly line: string;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

const children: ChildProcess[] = [];
const folders: string[] = [];

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill();
  for (const dir of folders.splice(0))
    rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "vcd-sim-cli-test-"));
  folders.push(dir);
  return dir;
}

/**
 * Spawns the CLI and waits (bounded) for its first line on standard output. `underShell`: as npx
 * runs it, below a shell that does not hand a signal on (`sh -c "...; true"`, which cannot exec it).
 */
function start(
  args: string[],
  tmp: string,
  underShell = false,
): Promise<Started> {
  const command = [process.execPath, "bin/vcd-codegen.js", "simulate", ...args];
  const child = underShell
    ? spawn("sh", ["-c", `${command.map((a) => `'${a}'`).join(" ")}; true`], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, TMPDIR: tmp },
      })
    : spawn(command[0]!, command.slice(1), {
        cwd: PROJECT_ROOT,
        env: { ...process.env, TMPDIR: tmp },
      });
  children.push(child);
  let out = "";
  let err = "";
  child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no line within 60 s; stderr: ${err}`)),
      60_000,
    );
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.indexOf("\n");
      if (end >= 0) {
        clearTimeout(timer);
        resolve({
          child,
          line: out.slice(0, end),
          stdout: () => out,
          stderr: () => err,
        });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening: ${err}`));
    });
  });
}

/** Sends the signal and waits (bounded) for the exit code. */
function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`still running 10 s after ${signal}`)),
      10_000,
    );
    child.once("exit", (code, by) => {
      clearTimeout(timer);
      resolve(code ?? (by ? -1 : 0));
    });
    child.kill(signal);
  });
}

describe("vcd-codegen simulate", () => {
  it("--port 0 --json --api-version 30.0: one line of JSON, a working server, exit 0 on SIGTERM, no folder left", async () => {
    const tmp = tempDir();
    const started = await start(
      ["--port", "0", "--json", "--api-version", "30.0"],
      tmp,
    );
    const info = JSON.parse(started.line) as {
      url: string;
      users: { org: string; name: string; password: string; role: string }[];
    };
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(info.users[0]).toEqual({
      org: "System",
      name: "administrator",
      password: "Pa55w0rd",
      role: "System Administrator",
    });
    expect(info.users.slice(1).map((u) => u.role)).toContain(
      "Organization Administrator",
    );
    const versions = await raw(`${info.url}/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body).toContain(
      `<versioning:LoginUrl>${info.url}/sessions`,
    );
    const admin = info.users[0];
    const login = await raw(`${info.url}/sessions`, {
      method: "POST",
      headers: {
        Accept: ACCEPT,
        Authorization: basic(`${admin.name}@${admin.org}`, admin.password),
      },
    });
    expect(login.status).toBe(200);
    const master = await raw(`${info.url}/v1.5/schema/master.xsd`);
    expect(master.status).toBe(200);
    expect(master.body).toContain(
      '<xs:include schemaLocation="../vcloud/vcloud.xsd"/>',
    );
    expect(readdirSync(tmp)).toHaveLength(1);
    expect(await stop(started.child, "SIGTERM")).toBe(0);
    expect(started.stdout().trim().split("\n")).toHaveLength(1);
    expect(readdirSync(tmp)).toEqual([]);
    await expect(raw(`${info.url}/versions`)).rejects.toThrow();
  }, 90_000);

  it("started under a shell (as npx starts it) that SIGTERM ends: stops too, no orphan left serving", async () => {
    const tmp = tempDir();
    const started = await start(["--port", "0", "--json"], tmp, true);
    const { url } = JSON.parse(started.line) as { url: string };
    expect((await raw(`${url}/versions`)).status).toBe(200);
    // The shell goes; the simulator below it gets no signal, and must see that it is alone.
    expect(await stop(started.child, "SIGTERM")).not.toBe(0);
    let gone = false;
    for (let i = 0; i < 100 && !gone; i++) {
      gone = await raw(`${url}/versions`).then(
        () => false,
        () => true,
      );
      if (!gone) await new Promise((r) => setTimeout(r, 100));
    }
    expect(gone).toBe(true);
    for (let i = 0; i < 50 && readdirSync(tmp).length; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(tmp)).toEqual([]);
  }, 90_000);

  it("--seed FILE: the seed's users, and a readable listing without --json; SIGINT stops it", async () => {
    const tmp = tempDir();
    const seed = join(tmp, "seed.json");
    writeFileSync(
      seed,
      JSON.stringify({
        orgs: [
          defaultSeed.orgs[0],
          {
            name: "initech",
            fullName: "Initech",
            users: [
              {
                name: "lumbergh",
                password: "tps-reports",
                role: "Organization Administrator",
              },
            ],
          },
        ],
      }),
    );
    mkdirSync(join(tmp, "site"));
    writeFileSync(join(tmp, "site/index.html"), "<title>plugin</title>");
    const started = await start(
      ["--seed", seed, "--static", join(tmp, "site")],
      tmp,
    );
    expect(started.line).toMatch(
      /^vcd-codegen: simulating vCD API \d+\.\d+ at http:\/\/127\.0\.0\.1:\d+\/api/,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(started.stdout()).toContain(
      "lumbergh@initech  password tps-reports  (Organization Administrator)",
    );
    // --static: the folder beside the API, on the same origin.
    const origin = /http:\/\/127\.0\.0\.1:\d+/.exec(started.line)![0];
    const index = await fetch(`${origin}/`);
    expect(await index.text()).toBe("<title>plugin</title>");
    expect(await stop(started.child, "SIGINT")).toBe(0);
    expect(readdirSync(tmp).sort()).toEqual(["seed.json", "site"]);
  }, 90_000);

  it("refuses a port that is not a number and a seed file that does not exist (exit 1)", async () => {
    const port = await runCli(["simulate", "--port", "http"]);
    expect(port.code).toBe(1);
    expect(port.err).toContain("--port must be a port number");
    const seed = await runCli(["simulate", "--seed", "/nonexistent/seed.json"]);
    expect(seed.code).toBe(1);
    expect(seed.err).toContain("seed file not found: /nonexistent/seed.json");
    const site = await runCli(["simulate", "--static", "/nonexistent/site"]);
    expect(site.code).toBe(1);
    expect(site.err).toContain("--static: no such folder: /nonexistent/site");
  });
});
