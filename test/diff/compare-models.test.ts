/** The diff of two small inline schema sets: each kind of change, and whether it is annotated. */
import { describe, expect, it } from "vitest";
import type { Change } from "../../generator/diff/change.js";
import { compareModels } from "../../generator/diff/compare-models.js";
import { formatReport } from "../../generator/diff/report.js";
import { modelOf } from "../helpers/inline-schema.js";

const since = (v: string) =>
  `<xs:annotation><xs:appinfo><meta:version added-in="${v}"/></xs:appinfo></xs:annotation>`;

const OLD = `
  <xs:complexType name="T"><xs:annotation><xs:appinfo><meta:content-type>application/vnd.test.t</meta:content-type></xs:appinfo>
    <xs:documentation source="since">1.0</xs:documentation></xs:annotation>
    <xs:sequence>
      <xs:element name="A" type="xs:string"/>
      <xs:element name="B" type="xs:int"/>
      <xs:element name="C" type="xs:string"/>
    </xs:sequence>
    <xs:attribute name="id" type="xs:string" use="required"/>
  </xs:complexType>
  <xs:simpleType name="Mode"><xs:restriction base="xs:string">
    <xs:enumeration value="on"/><xs:enumeration value="off"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Short"><xs:restriction base="xs:string"><xs:maxLength value="8"/></xs:restriction></xs:simpleType>
  <xs:complexType name="Base"/>
  <xs:complexType name="Other"/>
  <xs:complexType name="D"><xs:complexContent><xs:extension base="Base"/></xs:complexContent></xs:complexType>
  <xs:complexType name="Gone"/>
  <xs:element name="Head" type="Base"/>
  <xs:element name="Doc" type="T"/>
  <xs:element name="Member" type="D"/>`;

const NEW = `
  <xs:complexType name="T"><xs:annotation><xs:appinfo><meta:content-type>application/vnd.test.t2</meta:content-type></xs:appinfo>
    <xs:documentation source="since">1.0</xs:documentation><xs:documentation>Now documented.</xs:documentation></xs:annotation>
    <xs:sequence>
      <xs:element name="A" type="xs:string" minOccurs="0"/>
      <xs:element name="C" type="xs:string"/>
      <xs:element name="B" type="xs:long"><xs:annotation><xs:appinfo><meta:version removed-in="25.0"/></xs:appinfo></xs:annotation></xs:element>
      <xs:element name="New" type="xs:string" minOccurs="0">${since("25.0")}</xs:element>
      <xs:element name="Quiet" type="xs:string" minOccurs="0"/>
    </xs:sequence>
    <xs:attribute name="id" type="xs:string" use="optional"/>
    <xs:attribute name="flag" type="xs:boolean">${since("FEATURE_X")}</xs:attribute>
  </xs:complexType>
  <xs:simpleType name="Mode"><xs:restriction base="xs:string">
    <xs:enumeration value="on"/><xs:enumeration value="auto"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Short"><xs:restriction base="xs:string"><xs:maxLength value="16"/></xs:restriction></xs:simpleType>
  <xs:complexType name="Base"/>
  <xs:complexType name="Other"/>
  <xs:complexType name="D"><xs:complexContent><xs:extension base="Other"/></xs:complexContent></xs:complexType>
  <xs:complexType name="Fresh">${since("25.0")}</xs:complexType>
  <xs:complexType name="Stray"/>
  <xs:element name="Head" type="Base"/>
  <xs:element name="Doc" type="T"/>
  <xs:element name="Member" type="D" substitutionGroup="Head"/>
  <xs:element name="FreshDoc" type="Fresh"/>`;

const config = {
  newestApiVersion: "20.0",
  featureAliases: { FEATURE_X: "22.0" },
};
const report = compareModels(
  modelOf(OLD, { apiVersion: "20.0", config }),
  modelOf(NEW, { apiVersion: "all", config }),
);
const find = (path: string, aspect?: string): Change | undefined =>
  report.changes.find((c) => c.path === path && c.aspect === aspect);
const flag = (path: string, aspect?: string) => {
  const change = find(path, aspect);
  if (!change) throw new Error(`no change at ${path} ${aspect ?? ""}`);
  return [change.kind, change.from, change.to, change.annotated];
};

