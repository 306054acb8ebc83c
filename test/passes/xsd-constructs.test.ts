/** Each XSD construct the vCD set (and its OVF/CIM imports) uses, on a small inline schema. */
import { describe, expect, it } from "vitest";
import {
  TNS,
  modelOf,
  schema,
  shape,
  simpleOf,
  typeOf,
} from "../helpers/inline-schema.js";

const XS = "http://www.w3.org/2001/XMLSchema";

describe("content models", () => {
  it.each([
    [
      "sequence",
      `<xs:sequence><xs:element name="A" type="xs:string"/><xs:element name="B" type="xs:int" minOccurs="0"/></xs:sequence>`,
      "seq(A, B?)",
    ],
    [
      "choice",
      `<xs:choice><xs:element name="A" type="xs:string"/><xs:element name="B" type="xs:string"/></xs:choice>`,
      "choice(A, B)",
    ],
    [
      "repeating choice",
      `<xs:choice minOccurs="0" maxOccurs="unbounded"><xs:element name="A" type="xs:string"/><xs:element name="B" type="xs:string"/></xs:choice>`,
      "choice*(A, B)",
    ],
    [
      "nested choice of sequences",
      `<xs:sequence><xs:element name="X" type="xs:string"/><xs:choice><xs:sequence><xs:element name="A" type="xs:string"/><xs:element name="B" type="xs:string" minOccurs="0"/></xs:sequence><xs:element name="C" type="xs:string" maxOccurs="3"/></xs:choice></xs:sequence>`,
      "seq(X, choice(seq(A, B?), C{1,3}))",
    ],
    [
      "all",
      `<xs:all><xs:element name="A" type="xs:string"/><xs:element name="B" type="xs:string" minOccurs="0"/></xs:all>`,
      "all(A, B?)",
    ],
    [
      "wildcard",
      `<xs:sequence><xs:element name="A" type="xs:string"/><xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>`,
      "seq(A, any*)",
    ],
  ])("%s", (_name, content, want) => {
    const model = modelOf(
      `<xs:complexType name="T">${content}</xs:complexType>`,
    );
    expect(shape(typeOf(model, "T").particle)).toBe(want);
  });

  it("inlines a group reference with the reference's occurrences", () => {
    const model = modelOf(`
      <xs:group name="G"><xs:sequence><xs:element name="A" type="xs:string"/><xs:element name="B" type="xs:string"/></xs:sequence></xs:group>
      <xs:complexType name="T"><xs:sequence><xs:element name="X" type="xs:string"/><xs:group ref="G" minOccurs="0"/></xs:sequence></xs:complexType>`);
    expect(shape(typeOf(model, "T").particle)).toBe("seq(X, seq?(A, B))");
  });

  it("keeps wildcard namespace constraints and processContents", () => {
    const model = modelOf(`<xs:complexType name="T"><xs:sequence>
        <xs:any namespace="##other" processContents="lax"/>
        <xs:any namespace="##targetNamespace ##local urn:x" processContents="skip"/>
        <xs:any/>
      </xs:sequence><xs:anyAttribute namespace="##any" processContents="lax"/></xs:complexType>`);
    const [other, list, any] = typeOf(model, "T").particle!.particles;
    expect(other).toMatchObject({
      kind: "any",
      namespaces: "##other",
      targetNamespace: TNS,
      processContents: "lax",
    });
    expect(list).toMatchObject({
      namespaces: [TNS, "", "urn:x"],
      processContents: "skip",
    });
    expect(any).toMatchObject({
      namespaces: "##any",
      processContents: "strict",
    });
    expect(typeOf(model, "T").anyAttribute).toMatchObject({
      namespaces: "##any",
      processContents: "lax",
    });
  });

  it("records default, fixed, nillable and mixed", () => {
    const model = modelOf(`<xs:complexType name="T" mixed="true"><xs:sequence>
        <xs:element name="A" type="xs:string" default="d" nillable="true"/>
        <xs:element name="B" type="xs:string" fixed="f"/>
      </xs:sequence><xs:attribute name="a" type="xs:int" default="3"/><xs:attribute name="b" type="xs:int" fixed="4" use="required"/></xs:complexType>`);
    const type = typeOf(model, "T");
    expect(type.mixed).toBe(true);
    expect(type.particle!.particles[0]).toMatchObject({
      default: "d",
      nillable: true,
    });
    expect(type.particle!.particles[1]).toMatchObject({
      fixed: "f",
      nillable: false,
    });
    expect(
      type.attributes.map((a) => [a.tsName, a.use, a.default, a.fixed]),
    ).toEqual([
      ["a", "optional", "3", undefined],
      ["b", "required", undefined, "4"],
    ]);
  });

  it("qualifies local elements and attributes per form and the schema defaults", () => {
    const model = modelOf(
      schema(
        `<xs:complexType name="T"><xs:sequence>
          <xs:element name="Q" type="xs:string" form="qualified"/><xs:element name="U" type="xs:string"/>
        </xs:sequence><xs:attribute name="a" type="xs:string"/><xs:attribute name="b" type="xs:string" form="qualified"/></xs:complexType>`,
      ).replace(
        `elementFormDefault="qualified"`,
        `elementFormDefault="unqualified"`,
      ),
    );
    const type = typeOf(model, "T");
    expect(
      type.particle!.particles.map((p) => (p.kind === "element" ? p.name : "")),
    ).toEqual([`{${TNS}}Q`, "{}U"]);
    expect(type.attributes.map((a) => a.name)).toEqual(["{}a", `{${TNS}}b`]);
  });
});

