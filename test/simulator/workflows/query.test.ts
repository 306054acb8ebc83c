/**
 * The query service through the generated client, with paging: `GET /query?type=vm&pageSize=2`
 * through its stub, then `paginate(client, firstPage)` over every page, in `records`, `references`
 * and `idrecords`, with a filter and a sort kept from page to page; the pages asserted against the
 * VMs the simulator holds (read back through the client). Every body it sent is validated by libxml2.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../../runtime/client/client.js";
import { loadPackage } from "../../helpers/generated-packages.js";
import { expectAllValid } from "../helpers/valid-bodies.js";
import {
  instantiate,
  startWorkflow,
  tenant,
  type Value,
  type Workflow,
} from "./harness.js";

const FORMAT_MT = {
  records: "application/vnd.vmware.vcloud.query.records+xml",
  references: "application/vnd.vmware.vcloud.query.references+xml",
  idrecords: "application/vnd.vmware.vcloud.query.idrecords+xml",
};
const NAMES = ["q-1", "q-2", "q-3", "q-4", "q-5"];

let w: Workflow;
/** The hrefs of every VM of the organization (the vApps' and the template's), from the store's documents. */
let vmHrefs: string[];
let paginate: (
  client: VcdClient,
  first: unknown,
) => AsyncGenerator<{ element: string; value: Value }>;

/** Every page from the stub's first one, through `paginate`. */
async function pages(query: Record<string, string | number>) {
  const first = await w.call("getQuery", {}, { query });
  const all: { element: string; value: Value }[] = [];
  for await (const page of paginate(w.client, first)) all.push(page);
  return all;
}

beforeAll(async () => {
  w = await startWorkflow();
  paginate = w.index.paginate as typeof paginate;
  await w.loginAs("Organization Administrator");
  const { vdc, templateHref } = await tenant(w);
  const vapps: Value[] = [];
  for (const name of NAMES)
    vapps.push(await instantiate(w, vdc, templateHref, name));
  const template = (await w.call("getVAppTemplate", { href: templateHref }))
    .value;
  vmHrefs = [
    ...vapps.flatMap((v) => (v.Children.Vm as Value[]).map((vm) => vm.href)),
    ...(template.Children.Vm as Value[]).map((vm) => vm.href),
  ].sort();
  expect(vmHrefs).toHaveLength(6);
}, 60_000);
afterAll(() => w?.close());

describe("the query service through the client, with paging", () => {
  it("records: two VMs a page, every page through paginate, each VM once", async () => {
    const all = await pages({ type: "vm", pageSize: 2, format: "records" });
    expect(all.map((p) => p.value.page)).toEqual([1, 2, 3]);
    for (const p of all) {
      expect(p.element).toBe("vcloud:QueryResultRecords");
      expect(p.value).toMatchObject({ name: "vm", pageSize: 2, total: "6" });
      expect(p.value.Record).toHaveLength(2);
      for (const r of p.value.Record as Value[])
        expect(r.$element).toBe("vcloud:VMRecord");
    }
    expect(w.link(all[0].value, "lastPage", FORMAT_MT.records).href).toBe(
      all[2].value.href,
    );
    expect(all[2].value.Link.map((l: Value) => l.rel)).not.toContain(
      "nextPage",
    );
    expect(w.link(all[2].value, "previousPage").href).toBe(all[1].value.href);
    const hrefs = all.flatMap((p) =>
      (p.value.Record as Value[]).map((r) => r.href),
    );
    expect(hrefs.sort()).toEqual(vmHrefs);
    const templates = all
      .flatMap((p) => p.value.Record as Value[])
      .filter((r) => r.isVAppTemplate);
    expect(templates.map((r) => r.containerName)).toEqual(["photon-template"]);
  });

  it("filter and sort are kept from page to page (ascending and descending)", async () => {
    const containers = async (sort: "sortAsc" | "sortDesc") =>
      (
        await pages({
          type: "vm",
          pageSize: 2,
          format: "records",
          filter: "isVAppTemplate==false;containerName==q-*",
          [sort]: "containerName",
        })
      ).flatMap((p) => {
        expect(p.value.total).toBe("5");
        return (p.value.Record as Value[]).map((r) => r.containerName);
      });
    expect(await containers("sortAsc")).toEqual(NAMES);
    expect(await containers("sortDesc")).toEqual([...NAMES].reverse());
    const none = await pages({
      type: "vm",
      pageSize: 2,
      filter: "containerName==nothing",
    });
    expect(none).toHaveLength(1);
    expect(none[0].value.total).toBe("0");
    expect(none[0].value.Record ?? []).toEqual([]);
  });

  it("references: VMReferences a page at a time, the same VMs", async () => {
    const all = await pages({ type: "vm", pageSize: 2, format: "references" });
    expect(all).toHaveLength(3);
    for (const p of all) {
      expect(p.element).toBe("vcloud:VMReferences");
      expect(p.value.type).toBe(FORMAT_MT.references);
    }
    const refs = all.flatMap((p) => p.value.Reference as Value[]);
    expect(new Set(refs.map((r) => r.$element))).toEqual(
      new Set(["vcloud:VMReference"]),
    );
    expect(refs.map((r) => r.href).sort()).toEqual(vmHrefs);
    for (const r of refs) expect(r.id).toMatch(/^urn:vcloud:vm:[0-9a-f-]{36}$/);
  });

  it("idrecords: the records with URNs for their references, sorted by name of the vApp", async () => {
    const all = await pages({
      type: "vm",
      pageSize: 4,
      format: "idrecords",
      sortAsc: "containerName",
    });
    expect(all.map((p) => p.value.Record.length)).toEqual([4, 2]);
    const records = all.flatMap((p) => p.value.Record as Value[]);
    expect(records.map((r) => r.containerName)).toEqual([
      "photon-template",
      ...NAMES,
    ]);
    for (const r of records) {
      expect(r.id).toMatch(/^urn:vcloud:vm:/);
      expect(r.container).toMatch(/^urn:vcloud:(vapp|vapptemplate):/);
    }
    const first = all[0].value;
    const asRecords = await w.call(
      "getQuery",
      w.link(first, "alternate", FORMAT_MT.records),
    );
    expect(asRecords.value.Record.map((r: Value) => r.href)).toEqual(
      records.slice(0, 4).map((r) => r.href),
    );
    expect(asRecords.value.Record[0].container).toMatch(/^http/);
  });

  it("every body the simulator sent is valid (package validate and libxml2)", async () => {
    await expectAllValid(await loadPackage("30.0"), w.sim.sentBodies);
  });
});
