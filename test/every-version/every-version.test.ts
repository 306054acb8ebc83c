/**
 * For every API version the 36.0 set describes (its annotations' versions and its operations
 * documents'), the package generated for it compiles under `tsc --strict` (TypeScript 7), and random documents of
 * every global element (drawn from its own descriptors) have no violation and are valid for libxml2
 * against the set's XSDs. CI draws one document per element and version; `npm run fuzz --
 * --api-version X --runs N` draws N for one version.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveOptions } from "../../generator/config/options.js";
import { generate } from "../../generator/generate.js";
import { operationsVersions } from "../../generator/load/find-operations-file.js";
import { describedVersions } from "../../generator/model/described-versions.js";
import { buildModel } from "../../generator/pipeline.js";
import { SchemaArbitraries } from "../helpers/arbitraries.js";
import {
  importPackage,
  type GeneratedPackage,
} from "../helpers/generated-packages.js";
import { validateWithLibxml2 } from "../helpers/libxml2.js";
import { PROJECT_ROOT, VCD_API_36_DIR } from "../helpers/vcd-inputs.js";

const RUNS = Number(process.env.VCD_FUZZ_RUNS ?? 1);
const SEED = Number(process.env.VCD_FUZZ_SEED ?? 20261201);
const ONLY = process.env.VCD_FUZZ_API_VERSION;
/**
 * TypeScript 7 (the native compiler, `typescript-7`: what `npm install -D typescript` gives today)
 * checks the package of every version, at about a third of TypeScript 5.9's time; the CLI tests
 * compile the 30.0 and 36.0 packages and their consumers under 5.9, the packaging test under both.
 */
const TSC = resolve(PROJECT_ROOT, "node_modules/typescript-7/bin/tsc");

let work: string;
let versions: string[];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "vcd-codegen-versions-"));
  // Building a package needs @types/node (its simulator is Node code), as `npm install` would give it.
  symlinkSync(
    resolve(PROJECT_ROOT, "node_modules"),
    join(work, "node_modules"),
    "dir",
  );
  const all = await resolveOptions(
    { input: VCD_API_36_DIR, apiVersion: "all" },
    {},
    PROJECT_ROOT,
  );
  versions = describedVersions(
    buildModel(all).model,
    operationsVersions(VCD_API_36_DIR, all.schemaSet.operations!),
  );
  if (ONLY) versions = versions.filter((v) => v === ONLY);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function tsc(dir: string): Promise<string> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [
      TSC,
      "-p",
      dir,
      "--noEmit",
      "--skipLibCheck",
    ]);
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) =>
      done(code === 0 ? "" : output || `exit ${code}`),
    );
  });
}

