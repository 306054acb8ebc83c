/**
 * The query service's filter, sort, fields and links over the simulator's store, with raw HTTP:
 * every operator, typed by the attribute's XSD type (numbers by value, dates by time, booleans
 * without case), wildcards, backslash escaping (a vApp named with `,;()`), metadata conditions in
 * both domains and each value type, sortAsc/sortDesc typed, fields narrowing (metadata too),
 * links=true; unknown attributes and untyped comparisons refused with a 400 Error; every body valid.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import {
  instantiateFirst,
  startSeeded,
  sessionOf,
} from "../simulator/helpers/seeded.js";
import {
  UserSession,
  VCLOUD_NS,
  type Entity,
} from "../simulator/helpers/session.js";
import { expectAllValid } from "../simulator/helpers/valid-bodies.js";

const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const METADATA_MT = "application/vnd.vmware.vcloud.metadata+xml";
const ODD = "web,1;(a)";

let sim: Simulator;
let pkg: GeneratedPackage;
let system: UserSession;
let admin: UserSession;
let created: string;

type Page = Entity & {
  total: string;
  Record?: (Record<string, unknown> & { $element: string })[];
};
const query = (s: UserSession, type: string, params: Record<string, string>) =>
  s.get(
    `/query?${new URLSearchParams({ type, pageSize: "128", ...params })}`,
  ) as Promise<Page>;
const names = (p: Page) => (p.Record ?? []).map((r) => r.name as string);
const count = async (type: string, filter: string, s = admin) =>
  Number((await query(s, type, { filter })).total);
const refused = async (params: string) => {
  const r = await admin.send("GET", `/query?${params}`);
  expect(r.status, params).toBe(400);
  expect(r.element).toBe("vcloud:Error");
  return r.value!.message as string;
};

const entry = (key: string, type: string, value: string, domain = "") =>
  `<MetadataEntry>${domain}<Key>${key}</Key><TypedValue xsi:type="${type}"><Value>${value}</Value></TypedValue></MetadataEntry>`;
async function putMetadata(s: UserSession, vapp: string, ...entries: string[]) {
  const task = await s.task(
    "POST",
    `${vapp}/metadata`,
    METADATA_MT,
    `<Metadata xmlns="${VCLOUD_NS}" xmlns:xsi="${XSI}">${entries.join("")}</Metadata>`,
  );
  expect(task.status).toBe("success");
}

beforeAll(async () => {
  ({ sim, pkg } = await startSeeded({
    recordBodies: true,
    scale: { vapps: 30, vmsPerVApp: 1 },
  }));
  system = await UserSession.open(sim, pkg, sim.users[0]);
  admin = await sessionOf(sim, pkg, "acme-admin");
  const first = (
    await query(admin, "vApp", { filter: "name==scale-vapp-000001" })
  ).Record![0];
  created = first.creationDate as string;
  await new Promise((r) => setTimeout(r, 5));
  await instantiateFirst(admin, ODD);
  const href = async (name: string) =>
    (await query(admin, "vApp", { filter: `name==${name}` })).Record![0]
      .href as string;
  await putMetadata(
    admin,
    await href("scale-vapp-000001"),
    entry("rank", "MetadataNumberValue", "5"),
    entry("tier", "MetadataStringValue", "gold"),
    entry("ok", "MetadataBooleanValue", "true"),
  );
  await putMetadata(
    admin,
    await href("scale-vapp-000002"),
    entry("rank", "MetadataNumberValue", "12"),
    entry("tier", "MetadataStringValue", "silver"),
  );
  await putMetadata(
    system,
    await href("scale-vapp-000003"),
    entry(
      "expiry",
      "MetadataDateTimeValue",
      "2029-05-01T00:00:00.000Z",
      '<Domain visibility="READONLY">SYSTEM</Domain>',
    ),
  );
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

describe("filter", () => {
  it("== and != on names, with wildcards", async () => {
    expect(await count("vApp", "name==scale-vapp-000007")).toBe(1);
    expect(await count("vApp", "name!=scale-vapp-000007")).toBe(30);
    expect(await count("vApp", "name==scale-vapp-00001*")).toBe(10);
    expect(
      names(
        await query(admin, "vApp", { filter: "name==*5", sortAsc: "name" }),
      ),
    ).toEqual(["scale-vapp-000005", "scale-vapp-000015", "scale-vapp-000025"]);
    expect(await count("vApp", "name==scale-*-00000*")).toBe(9);
  });

  it("=lt=, =le=, =gt=, =ge= compare numbers by value (1024 < 300 as text, not as numbers)", async () => {
    // 30 scaled VMs of 1024 MB; of 2048 MB the seed's template VM and that of the vApp made from it.
    expect(await count("vm", "memoryMB=gt=1024")).toBe(2);
    expect(await count("vm", "memoryMB=ge=1024")).toBe(32);
    expect(await count("vm", "memoryMB=lt=2048")).toBe(30);
    expect(await count("vm", "memoryMB=le=2048")).toBe(32);
    expect(await count("vm", "memoryMB=lt=300")).toBe(0);
    expect(await count("vm", "memoryMB==2048")).toBe(2);
    expect(await refused("type=vm&filter=memoryMB=lt=lots")).toContain(
      'the value "lots" for "memoryMB" in the filter is not a number',
    );
  });

  it("dates compare by time, whatever the offset they are written with", async () => {
    const offset = new Date(created).toISOString().replace("Z", "+00:00");
    expect(await count("vApp", `creationDate==${offset}`)).toBe(30);
    expect(await count("vApp", `creationDate=gt=${offset}`)).toBe(1);
    expect(await count("vApp", `creationDate=le=${offset}`)).toBe(30);
    expect(
      await refused("type=vApp&filter=creationDate=gt=yesterday"),
    ).toContain("is not a date");
  });

  it("booleans without case; and (;), or (,) and parentheses", async () => {
    expect(await count("vApp", "isDeployed==TRUE")).toBe(15);
    expect(await count("vApp", "isDeployed==false;name==scale-*")).toBe(15);
    expect(
      await count(
        "vApp",
        "(name==scale-vapp-000001,name==scale-vapp-000002);status==POWERED_ON",
      ),
    ).toBe(1);
  });

  it("ordering operators need a number or a date; unknown attributes are refused", async () => {
    expect(await refused("type=vApp&filter=name=lt=b")).toContain(
      "which needs a number or a date",
    );
    expect(await refused("type=vApp&filter=colour==red")).toContain(
      'the property "colour" of the filter is not a property of this query type',
    );
    expect(await refused("type=vApp&sortAsc=colour")).toContain(
      'cannot sort by "colour"',
    );
    expect(await refused("type=vApp&fields=name,colour")).toContain(
      'the field "colour"',
    );
  });

  it("a backslash escapes , ; ( ) in a value: the vApp named web,1;(a)", async () => {
    const escaped = ODD.replace(/[,;()\\]/g, (c) => `\\${c}`);
    expect(
      names(await query(admin, "vApp", { filter: `name==${escaped}` })),
    ).toEqual([ODD]);
    expect(
      names(await query(admin, "vApp", { filter: `name==web\\,*` })),
    ).toEqual([ODD]);
    // Unescaped, the comma ends the condition: `1;(a)` does not parse.
    expect(
      await refused(`type=vApp&filter=${encodeURIComponent(`name==${ODD}`)}`),
    ).toContain("is not valid");
  });

  it("metadata conditions: typed values, both domains", async () => {
    expect(
      names(
        await query(admin, "vApp", { filter: "metadata:rank=gt=NUMBER:6" }),
      ),
    ).toEqual(["scale-vapp-000002"]);
    expect(await count("vApp", "metadata:rank=ge=NUMBER:5")).toBe(2);
    expect(
      names(
        await query(admin, "vApp", { filter: "metadata:tier==STRING:gold" }),
      ),
    ).toEqual(["scale-vapp-000001"]);
    expect(await count("vApp", "metadata:ok==BOOLEAN:TRUE")).toBe(1);
    expect(await count("vApp", "metadata:tier==STRING:*l*")).toBe(2);
    expect(
      names(
        await query(system, "adminVApp", {
          filter: "metadata@SYSTEM:expiry=lt=DATETIME:2030-01-01T00:00:00.000Z",
        }),
      ),
    ).toEqual(["scale-vapp-000003"]);
    // The GENERAL domain has no expiry.
    expect(
      await count(
        "vApp",
        "metadata:expiry=lt=DATETIME:2030-01-01T00:00:00.000Z",
      ),
    ).toBe(0);
    expect(await refused("type=vApp&filter=metadata:rank==5")).toContain(
      "must be typed",
    );
  });
});

describe("sort, fields, links", () => {
  it("sortAsc/sortDesc typed by the attribute", async () => {
    const asc = await query(admin, "vm", { sortAsc: "memoryMB" });
    expect(asc.Record!.at(-1)!.name).toBe("photon");
    const desc = await query(admin, "vm", { sortDesc: "memoryMB" });
    expect(desc.Record![0].name).toBe("photon");
    const byName = names(await query(admin, "vApp", { sortDesc: "name" }));
    expect(byName.slice(0, 3)).toEqual([
      ODD,
      "scale-vapp-000030",
      "scale-vapp-000029",
    ]);
  });

  it("fields: only those attributes (and href); metadata fields give the record's Metadata", async () => {
    const r = (
      await query(admin, "vApp", {
        fields: "name,status",
        filter: "name==scale-vapp-000002",
      })
    ).Record![0];
    expect(Object.keys(r).sort()).toEqual([
      "$element",
      "href",
      "name",
      "status",
    ]);
    const m = (
      await query(admin, "vApp", {
        fields: "name,metadata:rank",
        sortAsc: "name",
      })
    ).Record!;
    const rank = m[0].Metadata as {
      MetadataEntry: { Key: string; TypedValue: { Value: unknown } }[];
    };
    expect(m[0].name).toBe("scale-vapp-000001");
    expect(
      rank.MetadataEntry.map((e) => [e.Key, String(e.TypedValue.Value)]),
    ).toEqual([["rank", "5"]]);
    expect(m[3].Metadata).toBeUndefined();
  });

  it("links=true: each record links to its entity", async () => {
    const plain = (
      await query(admin, "vApp", { filter: "name==scale-vapp-000004" })
    ).Record![0];
    expect(plain.Link).toBeUndefined();
    const r = (
      await query(admin, "vApp", {
        filter: "name==scale-vapp-000004",
        links: "true",
      })
    ).Record![0];
    expect(r.Link).toEqual([
      expect.objectContaining({
        rel: "alternate",
        href: r.href,
        type: "application/vnd.vmware.vcloud.vApp+xml",
      }),
    ]);
  });

  it("sends only schema-valid bodies (package validate and libxml2)", async () => {
    await expectAllValid(pkg, sim.sentBodies!);
  }, 60_000);
});
