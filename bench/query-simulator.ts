/**
 * The query bench's simulator: the package's simulator seeded at scale (`scale: { vapps, vmsPerVApp:
 * 1 }`, N VMs) in a child process (its own core, as a real server would be), logged in as the
 * seed's organization administrator; the parent gets its URL and the session's bearer token.
 */
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { stopChild } from "./fixed-server.js";

export interface BenchSimulator {
  /** The API root, `http://127.0.0.1:PORT/api`. */
  readonly url: string;
  /** A bearer token of acme's administrator. */
  readonly token: string;
  close(): Promise<void>;
}

interface Setup {
  readonly packageDir: string;
  readonly vms: number;
}

export function startBenchSimulator(
  packageDir: string,
  vms: number,
): Promise<BenchSimulator> {
  const child: ChildProcess = fork(
    fileURLToPath(import.meta.url),
    ["--query-simulator-child"],
    { stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`the bench's simulator exited (${code})`)),
    );
    child.once("message", (message) => {
      const { url, token } = message as { url: string; token: string };
      resolve({ url, token, close: () => stopChild(child) });
    });
    child.send({ packageDir, vms } satisfies Setup);
  });
}

interface SimulatorModule {
  startSimulator(options: {
    scale: { vapps: number; vmsPerVApp: number };
  }): Promise<{
    url: string;
    users: { org: string; name: string; password: string; role: string }[];
  }>;
}

async function serve({ packageDir, vms }: Setup): Promise<void> {
  const { startSimulator } = (await import(
    pathToFileURL(join(packageDir, "dist/simulator.js")).href
  )) as SimulatorModule;
  const sim = await startSimulator({ scale: { vapps: vms, vmsPerVApp: 1 } });
  const admin = sim.users.find(
    (u) => u.org === "acme" && u.role === "Organization Administrator",
  )!;
  const login = await fetch(`${sim.url}/sessions`, {
    method: "POST",
    headers: {
      Accept: "application/*+xml;version=30.0",
      Authorization: `Basic ${Buffer.from(`${admin.name}@${admin.org}:${admin.password}`).toString("base64")}`,
    },
  });
  const token = login.headers.get("x-vmware-vcloud-access-token");
  if (!login.ok || !token) throw new Error(`login: ${login.status}`);
  process.send!({ url: sim.url, token });
  process.on("disconnect", () => process.exit(0));
}

if (process.argv[2] === "--query-simulator-child") {
  process.once("message", (setup) => void serve(setup as Setup));
}
