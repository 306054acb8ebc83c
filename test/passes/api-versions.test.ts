/** vCD's annotations resolved to API versions, and the selection of one API version. */
import { describe, expect, it } from "vitest";
import { GeneratorError } from "../../generator/diagnostics.js";
import { modelOf, shape, typeOf } from "../helpers/inline-schema.js";

const annotated = `
  <xs:complexType name="T">
    <xs:annotation>
      <xs:appinfo><meta:content-type>application/vnd.test.t</meta:content-type></xs:appinfo>
      <xs:documentation source="since">1.5</xs:documentation>
      <xs:documentation xml:lang="en">
          A test type,
          over two lines.
      </xs:documentation>
    </xs:annotation>
    <xs:sequence>
      <xs:element name="Old" type="xs:string" minOccurs="0">
        <xs:annotation><xs:appinfo><meta:version added-in="1.5" removed-in="5.1"/></xs:appinfo>
          <xs:documentation source="deprecated">1.5</xs:documentation></xs:annotation>
      </xs:element>
      <xs:element name="Keep" type="xs:string">
        <xs:annotation><xs:documentation source="modifiable">always</xs:documentation>
          <xs:documentation source="required">true</xs:documentation></xs:annotation>
      </xs:element>
      <xs:element name="New" type="xs:string" minOccurs="0">
        <xs:annotation><xs:appinfo><meta:version added-in="FEATURE_X"/></xs:appinfo></xs:annotation>
      </xs:element>
    </xs:sequence>
    <xs:attribute name="internalOne" type="xs:string">
      <xs:annotation><xs:documentation source="internal">true</xs:documentation>
        <xs:documentation source="added-in">27.0</xs:documentation></xs:annotation>
    </xs:attribute>
  </xs:complexType>
  <xs:complexType name="Later"><xs:annotation><xs:documentation source="since">FEATURE_X</xs:documentation></xs:annotation></xs:complexType>
  <xs:complexType name="User"><xs:sequence><xs:element name="L" type="Later" minOccurs="0"/></xs:sequence></xs:complexType>`;

describe("annotations", () => {
  it("resolves documentation, versions, aliases and vCD notes", () => {
    const type = typeOf(modelOf(annotated), "T");
    expect(type.annotations).toEqual({
      documentation: "A test type, over two lines.",
      addedIn: "1.5",
      mediaType: "application/vnd.test.t",
    });
    const [old, keep, added] = type.particle!.particles;
    expect(old.kind === "element" && old.annotations).toEqual({
      addedIn: "1.5",
      removedIn: "5.1",
      deprecated: "1.5",
    });
    expect(keep.kind === "element" && keep.annotations).toEqual({
      modifiable: "always",
      required: true,
    });
    expect(added.kind === "element" && added.annotations).toEqual({
      addedIn: "20.0",
      addedInAlias: "FEATURE_X",
    });
    expect(type.attributes[0].annotations).toEqual({
      internal: true,
      addedIn: "27.0",
    });
  });

  it("fails on an unknown feature alias, naming the file and line", () => {
    const bad = `<xs:complexType name="T"><xs:sequence><xs:element name="A" type="xs:string">
      <xs:annotation><xs:appinfo><meta:version added-in="NO_SUCH_FEATURE"/></xs:appinfo></xs:annotation>
    </xs:element></xs:sequence></xs:complexType>`;
    expect(() => modelOf(bad)).toThrowError(GeneratorError);
    try {
      modelOf(bad);
    } catch (error) {
      expect((error as GeneratorError).format()).toMatch(
        /main\.xsd:4:39: unknown feature alias "NO_SUCH_FEATURE"/,
      );
    }
  });
});

describe("selecting an API version", () => {
  it.each([
    ["1.5", "seq(Old?, Keep)", false],
    ["5.1", "seq(Keep)", false],
    ["20.0", "seq(Keep, New?)", true],
    ["all", "seq(Old?, Keep, New?)", true],
  ])("at %s", (version, content, hasLater) => {
    const model = modelOf(annotated, { apiVersion: version });
    expect(shape(typeOf(model, "T").particle)).toBe(content);
    expect(model.types.some((t) => t.tsName === "Later")).toBe(hasLater);
    // A particle whose type is left out goes with it.
    expect(shape(typeOf(model, "User").particle)).toBe(
      hasLater ? "seq(L?)" : "seq()",
    );
    expect(typeOf(model, "T").attributes.length).toBe(
      version === "all" || Number(version) >= 27 ? 1 : 0,
    );
  });
});
