/**
 * The query service's client (`BENCH_ONLY=query`): 100,000 VM records in pages of 128, walked with
 * the generated `queryAll` against a hand-written loop of `fetch` + `fromXml` over the same pages
 * (following the same `nextPage` links), from a page server in a child process
 * (bench/query-page-server.ts); runs of both alternate, and the ratio is the median of the pairs'.
 * Then the client's peak memory (maximum RSS of a child process walking 10,000 and 100,000
 * records with `queryAll`): flat if it holds no more than its two pages.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ResolvedOptions } from "../generator/config/options.js";
import { loadPackage } from "./generated-package.js";
import { measureProcess } from "./measure-process.js";
import { startPageServer, type PageServer } from "./query-page-server.js";
import { checkTarget, median } from "./targets.js";
import { samplesDir } from "./xml-throughput.js";

const VM_SAMPLE = "libcloud-vcloud_1_5/api_query_vm.xml";
const TOTAL = 100_000;
const SMALL = 10_000;
const PAGE = 128;
const PAIRS = 3;
const ACCEPT = "application/*+xml;version=30.0";

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
    ): Promise<{
      value: { Record?: unknown[]; Link?: { rel: string; href: string }[] };
    }>;
  };
  fromXml(xml: string): {
    element: string;
    value: {
      Record?: unknown[];
      Link?: { rel: string; href: string }[];
    };
  };
}

/** The sample's VMRecord, in the default namespace, numbered by `{i}` in its name and href. */
function vmRecord(options: ResolvedOptions): string {
  const text = readFileSync(join(samplesDir(options), VM_SAMPLE), "utf8");
  const record = /<ns0:VMRecord\s[^>]*\/>/.exec(text)?.[0];
  if (!record) throw new Error(`${VM_SAMPLE} has no VMRecord`);
  return record
    .replace("<ns0:VMRecord", "<VMRecord")
    .replace(/ name="[^"]*"/, ' name="vm-{i}"')
    .replace(
      / href="[^"]*"/,
      ' href="https://vcd.example.com/api/vApp/vm-{i}"',
    );
}

async function walkClient(
  pkg: QueryBenchPackage,
  origin: string,
): Promise<number> {
  const client = pkg.createClient({
    baseUrl: `${origin}/api`,
    timeout: 60_000,
  });
  client.resume("bench-token");
  let count = 0;
  for await (const record of pkg.queryAll(client, "vm", { pageSize: PAGE }))
    if (record) count++;
  return count;
}

/** The `getQuery` stub page after page, without queryAll: what the client's calls cost alone. */
async function walkByStub(
  pkg: QueryBenchPackage,
  origin: string,
): Promise<number> {
  const client = pkg.createClient({
    baseUrl: `${origin}/api`,
    timeout: 60_000,
  });
  client.resume("bench-token");
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
  origin: string,
): Promise<number> {
  let url: string | undefined =
    `${origin}/api/query?type=vm&pageSize=${PAGE}&format=records`;
  let count = 0;
  while (url) {
    const response = await fetch(url, {
      headers: {
        Accept: ACCEPT,
        "X-VMWARE-VCLOUD-ACCESS-TOKEN": "bench-token",
      },
    });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const page = pkg.fromXml(await response.text());
    for (const record of page.value.Record ?? []) if (record) count++;
    url = page.value.Link?.find((l) => l.rel === "nextPage")?.href;
  }
  return count;
}

async function timed(walk: () => Promise<number>): Promise<number> {
  const start = performance.now();
  const count = await walk();
  if (count !== TOTAL) throw new Error(`walked ${count} records, not ${TOTAL}`);
  return count / ((performance.now() - start) / 1000);
}

export async function benchQuery(
  options: ResolvedOptions,
  packageDir: string,
): Promise<string[]> {
  const pkg = (await loadPackage(packageDir)) as unknown as QueryBenchPackage;
  const record = vmRecord(options);
  const servers: PageServer[] = [];
  try {
    const large = await startPageServer({ record, total: TOTAL });
    servers.push(large);
    const small = await startPageServer({ record, total: SMALL });
    servers.push(small);
    // Warm up both, then alternate.
    await walkClient(pkg, large.origin);
    await walkByHand(pkg, large.origin);
    const client: number[] = [];
    const hand: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < PAIRS; i++) {
      const byClient = () => timed(() => walkClient(pkg, large.origin));
      const byHand = () => timed(() => walkByHand(pkg, large.origin));
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
    for (let i = 0; i < PAIRS; i++)
      stub.push(await timed(() => walkByStub(pkg, large.origin)));
    const walker = join(import.meta.dirname, "query-walk.js");
    const memory = (server: PageServer) =>
      measureProcess(
        process.execPath,
        [walker, packageDir, server.origin],
        3,
        packageDir,
      );
    const small10k = memory(small);
    const large100k = memory(large);
    if (
      Number(small10k.lastLine) !== SMALL ||
      Number(large100k.lastLine) !== TOTAL
    )
      throw new Error(
        `the walker read ${small10k.lastLine} and ${large100k.lastLine} records`,
      );
    const growth = large100k.peakMegabytes / small10k.peakMegabytes;
    const rate = (n: number) =>
      `${Math.round(n).toLocaleString("en-US")} records/s`;
    return [
      `## The query service's client: ${TOTAL.toLocaleString("en-US")} VM records in pages of ${PAGE} (median of ${PAIRS} alternating runs; pages from a loopback server in a child process)`,
      `queryAll                         ${rate(median(client))}`,
      `fetch + fromXml by hand          ${rate(median(hand))}`,
      `getQuery stub page by page       ${rate(median(stub))}  (the client's calls alone, no read-ahead: where the gap is)`,
      `queryAll / by hand               ${ratio.toFixed(2)}x  ${checkTarget("queryAll records/s against fetch + fromXml by hand", ratio, ">=", 0.9, (n) => `${n.toFixed(2)}x`)}`,
      `peak memory (max RSS of a child walking them), ${SMALL.toLocaleString("en-US")} records   ${small10k.peakMegabytes.toFixed(1)} MB`,
      `peak memory, ${TOTAL.toLocaleString("en-US")} records                                   ${large100k.peakMegabytes.toFixed(1)} MB`,
      `100,000 / 10,000 peak memory     ${growth.toFixed(3)}x  ${checkTarget("queryAll peak memory, 100,000 records against 10,000", growth, "<=", 1.1, (n) => `${n.toFixed(3)}x`)}`,
    ];
  } finally {
    for (const server of servers) await server.close();
  }
}