describe("derivation", () => {
  const base = `<xs:complexType name="Base"><xs:sequence><xs:element name="A" type="xs:string"/></xs:sequence><xs:attribute name="id" type="xs:string"/></xs:complexType>`;

  it("complexContent extension keeps only the added content, base linked", () => {
    const model =
      modelOf(`${base}<xs:complexType name="T"><xs:complexContent><xs:extension base="Base">
      <xs:sequence><xs:element name="B" type="xs:string"/></xs:sequence><xs:attribute name="x" type="xs:int"/></xs:extension></xs:complexContent></xs:complexType>`);
    const type = typeOf(model, "T");
    expect(type).toMatchObject({
      base: `{${TNS}}Base`,
      derivation: "extension",
    });
    expect(shape(type.particle)).toBe("seq(B)");
    expect(typeOf(model, "Base").subtypes).toEqual([`{${TNS}}T`]);
  });

  it("complexContent restriction restates the whole content", () => {
    const model =
      modelOf(`${base}<xs:complexType name="T"><xs:complexContent><xs:restriction base="Base">
      <xs:sequence><xs:element name="A" type="xs:string"/></xs:sequence><xs:attribute name="id" use="prohibited"/></xs:restriction></xs:complexContent></xs:complexType>`);
    expect(typeOf(model, "T")).toMatchObject({ derivation: "restriction" });
    expect(typeOf(model, "T").attributes[0]).toMatchObject({
      use: "prohibited",
    });
  });

  it("simpleContent extension and restriction give the text type and facets", () => {
    const model = modelOf(`
      <xs:complexType name="S"><xs:simpleContent><xs:extension base="xs:string"><xs:attribute name="unit" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType>
      <xs:complexType name="R"><xs:simpleContent><xs:restriction base="S"><xs:maxLength value="5"/></xs:restriction></xs:simpleContent></xs:complexType>`);
    expect(typeOf(model, "S")).toMatchObject({
      simpleContent: `{${XS}}string`,
      derivation: "extension",
    });
    expect(typeOf(model, "R")).toMatchObject({
      simpleContent: `{${XS}}string`,
      derivation: "restriction",
      facets: { maxLength: 5 },
    });
  });

  it("abstract types and their concrete subtypes", () => {
    const model = modelOf(`<xs:complexType name="A" abstract="true"/>
      <xs:complexType name="B"><xs:complexContent><xs:extension base="A"/></xs:complexContent></xs:complexType>
      <xs:complexType name="C"><xs:complexContent><xs:extension base="B"/></xs:complexContent></xs:complexType>`);
    expect(typeOf(model, "A")).toMatchObject({
      abstract: true,
      subtypes: [`{${TNS}}B`, `{${TNS}}C`],
      unionTsName: "AnyA",
    });
  });
});

