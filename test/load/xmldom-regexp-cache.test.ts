/** The cache of xmldom's end-tag expressions: the same expressions as xmldom builds, each built once, bounded. */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { cacheXmldomRegExps } from "../../generator/load/xmldom-regexp-cache.js";
import { parseXml } from "../../generator/load/xml-document.js";

const require = createRequire(import.meta.url);
type Reg = (...parts: (RegExp | string)[]) => RegExp;
const grammar = require("@xmldom/xmldom/lib/grammar.js") as {
  reg: Reg;
  QName_group: RegExp;
  S_OPT: RegExp;
};

describe("the xmldom RegExp cache", () => {
  const original = grammar.reg;
  cacheXmldomRegExps();

  it("is installed, and gives the expression xmldom would build, once", () => {
    expect(grammar.reg).not.toBe(original);
    const parts = ["^", grammar.QName_group, grammar.S_OPT, "$"] as const;
    const first = grammar.reg(...parts);
    expect(grammar.reg(...parts)).toBe(first);
    const built = original.apply(grammar, [...parts]);
    expect(first.source).toBe(built.source);
    expect(first.flags).toBe(built.flags);
    // Other parts, another expression.
    expect(grammar.reg("^", grammar.QName_group)).not.toBe(first);
  });

  it("keys strings by value and expressions by identity", () => {
    const a = grammar.reg("^", /x+/, "$");
    const b = grammar.reg("^", /x+/, "$");
    expect(a).not.toBe(b);
    expect(a.source).toBe(b.source);
    const shared = /y+/;
    expect(grammar.reg("^", shared)).toBe(grammar.reg("^", shared));
  });

  it("stays bounded: past its limit, expressions are built as before", () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      grammar.reg("^", `a${i}`, "$"),
    );
    expect(many.map((e) => e.source)).toEqual(
      Array.from({ length: 200 }, (_, i) => `^a${i}$`),
    );
    expect(grammar.reg("^", "a199", "$")).not.toBe(many[199]);
    expect(grammar.reg("^", "a199", "$").test("a199")).toBe(true);
  });

  it("xmldom still reads end tags, and refuses a wrong one", () => {
    const { root } = parseXml("<a><b:c xmlns:b='u'></b:c ></a>", "x.xml");
    expect(root.localName).toBe("a");
    expect(() => parseXml("<a><b></c></a>", "y.xml")).toThrow(
      /y\.xml|end tag|c/,
    );
  });
});
