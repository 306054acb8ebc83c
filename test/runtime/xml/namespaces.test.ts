/**
 * Namespaces in what `toXml` writes: every namespace the document uses declared once, on the root,
 * with its canonical prefix (`vcloud:` for an attribute in v1.5, `xsi:`, a generated `extN` for a
 * namespace the schema does not know), never `nsN` and never a declaration further down.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import {
  loadPackage,
  type GeneratedPackage,
} from "../../helpers/generated-packages.js";
import { packageOf } from "../../helpers/inline-package.js";
import { TNS } from "../../helpers/inline-schema.js";
import { VCD_SAMPLES_DIR } from "../../helpers/vcd-inputs.js";
import { contentOf } from "../../helpers/xml-content.js";

const V15 = "http://www.vmware.com/vcloud/v1.5";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const XMLNS = "http://www.w3.org/2000/xmlns/";
const XML_NS = "http://www.w3.org/XML/1998/namespace";

interface Sample {
  readonly file: string;
  readonly well_formed: boolean;
}

const samples = (
  JSON.parse(
    readFileSync(join(VCD_SAMPLES_DIR, "INDEX.json"), "utf8"),
  ) as Sample[]
)
  .filter((s) => s.well_formed)
  .map((s) => ({
    file: s.file,
    xml: readFileSync(join(VCD_SAMPLES_DIR, s.file), "utf8"),
  }));

function parse(xml: string): Element {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(xml, "text/xml").documentElement!;
}

/** Every raw XML string (`$xml`) a value holds: wildcard content, unknown elements, `xs:anyType`. */
function rawFragments(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) rawFragments(v, into);
  else if (value !== null && typeof value === "object") {
    for (const [key, v] of Object.entries(value))
      if (key === "$xml" && typeof v === "string") into.push(v);
      else rawFragments(v, into);
  }
  return into;
}

function elementsOf(root: Element): Element[] {
  const all: Element[] = [];
  const visit = (e: Element) => {
    all.push(e);
    for (let c = e.firstChild; c; c = c.nextSibling)
      if (c.nodeType === 1) visit(c as Element);
  };
  visit(root);
  return all;
}

/**
 * What is wrong with the namespaces of a document the writer wrote (empty when nothing is). Raw XML
 * kept verbatim (`$xml`) is taken out first: `rawXml` makes each kept element standalone, with its
 * own declarations (`<vcloud:Link xmlns:vcloud="...">` inside an `ovf:StartupSection`, or the
 * `ns12:` of the sender for a namespace the schema does not know), and the writer writes it back
 * as it was kept. Each fragment is a whole element, so what is left is still a document.
 */
function namespaceProblems(
  pkg: GeneratedPackage,
  written: string,
  value: unknown,
): string[] {
  let rest = written;
  for (const raw of rawFragments(value)) rest = rest.split(raw).join("");
  const problems: string[] = [];
  const nsN = rest.match(/\bns\d+:/g);
  if (nsN) problems.push(`nsN prefixes: ${[...new Set(nsN)].join(" ")}`);
  const canonical = new Map<string, string>(
    pkg.schema.namespaces.map(([prefix, uri]) => [uri, prefix]),
  );
  canonical.set(XSI, "xsi");
  const root = parse(rest);
  // The declarations: all on the root, each prefix once; each namespace bound to one prefix, its
  // canonical one, except v1.5, which is the default namespace and also `vcloud` when an attribute
  // in it needs a prefix (an attribute without one is in no namespace).
  const declared = new Map<string, string[]>();
  for (const e of elementsOf(root))
    for (let i = 0; i < e.attributes.length; i++) {
      const a = e.attributes.item(i)!;
      if (a.namespaceURI !== XMLNS) continue;
      if (e !== root)
        problems.push(`declaration ${a.name} on ${e.tagName}, not the root`);
      const prefix = a.prefix ? a.localName! : "";
      const list = declared.get(a.value) ?? [];
      list.push(prefix);
      declared.set(a.value, list);
    }
  for (const [uri, prefixes] of declared) {
    const expected = uri === V15 ? ["", "vcloud"] : [canonical.get(uri)];
    const ok =
      new Set(prefixes).size === prefixes.length &&
      prefixes.every((p) =>
        canonical.has(uri) ? expected.includes(p) : /^ext\d+$/.test(p),
      ) &&
      (uri !== V15 || prefixes.includes(""));
    if (!ok) problems.push(`${uri} declared as ${prefixes.join(", ")}`);
  }
  // The names: canonical prefixes (elements in v1.5 without one), and every declaration used.
  const used = new Set<string>();
  const check = (what: string, ns: string | null, prefix: string | null) => {
    if (ns === XML_NS) return;
    used.add(`${prefix ?? ""}=${ns ?? ""}`);
    if (!ns) {
      if (prefix) problems.push(`${what}: unbound prefix`);
    } else if (canonical.has(ns)) {
      const want = canonical.get(ns);
      if (
        prefix !== want &&
        !(ns === V15 && prefix === null && what[0] === "<")
      )
        problems.push(`${what}: prefix ${prefix ?? "(none)"}, not ${want}`);
    } else if (!prefix || !/^ext\d+$/.test(prefix))
      problems.push(`${what}: prefix ${prefix} for ${ns}`);
  };
  for (const e of elementsOf(root)) {
    check(`<${e.tagName}>`, e.namespaceURI, e.prefix);
    for (let i = 0; i < e.attributes.length; i++) {
      const a = e.attributes.item(i)!;
      if (a.namespaceURI === XMLNS) continue;
      if (a.prefix) check(`@${a.name}`, a.namespaceURI, a.prefix);
      if (a.namespaceURI === XSI && a.localName === "type") {
        const colon = a.value.indexOf(":");
        const prefix = colon < 0 ? null : a.value.slice(0, colon);
        check(`xsi:type="${a.value}"`, e.lookupNamespaceURI(prefix), prefix);
      }
    }
  }
  for (const [uri, prefixes] of declared)
    for (const prefix of prefixes)
      if (!used.has(`${prefix}=${uri}`))
        problems.push(`xmlns:${prefix}="${uri}" declared, never used`);
  return problems;
}

