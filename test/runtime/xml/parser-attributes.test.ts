/**
 * The parser's attribute and namespace handling at sizes a hostile document has: many attributes
 * on one element (the duplicate check goes through a hash table past a few, one table for the whole
 * document), the limit on attributes per element, many namespace declarations, and prefixes bound
 * several declaring ancestors up. The speed of it is in the XML bench.
 */
import { describe, expect, it } from "vitest";
import { parseXml, XmlParseError } from "../../../runtime/xml/xml-parser.js";

const attributes = (n: number, name = (i: number) => `a${i}`) =>
  Array.from({ length: n }, (_, i) => ` ${name(i)}="v${i}"`).join("");

const refusal = (xml: string, limits?: Parameters<typeof parseXml>[1]) => {
  try {
    parseXml(xml, limits);
  } catch (error) {
    if (error instanceof XmlParseError) return error.message;
    throw error;
  }
  throw new Error("not refused");
};

describe("attributes", () => {
  it("reads thousands of attributes on one element, in order", () => {
    const root = parseXml(`<r${attributes(5000)}/>`);
    expect(root.attributes).toHaveLength(5000);
    expect(root.attributes[4999]).toStrictEqual({
      ns: "",
      local: "a4999",
      value: "v4999",
    });
  });

  it("refuses a duplicate, whether among the first few or after thousands", () => {
    expect(refusal(`<r a="1" b="2" a="3"/>`)).toMatch(
      /^duplicate attribute a /,
    );
    expect(refusal(`<r${attributes(3000)} a17="again"/>`)).toMatch(
      /^duplicate attribute a17 \(line 1, column \d+\)$/,
    );
    // The same expanded name written with two prefixes of one namespace.
    expect(
      refusal(
        `<r xmlns:p="urn:x" xmlns:q="urn:x"${attributes(20, (i) => `p:a${i}`)} q:a5="again"/>`,
      ),
    ).toMatch(/^duplicate attribute q:a5 /);
    // One local name in two namespaces is two attributes.
    const two = parseXml(
      `<r xmlns:p="urn:p"${attributes(20)}${attributes(20, (i) => `p:a${i}`)}/>`,
    );
    expect(two.attributes).toHaveLength(40);
  });
});

describe("the duplicate check where the table starts and grows", () => {
  it("finds the last and the first name again at every size around the scan limit and the table's growth", () => {
    for (const n of [15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 129, 1000]) {
      for (const again of [n - 1, 0, n >> 1])
        expect(
          refusal(`<r${attributes(n)} a${again}="again"/>`),
          `${n} attributes, a${again} again`,
        ).toMatch(new RegExp(`^duplicate attribute a${again} `));
      expect(parseXml(`<r${attributes(n)} b="new"/>`).attributes).toHaveLength(
        n + 1,
      );
    }
  });
});

describe("attributes on many elements of one document", () => {
  it("finds no duplicate across elements, and each element's own duplicates", () => {
    // Siblings and nested elements with the same 40 names each: the table is shared by the
    // document, so what one start tag put in it must not count for the next.
    const forty = attributes(40);
    const root = parseXml(
      `<r${forty}><a${forty}/><b${forty}><c${forty}/></b><d${attributes(3000)}/><e${forty}/></r>`,
    );
    const [a, b, d, e] = root.children as (typeof root)[];
    expect([root, a, b, d, e].map((x) => x!.attributes.length)).toEqual([
      40, 40, 40, 3000, 40,
    ]);
    expect(
      refusal(`<r${forty}><a${forty}/><b${forty} a39="again"/></r>`),
    ).toMatch(/^duplicate attribute a39 /);
    // After a start tag that grew the table, the first names of a later one are still found.
    expect(
      refusal(`<r><d${attributes(3000)}/><e${attributes(20)} a0="again"/></r>`),
    ).toMatch(/^duplicate attribute a0 \(line 1, column \d+\)$/);
    // A duplicate of the very first attribute, found after the table grew several times.
    expect(refusal(`<r${attributes(9000)} a0="again"/>`)).toMatch(
      /^duplicate attribute a0 /,
    );
  });

  it("leaves nothing of a document refused inside a start tag to the next document", () => {
    // The start tag's attributes and its table are kept from one document to the next: a refusal
    // half-way through a tag must not leave its attributes counted in the next one's.
    for (const refused of [
      `<r a="1" b="2" a="3"/>`,
      `<r${attributes(3000)} a5="again"/>`,
      `<r${attributes(40)} p:x="1"/>`,
      `<r${attributes(30)}`,
    ]) {
      refusal(refused);
      expect(parseXml(`<s c="1"/>`).attributes, refused).toStrictEqual([
        { ns: "", local: "c", value: "1" },
      ]);
      const next = parseXml(`<s${attributes(20)} b="2"/>`).attributes;
      expect(next.map((a) => a.local), refused).toEqual([
        ...Array.from({ length: 20 }, (_, i) => `a${i}`),
        "b",
      ]);
    }
  });
});

describe("the limit on attributes per element", () => {
  it("accepts 10,000 (the JDK's elementAttributeLimit, which vCD's parser applies), refuses one more", () => {
    expect(parseXml(`<r${attributes(10_000)}/>`).attributes).toHaveLength(
      10_000,
    );
    const xml = `<r${attributes(10_001)}/>`;
    const column = xml.indexOf(" a10000=") + 2;
    expect(refusal(xml)).toBe(
      `element r has more than 10000 attributes, the limit (line 1, column ${column})`,
    );
  });

  it("counts namespace declarations, and may be set either way", () => {
    const decls = Array.from(
      { length: 5 },
      (_, i) => ` xmlns:p${i}="urn:${i}"`,
    ).join("");
    expect(refusal(`<r${decls}${attributes(9_996)}/>`)).toMatch(
      /^element r has more than 10000 attributes/,
    );
    expect(refusal(`<r${attributes(4)}/>`, { maxAttributes: 3 })).toMatch(
      /^element r has more than 3 attributes, the limit \(line 1, column 28\)$/,
    );
    expect(
      parseXml(`<r${attributes(20_000)}/>`, { maxAttributes: 20_000 })
        .attributes,
    ).toHaveLength(20_000);
  });
});

