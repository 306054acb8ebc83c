/** The whole vCD schema set: loads completely, and the model says what the XSDs say. */
import { readFileSync } from "node:fs";
import { DOMParser } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import type {
  ComplexTypeDef,
  Model,
  Particle,
} from "../../generator/model/ir.js";
import { ModelIndex } from "../../generator/model/model-index.js";
import { buildModel } from "../../generator/pipeline.js";
import { vcdModelOptions } from "../helpers/vcd-inputs.js";

const XS = "http://www.w3.org/2001/XMLSchema";
const V15 = "http://www.vmware.com/vcloud/v1.5";
const OVF = "http://schemas.dmtf.org/ovf/envelope/1";

let all: { model: Model; files: string[] };
let index: ModelIndex;

beforeAll(() => {
  all = buildModel(vcdModelOptions("all"));
  index = new ModelIndex(all.model);
});

/** Named types and global elements of the files, counted straight from their DOM. */
function scan(files: string[]): { types: Set<string>; elements: Set<string> } {
  const types = new Set<string>();
  const elements = new Set<string>();
  for (const file of files) {
    const root = new DOMParser().parseFromString(
      readFileSync(file, "utf8"),
      "text/xml",
    ).documentElement!;
    const tns = root.getAttribute("targetNamespace") ?? "";
    for (let node = root.firstChild; node; node = node.nextSibling) {
      const el = node as unknown as Element;
      if (
        node.nodeType !== 1 ||
        el.namespaceURI !== XS ||
        !el.getAttribute("name")
      )
        continue;
      const name = `{${tns}}${el.getAttribute("name")}`;
      if (el.localName === "complexType" || el.localName === "simpleType")
        types.add(name);
      if (el.localName === "element") elements.add(name);
    }
  }
  return { types, elements };
}

describe("the vCD schema set", () => {
  it("loads the 58 files reachable from the three entry points, with every named type and global element", () => {
    expect(all.files).toHaveLength(58);
    const expected = scan(all.files);
    expect(expected.types.size).toBe(664);
    const named = all.model.types.filter((t) => t.qname).map((t) => t.id);
    expect(new Set(named)).toEqual(expected.types);
    expect(new Set(all.model.elements.map((e) => e.id))).toEqual(
      expected.elements,
    );
  });

  it("has no unresolved reference anywhere", () => {
    const known = (id: string) =>
      id.startsWith(`{${XS}}`) || index.types.has(id);
    const visit = (p: Particle): void => {
      if (p.kind === "element") {
        expect(known(p.type), p.type).toBe(true);
        if (p.ref) expect(index.elements.has(p.ref)).toBe(true);
      } else if (p.kind !== "any") p.particles.forEach(visit);
    };
    for (const type of all.model.types) {
      if (type.kind === "complex") {
        if (type.base) expect(known(type.base)).toBe(true);
        type.particle?.particles.forEach(visit);
        for (const attribute of type.attributes)
          expect(known(attribute.type), attribute.type).toBe(true);
      }
    }
    for (const element of all.model.elements)
      expect(known(element.type)).toBe(true);
  });

  it("API 30.0 leaves out the 13 types added in 32.0 and 11 of the 12 removed in 5.1, 6.0 or 30.0 (REMOVED_VERSION_15_51): RelocateParamsType stays, the 30.0 operations document names it", () => {
    const v30 = buildModel(vcdModelOptions("30.0")).model;
    const names = new Set(v30.types.map((t) => t.id));
    const missing = all.model.types.filter((t) => t.qname && !names.has(t.id));
    const added = missing.filter((t) => t.annotations.addedIn === "32.0");
    const removed = missing.filter((t) =>
      ["5.1", "6.0", "30.0"].includes(t.annotations.removedIn ?? ""),
    );
    expect(
      removed
        .filter((t) => t.annotations.removedIn === "30.0")
        .map((t) => t.tsName),
    ).toContain("NotificationType");
    expect(added.length + removed.length).toBe(missing.length);
    expect(removed.map((t) => t.tsName).sort()).toEqual([
      "LicensingManagedServerType",
      "LicensingReportListType",
      "LicensingReportSampleType",
      "LicensingReportType",
      "LicensingVirtualMachineType",
      "NotificationType",
      "OrgNetworkType",
      "QueryResultAdminAllocatedExternalAddressRecordType",
      "QueryResultAdminOrgNetworkRecordType",
      "QueryResultAllocatedExternalAddressRecordType",
      "QueryResultVAppOrgNetworkRelationRecordType",
    ]);
    expect(
      names.has(
        all.model.types.find((t) => t.tsName === "RelocateParamsType")!.id,
      ),
    ).toBe(true);
    expect(added.map((t) => t.tsName).sort()).toEqual([
      "ComputeResourceType",
      "CreateVmParamsType",
      "DiskSectionType",
      "DiskSettingsType",
      "InstantiateVmTemplateParamsType",
      "MediaSectionType",
      "MediaSettingsType",
      "MediaStateType",
      "MediaTypeType",
      "ResourceSharesLevelType",
      "SourcedVmTemplateParamsType",
      "VirtualCpuTypeType",
      "VmSpecSectionType",
    ]);
  });
});

