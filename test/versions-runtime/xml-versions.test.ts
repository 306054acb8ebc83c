/**
 * A package generated at 36.0 checks and writes documents at an older version: `validate(doc, {
 * apiVersion })` names each property added after it (rule `version`) and requires only what that
 * version requires; `toXml(doc, { apiVersion })` refuses such a document, strict or not. The
 * descriptors carry `addedIn` only above the package's oldest supported version.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SchemaData } from "../../runtime/xml/index.js";
import { generatePackage36, type Doc, type Package36 } from "./package-36.js";

let pkg: Package36;
beforeAll(async () => {
  pkg = await generatePackage36();
}, 120_000);
afterAll(() => pkg?.remove());

/** A vApp whose first VM names a compute policy (added in 33.0) and a VDC compute policy (31.0). */
function vappWithPolicies(): Doc {
  return {
    element: "vcloud:VApp",
    value: {
      name: "app",
      Children: {
        Vm: [
          {
            name: "web-01",
            VdcComputePolicy: { href: "https://vcd.example.com/cloudapi/p1" },
            ComputePolicy: {
              VmSizingPolicy: { href: "https://vcd.example.com/cloudapi/p2" },
            },
          },
        ],
      },
    },
  };
}

const versionMessages = (doc: Doc, apiVersion?: string) =>
  pkg
    .validate(doc, apiVersion === undefined ? undefined : { apiVersion })
    .filter((v) => v.rule === "version")
    .map((v) => v.message);

describe("the package's versions", () => {
  it("supports 27.0 (its oldest operations document) to 36.0", () => {
    expect(pkg.API_VERSION).toBe("36.0");
    expect(pkg.LOWEST_API_VERSION).toBe("27.0");
  });

  it("descriptors carry addedIn only where it is above 27.0, as a number", () => {
    const found: number[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        const addedIn = (node as { addedIn?: unknown }).addedIn;
        if (addedIn !== undefined) found.push(addedIn as number);
        Object.values(node).forEach(walk);
      }
    };
    walk(pkg.schema);
    expect(found.length).toBeGreaterThan(500);
    for (const v of found) {
      expect(typeof v).toBe("number");
      expect(v).toBeGreaterThan(27);
    }
    const vm = (pkg.schema as SchemaData).types["vcloud:VmType"];
    const items = vm.kind === "complex" ? (vm.content?.items ?? []) : [];
    const byProp = new Map(
      items.map((p) => ["prop" in p ? p.prop : "", p] as const),
    );
    expect(byProp.get("ComputePolicy")).toMatchObject({ addedIn: 33 });
    // Added in 5.1, below the oldest supported version: nothing to say.
    expect(byProp.get("VmCapabilities")).not.toHaveProperty("addedIn");
    expect(pkg.schema.elements["vcloud:VmSpecSection"]).toMatchObject({
      addedIn: 32,
    });
    expect(pkg.schema.types["vmext:GenevePoolType"]).toMatchObject({
      addedIn: 32,
    });
  });

  it("types stay those of 36.0, with @since on what was added", () => {
    const source = readFileSync(join(pkg.dir, "src/vcloud.ts"), "utf8");
    const vmType = source.slice(source.indexOf("export interface VmType "));
    const property = vmType.slice(0, vmType.indexOf("\n  ComputePolicy?:"));
    const doc = property.slice(property.lastIndexOf("/**"));
    expect(doc).toContain("@since 33.0");
  });
});

