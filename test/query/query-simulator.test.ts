/**
 * `query` against the simulator: every query type it keeps, in every format, typed by the map (the
 * root and each record's element are those of the type; the simulator's own table of types agrees
 * with the generated map), the bodies it sent valid for libxml2; filters with every operator, sort,
 * fields (the records carry only those attributes and href), paging parameters; errors typed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../runtime/client/client.js";
import type { Simulator } from "../../simulator/binding.js";
import { KEPT_QUERY_TYPES as SIMULATOR_TYPES } from "../../simulator/query/index.js";
import { loadPackage } from "../helpers/generated-packages.js";
import { validateWithLibxml2 } from "../helpers/libxml2.js";
import {
  loadQueryPackage,
  ODD_CATALOGS,
  seedWithUsers,
  systemAdmin,
  userName,
  type Page,
  type QueryPackage,
} from "../helpers/query-package.js";

let pkg: QueryPackage;
let sim: Simulator;
let client: VcdClient;
const USERS = 12;

beforeAll(async () => {
  pkg = await loadQueryPackage();
  sim = await pkg.startSimulator({
    seed: seedWithUsers(USERS),
    recordBodies: true,
  });
  client = pkg.createClient({ baseUrl: sim.url, timeout: 5_000 });
  await client.login(systemAdmin(sim));
});
afterAll(async () => {
  await sim?.close();
});

const names = (page: { value: { Record?: Record<string, unknown>[] } }) =>
  (page.value.Record ?? []).map((r) => r.name as string);

describe("every query type the simulator keeps", () => {
  it("is in the generated map, with the same record and references elements", () => {
    expect(SIMULATOR_TYPES.length).toBeGreaterThanOrEqual(19);
    for (const t of SIMULATOR_TYPES) {
      const info = pkg.QUERY_TYPES[t.name];
      expect(info, t.name).toBeDefined();
      expect(info!.record, t.name).toBe(t.record);
      if (info!.references) expect(info!.references, t.name).toBe(t.references);
    }
  });

  it("answers each format as typed: records of its record element, references of its root; libxml2 finds every body valid", async () => {
    const { schema } = await loadPackage("30.0");
    const before = sim.sentBodies.length;
    let records = 0;
    for (const t of SIMULATOR_TYPES) {
      const info = pkg.QUERY_TYPES[t.name]!;
      for (const format of ["records", "idrecords"]) {
        const page = await pkg.query(client, t.name, { format, pageSize: 128 });
        expect(page.element, `${t.name} ${format}`).toBe(
          "vcloud:QueryResultRecords",
        );
        for (const record of page.value.Record ?? []) {
          expect(record.$element).toBe(info.record);
          records++;
        }
        if (format === "idrecords")
          for (const record of page.value.Record ?? [])
            expect(String(record.id ?? "urn:"), t.name).toMatch(/^urn:/);
      }
      const refs = await pkg.query(client, t.name, { format: "references" });
      // a record without references of its own in the set (resourcePool at 30.0): vcloud:References
      const own = t.references in schema.elements;
      expect(refs.element, t.name).toBe(
        own ? t.references : "vcloud:References",
      );
      for (const ref of refs.value.Reference ?? [])
        expect(ref.$element, t.name).toBe(
          own ? t.reference : "vcloud:Reference",
        );
    }
    expect(records).toBeGreaterThan(20);
    const bodies = sim.sentBodies
      .slice(before)
      .map((b, i) => ({ name: `query-${i}.xml`, xml: b.body }));
    expect(bodies.length).toBe(SIMULATOR_TYPES.length * 3);
    const verdicts = await validateWithLibxml2(bodies);
    expect(
      bodies.map((b) => verdicts.get(b.name)!.errors[0]).filter(Boolean),
    ).toEqual([]);
  }, 60_000);

  it("reads a page the bare client way too (the getQuery stub carries the schemas)", async () => {
    const bare = pkg.createBareClient({ baseUrl: sim.url, timeout: 5_000 });
    await bare.login(systemAdmin(sim));
    const page = await pkg.query(bare, "user", {
      filter: pkg.where.eq("name", "u01"),
    });
    expect(names(page)).toEqual(["u01"]);
  });
});

describe("a packaged query", () => {
  it("takes a built filter and sort, and answers the records of its query type", async () => {
    const api = (
      pkg as unknown as {
        api: Record<string, (...a: unknown[]) => Promise<Page>>;
      }
    ).api;
    const page = await api.getCatalogsQuery!(
      client,
      {},
      {
        query: { filter: pkg.where.eq("name", "acme-*"), sortAsc: "name" },
      },
    );
    expect(page.element).toBe("vcloud:QueryResultRecords");
    expect(names(page)).toEqual(["acme-catalog"]);
    expect(page.value.Record![0]!.$element).toBe(
      pkg.QUERY_TYPES.catalog!.record,
    );
  });
});

describe("filters, sent to the simulator", () => {
  const q = async (filter: unknown, extra: Record<string, unknown> = {}) =>
    names(
      await pkg.query(client, "user", {
        filter,
        sortAsc: "name",
        pageSize: 128,
        ...extra,
      }),
    ).filter((n) => /^u\d\d$/.test(n));

  it("== with a wildcard, and !=", async () => {
    const w = pkg.where;
    expect(await q(w.eq("name", "u1*"))).toEqual(["u10", "u11", "u12"]);
    expect((await q(w.ne("name", "u01"))).length).toBe(USERS - 1);
  });

  it("the four comparisons, on a number (vCD compares numbers and dates only)", async () => {
    const w = pkg.where;
    const catalogs = async (filter?: unknown) => {
      const page = await pkg.query(client, "catalog", {
        ...(filter ? { filter } : {}),
        sortAsc: "name",
        pageSize: 128,
      });
      return (page.value.Record ?? []).map(
        (r) => [r.name, Number(r.numberOfVAppTemplates)] as const,
      );
    };
    const all = await catalogs();
    const named = (keep: (n: number) => boolean) =>
      all.filter(([, n]) => keep(n)).map(([name]) => name);
    const got = async (filter: unknown) =>
      (await catalogs(filter)).map(([name]) => name);
    expect(named((n) => n >= 1).length).toBeGreaterThan(0);
    expect(await got(w.lt("numberOfVAppTemplates", 1))).toEqual(
      named((n) => n < 1),
    );
    expect(await got(w.le("numberOfVAppTemplates", 0))).toEqual(
      named((n) => n <= 0),
    );
    expect(await got(w.gt("numberOfVAppTemplates", 0))).toEqual(
      named((n) => n > 0),
    );
    expect(await got(w.ge("numberOfVAppTemplates", 1))).toEqual(
      named((n) => n >= 1),
    );
  });

  it("and, or, and an or inside an and (grouped in parentheses)", async () => {
    const w = pkg.where;
    expect(await q(w.eq("name", "u1*").and(w.ne("name", "u11")))).toEqual([
      "u10",
      "u12",
    ]);
    expect(await q(w.eq("name", "u01").or(w.eq("name", "u12")))).toEqual([
      "u01",
      "u12",
    ]);
    const either = w.eq("name", "u02").or(w.eq("name", "u11"));
    const grouped = either.and(w.eq("fullName", "User 1*"));
    expect(grouped.text).toBe("(name==u02,name==u11);fullName==User 1*");
    expect(await q(grouped)).toEqual(["u11"]);
    expect(await q(w.any(w.eq("name", "u05"), w.eq("name", "u06")))).toEqual([
      "u05",
      "u06",
    ]);
  });

  it("escapes ( ) , ; and \\ in a value: a name with them in it matches itself only", async () => {
    for (const name of ODD_CATALOGS) {
      const page = await pkg.query(client, "catalog", {
        filter: pkg.where.eq("name", name),
      });
      expect(names(page), name).toEqual([name]);
    }
    const either = pkg.where
      .eq("name", ODD_CATALOGS[0]!)
      .or(pkg.where.eq("name", ODD_CATALOGS[2]!));
    const page = await pkg.query(client, "catalog", {
      filter: either,
      sortAsc: "name",
    });
    expect(names(page).sort()).toEqual(
      [ODD_CATALOGS[0], ODD_CATALOGS[2]].sort(),
    );
  });

  it("a raw filter string goes as it is", async () => {
    expect(await q("name==u07")).toEqual(["u07"]);
  });

  it("sortDesc, fields (records carry only those attributes and href), pageSize, page", async () => {
    const page = await pkg.query(client, "user", {
      filter: pkg.where.eq("name", "u*"),
      sortDesc: "name",
      fields: ["name", "fullName"],
      pageSize: 5,
      page: 2,
    });
    expect(page.value.page).toBe(2);
    expect(page.value.pageSize).toBe(5);
    expect(page.value.total).toBe(String(USERS)); // xs:long: a string, as the runtime reads longs
    // Descending, the second page of five: u07 down to u03.
    expect(names(page)).toEqual([7, 6, 5, 4, 3].map(userName));
    for (const record of page.value.Record!) {
      const keys = Object.keys(record).filter((k) => !k.startsWith("$"));
      expect(keys.sort()).toEqual(["fullName", "href", "name"]);
    }
  });

  it("a packaged query's fields (a list) goes comma-separated, and narrows its records alike", async () => {
    const page = await pkg.api.getUsersQuery(
      client,
      {},
      {
        query: {
          filter: pkg.where.eq("name", "u0*"),
          sortAsc: "name",
          fields: ["name", "fullName"],
          pageSize: 3,
        },
      },
    );
    expect(new URL(page.url).searchParams.get("fields")).toBe("name,fullName");
    expect(names(page)).toEqual([1, 2, 3].map(userName));
    for (const record of page.value.Record!) {
      const keys = Object.keys(record).filter((k) => !k.startsWith("$"));
      expect(keys.sort()).toEqual(["fullName", "href", "name"]);
    }
    const whole = await pkg.api.getUsersQuery(
      client,
      {},
      { query: { filter: "name==u01" } },
    );
    // Without fields, the record has more than those.
    expect(Object.keys(whole.value.Record![0]!).length).toBeGreaterThan(4);
  });

  it("the extension's vapps and orgVdcs queries answer the adminVApp and adminOrgVdc records their stubs are typed by", async () => {
    // A simulator of its own with three vApps (the default seed has none).
    const scaled = await pkg.startSimulator({
      scale: { vapps: 3, vmsPerVApp: 1 },
    });
    try {
      const admin = pkg.createClient({ baseUrl: scaled.url, timeout: 5_000 });
      await admin.login(systemAdmin(scaled));
      const vapps = await pkg.api.getVappsQuery(
        admin,
        {},
        { query: { fields: ["name"] } },
      );
      expect(vapps.value.Record?.length).toBeGreaterThanOrEqual(3);
      for (const record of vapps.value.Record!) {
        expect(record.$element).toBe(pkg.QUERY_TYPES.adminVApp!.record);
        const keys = Object.keys(record).filter((k) => !k.startsWith("$"));
        expect(keys.sort()).toEqual(["href", "name"]);
      }
      const vdcs = await pkg.api.getOrgVdcsQuery(admin);
      expect(vdcs.value.Record?.length).toBeGreaterThan(0);
      for (const record of vdcs.value.Record!)
        expect(record.$element).toBe(pkg.QUERY_TYPES.adminOrgVdc!.record);
    } finally {
      await scaled.close();
    }
  });

  it("a filter on an attribute the record type lacks is vCD's 400, a VcdApiError", async () => {
    await expect(
      pkg.query(client, "user", { filter: pkg.where.eq("nonesuch", "x") }),
    ).rejects.toMatchObject({ name: "VcdApiError", status: 400 });
  });

  it("bad paging options are refused before anything is sent", async () => {
    await expect(pkg.query(client, "user", { pageSize: 0 })).rejects.toThrow(
      /pageSize must be an integer of at least 1/,
    );
  });
});
