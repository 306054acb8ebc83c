/** The types emitter: given a small schema, the declarations it prints. */
import { describe, expect, it } from "vitest";
import { emitPackage } from "../../generator/emit/emit-package.js";
import { modelOf } from "../helpers/inline-schema.js";

/** The source of the test namespace's module, without its header. */
function typesOf(body: string): string {
  const files = emitPackage(modelOf(body, { apiVersion: "30.0" }), {
    generatorVersion: "0.0.0",
    name: "test",
  });
  return files
    .find((f) => f.path === "src/test.ts")!
    .content.split("\n")
    .slice(3)
    .join("\n");
}

/** Declarations only: doc comments dropped. */
function declarations(body: string): string {
  return typesOf(body)
    .replace(/^ *\/\*\*[\s\S]*?\*\/\n/gm, "")
    .replace(/^import .*\n/gm, "")
    .replace(/\n\n+/g, "\n")
    .trim();
}

describe("types emitter", () => {
  it.each([
    [
      "required, optional, repeated and nillable elements; attributes; value types",
      `<xs:complexType name="T"><xs:sequence>
         <xs:element name="A" type="xs:string"/><xs:element name="B" type="xs:int" minOccurs="0"/>
         <xs:element name="C" type="xs:boolean" maxOccurs="unbounded"/><xs:element name="D" type="xs:long" nillable="true"/>
         <xs:element name="E" type="xs:dateTime" minOccurs="0" maxOccurs="2"/><xs:element name="F" type="xs:anyType"/>
       </xs:sequence><xs:attribute name="req" type="xs:decimal" use="required"/><xs:attribute name="opt" type="xs:double"/></xs:complexType>`,
      `export interface T extends $.ElementValue {
  A: string;
  B?: number;
  C: boolean[];
  D: string | null;
  E?: string[];
  F: $.AnyElement;
  req: string;
  opt?: number;
}`,
    ],
    [
      "extension, choice, wildcard",
      `<xs:complexType name="Base"><xs:sequence><xs:element name="A" type="xs:string"/></xs:sequence></xs:complexType>
       <xs:complexType name="T"><xs:complexContent><xs:extension base="Base"><xs:sequence>
         <xs:choice><xs:element name="X" type="xs:string"/><xs:element name="Y" type="xs:string"/></xs:choice>
         <xs:any namespace="##other" minOccurs="0" maxOccurs="unbounded"/>
       </xs:sequence></xs:extension></xs:complexContent></xs:complexType>`,
      `export interface Base extends $.ElementValue {
  A: string;
}
export interface AnyBaseSubtypes {
  "t:T": T;
}
export type AnyBase = Base | $.XsiOf<AnyBaseSubtypes>;
export interface T extends Base {
  X?: string;
  Y?: string;
  $any?: $.AnyElement[];
}`,
    ],
    [
      "enumeration and its values",
      `<xs:simpleType name="Color"><xs:restriction base="xs:string"><xs:enumeration value="red"/><xs:enumeration value="green"/></xs:restriction></xs:simpleType>`,
      `export type Color = "red" | "green";
export const ColorValues: readonly Color[] = ["red", "green"];`,
    ],
    [
      "repeating choice of several elements: one ordered property of one-of items",
      `<xs:complexType name="P"><xs:choice minOccurs="0" maxOccurs="unbounded">
         <xs:element name="Category" type="xs:string"/><xs:element name="Property" type="xs:int"/></xs:choice></xs:complexType>`,
      `export interface P extends $.ElementValue {
  CategoryOrProperty?: P_CategoryOrPropertyItem[];
}
export interface P_CategoryOrPropertyItems {
  Category: string;
  Property: number;
}
export type P_CategoryOrPropertyItem = $.OneOf<P_CategoryOrPropertyItems>;`,
    ],
    [
      "simple content and mixed content",
      `<xs:complexType name="S"><xs:simpleContent><xs:extension base="xs:int"><xs:attribute name="unit" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType>
       <xs:complexType name="M" mixed="true"><xs:sequence><xs:element name="B" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType>`,
      `export interface M extends $.ElementValue {
  B?: string;
  $text?: string;
}
export interface S extends $.ElementValue {
  unit?: string;
  $value: number;
}`,
    ],
    [
      "abstract type and substitution group",
      `<xs:complexType name="SecT" abstract="true"/>
       <xs:complexType name="HwT"><xs:complexContent><xs:extension base="SecT"/></xs:complexContent></xs:complexType>
       <xs:element name="Section" type="SecT"/><xs:element name="Hw" type="HwT" substitutionGroup="Section"/>
       <xs:complexType name="Env"><xs:sequence><xs:element ref="Section" maxOccurs="unbounded"/><xs:element name="Any" type="SecT"/></xs:sequence></xs:complexType>`,
      `export interface Env extends $.ElementValue {
  Section: SectionElement[];
  Any: AnySecT;
}
export interface HwT extends SecT {}
export interface SecT extends $.ElementValue {}
export interface AnySecTSubtypes {
  "t:HwT": HwT;
}
export type AnySecT = $.XsiOf<AnySecTSubtypes>;
export interface SectionElementMembers {
  "t:Hw": HwT;
}
export type SectionElement = $.ElementOf<SectionElementMembers>;
export const HwSchema: $rt.ElementPart<"t:Hw", HwT> = $schema.e$t$Hw as never;
export const SectionSchema: $rt.ElementPart<"t:Section", AnySecT> =
  $schema.e$t$Section as never;`,
    ],
  ])("%s", (_name, body, want) => {
    expect(declarations(body)).toBe(want);
  });

  it("documents types and properties from the schema's annotations", () => {
    const source = typesOf(`<xs:complexType name="T">
      <xs:annotation><xs:appinfo><meta:content-type>application/vnd.test.t</meta:content-type></xs:appinfo>
        <xs:documentation>A thing.</xs:documentation><xs:documentation source="since">1.5</xs:documentation></xs:annotation>
      <xs:sequence><xs:element name="A" type="xs:string"><xs:annotation>
        <xs:documentation>The A.</xs:documentation><xs:documentation source="modifiable">create</xs:documentation>
        <xs:documentation source="deprecated">5.5</xs:documentation></xs:annotation></xs:element></xs:sequence></xs:complexType>`);
    expect(source).toContain(`/**
 * A thing.
 *
 * @since 1.5
 * @mediaType application/vnd.test.t+xml
 * @xsd t:T (main.xsd:4)
 */
export interface T extends $.ElementValue {
  /**
   * The A.
   *
   * @deprecated since 5.5
   * @modifiable create
   * @xsd t:A
   */
  A: string;
}`);
  });

  it("marks vCD's internal components with @vcdInternal, never TSDoc's @internal (stripInternal would drop them)", () => {
    const source = typesOf(`<xs:complexType name="T">
      <xs:annotation><xs:documentation source="internal">true</xs:documentation></xs:annotation>
      <xs:sequence><xs:element name="A" type="xs:string"/></xs:sequence></xs:complexType>`);
    expect(source).toContain("@vcdInternal");
    expect(source).not.toMatch(/@internal\b/);
  });
});
