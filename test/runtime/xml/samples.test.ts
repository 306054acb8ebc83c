/** Real vCD documents from other clients' test suites: read them all; write the valid ones back, still valid, same content. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  loadPackage,
  type GeneratedPackage,
} from "../../helpers/generated-packages.js";
import { validateWithLibxml2 } from "../../helpers/libxml2.js";
import { VCD_SAMPLES_DIR } from "../../helpers/vcd-inputs.js";
import { contentOf, rootElementOf } from "../../helpers/xml-content.js";

interface Sample {
  readonly file: string;
  readonly root: string;
  readonly well_formed: boolean;
  readonly xsd_valid: boolean | null;
}

const samples = (
  JSON.parse(
    readFileSync(join(VCD_SAMPLES_DIR, "INDEX.json"), "utf8"),
  ) as Sample[]
).map((s) => ({
  ...s,
  xml: readFileSync(join(VCD_SAMPLES_DIR, s.file), "utf8"),
}));

/** The root element as `prefix:Local`, found with xmldom (not the code under test). */
function rootOf(pkg: GeneratedPackage, xml: string): string {
  return rootElementOf(pkg.schema.namespaces, xml);
}

let all: GeneratedPackage;
let v30: GeneratedPackage;

beforeAll(async () => {
  all = await loadPackage("all");
  v30 = await loadPackage("30.0");
});

describe("the vCD samples", () => {
  it("are 339 documents, 275 of them schema-valid", () => {
    expect(samples).toHaveLength(339);
    expect(samples.filter((s) => s.xsd_valid)).toHaveLength(275);
  });

  it("libxml2, our oracle, agrees with the index on which ones are schema-valid", async () => {
    const checked = samples.filter((s) => s.well_formed);
    const verdicts = await validateWithLibxml2(
      checked.map((s) => ({ name: s.file.replace(/\//g, "__"), xml: s.xml })),
    );
    const disagreements = checked.filter(
      (s) => verdicts.get(s.file.replace(/\//g, "__"))!.valid !== s.xsd_valid,
    );
    expect(disagreements.map((s) => s.file)).toEqual([]);
    expect(checked.some((s) => !s.xsd_valid)).toBe(true);
  });

  it("every well-formed one is read: global roots with fromXml, the JAXB templates of local elements with fromXmlFragment", () => {
    const globals = new Set(all.elements.map((e) => e.element));
    const kinds = { global: 0, local: 0, undeclared: 0 };
    for (const sample of samples.filter((s) => s.well_formed)) {
      const element = rootOf(all, sample.xml);
      if (globals.has(element)) {
        expect(all.fromXml(sample.xml).element, sample.file).toBe(element);
        kinds.global++;
        continue;
      }
      const fragment = all.fromXmlFragment(sample.xml);
      expect(fragment.element, sample.file).toBe(element);
      if (fragment.type === "xs:anyType") {
        // Not declared by the schema at all: kept whole.
        expect((fragment.value as { $xml: string }).$xml).toContain(
          sample.root,
        );
        kinds.undeclared++;
      } else kinds.local++;
    }
    expect(kinds).toEqual({ global: 328, local: 4, undeclared: 7 });
  });

  it("the API 30.0 package reads every one whose root 30.0 still has, and refuses the others by name", () => {
    const roots30 = new Set(v30.elements.map((e) => e.element));
    const rootsAll = new Set(all.elements.map((e) => e.element));
    let refused = 0;
    for (const sample of samples.filter((s) => s.well_formed)) {
      const element = rootOf(all, sample.xml);
      if (!rootsAll.has(element)) continue;
      if (roots30.has(element))
        expect(v30.fromXml(sample.xml).element).toBe(element);
      else {
        expect(() => v30.fromXml(sample.xml), sample.file).toThrowError(
          /has no global element/,
        );
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });

  it("every schema-valid one, written back, is valid for libxml2 and carries the same content", async () => {
    const valid = samples.filter((s) => s.xsd_valid);
    const written = valid.map((s) => ({
      name: s.file.replace(/\//g, "__"),
      xml: all.toXml(all.fromXml(s.xml)),
      original: s.xml,
    }));
    const verdicts = await validateWithLibxml2(written);
    const invalid = written
      .filter((w) => !verdicts.get(w.name)!.valid)
      .map((w) => [w.name, verdicts.get(w.name)!.errors[0]]);
    expect(invalid).toEqual([]);
    for (const w of written)
      expect(contentOf(w.xml), w.name).toEqual(contentOf(w.original));
  });
});
