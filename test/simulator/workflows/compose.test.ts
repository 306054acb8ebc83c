/**
 * Building vApps through the generated client: compose a vApp of a template and a template's VM,
 * recompose it (a VM added, one removed; a running VM may not be removed), clone it (a copy, then a
 * move that removes the source), capture it as a template into the catalog (a running vApp
 * refused; the new item instantiates). Each waits for its task (`waitForTask`) and asserts on the
 * state the simulator ends in; every body it sent is validated by libxml2.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPackage } from "../../helpers/generated-packages.js";
import { expectAllValid } from "../helpers/valid-bodies.js";
import {
  instantiate,
  startWorkflow,
  tenant,
  type Value,
  type Workflow,
} from "./harness.js";

const MT = {
  compose: "application/vnd.vmware.vcloud.composeVAppParams+xml",
  recompose: "application/vnd.vmware.vcloud.recomposeVAppParams+xml",
  clone: "application/vnd.vmware.vcloud.cloneVAppParams+xml",
  capture: "application/vnd.vmware.vcloud.captureVAppParams+xml",
};

let w: Workflow;
let vdc: Value;
let catalog: Value;
let template: Value;
let templateVm: Value;
let composed: Value;

const vms = (v: Value): Value[] => v.Children?.Vm ?? [];
const read = async (v: Value) => (await w.call("getVApp", v)).value;
const vappNames = async () =>
  (
    ((
      await w.call(
        "getQuery",
        {},
        { query: { type: "vApp", sortAsc: "name", format: "records" } },
      )
    ).value.Record as Value[] | undefined) ?? []
  ).map((r) => r.name);
/** Powers a vApp or VM on or off through its link, waiting for the task. */
const power = async (v: Value, action: "powerOn" | "powerOff") =>
  w.done(
    (await w.call(action, w.link(await read(v), `power:${action}`))).value,
  );
/** A 201 answer's vApp once the task inside it is done, read back. */
const created = async (answer: { status: number; value: Value }) => {
  expect(answer.status).toBe(201);
  const tasks = answer.value.Tasks?.Task as Value[];
  expect(tasks).toHaveLength(1);
  await w.done(tasks[0]);
  return read(answer.value);
};

beforeAll(async () => {
  w = await startWorkflow();
  await w.loginAs("vApp Author");
  let templateHref: string;
  ({ vdc, catalog, templateHref } = await tenant(w));
  template = (await w.call("getVAppTemplate", { href: templateHref })).value;
  templateVm = vms(template)[0];
}, 60_000);
afterAll(() => w?.close());

describe("building vApps through the client", () => {
  it("composes a vApp of a template and a template's VM", async () => {
    const add = w.link(vdc, "add", MT.compose);
    composed = await created(
      await w.call("composeVApp", add, {
        name: "composed",
        deploy: false,
        powerOn: false,
        Description: "Two photons",
        SourcedItem: [
          { Source: { href: template.href } },
          { Source: { href: templateVm.href } },
        ],
        AllEULAsAccepted: true,
      }),
    );
    expect(composed.Description).toBe("Two photons");
    expect(composed.status).toBe(8);
    expect(vms(composed)).toHaveLength(2);
    expect(new Set(vms(composed).map((v) => v.href)).size).toBe(2);
    await expect(
      w.call("composeVApp", add, { name: "composed" }),
    ).rejects.toMatchObject({
      status: 400,
      error: { minorErrorCode: "DUPLICATE_NAME" },
    });
  });

  it("recomposes it: a VM added and one removed; a running VM may not be removed", async () => {
    const [first, second] = vms(composed);
    const recompose = w.link(composed, "recompose", MT.recompose);
    const body = (remove: Value) => ({
      name: "composed",
      SourcedItem: [{ Source: { href: templateVm.href } }],
      AllEULAsAccepted: true,
      DeleteItem: [{ href: remove.href }],
    });
    await power(second, "powerOn");
    await expect(
      w.call("recomposeVApp", recompose, body(second)),
    ).rejects.toMatchObject({ status: 400 });
    expect(vms(await read(composed))).toHaveLength(2);
    await power(second, "powerOff");
    const task = await w.call("recomposeVApp", recompose, body(first));
    expect(task.status).toBe(202);
    expect((await w.done(task.value)).operationName).toBe("vdcRecomposeVapp");
    composed = await read(composed);
    const hrefs = vms(composed).map((v) => v.href);
    expect(hrefs).toHaveLength(2);
    expect(hrefs).not.toContain(first.href);
    expect(hrefs).toContain(second.href);
  });

  it("clones it beside the source, then moves the copy (the copy is gone)", async () => {
    const clone = w.link(vdc, "add", MT.clone);
    const copy = await created(
      await w.call("cloneVApp", clone, {
        name: "copy",
        Description: "A copy",
        Source: { href: composed.href },
        IsSourceDelete: false,
      }),
    );
    expect(copy.Description).toBe("A copy");
    expect(
      vms(copy)
        .map((v) => v.name)
        .sort(),
    ).toEqual(
      vms(composed)
        .map((v) => v.name)
        .sort(),
    );
    expect(vms(copy).map((v) => v.href)).not.toContain(vms(composed)[0].href);
    expect(await vappNames()).toEqual(["composed", "copy"]);
    const moved = await created(
      await w.call("cloneVApp", clone, {
        name: "moved",
        Source: { href: copy.href },
        IsSourceDelete: true,
      }),
    );
    expect(vms(moved)).toHaveLength(2);
    expect(await vappNames()).toEqual(["composed", "moved"]);
    await expect(w.call("getVApp", copy)).rejects.toMatchObject({
      status: 403,
    });
  });

  it("captures it as a template into the catalog; the new item instantiates", async () => {
    const capture = w.link(catalog, "add", MT.capture);
    const body = {
      name: "captured",
      Description: "From composed",
      Source: { href: composed.href },
    };
    await power(composed, "powerOn");
    await expect(
      w.call("captureVAppCatalog", capture, body),
    ).rejects.toMatchObject({ status: 400 });
    await power(composed, "powerOff");
    const task = await w.call("captureVAppCatalog", capture, body);
    expect(task.status).toBe(202);
    expect((await w.done(task.value)).operationName).toBe("vdcCaptureTemplate");
    const items = (await w.call("getCatalog", catalog)).value.CatalogItems
      .CatalogItem as Value[];
    const ref = items.find((i) => i.name === "captured")!;
    expect(ref).toBeDefined();
    const item = (await w.call("getCatalogItem", ref)).value;
    const captured = (await w.call("getVAppTemplate", item.Entity)).value;
    expect(captured.Description).toBe("From composed");
    expect(vms(captured)).toHaveLength(2);
    const made = await instantiate(w, vdc, captured.href, "from-captured");
    expect(vms(made)).toHaveLength(2);
    expect(made.status).toBe(8);
  });

  it("every body the simulator sent is valid (package validate and libxml2)", async () => {
    await expectAllValid(await loadPackage("30.0"), w.sim.sentBodies);
  });
});