let all: GeneratedPackage;
let v30: GeneratedPackage;

beforeAll(async () => {
  all = await loadPackage("all");
  v30 = await loadPackage("30.0");
});

/** Reads a sample as `samples.test.ts` does: a global root with fromXml, a local one as a fragment. */
function roundTrip(pkg: GeneratedPackage, xml: string) {
  const root = parse(xml);
  const prefix = pkg.schema.namespaces.find(
    ([, uri]) => uri === root.namespaceURI,
  )?.[0];
  const element = `${prefix}:${root.localName}`;
  if (pkg.elements.some((e) => e.element === element)) {
    const doc = pkg.fromXml(xml);
    return { kind: "global", value: doc.value, written: pkg.toXml(doc) };
  }
  const fragment = pkg.fromXmlFragment(xml);
  return {
    kind: fragment.type === "xs:anyType" ? "undeclared" : "local",
    value: fragment.value,
    written: pkg.toXmlFragment(fragment),
  };
}

describe("namespaces in written documents", () => {
  it("every well-formed sample, written back: each namespace declared once, on the root, with its canonical prefix", () => {
    const kinds = { global: 0, local: 0, undeclared: 0 };
    const problems: [string, string[]][] = [];
    for (const sample of samples) {
      const { kind, value, written } = roundTrip(all, sample.xml);
      kinds[kind as keyof typeof kinds]++;
      // A root the schema does not declare at all is raw XML as a whole: nothing of the writer's.
      if (kind === "undeclared") continue;
      const found = namespaceProblems(all, written, value);
      if (found.length) problems.push([sample.file, found]);
    }
    expect(problems).toEqual([]);
    expect(kinds).toEqual({ global: 328, local: 4, undeclared: 7 });
  });

  it("the same with the API 30.0 package, for the samples it reads", () => {
    const globals = new Set(v30.elements.map((e) => e.element));
    let checked = 0;
    for (const sample of samples) {
      const doc = (() => {
        try {
          return v30.fromXml(sample.xml);
        } catch {
          return undefined;
        }
      })();
      if (!doc || !globals.has(doc.element)) continue;
      expect(
        namespaceProblems(v30, v30.toXml(doc), doc.value),
        sample.file,
      ).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
  });

  it("the jclouds vApp.xml: v1.5 attributes kept on OVF sections as vcloud:, xsi:schemaLocation as xsi:, all declared once on the root", () => {
    const xml = readFileSync(
      join(VCD_SAMPLES_DIR, "jclouds-labs-vcloud-director/vapp/vApp.xml"),
      "utf8",
    );
    const doc = all.fromXml(xml);
    const written = all.toXml(doc);
    expect(written).not.toMatch(/\bns\d+:/);
    const start = /^<\?xml[^>]*>\n(<VApp [^>]*>)/.exec(written)![1];
    const declarations = [
      ...start.matchAll(/ xmlns(?::([\w.-]+))?="([^"]*)"/g),
    ].map(([, prefix, uri]) => `${prefix ?? ""}=${uri}`);
    expect(declarations).toEqual([
      `=${V15}`,
      "ovf=http://schemas.dmtf.org/ovf/envelope/1",
      "ovfenv=http://schemas.dmtf.org/ovf/environment/1",
      "rasd=http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData",
      `vcloud=${V15}`,
      "vmw=http://www.vmware.com/schema/ovf",
      "vssd=http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
      `xsi=${XSI}`,
      // The sender's ns12 (vmw's ovfenv extension on ovfenv:Environment), a namespace the schema does not know.
      "ext1=http://www.vmware.com/schema/ovfenv",
    ]);
    expect(start).toContain(' xsi:schemaLocation="');
    // Before the fix: `<ovf:StartupSection xmlns:ns2="...v1.5" ns2:href=... xmlns:ns3="...v1.5" ns3:type=...>`.
    const startup = /<ovf:StartupSection [^>]*>/.exec(written)![0];
    expect(startup).not.toContain("xmlns");
    expect(startup).toMatch(/ vcloud:href="https:\/\/[^"]+\/startupSection\/"/);
    expect(startup).toMatch(
      / vcloud:type="application\/vnd\.vmware\.vcloud\.startupSection\+xml"/,
    );
    expect(written).toMatch(
      /<ovfenv:Environment [^>]*ext1:vCenterId="vm-1072"/,
    );
    // Outside the Links kept whole inside OVF sections (raw XML with their own xmlns:vcloud), no declaration but the root's.
    const raw = rawFragments(doc.value);
    expect(raw.length).toBeGreaterThan(0);
    let rest = written;
    for (const r of raw) rest = rest.split(r).join("");
    expect(rest.match(/ xmlns(:[\w.-]+)?=/g)).toHaveLength(9);
    expect(namespaceProblems(all, written, doc.value)).toEqual([]);
    expect(contentOf(written)).toEqual(contentOf(xml));
    // And it reads back to the same value.
    expect(all.fromXml(written).value).toEqual(doc.value);
  });

  it("a value built in code: xsi for nil and $type, and foreign attributes get one generated prefix each, reused", () => {
    const written = all.toXml({
      element: "vcloud:VApp",
      value: {
        name: "a",
        $attributes: [
          { ns: "urn:x", local: "one", value: "1" },
          { ns: XSI, local: "schemaLocation", value: "urn:a a.xsd" },
          { ns: V15, local: "extra", value: "v" },
        ],
        Description: "d",
        Children: {
          Vm: [
            {
              name: "b",
              $attributes: [
                { ns: "urn:y", local: "two", value: "2" },
                { ns: "urn:x", local: "three", value: "3" },
              ],
            },
            {
              name: "c",
              $attributes: [
                { ns: "urn:x", local: "one", value: "4" },
                { ns: V15, local: "extra", value: "w" },
              ],
            },
          ],
        },
      },
    });
    expect(written).toMatch(
      new RegExp(
        `^<\\?xml[^>]*>\\n<VApp xmlns="${V15}" xmlns:vcloud="${V15}" xmlns:xsi="${XSI}" xmlns:ext1="urn:x" xmlns:ext2="urn:y" name="a" ext1:one="1" xsi:schemaLocation="urn:a a.xsd" vcloud:extra="v">`,
      ),
    );
    expect(written).toContain('<Vm name="b" ext2:two="2" ext1:three="3"');
    expect(written).toContain('<Vm name="c" ext1:one="4" vcloud:extra="w"');
    expect(written.match(/xmlns/g)).toHaveLength(5);
  });
});

