/**
 * A real RabbitMQ broker for a test file: Debian's `rabbitmq-server`, started on free ports of
 * 127.0.0.1 with its own data folder (and its own epmd), stopped and removed at the end. `restart()`
 * stops it and starts it again on the same port and data, so durable queues and the messages in them
 * survive as they do when vCD's broker restarts.
 *
 * ```ts
 * const broker = await startBroker();
 * // amqplib.connect(broker.url) ...
 * await broker.stop();
 * ```
 *
 * The broker is what the AMQP tests are for (framing, acknowledgements, reconnects): there is no
 * in-process fake. When it is not installed the test fails with how to install it (`.ci/run` does).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import amqp from "amqplib";
import { closedPort } from "./http-server.js";

export interface TestBroker {
  /** `amqp://guest:guest@127.0.0.1:<port>` */
  readonly url: string;
  readonly host: "127.0.0.1";
  readonly port: number;
  /** Stops the broker and starts it again on the same port with the same data. */
  restart(): Promise<void>;
  /** Stops the broker (without starting it again); `start()` brings it back. */
  halt(): Promise<void>;
  start(): Promise<void>;
  /** Stops the broker for good and removes its data folder. */
  stop(): Promise<void>;
}

const SERVER =
  process.env.RABBITMQ_SERVER ?? "/usr/lib/rabbitmq/bin/rabbitmq-server";
const BOOT_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) signalGroup(child, "SIGKILL");
});

/**
 * Signals the broker's whole process group: the `rabbitmq-server` script and the Erlang VM it
 * runs (signalling the script alone once left the VM running, orphaned, after a test worker was
 * terminated). The group is the broker's own (`detached`).
 */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export async function startBroker(): Promise<TestBroker> {
  if (!existsSync(SERVER)) {
    throw new Error(
      `RabbitMQ is not installed (${SERVER} is missing): the AMQP tests run against a real broker. ` +
        "Install Debian's package: apt-get install rabbitmq-server (.ci/run does), or set RABBITMQ_SERVER.",
    );
  }
  const [port, distPort, epmdPort] = await freePorts(3);
  const dir = mkdtempSync(join(tmpdir(), "vcd-rabbitmq-"));
  const name = `vcdtest${port}`;
  writeFileSync(
    join(dir, "rabbit.conf"),
    [
      `listeners.tcp.1 = 127.0.0.1:${port}`,
      "loopback_users = none",
      // Small disk and memory alarms would block publishers on a busy CI machine.
      "disk_free_limit.absolute = 1MB",
      "vm_memory_high_watermark.relative = 0.8",
      "",
    ].join("\n"),
  );
  writeFileSync(join(dir, "enabled_plugins"), "[].\n");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dir,
    RABBITMQ_NODENAME: `${name}@localhost`,
    RABBITMQ_NODE_IP_ADDRESS: "127.0.0.1",
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
    ERL_EPMD_ADDRESS: "127.0.0.1",
    ERL_EPMD_PORT: String(epmdPort),
    RABBITMQ_MNESIA_BASE: join(dir, "mnesia"),
    RABBITMQ_LOG_BASE: join(dir, "log"),
    RABBITMQ_CONFIG_FILE: join(dir, "rabbit"),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, "enabled_plugins"),
    RABBITMQ_PID_FILE: join(dir, "pid"),
  };
  const url = `amqp://guest:guest@127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = "";

  const start = async (): Promise<void> => {
    if (child) return;
    output = "";
    const started = spawn(SERVER, [], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
      // A process group of its own, signalled whole (signalGroup).
      detached: true,
    });
    child = started;
    running.add(started);
    started.stdout?.on(
      "data",
      (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)),
    );
    started.stderr?.on(
      "data",
      (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)),
    );
    started.once("exit", () => {
      running.delete(started);
      if (child === started) child = undefined;
    });
    const deadline = Date.now() + BOOT_TIMEOUT_MS;
    for (;;) {
      if (child !== started)
        throw new Error(`RabbitMQ exited while booting:\n${output}`);
      try {
        const connection = await amqp.connect(url, { timeout: 2000 });
        await connection.close();
        return;
      } catch {
        if (Date.now() > deadline) {
          signalGroup(started, "SIGKILL");
          throw new Error(
            `RabbitMQ did not accept connections on ${url} within ${BOOT_TIMEOUT_MS} ms:\n${output}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  };

  const halt = async (): Promise<void> => {
    const current = child;
    if (!current) return;
    const exited = new Promise<void>((resolve) =>
      current.once("exit", () => resolve()),
    );
    signalGroup(current, "SIGTERM");
    const timer = setTimeout(
      () => signalGroup(current, "SIGKILL"),
      STOP_TIMEOUT_MS,
    );
    await exited;
    clearTimeout(timer);
    // Whatever of the group outlived the script.
    signalGroup(current, "SIGKILL");
  };

  await start();
  return {
    url,
    host: "127.0.0.1",
    port,
    start,
    halt,
    restart: async () => {
      await halt();
      await start();
    },
    stop: async () => {
      await halt();
      killEpmd(epmdPort);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function killEpmd(port: number): void {
  const epmd = findEpmd();
  if (epmd)
    spawnSync(epmd, ["-port", String(port), "-kill"], {
      stdio: "ignore",
      timeout: 5000,
    });
}

function findEpmd(): string | undefined {
  if (existsSync("/usr/bin/epmd")) return "/usr/bin/epmd";
  const base = "/usr/lib/erlang";
  if (!existsSync(base)) return undefined;
  for (const entry of readdirSync(base)) {
    if (
      entry.startsWith("erts-") &&
      existsSync(join(base, entry, "bin", "epmd"))
    )
      return join(base, entry, "bin", "epmd");
  }
  return undefined;
}

/** `count` distinct ports of 127.0.0.1 that were free a moment ago (`closedPort` asked again on a repeat). */
async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  for (let asked = 0; ports.size < count && asked < count * 10; asked++)
    ports.add(await closedPort());
  if (ports.size < count)
    throw new Error(`no ${count} distinct free ports on 127.0.0.1`);
  return [...ports];
}