describe("every version the 36.0 set describes", () => {
  it("includes the versions of the feature aliases and of the operations documents", () => {
    if (ONLY) return expect(versions).toEqual([ONLY]);
    for (const v of [
      "1.5",
      "5.1",
      "27.0",
      "29.0",
      "30.0",
      "32.0",
      "35.2",
      "36.0",
    ])
      expect(versions).toContain(v);
  });

  it("generates, compiles, and draws valid documents of every global element", async () => {
    const compiles: Promise<[string, string]>[] = [];
    const running: Promise<unknown>[] = [];
    let documents = 0;
    let explained = 0;
    // Newest first: its package holds what the 36.0 XSD (the oracle) has.
    let newest: Set<string> | undefined;
    for (const version of [...versions].reverse()) {
      const out = join(work, version);
      const options = await resolveOptions(
        { input: VCD_API_36_DIR, out, apiVersion: version },
        {},
        PROJECT_ROOT,
      );
      generate(options, false);
      // Two compilers at a time (2 cores), while the next version is generated and drawn.
      if (running.length >= 2) await running.shift();
      const compile = tsc(out).then((errors): [string, string] => [
        version,
        errors,
      ]);
      compiles.push(compile);
      running.push(compile);
      const pkg = await importPackage(out);
      const arbitraries = new SchemaArbitraries(pkg.schema, 2);
      const docs: { name: string; xml: string }[] = [];
      for (const { element, abstract } of pkg.elements) {
        if (abstract) continue;
        let drawn: { element: string; value: unknown }[];
        try {
          drawn = fc.sample(arbitraries.document(element), {
            numRuns: RUNS,
            seed: SEED,
          });
        } catch (error) {
          throw new Error(
            `API ${version}, ${element}: ${(error as Error).message}`,
            { cause: error },
          );
        }
        drawn.forEach((doc, i) => {
          expect(pkg.validate(doc), `${version} ${element}`).toEqual([]);
          docs.push({
            name: `${element.replace(":", "_")}-${i}.xml`,
            xml: pkg.toXml(doc),
          });
        });
      }
      documents += docs.length;
      const verdicts = await validateWithLibxml2(docs, VCD_API_36_DIR);
      const known = particleElements(pkg.schema);
      newest ??= known;
      const invalid = docs
        .map((d) => ({ d, errors: verdicts.get(d.name)!.errors }))
        .filter(({ errors }) =>
          errors.some((e) => !changedLater(e, known, newest!, pkg.schema)),
        )
        .map(({ d, errors }) => `${version} ${d.name}: ${errors[0]}`);
      explained +=
        docs.filter((d) => !verdicts.get(d.name)!.valid).length -
        invalid.length;
      expect(invalid.slice(0, 3)).toEqual([]);
    }
    const failed = (await Promise.all(compiles)).filter(([, errors]) => errors);
    expect(
      failed.map(([v, errors]) => `${v}: ${errors.slice(0, 600)}`),
    ).toEqual([]);
    console.log(
      `every version: ${versions.length} versions compiled, ${documents} documents, valid for libxml2 but ${explained} that lack an element the 36.0 XSD requires and their version does not have`,
    );
    expect(documents).toBeGreaterThan(versions.length * 400 * RUNS);
  }, 900_000);
});

/** Every element that stands in some content model of the package (`prefix:local`). */
function particleElements(schema: GeneratedPackage["schema"]): Set<string> {
  const out = new Set<string>();
  const walk = (p: unknown) => {
    const particle = p as { element?: string; items?: unknown[] };
    if (particle.element) out.add(particle.element);
    particle.items?.forEach(walk);
  };
  for (const type of Object.values(schema.types))
    walk((type as { content?: unknown }).content ?? {});
  return out;
}

/**
 * The oracle is the 36.0 XSD, and a document of an older version may differ from what it allows in
 * two ways its version explains: it lacks an element that 36.0 requires and its version does not
 * have ("Missing child element(s). Expected is ( {uri}X )", or "... is not expected. Expected is one
 * of ( ..., {uri}X )": some element expected is absent from the version's package), or it holds one
 * that 36.0 no longer has ("Element '{uri}Y': This element is not expected": Y is absent from the
 * newest package). Any other error is a failure.
 */
function changedLater(
  error: string,
  known: ReadonlySet<string>,
  newest: ReadonlySet<string>,
  schema: GeneratedPackage["schema"],
): boolean {
  const prefixes = new Map(
    schema.namespaces.map(([prefix, uri]) => [uri, prefix]),
  );
  const prefixed = (name: string) => {
    const m = /^\{([^}]*)\}(.+)$/.exec(name.trim());
    const prefix = m && prefixes.get(m[1]);
    return prefix ? `${prefix}:${m[2]}` : undefined;
  };
  const unexpected =
    /Element '(\{[^}]*\}[^']+)': This element is not expected/.exec(error);
  const gone = unexpected && prefixed(unexpected[1]);
  if (gone && !newest.has(gone)) return true;
  const expected = /Expected is (?:one of )?\( ([^)]*) \)/.exec(error);
  if (!expected) return false;
  return expected[1].split(", ").some((name) => {
    const element = prefixed(name);
    return element !== undefined && !known.has(element);
  });
}
