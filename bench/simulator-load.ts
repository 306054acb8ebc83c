/**
 * The simulator under concurrent writes, with a consistency check at the end, and the time of a
 * hostile query filter. `clients` clients, each with its own session, go round a few shared vApps
 * for a bounded time: rename the vApp (`PUT /vApp/{id}`, to one of a few names shared by all clients,
 * so that renames collide), PUT a metadata key, DELETE it; each 202's task is polled to its end. An
 * entity is busy while its task runs, so a write may be refused with BUSY_ENTITY (as vCD does), and a
 * rename to a name another vApp has or a running rename holds with DUPLICATE_NAME; anything else but
 * 202, those and the 403 of a key already gone is an error. Writes accepted on one entity never
 * overlap, so the order they were accepted in is the order they apply in: at the end, each vApp's
 * name and each key must be what the last successful write made them, else the update was lost; and
 * no two vApps share a name.
 *
 * The test (test/reliability/concurrent-writes.test.ts) runs it for a few seconds against an
 * in-process simulator; `npm run bench` (`BENCH_ONLY=load`) against the generated package's
 * simulator in its own process, and prints the figures.
 */
import { loadPackage, type Doc } from "./generated-package.js";
import { startSimulatorProcess } from "./simulator-server.js";
import { checkTarget } from "./targets.js";

const ACCEPT = "application/*+xml;version=30.0";
const VCLOUD_NS = "http://www.vmware.com/vcloud/v1.5";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const VAPP_MT = "application/vnd.vmware.vcloud.vApp+xml";
const VALUE_MT = "application/vnd.vmware.vcloud.metadata.value+xml";
const INSTANTIATE_MT =
  "application/vnd.vmware.vcloud.instantiateVAppTemplateParams+xml";
/** Metadata keys each vApp's writes go round. */
const KEYS = ["k0", "k1"];
/** Polls of one task before it counts as never ending. */
const MAX_POLLS = 200;

export interface LoadUser {
  readonly org: string;
  readonly name: string;
  readonly password: string;
}

export interface WriteLoadOptions {
  /** The simulator's `…/api` URL. */
  readonly url: string;
  readonly user: LoadUser;
  readonly fromXml: (xml: string) => Doc;
  readonly clients: number;
  readonly vapps: number;
  readonly seconds: number;
}

export interface WriteLoad {
  /** Requests answered (writes, polls and the final reads). */
  readonly requests: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** Writes answered 202 whose task succeeded. */
  readonly applied: number;
  /** Writes refused with BUSY_ENTITY. */
  readonly busy: number;
  /** Renames refused with DUPLICATE_NAME. */
  readonly duplicate: number;
  /** Answers that should not be (the first 10 described), and tasks that did not succeed. */
  readonly errors: readonly string[];
  /** A vApp's name or a key that is not what the last successful write made it. */
  readonly lost: readonly string[];
  /** Names more than one vApp has at the end, or had at once during the load (replayed). */
  readonly shared: readonly string[];
}

type Value = Record<string, unknown>;

interface Answer {
  readonly status: number;
  readonly doc?: Doc;
  readonly text: string;
}

class Client {
  requests = 0;

  private constructor(
    private readonly fromXml: (xml: string) => Doc,
    private readonly token: string,
  ) {}

  static async login(
    url: string,
    user: LoadUser,
    fromXml: (xml: string) => Doc,
  ): Promise<Client> {
    const basic = Buffer.from(`${user.name}@${user.org}:${user.password}`);
    const r = await fetch(`${url}/sessions`, {
      method: "POST",
      headers: {
        accept: ACCEPT,
        authorization: `Basic ${basic.toString("base64")}`,
      },
      signal: AbortSignal.timeout(10_000),
    });
    await r.text();
    const token = r.headers.get("x-vcloud-authorization");
    if (r.status !== 200 || !token)
      throw new Error(`login ${user.name}: ${r.status}`);
    return new Client(fromXml, token);
  }

