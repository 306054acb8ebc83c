/**
 * The query service's types, checked by the compiler: a TypeScript program over the generated
 * 30.0 declarations (as test/stubs/packaged-queries.test.ts does for the stubs) uses `query`,
 * `queryAll` and `where`; the right uses compile, and each wrong one (`@ts-expect-error`) must be a
 * type error: an unknown query type, a field name the record lacks in a filter, a sort or `fields`,
 * an attribute left out by `fields`, a record of another query type, a references answer used as
 * records; and the packaged queries (`getVAppsQuery`, ...) typed by their query type alike, their
 * `fields` checked and narrowing their records as `query`'s do.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, inject, it } from "vitest";
import { runTsc } from "../helpers/tsc.js";

function compile(program: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "vcd-codegen-query-typing-"));
  try {
    writeFileSync(join(dir, "check.ts"), program);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ["check.ts"],
      }),
    );
    return runTsc(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const index = () =>
  JSON.stringify(resolve(inject("generatedDir"), "30.0/dist/index.js"));

const PROGRAM =
  () => `import { api, query, queryAll, where, type QueryRecord, type QueryType, type VcdClient } from ${index()};
declare const client: VcdClient;
export async function check(): Promise<unknown[]> {
  const page = await query(client, "vm", {
    filter: where.eq("name", "web*").and(where.eq("status", "POWERED_ON")),
    sortAsc: "name",
  });
  const root: "vcloud:QueryResultRecords" = page.element;
  const vm = page.value.Record![0]!;
  const element: "vcloud:VMRecord" = vm.$element;
  const name: string | undefined = vm.name;
  const status: string | undefined = vm.status;
  // @ts-expect-error a record of another query type
  const vapp: "vcloud:VAppRecord" = vm.$element;
  // @ts-expect-error no such query type
  await query(client, "virtualMachine");
  // @ts-expect-error no attribute nmae on a VM record
  await query(client, "vm", { filter: where.eq("nmae", "web*") });
  // @ts-expect-error nor in an and
  await query(client, "vm", { filter: where.eq("name", "a").and(where.ne("vappName", "b")) });
  // @ts-expect-error nor to sort by
  await query(client, "vm", { sortDesc: "nmae" });
  // @ts-expect-error nor among the fields
  await query(client, "vm", { fields: ["name", "nmae"] });
  // A filter on metadata names no attribute; a raw filter is a way through.
  await query(client, "vm", { filter: where.metadata("rank", { system: true }).ge(5) });
  await query(client, "vm", { filter: "name==web*" });
  const narrowed = await query(client, "adminVApp", { fields: ["name", "ownerName"] });
  const few = narrowed.value.Record![0]!;
  const owner: string | undefined = few.ownerName;
  const href: string | undefined = few.href;
  // @ts-expect-error left out by fields
  few.numberOfVMs;
  const refs = await query(client, "vm", { format: "references" });
  const refsRoot: "vcloud:VMReferences" = refs.element;
  const ref: "vcloud:VMReference" = refs.value.Reference![0]!.$element;
  // @ts-expect-error a references answer has no records
  refs.value.Record;
  const ids = await query(client, "organization", { format: "idrecords" });
  const org: "vcloud:OrgRecord" = ids.value.Record![0]!.$element;
  const names: string[] = [];
  for await (const r of queryAll(client, "adminOrgVdc", { fields: ["name"] })) {
    const vdc: "vcloud:AdminVdcRecord" = r.$element;
    names.push(r.name ?? vdc);
    // @ts-expect-error left out by fields
    r.numberOfVApps;
  }
  for await (const r of queryAll(client, "event", { format: "references" })) names.push(r.href);
  // The packaged queries answer the records of their query type, and check their filters too.
  const vapps = await api.getVAppsQuery(client, {}, { query: { filter: where.eq("name", "web*"), sortAsc: "name" } });
  const packaged: "vcloud:VAppRecord" = vapps.value.Record![0]!.$element;
  const vdcs = await api.getVdcsQuery(client, {}, { query: { format: "references" } });
  const vdcRefs: "vcloud:AdminVdcReferences" = vdcs.element;
  // @ts-expect-error no attribute nmae on a vApp record
  await api.getVAppsQuery(client, {}, { query: { filter: where.eq("nmae", "web*") } });
  // @ts-expect-error a vApp is no VM
  const notVm: "vcloud:VMRecord" = vapps.value.Record![0]!.$element;
  // fields on a packaged query narrows its records as query's does, in records and idrecords alike.
  const fewVApps = await api.getVAppsQuery(client, {}, { query: { fields: ["name", "ownerName"] } });
  const fewVApp = fewVApps.value.Record![0]!;
  const vappOwner: string | undefined = fewVApp.ownerName;
  const vappHref: string | undefined = fewVApp.href;
  const vappElement: "vcloud:VAppRecord" = fewVApp.$element;
  // @ts-expect-error left out by fields on a packaged query
  fewVApp.status;
  // Each attribute left out is one of the record's: without fields, there.
  const allVApps = await api.getVAppsQuery(client);
  const vms: string | undefined = allVApps.value.Record![0]!.status;
  const fewIds = await api.getVdcsQuery(client, {}, { query: { format: "idrecords", fields: ["name"] } });
  const vdcName: string | undefined = fewIds.value.Record![0]!.name;
  // @ts-expect-error left out by fields in idrecords too
  fewIds.value.Record![0]!.numberOfVApps;
  const allIds = await api.getVdcsQuery(client, {}, { query: { format: "idrecords" } });
  const vappCount: number | undefined = allIds.value.Record![0]!.numberOfVApps;
  const fewRefs = await api.getVAppsQuery(client, {}, { query: { format: "references", fields: ["name"] } });
  const vappRefs: "vcloud:VAppReferences" = fewRefs.element;
  const extension = await api.getHostReferencesQuery(client, {}, { query: { fields: ["name", "metadata:rack"] } });
  const host: string | undefined = extension.value.Record![0]!.name;
  // @ts-expect-error a host record without its other attributes
  extension.value.Record![0]!.osVersion;
  const allHosts = await api.getHostReferencesQuery(client);
  const os: string | undefined = allHosts.value.Record![0]!.osVersion;
  // @ts-expect-error no attribute nmae among a packaged query's fields
  await api.getVAppsQuery(client, {}, { query: { fields: ["name", "nmae"] } });
  // @ts-expect-error a VM's attribute is none of a vApp's
  await api.getVAppsQuery(client, {}, { query: { fields: ["containerName"] } });
  const asked: api.GetVAppsQueryQuery = { fields: ["name", "metadata:rank"] };
  // @ts-expect-error the query object alone is checked too
  const misspelt: api.GetVAppsQueryQuery = { fields: ["nmae"] };
  // The extension queries of the facts file answer their query type's records.
  const extensionRecords: [
    "vcloud:VMWProviderVdcRecord",
    "vcloud:VirtualCenterRecord",
    "vcloud:AdminVdcRecord",
    "vcloud:AdminVAppRecord",
    "vcloud:AdminServiceRecord",
  ] = [
    (await api.getProviderVdcReferencesQuery(client)).value.Record![0]!.$element,
    (await api.getVimServerReferencesQuery(client)).value.Record![0]!.$element,
    (await api.getOrgVdcsQuery(client)).value.Record![0]!.$element,
    (await api.getVappsQuery(client, {}, { query: { fields: ["ownerName"] } })).value.Record![0]!.$element,
    (await api.getServiceQuery(client)).value.Record![0]!.$element,
  ];
  // A packaged query of no known query type keeps fields the raw text.
  await api.getOrgNetworksQuery(client, {}, { query: { fields: "name,anything" } });
  const t: QueryType = "orgVdcStorageProfile";
  const typed: QueryRecord<"vm", "name"> = { $element: "vcloud:VMRecord", name: "x" };
  return [extensionRecords, vappOwner, vappHref, vappElement, vms, vappCount, os, vdcName, vappRefs, host, asked, misspelt,
    packaged, vdcRefs, notVm, root, element, name, status, vapp, owner, href, refsRoot, ref, org, names, t, typed];
}
`;

it("a program over the generated declarations: records typed by query type, fields checked and narrowing, formats", () => {
  const result = compile(PROGRAM());
  expect(result.output).toBe("");
  expect(result.status).toBe(0);
}, 150_000);

it("each wrong use is an error of its own: without its @ts-expect-error, the program does not compile", () => {
  // The same program with every expectation removed: one error per wrong use, at its line.
  const program = PROGRAM().replace(/ *\/\/ @ts-expect-error.*\n/g, "");
  const result = compile(program);
  const errors = result.output.split("\n").filter((l) => /error TS\d+/.test(l));
  const expected = PROGRAM().match(/@ts-expect-error/g)!.length;
  expect(expected).toBe(17);
  expect(errors.length, result.output).toBe(expected);
}, 150_000);