describe("simple types", () => {
  it("every facet", () => {
    const model = modelOf(`
      <xs:simpleType name="E"><xs:restriction base="xs:string"><xs:enumeration value="a"/><xs:enumeration value="b"/></xs:restriction></xs:simpleType>
      <xs:simpleType name="P"><xs:restriction base="xs:string"><xs:pattern value="[a-z]+"/><xs:pattern value="[0-9]+"/><xs:length value="3"/><xs:whiteSpace value="collapse"/></xs:restriction></xs:simpleType>
      <xs:simpleType name="L"><xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="9"/></xs:restriction></xs:simpleType>
      <xs:simpleType name="N"><xs:restriction base="xs:int"><xs:minInclusive value="1"/><xs:maxInclusive value="10"/></xs:restriction></xs:simpleType>
      <xs:simpleType name="X"><xs:restriction base="xs:decimal"><xs:minExclusive value="0"/><xs:maxExclusive value="1"/><xs:totalDigits value="4"/><xs:fractionDigits value="2"/></xs:restriction></xs:simpleType>
      <xs:simpleType name="P2"><xs:restriction base="P"><xs:pattern value="[a-c0-3]+"/></xs:restriction></xs:simpleType>`);
    expect(simpleOf(model, "E").facets).toEqual({ enumeration: ["a", "b"] });
    expect(simpleOf(model, "P").facets).toEqual({
      patterns: [["[a-z]+", "[0-9]+"]],
      length: 3,
      whiteSpace: "collapse",
    });
    expect(simpleOf(model, "L").facets).toEqual({ minLength: 1, maxLength: 9 });
    expect(simpleOf(model, "N")).toMatchObject({
      builtin: `{${XS}}int`,
      facets: { minInclusive: "1", maxInclusive: "10" },
    });
    expect(simpleOf(model, "X").facets).toEqual({
      minExclusive: "0",
      maxExclusive: "1",
      totalDigits: 4,
      fractionDigits: 2,
    });
    expect(simpleOf(model, "P2").facets.patterns).toEqual([
      ["[a-z]+", "[0-9]+"],
      ["[a-c0-3]+"],
    ]);
  });

  it("list and union", () => {
    const model = modelOf(`
      <xs:simpleType name="Ints"><xs:list itemType="xs:int"/></xs:simpleType>
      <xs:simpleType name="U"><xs:union memberTypes="xs:int Ints"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="auto"/></xs:restriction></xs:simpleType></xs:union></xs:simpleType>`);
    expect(simpleOf(model, "Ints")).toMatchObject({
      variety: "list",
      itemType: `{${XS}}int`,
      builtin: `{${XS}}int`,
    });
    expect(simpleOf(model, "U")).toMatchObject({
      variety: "union",
      memberTypes: [`{${XS}}int`, `{${TNS}}Ints`, `{${TNS}}U#member1`],
    });
  });

  it("anonymous types get ids and names from where they stand", () => {
    const model = modelOf(`
      <xs:element name="Root"><xs:complexType><xs:sequence><xs:element name="Inner"><xs:complexType><xs:attribute name="k"><xs:simpleType><xs:restriction base="xs:string"/></xs:simpleType></xs:attribute></xs:complexType></xs:element></xs:sequence></xs:complexType></xs:element>`);
    const names = model.types.map((t) => [
      t.id.slice(TNS.length + 2),
      t.tsName,
    ]);
    expect(names).toEqual([
      ["element(Root)", "Root"],
      ["element(Root)/Inner", "Root_Inner"],
      ["element(Root)/Inner/@k", "Root_Inner_k"],
    ]);
  });
});