describe("validate at a version", () => {
  it("without apiVersion (36.0) the policies are valid", () => {
    expect(pkg.validate(vappWithPolicies())).toEqual([]);
  });

  it("names each property added after the version, with the version it needs", () => {
    expect(versionMessages(vappWithPolicies(), "32.0")).toEqual([
      "VApp.Children.Vm[0].ComputePolicy: version: added in 33.0",
    ]);
    expect(versionMessages(vappWithPolicies(), "30.0")).toEqual([
      "VApp.Children.Vm[0].VdcComputePolicy: version: added in 31.0",
      "VApp.Children.Vm[0].ComputePolicy: version: added in 33.0",
    ]);
    expect(pkg.validate(vappWithPolicies(), { apiVersion: "33.0" })).toEqual(
      [],
    );
    const [violation] = pkg.validate(vappWithPolicies(), {
      apiVersion: "32.0",
    });
    expect(violation).toEqual({
      path: "VApp.Children.Vm[0].ComputePolicy",
      rule: "version",
      expected: "API version 33.0 or later (checked at 32.0)",
      message: "VApp.Children.Vm[0].ComputePolicy: version: added in 33.0",
    });
  });

  it("an attribute added after the version is named too", () => {
    const doc = vappWithPolicies();
    const vm = (doc.value as { Children: { Vm: Record<string, unknown>[] } })
      .Children.Vm[0];
    vm.encrypted = true; // added in 34.0
    expect(versionMessages(doc, "33.0")).toEqual([
      "VApp.Children.Vm[0].encrypted: version: added in 34.0",
    ]);
    expect(versionMessages(doc, "34.0")).toEqual([]);
  });

  it("a root element, a $type or an $element added after the version is named", () => {
    expect(
      pkg.validate(
        {
          element: "vcloud:CreateVmParams",
          value: { Source: { href: "h" } },
        },
        { apiVersion: "30.0" },
      ),
    ).toEqual([
      expect.objectContaining({
        path: "CreateVmParams",
        message: "CreateVmParams: version: added in 32.0",
      }),
    ]);
    const pool: Doc = {
      element: "vmext:VMWNetworkPool",
      value: { $type: "vmext:GenevePoolType", name: "geneve" },
    };
    expect(versionMessages(pool, "31.0")).toEqual([
      "VMWNetworkPool.$type: version: added in 32.0",
    ]);
    expect(versionMessages(pool, "32.0")).toEqual([]);
    const vm: Doc = {
      element: "vcloud:Vm",
      value: {
        name: "web-01",
        Section: [{ $element: "vcloud:VmSpecSection", Modified: true }],
      },
    };
    expect(versionMessages(vm, "31.0")).toEqual([
      "Vm.Section[0].$element: version: added in 32.0",
    ]);
    expect(versionMessages(vm, "32.0")).toEqual([]);
  });

  it('"required" means required at the version', () => {
    // vmext:Host's NumOfCpuCoresPhysical and NumOfCpuCoresLogical are required from 35.2.
    const host: Doc = { element: "vmext:Host", value: { name: "esx-1" } };
    const required = (apiVersion?: string) =>
      pkg
        .validate(host, apiVersion ? { apiVersion } : undefined)
        .filter((v) => v.rule === "required")
        .map((v) => v.path);
    expect(required()).toEqual(
      expect.arrayContaining([
        "Host.NumOfCpuCoresPhysical",
        "Host.NumOfCpuCoresLogical",
      ]),
    );
    expect(required("35.2")).toEqual(required());
    const at33 = required("33.0");
    expect(at33).not.toContain("Host.NumOfCpuCoresPhysical");
    expect(at33).not.toContain("Host.NumOfCpuCoresLogical");
    expect(at33).toEqual(
      required().filter((p) => !p.startsWith("Host.NumOfCpuCores")),
    );
  });

  it("a required attribute (and element) added after the version is not required there", () => {
    // OperatingSystemInfoType: DefaultHardDiskAdapterType's `ref` is required from 29.0, SupportLevel from 31.0.
    const fragment = {
      element: "vcloud:OperatingSystem",
      type: "vcloud:OperatingSystemInfoType",
      value: { DefaultHardDiskAdapterType: { $value: 5 } },
    };
    const messages = (apiVersion?: string) =>
      pkg
        .validateFragment(fragment, apiVersion ? { apiVersion } : undefined)
        .map((v) => v.message);
    expect(messages()).toEqual([
      "OperatingSystem.DefaultHardDiskAdapterType.ref: required: expected attribute ref",
      "OperatingSystem.SupportLevel: required: expected element vcloud:SupportLevel",
    ]);
    expect(messages("30.0")).toEqual([
      "OperatingSystem.DefaultHardDiskAdapterType.ref: required: expected attribute ref",
    ]);
    expect(messages("28.0")).toEqual([]);
  });

  it("a version that is no number checks nothing more", () => {
    expect(
      pkg.validate(vappWithPolicies(), { apiVersion: "all" } as never),
    ).toEqual([]);
  });
});

