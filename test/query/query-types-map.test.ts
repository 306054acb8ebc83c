/**
 * The map from each query type to its record and references elements (generator/model/query-types.ts,
 * with the facts of schemas/vcd-api.query-types.json), checked against the XSD sets independently
 * (every `*Record` element of a `QueryResult*RecordType` read from the files with a regular
 * expression: a query type, or a written reason), against real vCD answers (the `name` of a
 * QueryResultRecords or *References sample is its query type), and in the generated package.
 */
import {
  readdirSync,
  readFileSync,
  writeFileSync,
  mkdtempSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, inject, it } from "vitest";
import { readSchemaSetConfig } from "../../generator/config/schema-set-config.js";
import { readQueryTypeFacts } from "../../generator/load/read-query-types.js";
import type { QueryTypeInfo } from "../../generator/model/ir.js";
import { queryTypeName } from "../../generator/model/query-types.js";
import { localOf } from "../../generator/model/qname.js";
import { buildModel } from "../../generator/pipeline.js";
import {
  PROJECT_ROOT,
  VCD_RELEASE_DIRS,
  VCD_SAMPLES_DIR,
} from "../helpers/vcd-inputs.js";

const FACTS = JSON.parse(
  readFileSync(join(PROJECT_ROOT, "schemas/vcd-api.query-types.json"), "utf8"),
) as { names: Record<string, { type: string }>; none: Record<string, string> };

/**
 * `VMRecord` -> `{ type: "QueryResultVMRecordType", removed }` for every record element of the
 * set's XSD files; `removed` where the element or its type says `removed-in` (a record the
 * package leaves out at its version, as the model does).
 */
function recordElementsOf(
  dir: string,
): Map<string, { type: string; removed: boolean }> {
  const texts: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".xsd"))
        texts.push(readFileSync(path, "utf8"));
    }
  };
  walk(join(dir, "xsd"));
  const all = texts.join("\n");
  const removedTypes = new Set(
    [
      ...all.matchAll(
        /<xs:complexType\s+name="(QueryResult\w+RecordType)"[^>]*>\s*<xs:annotation>([\s\S]*?)<\/xs:annotation>/g,
      ),
    ]
      .filter((m) => m[2]!.includes('source="removed-in"'))
      .map((m) => m[1]!),
  );
  const found = new Map<string, { type: string; removed: boolean }>();
  for (const m of all.matchAll(
    /<xs:element\s+name="(\w+Record)"\s+type="(QueryResult\w+RecordType)"\s+substitutionGroup="Record"[\s\S]*?<\/xs:element>/g,
  ))
    found.set(m[1]!, {
      type: m[2]!,
      removed: m[0].includes('source="removed-in"') || removedTypes.has(m[2]!),
    });
  return found;
}

function queryTypesOf(release: string): QueryTypeInfo[] {
  const { model } = buildModel({
    inputDir: VCD_RELEASE_DIRS[release]!,
    schemaSet: readSchemaSetConfig(),
    nameOverrides: new Map(),
    operationNameOverrides: new Map(),
  });
  return model.queryTypes ?? [];
}

