/**
 * Requests per second the simulator serves (each server in its own process, autocannon in the
 * bench's, all on 127.0.0.1): a GET of a VApp (about 24 KB) and a validated PUT of a
 * GuestCustomizationSection, beside a bare `node:http` server answering the same bytes, and
 * Prism (`@stoplight/prism-cli`) mocking the same operations from the operations document.
 *
 * The simulator refuses a second change of a vApp while its task runs (BUSY_ENTITY, as vCD does),
 * so the PUTs go round several vApps, each connection its own: every PUT is answered 202.
 */
import { spawn, type ChildProcess } from "node:child_process";
import type { EventEmitter } from "node:events";
import { createServer } from "node:net";
import { join } from "node:path";
import autocannon from "autocannon";
import type { ResolvedOptions } from "../generator/config/options.js";
import { PACKAGE_ROOT } from "../generator/package-root.js";
import { startFixedServer, stopChild } from "./fixed-server.js";
import {
  loadApi,
  loadPackage,
  type BenchClient,
  type Doc,
  type GeneratedApi,
  type GeneratedPackage,
} from "./generated-package.js";
import { startSimulatorProcess } from "./simulator-server.js";
import { checkTarget, unmeasuredTarget } from "./targets.js";

const CONNECTIONS = 10;
/** vApps each connection's PUTs go round (each revisited long after its 3 ms task ended). */
const VAPPS_PER_CONNECTION = 5;
/** VMs of the seeded template: a vApp of 3 VMs is about 20 KB, of 4 about 26 KB. */
const VMS_PER_VAPP = 4;
const ACCEPT = "application/*+xml;version=30.0";
const VAPP_MT = "application/vnd.vmware.vcloud.vApp+xml";
const TASK_MT = "application/vnd.vmware.vcloud.task+xml";
const GCS_MT = "application/vnd.vmware.vcloud.guestCustomizationSection+xml";

interface Load {
  /** Successful answers per second: the median of the per-second counts, times the share of 2xx. */
  readonly rps: number;
  readonly p50ms: number;
  readonly total: number;
  readonly non2xx: number;
  readonly errors: number;
  /** Answers in each second of the run. */
  readonly perSecond: readonly number[];
}