describe("namespaces, on an inline schema whose prefix is ext1", () => {
  let pkg: GeneratedPackage;
  beforeAll(async () => {
    pkg = await packageOf(
      `
        <xs:complexType name="Thing">
          <xs:sequence><xs:element name="Part" type="Thing" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
          <xs:attribute name="plain" type="xs:string"/>
          <xs:attribute name="q" form="qualified" type="xs:string"/>
          <xs:anyAttribute namespace="##other" processContents="lax"/>
        </xs:complexType>
        <xs:element name="Thing" type="Thing"/>`,
      { namespaces: { [TNS]: { prefix: "ext1", module: "test" } } },
    );
  });

  it("a qualified attribute of the default namespace gets its prefix declared too, and a generated prefix never takes the schema's", () => {
    const doc = {
      element: "ext1:Thing",
      value: {
        plain: "p",
        q: "1",
        $attributes: [{ ns: "urn:a", local: "x", value: "2" }],
        Part: [
          {
            q: "3",
            $attributes: [
              { ns: "urn:b", local: "y", value: "4" },
              { ns: "urn:a", local: "x", value: "5" },
            ],
          },
        ],
      },
    };
    const written = pkg.toXml(doc, { declaration: false });
    expect(written).toBe(
      `<Thing xmlns="${TNS}" xmlns:ext1="${TNS}" xmlns:ext2="urn:a" xmlns:ext3="urn:b" plain="p" ext1:q="1" ext2:x="2">` +
        `<Part ext1:q="3" ext3:y="4" ext2:x="5"/></Thing>`,
    );
    expect(pkg.fromXml(written)).toEqual(doc);
  });
});