describe.each(["30.0", "36.0"])("the %s set", (release) => {
  const types = queryTypesOf(release);
  const byRecord = new Map(types.map((t) => [localOf(t.record), t]));
  const byName = new Map(types.map((t) => [t.name, t]));

  it("has a query type for every record element of its XSD files, or a written reason", () => {
    const records = recordElementsOf(VCD_RELEASE_DIRS[release]!);
    const live = [...records].filter(([, r]) => !r.removed);
    expect(live.length).toBeGreaterThan(75);
    for (const [record, { type }] of live) {
      const info = byRecord.get(record);
      const reason = FACTS.none[`vcloud:${record}`];
      expect(
        info !== undefined || reason !== undefined,
        `${record}: neither a query type nor a reason`,
      ).toBe(true);
      expect(info === undefined || reason === undefined, record).toBe(true);
      if (info) expect(localOf(info.recordType)).toBe(type);
    }
    // Nothing else: every query type is one of those records, none a removed one.
    expect(types.length).toBe(
      live.filter(([r]) => !FACTS.none[`vcloud:${r}`]).length,
    );
  });

  it("names each by the rule, but for the written exceptions", () => {
    for (const t of types) {
      const fact = FACTS.names[`vcloud:${localOf(t.record)}`];
      expect(t.name, localOf(t.record)).toBe(
        fact?.type ?? queryTypeName(localOf(t.record).slice(0, -6)),
      );
    }
    expect(byName.get("vm")?.record).toBe(
      "{http://www.vmware.com/vcloud/v1.5}VMRecord",
    );
    expect(localOf(byName.get("adminVM")!.record)).toBe("AdminVMRecord");
    expect(localOf(byName.get("vApp")!.record)).toBe("VAppRecord");
    expect(localOf(byName.get("adminOrgVdc")!.record)).toBe("AdminVdcRecord");
    expect(localOf(byName.get("organization")!.record)).toBe("OrgRecord");
    expect(localOf(byName.get("orgVdcStorageProfile")!.record)).toBe(
      "OrgVdcStorageProfileRecord",
    );
    expect(localOf(byName.get("event")!.record)).toBe("EventRecord");
    expect(byName.has("org")).toBe(false);
  });

  it("gives the references elements the set declares, by the rule or the facts", () => {
    const vm = byName.get("vm")!.references!;
    expect([localOf(vm.root), localOf(vm.item)]).toEqual([
      "VMReferences",
      "VMReference",
    ]);
    const service = byName.get("serviceResource")!.references!;
    expect(localOf(service.item)).toBe("ServiceResourceResourceReference");
    // The set declares no AdminVMReference(s): any reference.
    expect(byName.get("adminVM")!.references).toBeUndefined();
  });

  it("maps the packaged queries of the facts to their query types, each an operation of the set", () => {
    const packaged = types.flatMap((t) =>
      (t.packaged ?? []).map((op) => `${op} ${t.name}`),
    );
    expect(packaged.sort()).toEqual(
      [
        "GET /admin/groups/query group",
        "GET /admin/orgs/query organization",
        "GET /admin/roles/query role",
        "GET /admin/users/query user",
        "GET /admin/vdcs/query adminOrgVdc",
        "GET /catalogs/query catalog",
        "GET /disks/query disk",
        "GET /mediaList/query media",
        "GET /vAppTemplates/query vAppTemplate",
        "GET /vApps/query vApp",
        "GET /vms/query vm",
        "GET /admin/extension/hostReferences/query host",
        "GET /admin/extension/datastores/query datastore",
        "GET /admin/extension/externalNetworkReferences/query externalNetwork",
        "GET /admin/extension/networkPoolReferences/query networkPool",
        "GET /admin/extension/strandedItems/query strandedItem",
        "GET /admin/extension/providerVdcReferences/query providerVdc",
        "GET /admin/extension/vimServerReferences/query virtualCenter",
        "GET /admin/extension/orgVdcs/query adminOrgVdc",
        "GET /admin/extension/vapps/query adminVApp",
        "GET /admin/extension/service/query adminService",
      ].sort(),
    );
  });

  it("agrees with real vCD answers: a records or references page is named for its query type", () => {
    const samples = [
      "libcloud-vcloud_1_5/api_query_vm.xml",
      "libcloud-vcloud_1_5/api_query_user.xml",
      "libcloud-vcloud_1_5/api_query_group.xml",
      "jclouds-labs-vcloud-director/query/admin/allRoles.xml",
      "jclouds-labs-vcloud-director/query/allCatalogs.xml",
      "jclouds-labs-vcloud-director/query/allCatalogReferences.xml",
    ];
    for (const sample of samples) {
      const text = readFileSync(join(VCD_SAMPLES_DIR, sample), "utf8");
      const root =
        /<(?:\w+:)?(QueryResultRecords|\w+References)\s[^>]*?\bname="(\w+)"/.exec(
          text,
        )!;
      const info = byName.get(root[2]!);
      expect(info, `${sample}: ${root[2]}`).toBeDefined();
      if (root[1] === "QueryResultRecords") {
        const record = /<(?:\w+:)?(\w+Record)\s/.exec(text);
        if (record) expect(localOf(info!.record), sample).toBe(record[1]);
      } else expect(localOf(info!.references!.root), sample).toBe(root[1]);
    }
  });
});