interface Req {
  readonly method: "GET" | "PUT";
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** `seconds` of load after 1 s of warm-up; each connection goes round its own list of requests. */
async function load(
  origin: string,
  perConnection: readonly (readonly Req[])[],
  seconds: number,
): Promise<Load> {
  const run = (duration: number) =>
    new Promise<{ result: autocannon.Result; perSecond: number[] }>(
      (resolve, reject) => {
        let next = 0;
        const perSecond: number[] = [];
        const instance = autocannon(
          {
            url: origin,
            connections: CONNECTIONS,
            duration,
            // Replaced per connection in setupClient.
            requests: [...perConnection[0]],
            setupClient: (client) =>
              client.setRequests([
                ...perConnection[next++ % perConnection.length],
              ]),
          },
          (error, result) =>
            error ? reject(error as Error) : resolve({ result, perSecond }),
        );
        (instance as unknown as EventEmitter).on(
          "tick",
          (tick: { counter: number }) => {
            // autocannon ticks once more as it stops: that second is not part of the run.
            if (perSecond.length < duration) perSecond.push(tick.counter);
          },
        );
      },
    );
  await run(1);
  const { result: r, perSecond } = await run(seconds);
  const answered = r["2xx"] + r.non2xx;
  return {
    rps: answered ? (r.requests.p50 * r["2xx"]) / answered : 0,
    p50ms: r.latency.p50,
    total: answered,
    non2xx: r.non2xx,
    errors: r.errors,
    perSecond,
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Prism {
  readonly origin: string;
  readonly startSeconds: number;
  close(): Promise<void>;
}

/** Prism mocking the operations document, logging errors only (its fastest setting). */
async function startPrism(document: string): Promise<Prism> {
  const port = await freePort();
  const bin = join(PACKAGE_ROOT, "node_modules/.bin/prism");
  const started = performance.now();
  const child: ChildProcess = spawn(
    bin,
    ["mock", "-h", "127.0.0.1", "-p", String(port), "-v", "error", document],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-4000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const origin = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`Prism exited (${child.exitCode}): ${output}`);
    if (performance.now() - started > 60_000) {
      await stopChild(child);
      throw new Error(`Prism did not listen within 60 s: ${output}`);
    }
    try {
      await fetch(`${origin}/`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    origin,
    startSeconds: (performance.now() - started) / 1000,
    close: () => stopChild(child),
  };
}

interface Link {
  readonly href: string;
  readonly rel?: string;
  readonly type?: string;
  readonly name?: string;
}
type Entity = { readonly href: string; readonly Link?: Link[] } & Record<
  string,
  unknown
>;

const idOf = (href: string) => href.slice(href.lastIndexOf("/") + 1);

/** Logs in with the seeded system administrator and instantiates `count` vApps of the seeded template. */
async function setUp(
  pkg: GeneratedPackage,
  api: GeneratedApi,
  url: string,
  admin: { org: string; name: string; password: string },
  count: number,
): Promise<{ client: BenchClient; vapps: Entity[] }> {
  const client = pkg.createClient({ baseUrl: url });
  await client.login({
    user: admin.name,
    org: admin.org,
    password: admin.password,
  });
  const value = async (target: string | { href: string }) =>
    (await client.get(target)).value as Entity;
  const orgs = (await value(`${url}/org`)).Org as Entity[];
  const org = await value(orgs.find((o) => o.name === "acme")!);
  const link = (e: Entity, type: string) =>
    e.Link!.find((l) => l.type === type && l.rel === "down")!;
  const vdc = await value(link(org, "application/vnd.vmware.vcloud.vdc+xml"));
  const catalog = await value(
    link(org, "application/vnd.vmware.vcloud.catalog+xml"),
  );
  const items = (catalog.CatalogItems as { CatalogItem: Entity[] }).CatalogItem;
  const template = (await value(items[0])).Entity as Entity;
  const add = vdc.Link!.find((l) =>
    l.href.endsWith("/action/instantiateVAppTemplate"),
  )!;
  const vapps: Entity[] = [];
  for (let i = 0; i < count; i++) {
    const made = await api.instantiateVAppTemplate(client, add, {
      name: `bench-${i}`,
      deploy: false,
      powerOn: false,
      Source: { href: template.href },
      AllEULAsAccepted: true,
    });
    const vapp = made.value as Entity;
    for (const task of (vapp.Tasks as { Task?: object[] } | undefined)?.Task ??
      [])
      await pkg.waitForTask(client, task, { interval: 2 });
    vapps.push(
      (await api.getVApp(client, { id: idOf(vapp.href) })).value as Entity,
    );
  }
  return { client, vapps };
}

const fmt = (n: number) => n.toFixed(0);

/**
 * The same request to Prism: it serves the document's paths at its root, and refuses vCD's
 * `Accept` (406), so it is asked for the operation's own media type.
 */
const toPrism = (r: Req, accept = true): Req => ({
  ...r,
  path: r.path.replace(/^\/api/, ""),
  headers: accept
    ? { ...r.headers, accept: r.method === "GET" ? VAPP_MT : TASK_MT }
    : r.headers,
});

interface Check {
  readonly name: string;
  readonly sim: Req;
  readonly prism: Req;
  simStatus?: number;
}

export async function benchSimulator(
  options: ResolvedOptions,
  packageDir: string,
  seconds: number,
): Promise<string[]> {
  const pkg = await loadPackage(packageDir);
  const api = await loadApi(packageDir);
  const lines = [
    `## Simulator throughput (autocannon, ${CONNECTIONS} connections, ${seconds} s per subject after 1 s of warm-up; each server in its own process, all on 127.0.0.1)`,
  ];
  const sim = await startSimulatorProcess(packageDir, VMS_PER_VAPP);
  let simGet: Load;
  let simPut: Load;
  let vappBytes: string;
  let vappContentType: string;
  let taskBytes: string;
  let taskContentType: string;
  let getPath: string;
  let putRequests: Req[][];
  let getHeaders: Record<string, string>;
  let checks: Check[];
  const origin = new URL(sim.url).origin;
  try {
    const admin = sim.users[0];
    const { client, vapps } = await setUp(
      pkg,
      api,
      sim.url,
      admin,
      CONNECTIONS * VAPPS_PER_CONNECTION,
    );
    const auth = { authorization: `Bearer ${client.token}` };
    getPath = new URL(vapps[0].href).pathname;
    getHeaders = { accept: ACCEPT, ...auth };
    const got = await fetch(`${origin}${getPath}`, { headers: getHeaders });
    vappBytes = await got.text();
    vappContentType = got.headers.get("content-type") ?? "";
    if (got.status !== 200 || pkg.fromXml(vappBytes).element !== "vcloud:VApp")
      throw new Error(`simulator GET of the vApp: ${got.status}`);

    // One PUT per vApp's first VM, its body the VM's own section (changed) written once.
    const putOf = async (vapp: Entity, n: number): Promise<Req> => {
      const vm = (vapp.Children as { Vm: Entity[] }).Vm[0];
      const section = await api.getVAppGuestCustomizationSection(client, {
        id: idOf(vm.href),
      });
      const doc: Doc = {
        element: section.element,
        value: {
          ...(section.value as object),
          ComputerName: `bench-${n}`,
        },
      };
      return {
        method: "PUT",
        path: `${new URL(vm.href).pathname}/guestCustomizationSection`,
        headers: { accept: ACCEPT, "content-type": GCS_MT, ...auth },
        body: pkg.toXml(doc),
      };
    };
    const puts = await Promise.all(vapps.map((v, i) => putOf(v, i)));
    const first = await fetch(`${origin}${puts[0].path}`, puts[0]);
    taskBytes = await first.text();
    taskContentType = first.headers.get("content-type") ?? "";
    if (
      first.status !== 202 ||
      pkg.fromXml(taskBytes).element !== "vcloud:Task"
    )
      throw new Error(`simulator PUT: ${first.status} ${taskBytes}`);
    await new Promise((r) => setTimeout(r, 20));
    putRequests = Array.from({ length: CONNECTIONS }, (_, c) =>
      puts.slice(c * VAPPS_PER_CONNECTION, (c + 1) * VAPPS_PER_CONNECTION),
    );
    const get: Req = { method: "GET", path: getPath, headers: getHeaders };
    // What the simulator checks, to hold against what Prism checks.
    const broken = puts[0].body!.replace(/<\/ComputerName>/, "");
    const unknown = puts[0].body!.replace(
      /<ComputerName>/,
      "<NotInTheSchema>1</NotInTheSchema><ComputerName>",
    );
    checks = [
      {
        name: "GET with vCD's Accept (application/*+xml;version=30.0)",
        sim: get,
        prism: toPrism(get, false),
      },
      {
        name: "GET without a token",
        sim: { ...get, headers: { accept: ACCEPT } },
        prism: toPrism({ ...get, headers: {} }),
      },
      {
        name: "PUT of malformed XML",
        sim: { ...puts[1], body: broken },
        prism: toPrism({ ...puts[1], body: broken }),
      },
      {
        name: "PUT with an element the schema does not have",
        sim: { ...puts[2], body: unknown },
        prism: toPrism({ ...puts[2], body: unknown }),
      },
    ];
    simGet = await load(origin, [[get]], seconds);
    simPut = await load(origin, putRequests, seconds);
    lines.push(
      `simulator: VApp of ${VMS_PER_VAPP} VMs instantiated from the seeded template as the seeded system administrator; ` +
        `GET answers ${(Buffer.byteLength(vappBytes) / 1024).toFixed(1)} KB; PUTs go round ${vapps.length} vApps ` +
        `(${VAPPS_PER_CONNECTION} per connection: it refuses a change of a vApp whose task still runs, BUSY_ENTITY, as vCD does; taskStepMs 1); simulator process at ${fmt(await sim.rssMegabytes())} MB RSS after the load`,
    );
    for (const c of checks) {
      const r = await fetch(`${origin}${c.sim.path}`, c.sim);
      await r.text();
      c.simStatus = r.status;
    }
  } finally {
    await sim.close();
  }

  const bare = await startFixedServer({
    GET: {
      status: 200,
      headers: { "Content-Type": vappContentType },
      body: vappBytes,
    },
    PUT: {
      status: 202,
      headers: { "Content-Type": taskContentType },
      body: taskBytes,
    },
  });
  let bareGet: Load;
  let barePut: Load;
  try {
    bareGet = await load(
      bare.origin,
      [[{ method: "GET", path: getPath, headers: getHeaders }]],
      seconds,
    );
    barePut = await load(bare.origin, putRequests, seconds);
  } finally {
    await bare.close();
  }

  let prismGet: Load | undefined;
  let prismPut: Load | undefined;
  let prismNote: string;
  const prismChecks: string[] = [];
  const document = join(options.inputDir, "operations/30.0.openapi.json");
  try {
    const prism = await startPrism(document);
    try {
      const get = toPrism({
        method: "GET",
        path: getPath,
        headers: getHeaders,
      });
      const sample = await fetch(`${prism.origin}${get.path}`, get);
      const sampleBody = await sample.text();
      prismNote =
        `Prism ${prism.startSeconds.toFixed(1)} s to start; GET answers ${sample.status} ${sample.headers.get("content-type")} ` +
        `${JSON.stringify(sampleBody.slice(0, 60))} (${Buffer.byteLength(sampleBody)} bytes: the schemas are XSD types it cannot mock, so not a VApp)`;
      prismGet = await load(prism.origin, [[get]], seconds);
      prismPut = await load(
        prism.origin,
        putRequests.map((rs) => rs.map((r) => toPrism(r))),
        seconds,
      );
      for (const c of checks) {
        const r = await fetch(`${prism.origin}${c.prism.path}`, c.prism);
        await r.text();
        prismChecks.push(
          `  ${c.name.padEnd(56)} simulator ${c.simStatus}, Prism ${r.status}`,
        );
      }
    } finally {
      await prism.close();
    }
  } catch (error) {
    prismNote = `Prism could not be measured: ${error instanceof Error ? error.message : String(error)}`;
  }

  const row = (name: string, l: Load | undefined) =>
    l
      ? `${name.padEnd(44)} ${fmt(l.rps).padStart(7)} /s  p50 ${String(l.p50ms).padStart(3)} ms  ${String(l.total).padStart(7)} answers  (each second: ${l.perSecond.join(", ")})` +
        (l.non2xx || l.errors
          ? `  (${l.non2xx} not 2xx, ${l.errors} errors)`
          : "")
      : `${name.padEnd(44)}       - (not measured)`;
  lines.push(
    `${"subject".padEnd(44)} ${"2xx/s".padStart(9)}`,
    row("simulator GET VApp", simGet),
    row("bare node:http GET (same bytes)", bareGet),
    row("Prism GET (Accept: vApp media type)", prismGet),
    row("simulator PUT GuestCustomizationSection", simPut),
    row("bare node:http PUT (same bytes, 202 Task)", barePut),
    row("Prism PUT (Accept: task media type)", prismPut),
  );
  const ratio = (a: number, b: number) => (b ? a / b : 0);
  const x = (n: number) => `${n.toFixed(2)}x`;
  const getVsBare = ratio(simGet.rps, bareGet.rps);
  lines.push(
    `simulator GET / bare GET: ${x(getVsBare)} (target >= 0.50: ${checkTarget("simulator GET / bare node:http GET", getVsBare, ">=", 0.5, x)})`,
    `simulator PUT / bare PUT: ${x(ratio(simPut.rps, barePut.rps))} (no target)`,
  );
  for (const [name, ours, theirs] of [
    ["GET", simGet, prismGet],
    ["PUT", simPut, prismPut],
  ] as const) {
    const target = `simulator ${name} / Prism ${name}`;
    if (!theirs) {
      lines.push(
        `${target}: ${unmeasuredTarget(target, "Prism was not measured")}`,
      );
      continue;
    }
    const value = ratio(ours.rps, theirs.rps);
    lines.push(
      `${target}: ${x(value)} (target >= 5: ${checkTarget(target, value, ">=", 5, x)})`,
    );
  }
  lines.push(prismNote);
  if (prismChecks.length) {
    lines.push("what each checks (same request to both):", ...prismChecks);
  }
  return lines;
}