  async send(
    method: string,
    href: string,
    contentType?: string,
    body?: string,
  ): Promise<Answer> {
    const r = await fetch(href, {
      method,
      headers: {
        accept: ACCEPT,
        "x-vcloud-authorization": this.token,
        ...(contentType ? { "content-type": contentType } : {}),
      },
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await r.text();
    this.requests++;
    return {
      status: r.status,
      text,
      ...(text ? { doc: this.fromXml(text) } : {}),
    };
  }

  async value(href: string): Promise<Value> {
    const r = await this.send("GET", href);
    if (r.status !== 200) throw new Error(`GET ${href}: ${r.status}`);
    return r.doc!.value as Value;
  }

  /** Polls a task to its end (each poll moves it on a step); its final status. */
  async finish(task: Value): Promise<string> {
    for (let i = 0; i < MAX_POLLS; i++) {
      const now = await this.value(task.href as string);
      if (now.status !== "queued" && now.status !== "running")
        return now.status as string;
    }
    return "never ended";
  }
}

/** Instantiates `count` vApps from the first catalog item in the first VDC; their hrefs. */
async function newVApps(client: Client, url: string, count: number) {
  const items = (await client.value(`${url}/query?type=catalogItem`))
    .Record as Value[];
  const vdcs = (await client.value(`${url}/query?type=orgVdc`))
    .Record as Value[];
  const hrefs: string[] = [];
  for (let i = 0; i < count; i++) {
    const body = `<InstantiateVAppTemplateParams xmlns="${VCLOUD_NS}" name="load-${i}-${Date.now()}" deploy="false" powerOn="false"><Source href="${items[0].entity as string}"/><AllEULAsAccepted>true</AllEULAsAccepted></InstantiateVAppTemplateParams>`;
    const r = await client.send(
      "POST",
      `${vdcs[0].href as string}/action/instantiateVAppTemplate`,
      INSTANTIATE_MT,
      body,
    );
    if (r.status !== 201) throw new Error(`instantiate: ${r.status} ${r.text}`);
    const vapp = r.doc!.value as Value;
    for (const task of (vapp.Tasks as { Task: Value[] }).Task)
      await client.finish(task);
    hrefs.push(vapp.href as string);
  }
  return hrefs;
}

/** A write accepted (202), its task's start, and what it makes the entity once it succeeds. */
interface Accepted {
  readonly vapp: string;
  readonly start: number;
  /** The order the 202s were read in: breaks ties of `start` (it has millisecond precision). */
  readonly seq: number;
  readonly name?: string;
  readonly key?: string;
  readonly value?: string;
  succeeded?: boolean;
}

const minorOf = (a: Answer) =>
  (a.doc?.value as { minorErrorCode?: string } | undefined)?.minorErrorCode;

export async function writeLoad(o: WriteLoadOptions): Promise<WriteLoad> {
  const setup = await Client.login(o.url, o.user, o.fromXml);
  const vapps = await newVApps(setup, o.url, o.vapps);
  const accepted: Accepted[] = [];
  const clients = await Promise.all(
    Array.from({ length: o.clients }, () =>
      Client.login(o.url, o.user, o.fromXml),
    ),
  );
  const errors: string[] = [];
  const fault = (what: string) => {
    if (errors.length < 10) errors.push(what);
    else if (errors.length === 10) errors.push("…");
  };
  let applied = 0;
  let busy = 0;
  let duplicate = 0;
  const started = performance.now();
  const deadline = started + o.seconds * 1000;

  const run = async (client: Client, c: number) => {
    for (let n = 0; performance.now() < deadline; n++) {
      const vapp = vapps[(c + n) % vapps.length];
      const key = KEYS[n % KEYS.length];
      const kind = n % 3;
      // A pool of two names more than vApps: renames often race for the same free name.
      const name = `load-name-${(c * 7 + n) % (vapps.length + 2)}`;
      const text = `${c}-${n}`;
      const r =
        kind === 0
          ? await client.send(
              "PUT",
              vapp,
              VAPP_MT,
              `<VApp xmlns="${VCLOUD_NS}" name="${name}"><Description>by ${c}</Description></VApp>`,
            )
          : kind === 1
            ? await client.send(
                "PUT",
                `${vapp}/metadata/${key}`,
                VALUE_MT,
                `<MetadataValue xmlns="${VCLOUD_NS}" xmlns:xsi="${XSI}"><TypedValue xsi:type="MetadataStringValue"><Value>${text}</Value></TypedValue></MetadataValue>`,
              )
            : await client.send("DELETE", `${vapp}/metadata/${key}`);
      if (r.status === 202) {
        const task = r.doc!.value as Value;
        const write: Accepted = {
          vapp,
          start: Date.parse(task.startTime as string),
          seq: accepted.length,
          ...(kind === 0 ? { name } : { key }),
          ...(kind === 1 ? { value: text } : {}),
        };
        accepted.push(write);
        const status = await client.finish(task);
        write.succeeded = status === "success";
        if (write.succeeded) applied++;
        else fault(`a task ended ${status}`);
      } else if (r.status === 400 && minorOf(r) === "BUSY_ENTITY") busy++;
      else if (
        kind === 0 &&
        r.status === 400 &&
        minorOf(r) === "DUPLICATE_NAME"
      )
        duplicate++;
      // A key already gone (never written, or deleted): vCD's answer; the final check holds it.
      else if (kind === 2 && r.status === 403) continue;
      else fault(`${kind} ${r.status} ${r.text.slice(0, 200)}`);
    }
  };
  await Promise.all(clients.map((client, c) => run(client, c)));
  const seconds = (performance.now() - started) / 1000;

  // Writes accepted on one entity never overlap (it is busy while a task runs): replayed in the
  // order their tasks started, the successful ones give what each vApp must hold now.
  accepted.sort((a, b) => a.start - b.start || a.seq - b.seq);
  const lost: string[] = [];
  const holders = new Map<string, string[]>();
  // Replayed in that order, no successful rename takes a name another vApp holds (a running
  // rename holds its new name, a vApp its own until its rename ends: so the replay, which moves
  // the name when the task starts, never sees a clash the simulator did not refuse).
  const clashes: string[] = [];
  const current = new Map<string, string>();
  for (const w of accepted)
    if (w.succeeded && w.name !== undefined) {
      const holder = [...current].find(
        ([other, name]) => other !== w.vapp && name === w.name,
      );
      if (holder)
        clashes.push(`${w.name}: ${w.vapp} renamed while ${holder[0]} held it`);
      current.set(w.vapp, w.name);
    }
  for (const vapp of vapps) {
    let name: string | undefined;
    const keys = new Map<string, string | undefined>();
    for (const w of accepted)
      if (w.vapp === vapp && w.succeeded) {
        if (w.name !== undefined) name = w.name;
        else keys.set(w.key!, w.value);
      }
    const v = await setup.value(vapp);
    holders.set(String(v.name), [...(holders.get(String(v.name)) ?? []), vapp]);
    if (name !== undefined && v.name !== name)
      lost.push(`${vapp}: name ${String(v.name)}, expected ${name}`);
    for (const key of KEYS) {
      const r = await setup.send("GET", `${vapp}/metadata/${key}`);
      const got =
        r.status === 200
          ? (r.doc!.value as { TypedValue: { Value: string } }).TypedValue.Value
          : undefined;
      if (got !== keys.get(key))
        lost.push(
          `${vapp} ${key}: ${got ?? "absent"}, expected ${keys.get(key) ?? "absent"}`,
        );
    }
  }
  const requests = clients.reduce((n, c) => n + c.requests, 0) + setup.requests;
  return {
    requests,
    seconds,
    perSecond:
      clients.reduce((n, c) => n + c.requests, 0) / Math.max(seconds, 1e-9),
    applied,
    busy,
    duplicate,
    errors,
    lost,
    shared: [
      ...clashes,
      ...[...holders]
        .filter(([, hrefs]) => hrefs.length > 1)
        .map(([name, hrefs]) => `${name}: ${hrefs.join(", ")}`),
    ],
  };
}

export interface HostileFilter {
  /** The time of a query whose filter has ten wildcards against a name of 40 characters. */
  readonly wildcardMs: number;
  /** The time of a query whose filter nests 5,000 parentheses (a 400). */
  readonly nestingMs: number;
}

/** The hostile filters' times, against a vApp named with 40 `a`. */
export async function hostileFilter(
  url: string,
  user: LoadUser,
  fromXml: (xml: string) => Doc,
): Promise<HostileFilter> {
  const client = await Client.login(url, user, fromXml);
  const [vapp] = await newVApps(client, url, 1);
  const rename = await client.send(
    "PUT",
    vapp,
    VAPP_MT,
    `<VApp xmlns="${VCLOUD_NS}" name="${"a".repeat(40)}"/>`,
  );
  if (rename.status !== 202) throw new Error(`rename: ${rename.text}`);
  await client.finish(rename.doc!.value as Value);
  const timed = async (filter: string, status: number) => {
    const start = performance.now();
    const r = await client.send(
      "GET",
      `${url}/query?type=vApp&filter=${encodeURIComponent(filter)}`,
    );
    if (r.status !== status)
      throw new Error(`hostile filter: ${r.status} ${r.text.slice(0, 200)}`);
    return performance.now() - start;
  };
  return {
    wildcardMs: await timed("name==*a*a*a*a*a*a*a*a*a*a*b", 200),
    nestingMs: await timed(
      `${"(".repeat(5000)}name==x${")".repeat(5000)}`,
      400,
    ),
  };
}

export interface LargeBody {
  readonly megabytes: number;
  readonly ms: number;
  /** How much the simulator's process grew while it took the body (RSS, MB). */
  readonly rssGrowth: number;
}

/**
 * Valid bodies of 8 and 48 MB (a vApp's Description that long), sent to a simulator whose limit is
 * raised to 128 MiB (the XML parser takes up to 64 MiB): what each costs it in time and memory. A
 * 60 MB body once took 37 s and 3.5 GB.
 */
export async function largeBodies(
  packageDir: string,
  fromXml: (xml: string) => Doc,
): Promise<LargeBody[]> {
  const sim = await startSimulatorProcess(packageDir, 1, 128 * 1024 * 1024);
  try {
    const user = sim.users.find((u) => u.name === "acme-admin")!;
    const client = await Client.login(sim.url, user, fromXml);
    const [vapp] = await newVApps(client, sim.url, 1);
    const out: LargeBody[] = [];
    for (const megabytes of [8, 48]) {
      const body = `<VApp xmlns="${VCLOUD_NS}" name="large-${megabytes}"><Description>${"x".repeat(megabytes * 1024 * 1024)}</Description></VApp>`;
      const before = await sim.rssMegabytes();
      const start = performance.now();
      const r = await client.send("PUT", vapp, VAPP_MT, body);
      const ms = performance.now() - start;
      if (r.status !== 202)
        throw new Error(
          `large body: ${r.status} ${r.text.slice(0, 600).replace(/\s+/g, " ")}`,
        );
      const after = await sim.rssMegabytes();
      await client.finish(r.doc!.value as Value);
      out.push({ megabytes, ms, rssGrowth: after - before });
    }
    return out;
  } finally {
    await sim.close();
  }
}

/** A large valid body costs the simulator at most this many MB of memory per MB of body. */
const LARGE_BODY_RSS_PER_MB = 8;

/** Requests per second the rename and metadata load is held at, 0 errors and 0 lost updates: at least this. */
const RPS_TARGET = 500;
/** A hostile filter answers within this (it froze every client for over a minute). */
const HOSTILE_TARGET_MS = 50;

export async function benchSimulatorLoad(
  packageDir: string,
  seconds: number,
): Promise<string[]> {
  const pkg = await loadPackage(packageDir);
  const fromXml = (xml: string) => pkg.fromXml(xml);
  const sim = await startSimulatorProcess(packageDir, 1);
  const clients = 20;
  let load: WriteLoad;
  let hostile: HostileFilter;
  let rss: number;
  try {
    const user = sim.users.find((u) => u.name === "acme-admin")!;
    load = await writeLoad({
      url: sim.url,
      user,
      fromXml,
      clients,
      vapps: 10,
      seconds,
    });
    hostile = await hostileFilter(sim.url, user, fromXml);
    rss = await sim.rssMegabytes();
  } finally {
    await sim.close();
  }
  const large = await largeBodies(packageDir, fromXml);
  const [small, big] = large;
  const perMb = (b: LargeBody) => b.ms / b.megabytes;
  const clean =
    load.errors.length === 0 &&
    load.lost.length === 0 &&
    load.shared.length === 0;
  return [
    `## Simulator under concurrent writes (${clients} clients, each its own session, renaming 10 vApps and writing and deleting their metadata for ${seconds} s, every task polled to its end; the simulator in its own process, ${rss.toFixed(0)} MB RSS after)`,
    `${load.perSecond.toFixed(0)} requests/s held (${load.requests} requests; ${load.applied} writes applied, ${load.busy} refused BUSY_ENTITY, ${load.duplicate} DUPLICATE_NAME), ${load.errors.length} errors, ${load.lost.length} lost updates, ${load.shared.length} names shared: ${checkTarget("requests/s under concurrent writes, 0 errors, 0 lost updates, 0 shared names", clean ? load.perSecond : 0, ">=", RPS_TARGET, (n) => n.toFixed(0))}`,
    ...load.errors.map((e) => `  error: ${e}`),
    ...load.lost.slice(0, 10).map((e) => `  lost: ${e}`),
    ...load.shared.slice(0, 10).map((e) => `  shared: ${e}`),
    `hostile filter (ten wildcards against a 40-character name): ${hostile.wildcardMs.toFixed(1)} ms: ${checkTarget("hostile wildcard filter (ms)", hostile.wildcardMs, "<=", HOSTILE_TARGET_MS, (n) => n.toFixed(1))}; 5,000 nested parentheses: ${hostile.nestingMs.toFixed(1)} ms (a 400): ${checkTarget("hostile nesting filter (ms)", hostile.nestingMs, "<=", HOSTILE_TARGET_MS, (n) => n.toFixed(1))}`,
    `large valid bodies (the limit raised to 128 MiB; a vApp renamed with a Description that long): ${large.map((b) => `${b.megabytes} MB in ${b.ms.toFixed(0)} ms, RSS +${b.rssGrowth.toFixed(0)} MB`).join("; ")}; time per MB of the ${big.megabytes} MB body ${(perMb(big) / perMb(small)).toFixed(2)}x the ${small.megabytes} MB one's: ${checkTarget("large body: time per MB, 48 MB vs 8 MB (linear)", perMb(big) / perMb(small), "<=", 2, (n) => `${n.toFixed(2)}x`)}; memory ${(big.rssGrowth / big.megabytes).toFixed(1)} MB per MB: ${checkTarget("large body: simulator memory per MB of body", big.rssGrowth / big.megabytes, "<=", LARGE_BODY_RSS_PER_MB, (n) => `${n.toFixed(1)} MB`)}`,
  ];
}
