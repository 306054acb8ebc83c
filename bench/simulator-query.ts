/**
 * The simulator's query service at scale (`BENCH_ONLY=simulator-query`): the generated package's
 * simulator seeded with 10,000 and then 100,000 vApps (`scale`, built straight into the store), the
 * time of one page of about 128 records as the client sees it over HTTP on 127.0.0.1 (median of a
 * few after one not counted; each run asks a page size of its own, 129 down to 118, so that none is answered from the
 * simulator's response cache of GETs):
 * unfiltered (first and a middle page), filtered with a wildcard and sorted, filtered on a typed
 * attribute and sorted by a date. Targets: a page of 128 at 100,000 vApps under 20 ms, and the
 * filtered and sorted pages no more than linear in the store's size (100,000 against 10,000: at
 * most 12x, near the 10x of linear; the peer is the same query on the smaller store).
 */
import { loadSimulator } from "./generated-package.js";
import { checkTarget, median } from "./targets.js";

const ACCEPT = "application/*+xml;version=30.0";
const SIZES = [10_000, 100_000] as const;
const RUNS = 11;

const QUERIES: readonly { readonly name: string; readonly query: string }[] = [
  { name: "page 1, no filter", query: "type=vApp" },
  { name: "a middle page, no filter", query: "type=vApp&page=40" },
  {
    name: "wildcard filter, sortDesc=name",
    query: "type=vApp&filter=name==scale-vapp-*5&sortDesc=name",
  },
  {
    name: "status and isDeployed, sortAsc=creationDate",
    query:
      "type=vApp&filter=status==POWERED_ON;isDeployed==true&sortAsc=creationDate",
  },
  {
    name: "vm records, sortAsc=name, idrecords",
    query: "type=vm&sortAsc=name&format=idrecords",
  },
];

interface Startable {
  startSimulator(options: {
    port: number;
    scale: { vapps: number; vmsPerVApp: number };
  }): Promise<{
    url: string;
    users: readonly { org: string; name: string; password: string }[];
    close(): Promise<void>;
  }>;
}

export async function benchSimulatorQuery(
  packageDir: string,
): Promise<string[]> {
  const lines = [
    "## The simulator's query service at scale (ms per page of 128, median of " +
      `${RUNS}, HTTP on 127.0.0.1, one VM per vApp)`,
  ];
  const times = new Map<string, number[]>();
  const { startSimulator } = (await loadSimulator(
    packageDir,
  )) as unknown as Startable;
  for (const vapps of SIZES) {
    const seeding = performance.now();
    const sim = await startSimulator({
      port: 0,
      scale: { vapps, vmsPerVApp: 1 },
    });
    lines.push(
      `- ${vapps} vApps seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );
    try {
      const user = sim.users.find((u) => u.name === "acme-admin")!;
      const login = await fetch(`${sim.url}/sessions`, {
        method: "POST",
        headers: {
          Accept: ACCEPT,
          Authorization: `Basic ${Buffer.from(`${user.name}@${user.org}:${user.password}`).toString("base64")}`,
        },
        signal: AbortSignal.timeout(10_000),
      });
      const headers = {
        Accept: ACCEPT,
        "x-vcloud-authorization": login.headers.get("x-vcloud-authorization")!,
      };
      for (const q of QUERIES) {
        const ms: number[] = [];
        // One run more than measured: the first (pageSize 129) warms the code up, not counted.
        for (let i = -1; i < RUNS; i++) {
          const start = performance.now();
          const r = await fetch(
            `${sim.url}/query?${q.query}&pageSize=${128 - i}`,
            {
              headers,
              signal: AbortSignal.timeout(60_000),
            },
          );
          const text = await r.text();
          if (i >= 0) ms.push(performance.now() - start);
          if (r.status !== 200)
            throw new Error(`${q.query}: ${r.status} ${text.slice(0, 400)}`);
        }
        times.set(`${q.name}@${vapps}`, ms);
      }
    } finally {
      await sim.close();
    }
  }
  for (const q of QUERIES) {
    const small = median(times.get(`${q.name}@${SIZES[0]}`)!);
    const large = median(times.get(`${q.name}@${SIZES[1]}`)!);
    const ratio = large / small;
    lines.push(
      `- ${q.name}: ${small.toFixed(1)} ms at 10,000, ${large.toFixed(1)} ms at 100,000 ` +
        `(${ratio.toFixed(1)}x the 10,000 peer; ${checkTarget(`simulator query, ${q.name}: ratio 100,000/10,000 vApps`, ratio, "<=", 12, (n) => `${n.toFixed(1)}x`)})` +
        (q.name.startsWith("page 1")
          ? `; ${checkTarget("simulator query: a page of 128 at 100,000 vApps (ms)", large, "<=", 20, (n) => `${n.toFixed(1)} ms`)}`
          : ""),
    );
  }
  return lines;
}
