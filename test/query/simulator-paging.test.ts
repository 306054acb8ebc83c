/**
 * Paging at scale, with raw HTTP: 300 vApps seeded at scale walked by following nextPage links in
 * pages of 128 to the last (each vApp once, in the sorted order, total exact on every page), the
 * default page size (25), vCD's maximum page size (128: a larger pageSize is answered with pages of
 * 128), the firstPage/previousPage/lastPage links, filtered totals, bad page values refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { startSeeded, sessionOf } from "../simulator/helpers/seeded.js";
import {
  link,
  type Entity,
  type UserSession,
} from "../simulator/helpers/session.js";
import { expectAllValid } from "../simulator/helpers/valid-bodies.js";

const RECORDS = "application/vnd.vmware.vcloud.query.records+xml";
let sim: Simulator;
let pkg: GeneratedPackage;
let admin: UserSession;

type Page = Entity & {
  total: string;
  page: number;
  pageSize: number;
  Record?: (Record<string, unknown> & { $element: string })[];
};
const get = (path: string) => admin.get(path) as Promise<Page>;
const rels = (p: Page) =>
  (p.Link ?? [])
    .filter((l) => l.type === RECORDS)
    .map((l) => l.rel)
    .sort();

beforeAll(async () => {
  ({ sim, pkg } = await startSeeded({
    recordBodies: true,
    scale: { vapps: 300 },
  }));
  admin = await sessionOf(sim, pkg, "acme-admin");
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

describe("paging", () => {
  it("follows nextPage to the end: every vApp once, sorted, the total on every page", async () => {
    const seen: string[] = [];
    let page = await get("/query?type=vApp&pageSize=128&sortDesc=name");
    const pages: number[] = [];
    for (let i = 0; i < 10; i++) {
      expect(page.total).toBe("300");
      expect(page.pageSize).toBe(128);
      pages.push(page.page);
      seen.push(...page.Record!.map((r) => r.name as string));
      const next = page.Link!.find((l) => l.rel === "nextPage");
      if (!next) break;
      page = await get(next.href);
    }
    expect(pages).toEqual([1, 2, 3]);
    expect(seen).toHaveLength(300);
    expect(new Set(seen).size).toBe(300);
    expect(seen[0]).toBe("scale-vapp-000300");
    expect(seen).toEqual([...seen].sort().reverse());
    expect(page.Record).toHaveLength(300 - 256);
    expect(rels(page)).toEqual(["firstPage", "previousPage"]);
    expect((await get(link(page, "firstPage").href)).page).toBe(1);
    expect((await get(link(page, "previousPage").href)).page).toBe(2);
  });

  it("25 by default; at most 128, a larger pageSize answered in pages of 128", async () => {
    const first = await get("/query?type=vApp");
    expect(first.pageSize).toBe(25);
    expect(first.Record).toHaveLength(25);
    expect(rels(first)).toEqual(["lastPage", "nextPage"]);
    expect((await get(link(first, "lastPage").href)).page).toBe(12);
    const large = await get("/query?type=vApp&pageSize=1000");
    expect(large.pageSize).toBe(128);
    expect(large.Record).toHaveLength(128);
    expect(link(large, "nextPage").href).toContain("pageSize=128");
  });

  it("a filtered query counts and pages what matches", async () => {
    const on = await get(
      "/query?type=vApp&pageSize=100&filter=status==POWERED_ON&page=2",
    );
    expect(on.total).toBe("150");
    expect(on.Record).toHaveLength(50);
    expect(on.Record!.every((r) => r.status === "POWERED_ON")).toBe(true);
    expect(link(on, "previousPage").href).toContain(
      "filter=status%3D%3DPOWERED_ON",
    );
  });

  it("refuses a page or pageSize that is not a whole number of at least 1 (400)", async () => {
    for (const q of ["page=0", "pageSize=0", "page=two", "pageSize=-5"]) {
      const r = await admin.send("GET", `/query?type=vApp&${q}`);
      expect(r.status, q).toBe(400);
      expect(r.element).toBe("vcloud:Error");
    }
  });

  it("sends only schema-valid bodies (package validate and libxml2)", async () => {
    await expectAllValid(pkg, sim.sentBodies!);
  }, 60_000);
});