describe("references", () => {
  it("element and attribute refs, attribute groups, xml:lang", () => {
    const model = modelOf(
      schema(`<xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="xml.xsd"/>
        <xs:element name="G" type="xs:int" nillable="true"/>
        <xs:attribute name="ga" type="xs:boolean"/>
        <xs:attributeGroup name="AG"><xs:attribute name="x" type="xs:string"/><xs:attribute ref="ga"/><xs:anyAttribute namespace="##other"/></xs:attributeGroup>
        <xs:complexType name="T"><xs:sequence><xs:element ref="G" maxOccurs="2"/></xs:sequence>
          <xs:attributeGroup ref="AG"/><xs:attribute ref="xml:lang" use="required"/></xs:complexType>`),
      {
        files: {
          "xml.xsd": `<xs:schema xmlns:xs="${XS}" targetNamespace="http://www.w3.org/XML/1998/namespace"><xs:attribute name="lang" type="xs:language"/></xs:schema>`,
        },
      },
    );
    const type = typeOf(model, "T");
    expect(type.particle!.particles[0]).toMatchObject({
      ref: `{${TNS}}G`,
      type: `{${XS}}int`,
      nillable: true,
      maxOccurs: 2,
    });
    expect(type.attributes.map((a) => [a.name, a.use])).toEqual([
      ["{}x", "optional"],
      [`{${TNS}}ga`, "optional"],
      ["{http://www.w3.org/XML/1998/namespace}lang", "required"],
    ]);
    expect(type.anyAttribute).toMatchObject({ namespaces: "##other" });
  });

  it("substitution groups across namespaces, transitively", () => {
    const other = `<xs:schema xmlns:xs="${XS}" xmlns:t="${TNS}" targetNamespace="urn:other" elementFormDefault="qualified">
      <xs:import namespace="${TNS}"/>
      <xs:element name="Member" type="t:SectionT" substitutionGroup="t:Section"/>
      <xs:element name="Deep" type="t:SectionT" substitutionGroup="Member" xmlns="urn:other"/></xs:schema>`;
    const model = modelOf(
      schema(`<xs:import namespace="urn:other" schemaLocation="other.xsd"/>
        <xs:complexType name="SectionT"/><xs:element name="Section" type="SectionT" abstract="true"/>`),
      { files: { "other.xsd": other } },
    );
    const head = model.elements.find((e) => e.id === `{${TNS}}Section`)!;
    expect(head).toMatchObject({
      abstract: true,
      substitutes: ["{urn:other}Deep", "{urn:other}Member"],
      groupTsName: "SectionElement",
    });
  });

  it("accepts identity constraints, and ignores them", () => {
    const model =
      modelOf(`<xs:element name="R"><xs:complexType><xs:sequence><xs:element name="K" type="xs:string" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
      <xs:unique name="u"><xs:selector xpath="t:K"/><xs:field xpath="."/></xs:unique></xs:element>`);
    expect(model.elements).toHaveLength(1);
  });
});

describe("includes", () => {
  it("a schema without targetNamespace takes its includer's (chameleon include)", () => {
    const model = modelOf(
      schema(
        `<xs:include schemaLocation="chameleon.xsd"/><xs:complexType name="T"><xs:sequence><xs:element name="C" type="Shared"/></xs:sequence></xs:complexType>`,
      ),
      {
        files: {
          "chameleon.xsd": `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:complexType name="Shared"/></xs:schema>`,
        },
      },
    );
    expect(model.types.map((t) => t.id)).toEqual([
      `{${TNS}}Shared`,
      `{${TNS}}T`,
    ]);
  });

  it("include cycles are fine", () => {
    const model = modelOf(
      schema(`<xs:include schemaLocation="b.xsd"/><xs:complexType name="A"/>`),
      {
        files: {
          "b.xsd": schema(
            `<xs:include schemaLocation="main.xsd"/><xs:complexType name="B"/>`,
          ),
        },
      },
    );
    expect(model.types.map((t) => t.tsName)).toEqual(["A", "B"]);
  });
});