/** `Name` with `?` (0..1), `*` (0..n), `+` (1..n): the own content and attributes of a type. */
function members(type: ComplexTypeDef): string[] {
  const out: string[] = [];
  const visit = (p: Particle, optional: boolean) => {
    if (p.kind === "element") {
      const many = p.maxOccurs !== 1;
      const opt = optional || p.minOccurs === 0;
      out.push(
        `${p.name.slice(p.name.indexOf("}") + 1)}${many ? (opt ? "*" : "+") : opt ? "?" : ""}`,
      );
    } else if (p.kind === "any")
      out.push(`any${p.minOccurs === 0 ? "*" : "+"}`);
    else p.particles.forEach((c) => visit(c, optional || p.minOccurs === 0));
  };
  type.particle?.particles.forEach((p) =>
    visit(p, type.particle!.minOccurs === 0),
  );
  for (const a of type.attributes)
    out.push(
      `@${a.name.slice(a.name.indexOf("}") + 1)}${a.use === "required" ? "" : "?"}`,
    );
  return out;
}

describe("names", () => {
  it("every type's TypeScript name is unique within its module, at every API version", () => {
    for (const model of [
      all.model,
      buildModel(vcdModelOptions("30.0")).model,
      buildModel(vcdModelOptions("5.1")).model,
    ]) {
      const seen = new Map<string, Set<string>>();
      for (const type of model.types) {
        const names = seen.get(type.namespace) ?? new Set<string>();
        for (const name of [
          type.tsName,
          type.kind === "complex" ? type.unionTsName : undefined,
        ]) {
          if (!name) continue;
          expect(names.has(name), `${type.id}: ${name}`).toBe(false);
          names.add(name);
        }
        seen.set(type.namespace, names);
      }
    }
  });

  it("names are stable: the same model twice gives the same names", () => {
    const again = buildModel(vcdModelOptions("all")).model;
    expect(again.types.map((t) => t.tsName)).toEqual(
      all.model.types.map((t) => t.tsName),
    );
  });
});

describe("spot checks against the XSD", () => {
  it.each([
    [
      V15,
      "VAppType",
      "AbstractVAppType",
      [
        "Owner?",
        "autoNature?",
        "InMaintenanceMode?",
        "Children?",
        "@ovfDescriptorUploaded?",
      ],
    ],
    [
      V15,
      "VmType",
      "AbstractVAppType",
      [
        "VAppScopedLocalId?",
        "Environment?",
        "VmCapabilities?",
        "StorageProfile?",
        "BootOptions?",
        "Media?",
        "@needsCustomization?",
        "@nestedHypervisorEnabled?",
      ],
    ],
    [
      V15,
      "TaskType",
      "EntityType",
      [
        "Owner?",
        "Error?",
        "User?",
        "Organization?",
        "Progress?",
        "Params?",
        "Details?",
        "Result?",
        "@status",
        "@operation?",
        "@operationName?",
        "@serviceNamespace?",
        "@startTime?",
        "@endTime?",
        "@expiryTime?",
        "@cancelRequested?",
      ],
    ],
    [
      V15,
      "GuestCustomizationSectionType",
      "Section_Type",
      [
        "Enabled?",
        "ChangeSid?",
        "VirtualMachineId?",
        "JoinDomainEnabled?",
        "UseOrgSettings?",
        "DomainName?",
        "DomainUserName?",
        "DomainUserPassword?",
        "MachineObjectOU?",
        "AdminPasswordEnabled?",
        "AdminPasswordAuto?",
        "AdminPassword?",
        "AdminAutoLogonEnabled?",
        "AdminAutoLogonCount?",
        "ResetPasswordRequired?",
        "CustomizationScript?",
        "ComputerName?",
        "Link*",
        "any*",
        "@href?",
        "@type?",
      ],
    ],
    [
      OVF,
      "VirtualHardwareSection_Type",
      "Section_Type",
      ["System?", "Item*", "any*", "@id?", "@transport?"],
    ],
  ])("%s %s", (ns, name, base, want) => {
    const type = index.complex(`{${ns}}${name}`)!;
    expect(type.base?.endsWith(`}${base}`)).toBe(true);
    expect(members(type)).toEqual(want);
  });

  it("Task's Params is anyType, status a required string, startTime a dateTime", () => {
    const task = index.complex(`{${V15}}TaskType`)!;
    const params = task.particle!.particles.find(
      (p) => p.kind === "element" && p.tsName === "Params",
    );
    expect(params).toMatchObject({ type: `{${XS}}anyType` });
    expect(task.attributes.find((a) => a.tsName === "startTime")).toMatchObject(
      { type: `{${XS}}dateTime` },
    );
  });

  it("ovf:Section, of the abstract Section_Type, heads a group with the vCD sections among its substitutes", () => {
    const section = index.elements.get(`{${OVF}}Section`)!;
    expect(index.complex(section.type)!.abstract).toBe(true);
    expect(index.substitutableBy(section).map((e) => e.id)).not.toContain(
      section.id,
    );
    expect(section.substitutes).toContain(`{${OVF}}VirtualHardwareSection`);
    expect(section.substitutes).toContain(`{${V15}}GuestCustomizationSection`);
    expect(section.substitutes).toContain(`{${V15}}NetworkConnectionSection`);
  });

  it("media types come from meta:content-type", () => {
    expect(index.complex(`{${V15}}VAppType`)!.annotations.mediaType).toBe(
      "application/vnd.vmware.vcloud.vApp",
    );
    expect(index.complex(`{${V15}}TaskType`)!.annotations.mediaType).toBe(
      "application/vnd.vmware.vcloud.task",
    );
  });
});
