/** validate() finds each kind of violation in hand-made bad values, with the path of the offending value. */
import { beforeAll, describe, expect, it } from "vitest";
import {
  loadPackage,
  type GeneratedPackage,
} from "../../helpers/generated-packages.js";
import { packageOf } from "../../helpers/inline-package.js";

const rules = (violations: { path: string; rule: string }[]) =>
  violations.map((v) => `${v.path} ${v.rule}`);

describe("validate, on an inline schema", () => {
  let pkg: GeneratedPackage;
  beforeAll(async () => {
    pkg = await packageOf(`
      <xs:simpleType name="Color"><xs:restriction base="xs:string"><xs:enumeration value="red"/><xs:enumeration value="green"/></xs:restriction></xs:simpleType>
      <xs:simpleType name="Code"><xs:restriction base="xs:string"><xs:pattern value="[A-Z]{2}-\\d+"/></xs:restriction></xs:simpleType>
      <xs:simpleType name="Percent"><xs:restriction base="xs:int"><xs:minInclusive value="0"/><xs:maxInclusive value="100"/></xs:restriction></xs:simpleType>
      <xs:simpleType name="Short"><xs:restriction base="xs:string"><xs:minLength value="2"/><xs:maxLength value="4"/></xs:restriction></xs:simpleType>
      <xs:simpleType name="Money"><xs:restriction base="xs:decimal"><xs:totalDigits value="5"/><xs:fractionDigits value="2"/><xs:minExclusive value="0"/></xs:restriction></xs:simpleType>
      <xs:element name="Thing"><xs:complexType><xs:sequence>
        <xs:element name="Name" type="xs:string"/>
        <xs:element name="Tag" type="Short" minOccurs="0" maxOccurs="2"/>
        <xs:choice minOccurs="0"><xs:element name="A" type="xs:int"/><xs:element name="B" type="xs:int"/></xs:choice>
        <xs:choice minOccurs="0" maxOccurs="unbounded"><xs:element name="Note" type="xs:string" minOccurs="0"/></xs:choice>
        <xs:sequence minOccurs="0"><xs:element name="From" type="xs:int"/><xs:element name="To" type="xs:int"/></xs:sequence>
        <xs:element name="Part" minOccurs="0" maxOccurs="unbounded"><xs:complexType>
          <xs:sequence><xs:element name="Color" type="Color"/><xs:element name="Price" type="Money" minOccurs="0"/></xs:sequence>
          <xs:attribute name="code" type="Code" use="required"/><xs:attribute name="share" type="Percent"/>
        </xs:complexType></xs:element>
      </xs:sequence><xs:attribute name="id" type="xs:long" use="required"/></xs:complexType></xs:element>`);
  });

  it("counts occurrences through the groups an element stands in", () => {
    expect(
      pkg.validate({
        element: "t:Thing",
        value: { id: "1", Name: "x", Note: ["a", "b", "c"] },
      }),
    ).toEqual([]);
  });

  it("accepts a valid value", () => {
    const doc = {
      element: "t:Thing",
      value: {
        id: "9223372036854775807",
        Name: "x",
        Tag: ["ab"],
        A: 1,
        Part: [{ code: "AB-1", Color: "red", share: 100, Price: "999.99" }],
      },
    };
    expect(pkg.validate(doc)).toEqual([]);
  });

  it.each([
    ["missing required element", { id: "1" }, ["Thing.Name required"]],
    ["missing required attribute", { Name: "x" }, ["Thing.id required"]],
    [
      "too many occurrences",
      { id: "1", Name: "x", Tag: ["ab", "cd", "ef"] },
      ["Thing.Tag maxOccurs"],
    ],
    [
      "both branches of a choice",
      { id: "1", Name: "x", A: 1, B: 2 },
      ["Thing.B choice"],
    ],
    [
      "enumeration",
      { id: "1", Name: "x", Part: [{ code: "AB-1", Color: "blue" }] },
      ["Thing.Part[0].Color enumeration"],
    ],
    [
      "pattern",
      { id: "1", Name: "x", Part: [{ code: "ab-1", Color: "red" }] },
      ["Thing.Part[0].code pattern"],
    ],
    [
      "numeric range",
      {
        id: "1",
        Name: "x",
        Part: [{ code: "AB-1", Color: "red", share: 101 }],
      },
      ["Thing.Part[0].share maxInclusive"],
    ],
    [
      "exclusive bound",
      {
        id: "1",
        Name: "x",
        Part: [{ code: "AB-1", Color: "red", Price: "0" }],
      },
      ["Thing.Part[0].Price minExclusive"],
    ],
    [
      "total digits",
      {
        id: "1",
        Name: "x",
        Part: [{ code: "AB-1", Color: "red", Price: "1234.56" }],
      },
      ["Thing.Part[0].Price totalDigits"],
    ],
    [
      "fraction digits",
      {
        id: "1",
        Name: "x",
        Part: [{ code: "AB-1", Color: "red", Price: "1.234" }],
      },
      ["Thing.Part[0].Price fractionDigits"],
    ],
    [
      "length",
      { id: "1", Name: "x", Tag: ["abcde"] },
      ["Thing.Tag[0] maxLength"],
    ],
    [
      "a long beyond its range",
      { id: "9223372036854775808", Name: "x" },
      ["Thing.id type"],
    ],
    ["a value of the wrong type", { id: "1", Name: 5 }, ["Thing.Name type"]],
    [
      "half of an optional sequence",
      { id: "1", Name: "x", From: 1 },
      ["Thing.To required"],
    ],
    [
      "a property the schema does not have",
      { id: "1", Name: "x", Nmae: "y" },
      ["Thing.Nmae unknown"],
    ],
    [
      "a character XML 1.0 cannot carry",
      { id: "1", Name: "bell\u0007" },
      ["Thing.Name xmlChar"],
    ],
  ])("%s", (_name, value, want) => {
    const doc = { element: "t:Thing", value };
    expect(rules(pkg.validate(doc))).toEqual(want);
    expect(() => pkg.toXml(doc, { strict: true })).toThrowError(
      /the document breaks the schema/,
    );
  });

  it("never writes a malformed document: a character XML 1.0 cannot carry is an error", () => {
    expect(() =>
      pkg.toXml({ element: "t:Thing", value: { id: "1", Name: "\u0000" } }),
    ).toThrowError(/cannot be written in XML 1.0/);
  });

  it("says what was expected", () => {
    const [violation] = pkg.validate({
      element: "t:Thing",
      value: { id: "1", Name: "x", Part: [{ code: "AB-1", Color: "blue" }] },
    });
    expect(violation).toEqual({
      path: "Thing.Part[0].Color",
      rule: "enumeration",
      expected: 'one of "red", "green"',
      message:
        'Thing.Part[0].Color: enumeration: expected one of "red", "green"',
    });
  });
});

