/** The naming rules of model/naming.ts. */
import { describe, expect, it } from "vitest";
import { TNS, modelOf, typeOf } from "../helpers/inline-schema.js";

describe("type names", () => {
  it("keeps XSD names, fixes identifiers and reserved words, and resolves clashes in order", () => {
    const model = modelOf(`
      <xs:complexType name="Date"/>
      <xs:complexType name="my-type.v2"/>
      <xs:complexType name="Root_Inner"/>
      <xs:element name="Root"><xs:complexType><xs:sequence><xs:element name="Inner"><xs:complexType/></xs:element></xs:sequence></xs:complexType></xs:element>`);
    expect(
      Object.fromEntries(
        model.types.map((t) => [t.id.slice(TNS.length + 2), t.tsName]),
      ),
    ).toEqual({
      Date: "Date_",
      "my-type.v2": "my_type_v2",
      Root_Inner: "Root_Inner",
      "element(Root)": "Root",
      "element(Root)/Inner": "Root_Inner_2",
    });
  });

  it("applies overrides by QName first; one that takes another type's name is an error, not an A_2", () => {
    const model = modelOf(
      `<xs:complexType name="A"/><xs:complexType name="B"/>`,
      {
        names: new Map([[`{${TNS}}B`, "Bee"]]),
      },
    );
    expect(model.types.map((t) => t.tsName)).toEqual(["A", "Bee"]);
    expect(() =>
      modelOf(`<xs:complexType name="A"/><xs:complexType name="B"/>`, {
        names: new Map([[`{${TNS}}B`, "A"]]),
      }),
    ).toThrow('"A" is already the name of type A in its namespace');
  });
});

describe("property names", () => {
  it("keeps local names; a clashing attribute becomes <name>Attr; a derived clash gets a suffix", () => {
    const model = modelOf(`
      <xs:complexType name="Base"><xs:sequence><xs:element name="name" type="xs:string"/></xs:sequence>
        <xs:attribute name="name" type="xs:string"/></xs:complexType>
      <xs:complexType name="T"><xs:complexContent><xs:extension base="Base"><xs:sequence>
        <xs:element name="name" type="xs:string"/><xs:any namespace="##other"/><xs:any namespace="##other"/>
      </xs:sequence></xs:extension></xs:complexContent></xs:complexType>`);
    expect(
      typeOf(model, "Base").particle!.particles.map(
        (p) =>
          p.kind !== "sequence" &&
          p.kind !== "choice" &&
          p.kind !== "all" &&
          p.tsName,
      ),
    ).toEqual(["name"]);
    expect(typeOf(model, "Base").attributes[0].tsName).toBe("nameAttr");
    expect(
      typeOf(model, "T").particle!.particles.map(
        (p) =>
          p.kind !== "sequence" &&
          p.kind !== "choice" &&
          p.kind !== "all" &&
          p.tsName,
      ),
    ).toEqual(["name_2", "$any", "$any_2"]);
  });

  it("names a repeating group of several elements after them, with an item type", () => {
    const model =
      modelOf(`<xs:complexType name="P"><xs:sequence><xs:element name="Info" type="xs:string"/>
      <xs:choice minOccurs="0" maxOccurs="unbounded"><xs:element name="Category" type="xs:string"/><xs:element name="Property" type="xs:string"/></xs:choice>
    </xs:sequence></xs:complexType>`);
    const group = typeOf(model, "P").particle!.particles[1];
    expect(group).toMatchObject({
      kind: "choice",
      tsName: "CategoryOrProperty",
      itemTsName: "P_CategoryOrPropertyItem",
    });
  });
});
