/** The light tree xmldom builds for the readers: names, attributes, positions, text; and xmldom's checks, kept. */
import { describe, expect, it } from "vitest";
import { GeneratorError } from "../../generator/diagnostics.js";
import { parseXml } from "../../generator/load/xml-document.js";
import { XmlElement } from "../../generator/load/xml-tree.js";

const XSD = "http://www.w3.org/2001/XMLSchema";

describe("parseXml's tree", () => {
  const { root } = parseXml(
    [
      `<?xml version="1.0"?>`,
      `<xs:schema xmlns:xs="${XSD}" xmlns:t="urn:t" targetNamespace="urn:t">`,
      `  <!-- a comment -->`,
      `  <xs:element name="A&amp;B" type="t:T"/>`,
      `  <xs:annotation><xs:documentation>one &lt;two&gt; <![CDATA[<three>]]></xs:documentation></xs:annotation>`,
      `</xs:schema>`,
    ].join("\n"),
    "s.xsd",
  );
  const elements = (node: XmlElement) => {
    const out: XmlElement[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling)
      if (child.nodeType === 1) out.push(child);
    return out;
  };

  it("has the namespace, names and position of each element", () => {
    expect(root).toBeInstanceOf(XmlElement);
    expect([root.namespaceURI, root.localName, root.tagName]).toEqual([
      XSD,
      "schema",
      "xs:schema",
    ]);
    expect([root.lineNumber, root.columnNumber]).toEqual([2, 1]);
    const [element, annotation] = elements(root);
    expect([
      element.localName,
      element.lineNumber,
      element.columnNumber,
    ]).toEqual(["element", 4, 3]);
    expect(element.parentNode).toBe(root);
    expect(annotation.localName).toBe("annotation");
  });

  it("has each attribute by its qualified name, entities decoded; an absent one is null", () => {
    const [element] = elements(root);
    expect(element.getAttribute("name")).toBe("A&B");
    expect(element.getAttribute("type")).toBe("t:T");
    expect(element.getAttribute("ref")).toBeNull();
    expect(element.hasAttribute("name")).toBe(true);
    expect(element.hasAttribute("ref")).toBe(false);
    expect(root.attributes.map((a) => a.name)).toEqual([
      "xmlns:xs",
      "xmlns:t",
      "targetNamespace",
    ]);
  });

  it("has the text below an element, CDATA included, comments not", () => {
    const [, annotation] = elements(root);
    expect(elements(annotation)[0].textContent).toBe("one <two> <three>");
    expect(root.textContent).not.toContain("a comment");
  });
});

describe("parseXml refuses what xmldom refuses, at its line and column", () => {
  it.each([
    [
      "mismatched tags",
      "<a>\n  <b></c>\n</a>",
      /x\.xml:2:\d+: malformed XML: Opening and ending tag mismatch/,
    ],
    [
      "an unclosed tag",
      "<a><b>",
      /x\.xml:\d+:\d+: malformed XML: unclosed xml tag/,
    ],
    [
      "a redefined attribute",
      '<a x="1" x="2"/>',
      /malformed XML: Attribute x redefined/,
    ],
    [
      "a second root",
      "<a/><b/>",
      /x\.xml:1:5: malformed XML: Error constructing the DOM: HierarchyRequestError/,
    ],
    ["no root at all", "<?xml version='1.0'?>", /malformed XML: .*root/],
    [
      "an element's prefix bound to nothing",
      "<p:a/>",
      /x\.xml:1:1: malformed XML: Error constructing the DOM: NamespaceError/,
    ],
    [
      "an attribute's prefix bound to nothing",
      '<a p:b="1"/>',
      /malformed XML: Error constructing the DOM: NamespaceError/,
    ],
    [
      "the xml prefix bound elsewhere",
      '<a xmlns:xml="urn:x" xml:lang="en"/>',
      /malformed XML: Error constructing the DOM: NamespaceError/,
    ],
    [
      "an element in the XMLNS namespace",
      '<p:a xmlns:p="http://www.w3.org/2000/xmlns/"/>',
      /malformed XML: Error constructing the DOM: NamespaceError/,
    ],
    [
      "text after the root",
      "<a/>junk",
      /x\.xml:1:\d+: malformed XML: Extra content at the end of the document/,
    ],
  ])("%s", (_name, text, message) => {
    let failure: unknown;
    try {
      parseXml(text, "x.xml");
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(GeneratorError);
    expect((failure as GeneratorError).format()).toMatch(message);
  });
});

describe("parseXml accepts what xmldom's DOM accepted", () => {
  it.each([
    [
      "xml:lang and prefixed attributes",
      '<a xml:lang="en" xmlns:x="u" x:y="1" xmlns="v"/>',
    ],
    [
      "the xml prefix bound to its own namespace",
      '<a xmlns:xml="http://www.w3.org/XML/1998/namespace"/>',
    ],
    ["an end tag of the root again (xmldom's leniency)", "<a></a></a>"],
  ])("%s", (_name, text) => {
    expect(parseXml(text, "x.xml").root.localName).toBe("a");
  });
});