describe("validate, on vCD documents", () => {
  let vcd: GeneratedPackage;
  beforeAll(async () => {
    vcd = await loadPackage("30.0");
  });

  it("finds a typo deep in a vApp, a missing required attribute, and a broken pattern", () => {
    const doc = {
      element: "vcloud:VApp",
      value: {
        name: "web",
        Children: {
          Vm: [
            { name: "vm0" },
            {
              name: "vm1",
              Section: [
                {
                  $element: "vcloud:NetworkConnectionSection",
                  Info: { $value: "nics" },
                  NetworkConnection: [
                    {
                      network: "net",
                      NetworkConnectionIndex: 0,
                      IpAdress: "10.0.0.1",
                      IpAddressAllocationMode: "DHCP",
                      IsConnected: true,
                    },
                  ],
                },
              ],
            },
          ],
        },
      },
    };
    expect(rules(vcd.validate(doc))).toEqual([
      "VApp.Children.Vm[1].Section[0].NetworkConnection[0].IpAdress unknown",
    ]);
    const task = { element: "vcloud:Task", value: { name: "t" } };
    expect(rules(vcd.validate(task))).toEqual(["Task.status required"]);
    const extension = {
      element: "vmext:ObjectExtension",
      value: {
        Namespace: "n",
        Enabled: true,
        AmqpExchange: "e",
        Selectors: { Selector: [{ name: "urn:other:x", Event: [] }] },
      },
    };
    expect(rules(vcd.validate(extension))).toContainEqual(
      "ObjectExtension.Selectors.Selector[0].name pattern",
    );
  });

  it("a value without $element stands for the head, where the head may stand", () => {
    const references = (value: object) => ({
      element: "vcloud:References",
      value: { Reference: [value] },
    });
    expect(
      vcd.validate(references({ href: "https://vcd.example.com/api/x" })),
    ).toEqual([]);
    expect(
      vcd.toXml(references({ href: "https://vcd.example.com/api/x" })),
    ).toContain('<Reference href="https://vcd.example.com/api/x"/>');
    const sections = {
      element: "ovf:Envelope",
      value: { References: {}, Section: [{ Info: { $value: "i" } }] },
    };
    expect(rules(vcd.validate(sections))).toContainEqual(
      "Envelope.Section[0].$element element",
    );
  });

  it("checks $type and $element", () => {
    const bad = {
      element: "vcloud:Metadata",
      value: {
        MetadataEntry: [
          { Key: "k", TypedValue: { $type: "vcloud:TaskType", Value: "v" } },
        ],
      },
    };
    expect(rules(vcd.validate(bad))).toEqual([
      "Metadata.MetadataEntry[0].TypedValue.$type type",
    ]);
    const abstract = {
      element: "vcloud:Metadata",
      value: { MetadataEntry: [{ Key: "k", TypedValue: { Value: "v" } }] },
    };
    expect(rules(vcd.validate(abstract))).toContainEqual(
      "Metadata.MetadataEntry[0].TypedValue abstract",
    );
  });
});
