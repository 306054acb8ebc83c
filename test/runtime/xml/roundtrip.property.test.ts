/**
 * Property-based: for every global element, random valid values (drawn from the schema's
 * descriptors) are written, found valid by libxml2 against the real XSD set, read back and found
 * deep-equal. `npm run fuzz -- --runs N` runs N values per element (default 5 here).
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { SchemaArbitraries } from "../../helpers/arbitraries.js";
import {
  loadPackage,
  type GeneratedPackage,
} from "../../helpers/generated-packages.js";
import { validateWithLibxml2 } from "../../helpers/libxml2.js";
import { comparable } from "../../helpers/xml-content.js";

const RUNS = Number(process.env.VCD_FUZZ_RUNS ?? 5);
const SEED = Number(process.env.VCD_FUZZ_SEED ?? 20261122);

let pkg: GeneratedPackage;
let arbitraries: SchemaArbitraries;
let roots: string[];

beforeAll(async () => {
  pkg = await loadPackage("30.0");
  arbitraries = new SchemaArbitraries(pkg.schema);
  roots = pkg.elements.filter((e) => !e.abstract).map((e) => e.element);
});

describe("random valid documents of every global element", () => {
  it("are free of violations, and read back deep-equal to what was written", () => {
    let documents = 0;
    for (const element of roots) {
      fc.assert(
        fc.property(arbitraries.document(element), (doc) => {
          documents++;
          expect(pkg.validate(doc)).toEqual([]);
          const xml = pkg.toXml(doc);
          const back = pkg.fromXml(xml);
          expect(comparable(back)).toEqual(comparable(doc));
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: false },
      );
    }
    console.log(
      `round trip: ${documents} documents over ${roots.length} elements`,
    );
    expect(documents).toBeGreaterThanOrEqual(roots.length * RUNS);
  });

  it("are valid for libxml2 against the whole XSD set", async () => {
    const docs: { name: string; xml: string }[] = [];
    for (const element of roots) {
      fc.sample(arbitraries.document(element), {
        numRuns: RUNS,
        seed: SEED,
      }).forEach((doc, i) => {
        docs.push({
          name: `${element.replace(":", "_")}-${i}.xml`,
          xml: pkg.toXml(doc),
        });
      });
    }
    // The draw covers what makes XML writing hard: subtypes, substitution groups, nil, wildcards, escaping.
    const all = docs.map((d) => d.xml).join("\n");
    for (const feature of [
      "xsi:type=",
      "xsi:nil=",
      "<ovf:VirtualHardwareSection",
      "urn:vcd-codegen:test:foreign",
      "&amp;",
      "&lt;",
      "&#13;",
    ]) {
      expect(all, feature).toContain(feature);
    }
    const verdicts = await validateWithLibxml2(docs);
    const invalid = docs
      .filter((d) => !verdicts.get(d.name)!.valid)
      .map((d) => ({
        name: d.name,
        error: verdicts.get(d.name)!.errors[0],
        xml: d.xml.slice(0, 600),
      }));
    console.log(
      `libxml2: ${docs.length - invalid.length} of ${docs.length} documents valid (seed ${SEED})`,
    );
    expect(invalid.slice(0, 5)).toEqual([]);
  });
});

type Mutation = (
  value: Record<string, unknown>,
  key: string,
  i: number,
) => unknown;

/**
 * For two random documents of each element, one property (chosen among those `pick` allows) is
 * changed by `mutate`; `validate` must find a violation exactly when libxml2 finds the result invalid.
 */
async function expectAgreement(
  label: string,
  seed: number,
  pick: (value: Record<string, unknown>, key: string) => boolean,
  mutate: Mutation,
): Promise<void> {
  const docs: { name: string; xml: string; violations: string[] }[] = [];
  for (const element of roots) {
    fc.sample(arbitraries.document(element), { numRuns: 2, seed }).forEach(
      (doc, i) => {
        const value = doc.value as Record<string, unknown> | null;
        if (value === null || typeof value !== "object") return;
        const keys = Object.keys(value).filter(
          (k) => !k.startsWith("$") && pick(value, k),
        );
        if (!keys.length) return;
        const key = keys[(i * 7 + element.length) % keys.length];
        const mutated = {
          element,
          value: { ...value, [key]: mutate(value, key, i + element.length) },
        };
        let xml: string;
        try {
          xml = pkg.toXml(mutated);
        } catch {
          return; // nothing written, nothing to compare
        }
        docs.push({
          name: `${element.replace(":", "_")}-${i}-${key}.xml`,
          xml,
          violations: pkg.validate(mutated).map((v) => v.message),
        });
      },
    );
  }
  const verdicts = await validateWithLibxml2(docs);
  const disagreements = docs
    .filter((d) => verdicts.get(d.name)!.valid !== (d.violations.length === 0))
    .map((d) => ({
      name: d.name,
      ours: d.violations.slice(0, 2),
      libxml2: verdicts.get(d.name)!.errors.slice(0, 1),
    }));
  const invalid = docs.filter((d) => !verdicts.get(d.name)!.valid).length;
  console.log(
    `validate vs libxml2 (${label}): ${docs.length} documents, ${invalid} invalid, ${disagreements.length} disagreements`,
  );
  expect(invalid).toBeGreaterThan(50);
  expect(disagreements.slice(0, 8)).toEqual([]);
}

describe("validate agrees with libxml2", () => {
  it("on documents with one property taken away: a violation exactly when libxml2 finds the document invalid", async () => {
    await expectAgreement(
      "a property taken away",
      SEED + 1,
      () => true,
      () => undefined,
    );
  });

  it("on documents with one simple value replaced by an unlikely one of the same JavaScript type", async () => {
    // Of the same JavaScript type, so that only the schema's facets and lexical rules can object.
    const replacements: Record<string, unknown[]> = {
      string: ["zz not-a-value", "", " spaced "],
      number: [99999999999, -1, 0.5],
    };
    await expectAgreement(
      "bad values",
      SEED + 2,
      (value, key) =>
        typeof value[key] === "string" || typeof value[key] === "number",
      (value, key, n) => {
        const options = replacements[typeof value[key]];
        return options[n % options.length];
      },
    );
  });
});