describe("compare-models", () => {
  it.each([
    ["t:Fresh", undefined, ["added", undefined, undefined, true]],
    ["t:Stray", undefined, ["added", undefined, undefined, false]],
    ["t:Gone", undefined, ["removed", undefined, undefined, false]],
    ["t:T/t:New", undefined, ["added", undefined, undefined, true]],
    ["t:T/t:Quiet", undefined, ["added", undefined, undefined, false]],
    ["t:T/t:B", undefined, ["removed", undefined, undefined, true]],
    ["t:T/t:A", "minOccurs", ["changed", "1", "0", false]],
    ["t:T/t:B", "type", ["changed", "xs:int", "xs:long", false]],
    ["t:T", "order", ["changed", "t:A, t:B, t:C", "t:A, t:C, t:B", false]],
    [
      "t:T",
      "mediaType",
      ["changed", "application/vnd.test.t", "application/vnd.test.t2", false],
    ],
    ["t:T/@id", "use", ["changed", "required", "optional", false]],
    ["t:T/@flag", undefined, ["added", undefined, undefined, true]],
    ['t:Mode "auto"', undefined, ["added", undefined, undefined, false]],
    ['t:Mode "off"', undefined, ["removed", undefined, undefined, false]],
    ["t:Short", "facet.maxLength", ["changed", "8", "16", false]],
    ["t:D", "base", ["changed", "t:Base", "t:Other", false]],
    ["t:Member", "substitutionGroup", ["changed", "-", "t:Head", false]],
    ["t:FreshDoc", undefined, ["added", undefined, undefined, true]],
  ] as const)("%s %s", (path, aspect, want) => {
    expect(flag(path, aspect)).toEqual(want);
  });

  it("names the annotation that explains a change, or the one that does not", () => {
    expect(find("t:T/@flag")?.annotation).toBe("added-in 22.0 (FEATURE_X)");
    expect(find("t:FreshDoc")?.annotation).toBe(
      "its type t:Fresh: added-in 25.0",
    );
    expect(find("t:T/t:B")?.annotation).toBe("removed-in 25.0");
  });

  it("leaves documentation and source positions out", () => {
    expect(report.changes.filter((c) => c.component.endsWith("}Base"))).toEqual(
      [],
    );
    expect(report.changes.some((c) => c.aspect === "documentation")).toBe(
      false,
    );
  });

  it("finds nothing between a model and itself", () => {
    const model = modelOf(NEW, { config });
    expect(compareModels(model, model).changes).toEqual([]);
    expect(formatReport(compareModels(model, model)).at(-1)).toBe("no changes");
  });

  it("prints one line per change, grouped, with a summary", () => {
    const lines = formatReport(report);
    expect(lines[0]).toBe(
      "vcd-codegen diff: from (API 20.0) -> to (all versions, up to 25.0)",
    );
    expect(lines).toContain("  ~ t:T/t:A minOccurs: 1 -> 0  [UNANNOTATED]");
    expect(lines).toContain(
      "  + t:T/@flag (attribute)  [annotated: added-in 22.0 (FEATURE_X)]",
    );
    expect(lines).toContain("Global elements (2)");
    const s = report.summary;
    expect(lines.at(-1)).toBe(
      `${report.changes.length} changes: ${s.added} added, ${s.removed} removed, ${s.changed} changed; ${s.annotated} annotated, ${s.unannotated} unannotated`,
    );
    expect(s.annotated + s.unannotated).toBe(report.changes.length);
  });

  it("at one version, an annotated addition is filtered out on both sides", () => {
    const at20 = compareModels(
      modelOf(OLD, { apiVersion: "20.0", config }),
      modelOf(NEW, { apiVersion: "20.0", config }),
    );
    expect(at20.changes.find((c) => c.path === "t:Fresh")).toBeUndefined();
    expect(at20.changes.find((c) => c.path === "t:T/t:New")).toBeUndefined();
    expect(at20.changes.every((c) => !c.annotated)).toBe(true);
    expect(at20.changes.find((c) => c.path === "t:T/t:Quiet")?.kind).toBe(
      "added",
    );
  });
});
