/**
 * The generated package's simulator, run as a child process of the bench (its own core, as a
 * server under load would be). The seed is the default one with the catalog's template given
 * `vms` VMs, so that a vApp instantiated from it is about the size asked for.
 */
import { fork } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { stopChild } from "./fixed-server.js";
import { loadSimulator, type SimulatorHandle } from "./generated-package.js";

export interface SimulatorProcess {
  readonly url: string;
  readonly users: SimulatorHandle["users"];
  /** The simulator process's resident memory now, in MB. */
  rssMegabytes(): Promise<number>;
  close(): Promise<void>;
}

interface SeedTemplate {
  vms: { name: string }[];
}
interface Seed {
  orgs: { catalogs?: { items: { template: SeedTemplate }[] }[] }[];
}

export function startSimulatorProcess(
  packageDir: string,
  vms: number,
  maxRequestBytes?: number,
): Promise<SimulatorProcess> {
  const child = fork(
    fileURLToPath(import.meta.url),
    [
      "--simulator-child",
      packageDir,
      String(vms),
      ...(maxRequestBytes === undefined ? [] : [String(maxRequestBytes)]),
    ],
    { stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`simulator process exited (${code})`)),
    );
    child.once("message", (message) => {
      const { url, users } = message as {
        url: string;
        users: SimulatorHandle["users"];
      };
      resolve({
        url,
        users,
        rssMegabytes: () =>
          new Promise((done) => {
            child.once("message", (m) => done((m as { rss: number }).rss));
            child.send("rss");
          }),
        close: () => stopChild(child),
      });
    });
  });
}

async function main(
  packageDir: string,
  vms: number,
  maxRequestBytes: number | undefined,
): Promise<void> {
  const { defaultSeed } = (await import(
    pathToFileURL(join(packageDir, "dist/runtime/simulator/index.js")).href
  )) as { defaultSeed: Seed };
  const seed = structuredClone(defaultSeed);
  for (const org of seed.orgs)
    for (const catalog of org.catalogs ?? [])
      for (const item of catalog.items) {
        const [vm] = item.template.vms;
        item.template.vms = Array.from({ length: vms }, (_, i) => ({
          ...vm,
          name: `${vm.name}-${i + 1}`,
        }));
      }
  const { startSimulator } = await loadSimulator(packageDir);
  const sim = await startSimulator({
    port: 0,
    taskStepMs: 1,
    seed,
    ...(maxRequestBytes === undefined ? {} : { maxRequestBytes }),
  });
  process.on("message", (m) => {
    if (m === "rss")
      process.send!({ rss: process.memoryUsage().rss / 2 ** 20 });
  });
  process.on("disconnect", () => void sim.close().then(() => process.exit(0)));
  process.on("SIGTERM", () => void sim.close().then(() => process.exit(0)));
  process.send!({ url: sim.url, users: sim.users });
}

if (process.argv[2] === "--simulator-child") {
  await main(
    process.argv[3],
    Number(process.argv[4]),
    process.argv[5] === undefined ? undefined : Number(process.argv[5]),
  );
}
