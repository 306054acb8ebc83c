/**
 * Every operation of the input gets exactly one stub in the generated package: the set of
 * operations is compared with the operations document itself (read here with JSON.parse, not with
 * the generator), less those the model says are left out at the version, each with its reason.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readSchemaSetConfig } from "../../generator/config/schema-set-config.js";
import { buildModel } from "../../generator/pipeline.js";
import {
  loadClientPackage,
  type ClientPackage,
} from "../helpers/generated-packages.js";
import { VCD_API_DIR, vcdModelOptions } from "../helpers/vcd-inputs.js";

/** `METHOD /path` of every operation the document lists. */
function documentOperations(): string[] {
  const file = join(
    VCD_API_DIR,
    readSchemaSetConfig().operations!.replace("{version}", "30.0"),
  );
  const doc = JSON.parse(readFileSync(file, "utf8")) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => ["get", "put", "post", "delete"].includes(key))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

describe("one stub per operation", () => {
  let pkg: ClientPackage;
  beforeAll(async () => {
    pkg = await loadClientPackage("30.0");
  });

  it("the table holds every operation of the document at 30.0, less those left out (each with its reason)", () => {
    const listed = documentOperations();
    const { model } = buildModel(vcdModelOptions("30.0"));
    const leftOut = model.operationsSource!.leftOut;
    expect(leftOut.length).toBeLessThan(10);
    for (const entry of leftOut)
      expect(entry.reason).toMatch(/left out at API 30\.0/);
    const table = pkg.operations.map((op) => `${op.method} ${op.path}`);
    expect(new Set(table).size).toBe(table.length);
    expect([...table, ...leftOut.map((e) => e.id)].sort()).toEqual(
      [...listed].sort(),
    );
  });

  it("every row has its stub, a function of that name, and no stub is without a row", () => {
    const names = pkg.operations.map((op) => op.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names)
      expect(typeof pkg.api[name], name).toBe("function");
    expect(Object.keys(pkg.api).sort()).toEqual([...names].sort());
  });

  it("the package for every version has a stub for the operations 30.0 leaves out", async () => {
    const all = await loadClientPackage("all");
    const ids = new Set(all.operations.map((op) => `${op.method} ${op.path}`));
    expect(ids.has("POST /vApp/{id}/action/relocate")).toBe(true);
    expect(all.operations.length).toBe(documentOperations().length);
  });

  it("the rows carry the fields tools read, with the guide's examples named as the README says", () => {
    const byName = new Map(pkg.operations.map((op) => [op.name, op]));
    expect(byName.get("powerOn")).toMatchObject({
      method: "POST",
      path: "/vApp/{id}/power/action/powerOn",
      tag: "user",
      requestMediaType: null,
      requestType: null,
      responseMediaTypes: ["application/vnd.vmware.vcloud.task+xml"],
      responseTypes: ["vcloud:TaskType"],
      deprecated: false,
    });
    expect(byName.get("instantiateVAppTemplate")).toMatchObject({
      method: "POST",
      path: "/vdc/{id}/action/instantiateVAppTemplate",
      requestMediaType:
        "application/vnd.vmware.vcloud.instantiateVAppTemplateParams+xml",
      requestType: "vcloud:InstantiateVAppTemplateParamsType",
    });
    expect(byName.get("getVApp")?.responseTypes).toEqual([
      "vcloud:VAppType",
      "vcloud:VmType",
    ]);
    expect(byName.get("updateVAppGuestCustomizationSection")?.path).toBe(
      "/vApp/{id}/guestCustomizationSection",
    );
    expect(byName.get("createLogin")?.deprecated).toBe(true);
  });
});
