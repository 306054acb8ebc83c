/**
 * `queryAll` against the simulator, with every request it sends counted by a middleware: it walks
 * every page to the end (the same records, in order, as one large page), reads exactly one page
 * ahead (never more than two pages asked for beyond those handed out), and stops on `break` or
 * on its `AbortSignal` without asking for more.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../runtime/client/client.js";
import type { Simulator } from "../../simulator/binding.js";
import {
  loadQueryPackage,
  seedWithUsers,
  systemAdmin,
  type QueryPackage,
} from "../helpers/query-package.js";

let pkg: QueryPackage;
let sim: Simulator;
let client: VcdClient;
/** The URLs of the query requests sent so far. */
const sent: string[] = [];
const PAGE = 4;

beforeAll(async () => {
  pkg = await loadQueryPackage();
  sim = await pkg.startSimulator({ seed: seedWithUsers(30) });
  client = pkg.createClient({
    baseUrl: sim.url,
    timeout: 5_000,
    middleware: [
      {
        onRequest({ request }: { request: Request }) {
          if (new URL(request.url).pathname.endsWith("/query"))
            sent.push(request.url);
        },
      },
    ],
  });
  await client.login(systemAdmin(sim));
});
afterAll(async () => {
  await sim?.close();
});

const options = { sortAsc: "name", pageSize: PAGE };
const settle = () => new Promise((r) => setTimeout(r, 100));

describe("queryAll", () => {
  it("walks every page to the end: the records of one large page, in order, one request a page", async () => {
    const whole = await pkg.query(client, "user", {
      sortAsc: "name",
      pageSize: 128,
    });
    const expected = (whole.value.Record ?? []).map((r) => r.name);
    expect(expected.length).toBeGreaterThan(30);
    sent.length = 0;
    const seen: unknown[] = [];
    for await (const record of pkg.queryAll(client, "user", options)) {
      expect(record.$element).toBe("vcloud:UserRecord");
      seen.push(record.name);
    }
    expect(seen).toEqual(expected);
    expect(sent.length).toBe(Math.ceil(expected.length / PAGE));
    // The pages after the first follow the nextPage links: page=2, 3, ...
    expect(
      sent.slice(1).map((u) => new URL(u).searchParams.get("page")),
    ).toEqual(Array.from({ length: sent.length - 1 }, (_, i) => String(i + 2)));
  });

  it("reads one page ahead, never more: while page n is handed out, pages up to n+1 are asked for", async () => {
    sent.length = 0;
    let i = 0;
    let sawAhead = false;
    for await (const record of pkg.queryAll(client, "user", options)) {
      void record;
      const page = Math.floor(i / PAGE) + 1;
      // Give a read-ahead time to be sent: it still may not pass page n+1.
      await settle();
      expect(sent.length).toBeLessThanOrEqual(page + 1);
      if (sent.length === page + 1) sawAhead = true;
      if (++i === 3 * PAGE) break;
    }
    expect(sawAhead).toBe(true);
  });

  it("break after the first record: the first page and the one read ahead, and nothing after", async () => {
    sent.length = 0;
    for await (const record of pkg.queryAll(client, "user", options)) {
      void record;
      break;
    }
    await settle();
    expect(sent.length).toBeLessThanOrEqual(2);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    const after = sent.length;
    await settle();
    expect(sent.length).toBe(after);
  });

  it("break in the third page: at most four requests", async () => {
    sent.length = 0;
    let i = 0;
    for await (const record of pkg.queryAll(client, "user", options)) {
      void record;
      if (++i === 2 * PAGE + 2) break;
    }
    await settle();
    expect(sent.length).toBeLessThanOrEqual(4);
    expect(sent.length).toBeGreaterThanOrEqual(3);
  });

  it("stops with a VcdAbortError when its signal aborts, and asks for no more pages", async () => {
    sent.length = 0;
    const controller = new AbortController();
    let i = 0;
    const walk = async () => {
      for await (const record of pkg.queryAll(client, "user", {
        ...options,
        signal: controller.signal,
      })) {
        void record;
        if (++i === PAGE + 1) controller.abort();
      }
    };
    await expect(walk()).rejects.toMatchObject({ name: "VcdAbortError" });
    expect(i).toBe(PAGE + 1);
    await settle();
    expect(sent.length).toBeLessThanOrEqual(3);
  });

  it("takes the call's retry to every page: a 503 in the middle of a walk is sent again, not the walk's end", async () => {
    const names: unknown[] = [];
    let failed = false;
    const retry = { baseDelay: 1, attempts: 3 };
    for await (const record of pkg.queryAll(client, "user", {
      ...options,
      retry,
    })) {
      names.push(record.name);
      // The next page (read ahead) and its retry: the load balancer answers 503 once.
      if (!failed) {
        failed = true;
        sim.failNextRequests(1, 503);
      }
    }
    expect(names.length).toBeGreaterThan(30);
    // Without the retry, the same walk ends at that 503.
    sim.failNextRequests(0, 503);
    const again = async () => {
      let first = true;
      for await (const _ of pkg.queryAll(client, "user", options)) {
        if (first) {
          first = false;
          sim.failNextRequests(1, 503);
        }
      }
    };
    await expect(again()).rejects.toMatchObject({ status: 503 });
  });

  it("iterates references in format references", async () => {
    const refs: unknown[] = [];
    for await (const ref of pkg.queryAll(client, "user", {
      ...options,
      format: "references",
    }))
      refs.push(ref.$element);
    expect(refs.length).toBeGreaterThan(30);
    expect(new Set(refs)).toEqual(new Set(["vcloud:UserReference"]));
  });
});
