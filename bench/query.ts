/**
 * The query service's client (`BENCH_ONLY=query`): 100,000 VM records in pages of 128, walked with
 * the generated `queryAll` against a hand-written loop of `fetch` + `fromXml` over the same pages
 * (following the same `nextPage` links), from the simulator seeded at scale in a child process
 * (bench/query-simulator.ts); runs of both alternate, and the ratio is the median of the pairs'.
 * The `getQuery` stub page by page (no read-ahead) shows what the client's calls cost alone. Then
 * the client's peak memory (maximum RSS of a child process walking 10,000 and 100,000 records
 * with `queryAll`, bench/query-walk.ts): flat if it holds no more than its two pages.
 */
import { join } from "node:path";
import { loadPackage } from "./generated-package.js";
import { measureProcess } from "./measure-process.js";
import { startBenchSimulator, type BenchSimulator } from "./query-simulator.js";
import { checkTarget, median } from "./targets.js";

/** The VMs seeded (`BENCH_QUERY_VMS`, default 100,000), and a tenth of them for the memory comparison. */
const TOTAL = Number(process.env.BENCH_QUERY_VMS ?? 100_000);
const SMALL = Math.max(1, Math.round(TOTAL / 10));
const PAGE = 128;
/** Alternating runs of each (one: the simulator takes most of a walk's time at this scale). */
const PAIRS = 1;
const ACCEPT = "application/*+xml;version=30.0";

type PageValue = {
  total?: string;
  Record?: unknown[];
  Link?: { rel: string; href: string }[];
};

interface QueryBenchPackage {
  createClient(options: { baseUrl: string; timeout?: number }): {
    resume(token: string): void;
  };
  queryAll(
    client: unknown,
    type: string,
    options: { pageSize: number },
  ): AsyncIterable<unknown>;
  api: {
    getQuery(
      client: unknown,
      target: { href: string } | undefined,
      options?: { query: Record<string, string | number> },
    ): Promise<{ value: PageValue }>;
  };
  fromXml(xml: string): { element: string; value: PageValue };
}

function clientOf(pkg: QueryBenchPackage, sim: BenchSimulator) {
  const client = pkg.createClient({ baseUrl: sim.url, timeout: 60_000 });
  client.resume(sim.token);
  return client;
}

async function walkClient(
  pkg: QueryBenchPackage,
  sim: BenchSimulator,
): Promise<number> {
  let count = 0;
  for await (const record of pkg.queryAll(clientOf(pkg, sim), "vm", {
    pageSize: PAGE,
  }))
    if (record) count++;
  return count;
}

/** The `getQuery` stub page after page, without queryAll: what the client's calls cost alone. */
async function walkByStub(
  pkg: QueryBenchPackage,
  sim: BenchSimulator,
): Promise<number> {
  const client = clientOf(pkg, sim);
  let count = 0;
  let page = await pkg.api.getQuery(client, undefined, {
    query: { type: "vm", pageSize: PAGE },
  });
  for (;;) {
    for (const record of page.value.Record ?? []) if (record) count++;
    const next = page.value.Link?.find((l) => l.rel === "nextPage");
    if (!next) return count;
    page = await pkg.api.getQuery(client, { href: next.href });
  }
}

/** What a user would write without the client: fetch each page, read it, follow nextPage. */
async function walkByHand(
  pkg: QueryBenchPackage,
  sim: BenchSimulator,
): Promise<number> {
  let url: string | undefined =
    `${sim.url}/query?type=vm&pageSize=${PAGE}&format=records`;
  let count = 0;
  while (url) {
    const response = await fetch(url, {
      headers: { Accept: ACCEPT, Authorization: `Bearer ${sim.token}` },
    });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const page = pkg.fromXml(await response.text());
    for (const record of page.value.Record ?? []) if (record) count++;
    url = page.value.Link?.find((l) => l.rel === "nextPage")?.href;
  }
  return count;
}