it("types the packaged orgNetworks query where its record exists: adminOrgNetwork before 30.0, none from 30.0", () => {
  const { model } = buildModel({
    inputDir: VCD_RELEASE_DIRS["36.0"]!,
    schemaSet: readSchemaSetConfig(),
    nameOverrides: new Map(),
    operationNameOverrides: new Map(),
    apiVersion: "29.0",
  });
  const network = model.queryTypes?.find((t) => t.name === "adminOrgNetwork");
  expect(localOf(network!.record)).toBe("AdminOrgNetworkRecord");
  expect(network!.packaged).toEqual(["GET /admin/extension/orgNetworks/query"]);
  // From 30.0 the record is removed: no query type, and the operation is no type's.
  for (const release of ["30.0", "36.0"]) {
    const types = queryTypesOf(release);
    expect(types.some((t) => t.name === "adminOrgNetwork")).toBe(false);
    expect(
      types.some((t) =>
        t.packaged?.includes("GET /admin/extension/orgNetworks/query"),
      ),
    ).toBe(false);
  }
});

it("the 36.0 set has the types its release added (@since)", () => {
  const types = queryTypesOf("36.0");
  const site = types.find((t) => t.name === "site");
  expect(site).toBeDefined();
  expect(types.find((t) => t.name === "vm")?.addedIn).toBe("1.5");
});

describe("the facts file", () => {
  const write = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), "vcd-codegen-query-facts-"));
    const file = join(dir, "facts.json");
    writeFileSync(file, text);
    return { dir, file };
  };

  it("is refused where a name has no evidence, naming file, line and column", () => {
    const { dir, file } = write(
      `{\n  "names": {\n    "vcloud:OrgRecord": { "type": "organization" }\n  },\n  "references": {},\n  "none": {}\n}\n`,
    );
    try {
      expect(() => readQueryTypeFacts(file)).toThrow(
        expect.objectContaining({
          message: expect.stringContaining('"evidence" must be evidence text'),
          location: { file, line: 3, column: 5 },
        }),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is refused where a record is no query type's without a reason", () => {
    const { dir, file } = write(
      `{ "names": {}, "references": {}, "none": { "vcloud:LicensingReportRecord": "" } }`,
    );
    try {
      expect(() => readQueryTypeFacts(file)).toThrow(/must say why/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

it("the generated 30.0 package carries the map: QUERY_TYPES by query type", async () => {
  const query = (await import(
    pathToFileURL(join(inject("generatedDir"), "30.0/dist/query.js")).href
  )) as {
    QUERY_TYPES: Record<string, { record: string; references?: string }>;
  };
  const types = queryTypesOf("30.0");
  expect(Object.keys(query.QUERY_TYPES)).toEqual(types.map((t) => t.name));
  expect(query.QUERY_TYPES.vm).toEqual({
    record: "vcloud:VMRecord",
    references: "vcloud:VMReferences",
  });
  expect(query.QUERY_TYPES.adminOrgVdc).toEqual({
    record: "vcloud:AdminVdcRecord",
    references: "vcloud:AdminVdcReferences",
  });
  expect(query.QUERY_TYPES.adminVM).toEqual({ record: "vcloud:AdminVMRecord" });
});
