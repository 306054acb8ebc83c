/**
 * The query service's client (`BENCH_ONLY=query`): 100,000 VM records in pages of 128, walked with
 * the generated `queryAll` against a hand-written loop of `fetch` + `fromXml` over the same pages
 * (following the same `nextPage` links), from the simulator seeded at scale in a child process
 * (bench/query-simulator.ts); runs of both alternate, and the ratio is the median of the pairs'.
 * The `getQuery` stub page by page (no read-ahead) shows what the client's calls cost alone. Then
 * the client's peak memory (maximum RSS of a child process walking 10,000 and 100,000 records
 * with `queryAll`, bench/query-walk.ts), beside the peer's own in the same child, and what
 * `queryAll` still holds (the heap after a full collection every 100 pages, `--expose-gc`): flat
 * if it holds no more than its two pages. The peak grows with the walk's length where the held
 * heap does not, in the peer's walk as in queryAll's: each `fetch` leaves undici objects that are
 * `WeakRef` or `FinalizationRegistry` targets (the Response, its body stream, the Request's
 * AbortController), which V8's scavenger keeps until a mark-compact; promoted, they fill the old
 * generation, and their survivals make V8 double the young generation (at about 110 pages). A walk
 * of 10,000 records (79 pages) ends before either (README, The query service).
 */
import { join } from "node:path";
import { loadPackage } from "./generated-package.js";
import { measureProcess } from "./measure-process.js";
import { walkByHand } from "./query-by-hand.js";
import { startBenchSimulator, type BenchSimulator } from "./query-simulator.js";
import { checkTarget, median } from "./targets.js";

/** The VMs seeded (`BENCH_QUERY_VMS`, default 100,000), and a tenth of them for the memory comparison. */
const TOTAL = Number(process.env.BENCH_QUERY_VMS ?? 100_000);
const SMALL = Math.max(1, Math.round(TOTAL / 10));
const PAGE = 128;
/** Alternating runs of each (one: the simulator takes most of a walk's time at this scale). */
const PAIRS = 1;

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
    const byHand = () =>
      timed(() => walkByHand(pkg, large.url, large.token, PAGE), total);
    const byStub = () => timed(() => walkByStub(pkg, large), total);
    // Warm-up: every page once by each (the simulator caches its answers, so every measured walk
    // reads them at the same cost), and the small simulator's for the memory runs.
    const smallTotal = await totalOf(pkg, small);
    await byHand();
    await byClient();
    await timed(
      () => walkByHand(pkg, small.url, small.token, PAGE),
      smallTotal,
    );
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
    const memory = (
      sim: BenchSimulator,
      mode: "queryAll" | "by-hand",
      expected: number,
      flags: readonly string[] = [],
      samples?: number,
    ) => {
      const measured = measureProcess(
        process.execPath,
        [
          ...flags,
          walker,
          packageDir,
          sim.url,
          sim.token,
          mode,
          ...(samples ? [String(samples)] : []),
        ],
        1,
        packageDir,
      );
      if (Number(measured.lastLine) !== expected)
        throw new Error(
          `the ${mode} walker read ${measured.lastLine} records, not ${expected}`,
        );
      return measured;
    };
    const small10k = memory(small, "queryAll", smallTotal);
    const large100k = memory(large, "queryAll", total);
    const growth = large100k.peakMegabytes / small10k.peakMegabytes;
    const handSmall = memory(small, "by-hand", smallTotal);
    const handLarge = memory(large, "by-hand", total);
    const handGrowth = handLarge.peakMegabytes / handSmall.peakMegabytes;
    // What queryAll still holds: the heap after a full collection, every 100 pages.
    const held = heldSamples(
      memory(large, "queryAll", total, ["--expose-gc"], 100).stderr[0] ?? "",
    );
    const heldFirst = held[0]!;
    const heldMost = Math.max(...held.map((h) => h.heapUsed));
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
      `the peer's own (fetch + fromXml by hand in a child): ${count(smallTotal)} records ${handSmall.peakMegabytes.toFixed(1)} MB, ${count(total)} records ${handLarge.peakMegabytes.toFixed(1)} MB, ${handGrowth.toFixed(3)}x`,
      `held by queryAll (heap used after a full GC, --expose-gc, every 100 pages of ${count(total)}): ${mb(heldFirst.heapUsed)} MB at page ${heldFirst.pages}, at most ${mb(heldMost)} MB, ${(heldMost / heldFirst.heapUsed).toFixed(3)}x`,
    ];
  } finally {
    for (const sim of sims) await sim.close();
  }
}

interface HeldSample {
  readonly pages: number;
  readonly rss: number;
  readonly heapUsed: number;
}

/** The walker's `sample` lines (bench/query-walk.ts). */
function heldSamples(stderr: string): HeldSample[] {
  const samples = stderr
    .split("\n")
    .filter((line) => line.startsWith("sample "))
    .map((line) => {
      const [, pages, rss, , heapUsed] = line.split(" ").map(Number);
      return { pages: pages!, rss: rss!, heapUsed: heapUsed! };
    });
  if (!samples.length) throw new Error("the walker printed no samples");
  return samples;
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
