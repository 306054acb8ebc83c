/**
 * Attributes the schema does not declare: read into `$attributes` as `{ ns, local, value }` (with
 * or without a prefix, the same shape; those without one first, then the prefixed ones, each in
 * document order, as the parser resolves them), written back, and validated (a name, a string, no
 * name twice).
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  loadPackage,
  type GeneratedPackage,
} from "../../helpers/generated-packages.js";

let vcd: GeneratedPackage;
beforeAll(async () => {
  vcd = await loadPackage("30.0");
});

const V15 = "http://www.vmware.com/vcloud/v1.5";
const FUTURE = "urn:vcd:future";

const section = (attributes: string) =>
  `<GuestCustomizationSection xmlns="${V15}" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:new="${FUTURE}"${attributes}><ovf:Info>i</ovf:Info></GuestCustomizationSection>`;

const violations = ($attributes: unknown) =>
  (
    vcd.validate({
      element: "vcloud:GuestCustomizationSection",
      value: { Info: { $value: "i" }, $attributes },
    }) as { path: string; rule: string }[]
  ).map((v) => `${v.path} ${v.rule}`);

describe("unknown attributes", () => {
  it("are read as { ns, local, value }, prefixed or not, and written back", () => {
    const doc = vcd.fromXml(
      section(
        ` later="2" new:flag="on" href="https://h/x" first="1" xml:lang="en"`,
      ),
    );
    const value = doc.value as { href: string; $attributes: unknown[] };
    expect(value.href).toBe("https://h/x");
    // toStrictEqual: nothing more on an entry (the parser's prefix is not kept).
    expect(value.$attributes).toStrictEqual([
      { ns: "", local: "later", value: "2" },
      { ns: "", local: "first", value: "1" },
      { ns: FUTURE, local: "flag", value: "on" },
      {
        ns: "http://www.w3.org/XML/1998/namespace",
        local: "lang",
        value: "en",
      },
    ]);
    const written = vcd.toXml(doc, { declaration: false });
    expect(written).toMatch(
      / href="https:\/\/h\/x" later="2" first="1" ext1:flag="on" xml:lang="en">/,
    );
    expect(written).toContain(` xmlns:ext1="${FUTURE}"`);
    expect(vcd.fromXml(written)).toEqual(doc);
  });

  it("are validated: each a name and a string, no name twice", () => {
    expect(
      violations([
        { ns: "", local: "a", value: "1" },
        { ns: FUTURE, local: "a", value: "2" },
      ]),
    ).toEqual([]);
    expect(
      violations([
        { ns: FUTURE, local: "a", value: "1" },
        { ns: FUTURE, local: "a", value: "2" },
        { ns: "", local: "b c", value: "3" },
        { ns: "", local: "d", value: 4 },
        { local: "e", value: "5" },
        { ns: "", local: "f", value: "\u0001" },
      ]),
    ).toEqual([
      "GuestCustomizationSection.$attributes[1] unique",
      "GuestCustomizationSection.$attributes[2].local type",
      "GuestCustomizationSection.$attributes[3].value type",
      "GuestCustomizationSection.$attributes[4] type",
      "GuestCustomizationSection.$attributes[5].value xmlChar",
    ]);
    expect(violations({ "{}a": "1" })).toEqual([
      "GuestCustomizationSection.$attributes type",
    ]);
  });
});