describe("the limit on elements per document", () => {
  it("is none by default, and refuses one more element than it allows", () => {
    const doc = (n: number) => `<r>${"<a/>".repeat(n - 1)}</r>`;
    expect(parseXml(doc(20_000)).children).toHaveLength(19_999);
    expect(parseXml(doc(4096), { maxElements: 4096 }).children).toHaveLength(
      4095,
    );
    expect(refusal(doc(4097), { maxElements: 4096 })).toBe(
      `more than 4096 XML elements (line 1, column ${3 + 4 * 4095 + 1})`,
    );
  });
});

describe("namespace declarations", () => {
  it("binds thousands of prefixes on one element", () => {
    const decls = Array.from(
      { length: 3000 },
      (_, i) => ` xmlns:p${i}="urn:${i}" p${i}:b="v"`,
    ).join("");
    const root = parseXml(`<p2999:r${decls}/>`);
    expect(root.ns).toBe("urn:2999");
    expect(root.declared).toHaveLength(3000);
    expect(root.attributes.map((a) => a.ns).slice(0, 2)).toEqual([
      "urn:0",
      "urn:1",
    ]);
  });

  it("refuses a prefix declared twice on one element", () => {
    expect(refusal(`<r xmlns:p="urn:a" xmlns:p="urn:b"/>`)).toMatch(
      /^duplicate attribute xmlns:p /,
    );
    expect(refusal(`<r xmlns="urn:a" xmlns="urn:b"/>`)).toMatch(
      /^duplicate attribute xmlns /,
    );
  });

  it("resolves a prefix declared several ancestors up, the nearest declaration winning", () => {
    const root = parseXml(
      `<a xmlns:p="urn:outer" xmlns="urn:default"><b xmlns:q="urn:q"><c><p:d xmlns:p="urn:inner"><p:e q:x="1"/></p:d><p:f/></c></b></a>`,
    );
    const b = root.children[0] as typeof root;
    const c = b.children[0] as typeof root;
    const d = c.children[0] as typeof root;
    const e = d.children[0] as typeof root;
    const f = c.children[1] as typeof root;
    expect([root.ns, b.ns, c.ns, d.ns, e.ns, f.ns]).toEqual([
      "urn:default",
      "urn:default",
      "urn:default",
      "urn:inner",
      "urn:inner",
      "urn:outer",
    ]);
    // A prefixed attribute keeps its prefix; one without a prefix has none (see "attributes").
    expect(e.attributes[0]).toStrictEqual({
      ns: "urn:q",
      local: "x",
      value: "1",
      prefix: "q",
    });
    expect(refusal(`<a><b xmlns:p="urn:p"/><p:c/></a>`)).toMatch(
      /^namespace prefix p is not declared/,
    );
  });
});

describe("attribute values, short (tested character by character) and long alike", () => {
  const value = (v: string) => parseXml(`<r a="${v}"/>`).attributes[0]!.value;
  const long = "x".repeat(40);

  it("decodes references, normalises white space, keeps characters from U+D800 up", () => {
    for (const pad of ["", long]) {
      expect(value(`${pad}a&amp;b&#x41;`)).toBe(`${pad}a&bA`);
      expect(value(`${pad}a\tb\nc\r\nd`)).toBe(`${pad}a b c d`);
      expect(value(`${pad}\u{1F600}\uE000\uFFFD`)).toBe(
        `${pad}\u{1F600}\uE000\uFFFD`,
      );
      expect(value(`${pad}plain`)).toBe(`${pad}plain`);
    }
  });

  it("refuses '<', a bare '&', control characters, unpaired surrogates and U+FFFE", () => {
    for (const pad of ["", long]) {
      expect(refusal(`<r a="${pad}<"/>`)).toMatch(/^'<' is not allowed/);
      expect(refusal(`<r a="${pad}&"/>`)).toMatch(/^'&' must start/);
      expect(refusal(`<r a="${pad}\u0001"/>`)).toMatch(/^character U\+0001 /);
      expect(refusal(`<r a="${pad}\uD800"/>`)).toMatch(/^character U\+d800 /);
      expect(refusal(`<r a="${pad}\uFFFE"/>`)).toMatch(/^character U\+fffe /);
    }
  });
});

describe("the duplicate check's table, kept from one document to the next", () => {
  it("finds duplicates after a document that failed mid-tag, and after one too large for the table to be kept", () => {
    expect(refusal(`<r${attributes(100)} a5="again"/>`)).toMatch(
      /^duplicate attribute a5 /,
    );
    // 140,000 attributes need more slots than are kept: the next document starts a new table.
    expect(
      parseXml(`<r${attributes(140_000)}/>`, { maxAttributes: 140_000 })
        .attributes,
    ).toHaveLength(140_000);
    expect(refusal(`<r${attributes(40)} a0="again"/>`)).toMatch(
      /^duplicate attribute a0 /,
    );
    expect(parseXml(`<r${attributes(40)}/>`).attributes).toHaveLength(40);
  });
});