describe("toXml at a version", () => {
  it("refuses a document with a property added after it, strict or not", () => {
    for (const strict of [false, true]) {
      let thrown: unknown;
      try {
        pkg.toXml(vappWithPolicies(), { apiVersion: "32.0", strict });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(pkg.ValidationError);
      const violations = (thrown as InstanceType<Package36["ValidationError"]>)
        .violations;
      expect(violations.map((v: { message: string }) => v.message)).toEqual([
        "VApp.Children.Vm[0].ComputePolicy: version: added in 33.0",
      ]);
    }
  });

  it("refuses a root element added after it", () => {
    expect(() =>
      pkg.toXml(
        { element: "vcloud:CreateVmParams", value: { Source: { href: "h" } } },
        { apiVersion: "30.0" },
      ),
    ).toThrow(/CreateVmParams: version: added in 32\.0/);
  });

  it("writes what the version has, the same as without a version", () => {
    const doc = vappWithPolicies();
    const xml = pkg.toXml(doc, { apiVersion: "33.0" });
    expect(xml).toBe(pkg.toXml(doc));
    expect(xml).toContain("<ComputePolicy>");
    const older: Doc = {
      element: "vcloud:VApp",
      value: { name: "app", Children: { Vm: [{ name: "web-01" }] } },
    };
    expect(pkg.toXml(older, { apiVersion: "30.0", strict: true })).toBe(
      pkg.toXml(older),
    );
  });

  it("with omitNewer, leaves out what the version does not have, as a server speaking it answers", () => {
    const doc = vappWithPolicies();
    const at32 = pkg.toXml(doc, { apiVersion: "32.0", omitNewer: true });
    expect(at32).not.toContain("ComputePolicy>");
    expect(at32).toContain("<VdcComputePolicy "); // 31.0: 32.0 has it
    // What it wrote is the document without the newer property, valid at 32.0.
    const read = pkg.fromXml(at32);
    expect(pkg.validate(read, { apiVersion: "32.0" })).toEqual([]);
    const without = vappWithPolicies();
    const vms = (
      without.value as { Children: { Vm: { ComputePolicy?: unknown }[] } }
    ).Children.Vm;
    delete vms[0].ComputePolicy;
    expect(at32).toBe(pkg.toXml(without, { apiVersion: "32.0", strict: true }));
    // At 30.0 the VDC compute policy (31.0) goes too.
    expect(
      pkg.toXml(doc, { apiVersion: "30.0", omitNewer: true }),
    ).not.toContain("ComputePolicy");
  });

  it("without a version, writes everything 36.0 has", () => {
    expect(pkg.toXml(vappWithPolicies(), { strict: true })).toContain(
      "<VmSizingPolicy ",
    );
  });
});

describe("between two public releases, what both allow is what a client sends", () => {
  const at = (doc: Doc, apiVersion: string) =>
    pkg.validate(doc, { apiVersion }).map((v) => v.message);

  it("a property optional from the 35.2 release (required in 33.0) is required when sent at 34.0", () => {
    const settings: Doc = { element: "vmext:GeneralSettings", value: {} };
    const sync = (apiVersion: string) =>
      at(settings, apiVersion).filter((m) => m.includes("SyncStartDate"));
    expect(sync("33.0")).toEqual([
      "GeneralSettings.SyncStartDate: required: expected element vmext:SyncStartDate",
    ]);
    expect(sync("34.0")).toEqual(sync("33.0"));
    expect(sync("35.2")).toEqual([]);
    expect(sync("36.0")).toEqual([]);
  });

  it("an attribute the 35.2 release added (the 33.0 release lacks it) is sent from 35.2, and read at any version", () => {
    const record: Doc = {
      element: "vcloud:VAppRecord",
      value: { name: "app", description: "from 35.2" },
    };
    const description = (apiVersion: string) =>
      at(record, apiVersion).filter((m) => m.includes("description"));
    expect(description("34.0")).toEqual([
      "VAppRecord.description: version: added in 35.2",
    ]);
    expect(description("35.2")).toEqual([]);
    expect(() => pkg.toXml(record, { apiVersion: "34.0" })).toThrow(
      /added in 35\.2/,
    );
    const xml = pkg.toXml(record);
    expect(pkg.fromXml(xml).value).toMatchObject({ description: "from 35.2" });
  });

  it("what the 35.2 release alone lacks (33.0 and 36.0 have it) is not sent from 34.0 until 36.0", () => {
    const cbm: Doc = { element: "vmext:CbmData", value: {} };
    const version = (apiVersion: string) =>
      at(cbm, apiVersion).filter((m) => m.includes("version"));
    expect(version("33.0")).toEqual([]);
    expect(version("34.0")).toEqual([
      "CbmData: version: not sent from 34.0 until 36.0 (a release between lacks it)",
    ]);
    expect(version("35.2")).toEqual(version("34.0"));
    expect(version("36.0")).toEqual([]);
  });
});