/** Records per second of one walk, which must read `expected` records. */
async function timed(
  walk: () => Promise<number>,
  expected: number,
): Promise<number> {
  const start = performance.now();
  const count = await walk();
  if (count !== expected)
    throw new Error(`walked ${count} records, not ${expected}`);
  return count / ((performance.now() - start) / 1000);
}

/** The VMs the `vm` query lists: the scale seed's, and the seed's template VM (vCD lists both). */
async function totalOf(
  pkg: QueryBenchPackage,
  sim: BenchSimulator,
): Promise<number> {
  const page = await pkg.api.getQuery(clientOf(pkg, sim), undefined, {
    query: { type: "vm", pageSize: 1 },
  });
  return Number(page.value.total);
}

export async function benchQuery(packageDir: string): Promise<string[]> {
  const pkg = (await loadPackage(packageDir)) as unknown as QueryBenchPackage;
  const sims: BenchSimulator[] = [];
  try {
    const large = await startBenchSimulator(packageDir, TOTAL);
    sims.push(large);
    const small = await startBenchSimulator(packageDir, SMALL);
    sims.push(small);
    const total = await totalOf(pkg, large);
    const byClient = () => timed(() => walkClient(pkg, large), total);
    const byHand = () => timed(() => walkByHand(pkg, large), total);
    const byStub = () => timed(() => walkByStub(pkg, large), total);
    // Warm-up: every page once by each (the simulator caches its answers, so every measured walk
    // reads them at the same cost), and the small simulator's for the memory runs.
    const smallTotal = await totalOf(pkg, small);
    await byHand();
    await byClient();
    await timed(() => walkByHand(pkg, small), smallTotal);
    const client: number[] = [];
    const hand: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < PAIRS; i++) {
      let c: number;
      let h: number;
      if (i % 2 === 0) {
        c = await byClient();
        h = await byHand();
      } else {
        h = await byHand();
        c = await byClient();
      }
      client.push(c);
      hand.push(h);
      ratios.push(c / h);
    }
    const ratio = median(ratios);
    const stub: number[] = [];
    for (let i = 0; i < PAIRS; i++) stub.push(await byStub());
    const walker = join(import.meta.dirname, "query-walk.js");
    const memory = (sim: BenchSimulator) =>
      measureProcess(
        process.execPath,
        [walker, packageDir, sim.url, sim.token],
        1,
        packageDir,
      );
    const small10k = memory(small);
    const large100k = memory(large);
    if (
      Number(small10k.lastLine) !== smallTotal ||
      Number(large100k.lastLine) !== total
    )
      throw new Error(
        `the walker read ${small10k.lastLine} and ${large100k.lastLine} records`,
      );
    const growth = large100k.peakMegabytes / small10k.peakMegabytes;
    const rate = (n: number) =>
      `${Math.round(n).toLocaleString("en-US")} records/s`;
    const count = (n: number) => n.toLocaleString("en-US");
    return [
      `## The query service's client: ${count(total)} VM records in pages of ${PAGE} from the simulator seeded at scale (a child process; ${PAIRS} run of each)`,
      `queryAll                         ${rate(median(client))}`,
      `fetch + fromXml by hand          ${rate(median(hand))}`,
      `getQuery stub page by page       ${rate(median(stub))}  (the client's calls alone, no read-ahead)`,
      `queryAll / by hand               ${ratio.toFixed(2)}x  ${checkTarget("queryAll records/s against fetch + fromXml by hand", ratio, ">=", 0.9, (n) => `${n.toFixed(2)}x`)}`,
      `peak memory (max RSS of a child walking them with queryAll), ${count(smallTotal)} records   ${small10k.peakMegabytes.toFixed(1)} MB`,
      `peak memory, ${count(total)} records                                                  ${large100k.peakMegabytes.toFixed(1)} MB`,
      `peak memory, ${count(total)} against ${count(smallTotal)}  ${growth.toFixed(3)}x  ${checkTarget(`queryAll peak memory, ${count(TOTAL)} VMs against ${count(SMALL)}`, growth, "<=", 1.1, (n) => `${n.toFixed(3)}x`)}`,
    ];
  } finally {
    for (const sim of sims) await sim.close();
  }
}
