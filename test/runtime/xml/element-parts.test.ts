/**
 * The schema in parts (runtime `schema-parts.ts`): each element's part reaches every type and
 * element a document of it can hold, checked over the descriptors of the generated package of every version;
 * and an app bundled with only the parts of the elements it reads (esbuild, tree-shaking) reads,
 * validates and writes every schema-valid sample exactly as the whole package does.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it, inject } from "vitest";
import type {
  ElementPart,
  SchemaPart,
} from "../../../runtime/xml/schema-parts.js";
import type {
  ComplexTypeData,
  ParticleData,
  SchemaData,
  TypeData,
} from "../../../runtime/xml/schema-data.js";
import { bundleApps } from "../../helpers/bundle.js";
import {
  loadPackage,
  type GeneratedPackage,
} from "../../helpers/generated-packages.js";
import { VCD_SAMPLES_DIR } from "../../helpers/vcd-inputs.js";
import { rootElementOf } from "../../helpers/xml-content.js";

interface Sample {
  readonly file: string;
  readonly xsd_valid: boolean | null;
}

let pkg: GeneratedPackage;
let dist: string;
let parts: Record<string, unknown>;

beforeAll(async () => {
  pkg = await loadPackage("all");
  dist = join(inject("generatedDir"), "all", "dist");
  parts = (await import(pathToFileURL(join(dist, "schema.js")).href)) as Record<
    string,
    unknown
  >;
});

/** The part of a global element, by its exported name (`e$vcloud$Task` for `vcloud:Task`). */
const partName = (element: string) =>
  `e$${element.replace(/[^A-Za-z0-9_]/g, "$")}`;

/** What a part reaches: the type keys and element names, walking `uses` (not the registry). */
function reach(part: SchemaPart): {
  types: Set<string>;
  elements: Set<string>;
} {
  const types = new Set<string>();
  const elements = new Set<string>();
  const seen = new Set<SchemaPart>();
  const stack = [part];
  while (stack.length) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    if ("key" in next) types.add(next.key);
    else if ("name" in next) elements.add(next.name);
    stack.push(...(next.uses?.() ?? []));
  }
  return { types, elements };
}

/** Every named type derived from `key` through complex types, over the whole schema: what `xsi:type` may name where `key` is declared. */
function derivedFrom(schema: SchemaData, key: string): string[] {
  const complex = (k: string | undefined) =>
    k === undefined
      ? undefined
      : schema.types[k]?.kind === "complex"
        ? (schema.types[k] as ComplexTypeData)
        : undefined;
  return Object.entries(schema.types)
    .filter(([, t]) => {
      if (t.kind !== "complex" || t.anonymous) return false;
      for (let base = t.base; complex(base); base = complex(base)!.base)
        if (base === key) return true;
      return false;
    })
    .map(([k]) => k);
}

/** What a document holding a value of `type` may need: the keys of types and names of elements. */
function needs(
  schema: SchemaData,
  type: TypeData,
): { types: string[]; elements: string[] } {
  const types: string[] = [];
  const elements: string[] = [];
  const declared = (key: string) =>
    types.push(key, ...derivedFrom(schema, key));
  if (type.kind === "simple") {
    if (type.item) types.push(type.item);
    types.push(...(type.members ?? []));
  } else {
    if (type.base) types.push(type.base);
    if (type.text) types.push(type.text);
    for (const a of type.attributes ?? []) types.push(a.type);
    const visit = (p: ParticleData) => {
      if ("items" in p) p.items.forEach(visit);
      else if ("element" in p) {
        declared(p.type);
        if (p.ref) {
          elements.push(p.element);
          elements.push(...(schema.elements[p.element]?.substitutes ?? []));
        }
      }
    };
    if (type.content) visit(type.content);
  }
  return {
    types: types.filter((k) => !k.startsWith("xs:")),
    elements,
  };
}

describe("the schema in parts", () => {
  it("each element's part reaches every type and element a document of it can hold (xsi:type and substitution groups included)", () => {
    const schema = pkg.schema;
    const missing: string[] = [];
    let checked = 0;
    for (const [name, element] of Object.entries(schema.elements)) {
      if (element.abstract) continue;
      const part = parts[partName(name)] as ElementPart;
      expect(part?.name, name).toBe(name);
      const reached = reach(part);
      const want = [element.type, ...derivedFrom(schema, element.type)].filter(
        (k) => !k.startsWith("xs:"),
      );
      for (const key of reached.types) {
        const n = needs(schema, schema.types[key]);
        want.push(...n.types);
        for (const e of n.elements)
          if (!reached.elements.has(e)) missing.push(`${name}: element ${e}`);
      }
      for (const key of want)
        if (!reached.types.has(key)) missing.push(`${name}: type ${key}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(400);
    expect([...new Set(missing)]).toEqual([]);
  });

  it("a part reaches only what its documents can hold: vcloud:Task is a few dozen types, not the schema", () => {
    const task = reach(parts[partName("vcloud:Task")] as ElementPart);
    expect(task.types.has("vcloud:TaskType")).toBe(true);
    expect(task.types.has("vcloud:ReferenceType")).toBe(true);
    expect(task.types.has("vcloud:VAppType")).toBe(false);
    expect(task.types.size).toBeLessThan(60);
    expect(Object.keys(pkg.schema.types).length).toBeGreaterThan(500);
  });

  it("each namespace module exports the parts of its elements by name, typed (vcloud.TaskSchema is e$vcloud$Task)", async () => {
    const vcloud = (await import(
      pathToFileURL(join(dist, "vcloud.js")).href
    )) as Record<string, unknown>;
    expect(vcloud.TaskSchema).toBe(parts[partName("vcloud:Task")]);
    expect(vcloud.VAppSchema).toBe(parts[partName("vcloud:VApp")]);
  });
});

describe("an app bundled with only the parts it reads", () => {
  it("reads an xsi:type that may not stand where it is as the whole package does, whatever else it has loaded", async () => {
    // vcloud:VAppType is no type derived from the Owner's vcloud:ReferenceType.
    const xml = `<Task xmlns="http://www.vmware.com/vcloud/v1.5" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" status="running" name="t">
  <Owner xsi:type="VAppType" href="https://vcd/api/vApp/vapp-1" deployed="true"/>
</Task>`;
    const vapp = `<VApp xmlns="http://www.vmware.com/vcloud/v1.5" name="v"/>`;
    const from = (module: string) => JSON.stringify(join(dist, module));
    const source = (
      first: boolean,
    ) => `import { readElement, validateElement, writeElement } from ${from("index.js")};
import { ${partName("vcloud:Task")} as task, ${partName("vcloud:VApp")} as vapp } from ${from("schema.js")};
export function run(xml) {
  ${first ? `readElement(vapp, ${JSON.stringify(vapp)});` : ""}
  const value = readElement(task, xml);
  return { value, violations: validateElement(task, value).map((v) => v.message), xml: writeElement(task, value) };
}`;
    const apps = await bundleApps(
      { alone: source(false), afterVApp: source(true) },
      dist,
    );
    const whole = pkg.fromXml(xml);
    const want = {
      value: whole.value,
      violations: pkg.validate(whole).map((v) => v.message),
      xml: pkg.toXml(whole),
    };
    expect(want.violations).toEqual([
      "Task.Owner.$type: type: expected vcloud:ReferenceType or a type derived from it",
    ]);
    expect((whole.value as { Owner: { $type: string } }).Owner.$type).toBe(
      "vcloud:VAppType",
    );
    for (const name of ["alone", "afterVApp"]) {
      const run = apps.get(name)!.exports.run as (xml: string) => unknown;
      expect(run(xml), name).toEqual(want);
    }
  });

  it("reads, validates and writes every schema-valid sample as the whole package does, holding only its element's descriptors", async () => {
    const index = JSON.parse(
      readFileSync(join(VCD_SAMPLES_DIR, "INDEX.json"), "utf8"),
    ) as Sample[];
    const byRoot = new Map<string, string[]>();
    for (const s of index.filter((s) => s.xsd_valid)) {
      const xml = readFileSync(join(VCD_SAMPLES_DIR, s.file), "utf8");
      const element = rootElementOf(pkg.schema.namespaces, xml);
      byRoot.set(element, [...(byRoot.get(element) ?? []), xml]);
    }
    const entries: Record<string, string> = {};
    const names = [...byRoot.keys()].sort();
    names.forEach((element, i) => {
      entries[`app${i}`] =
        `import { readElement, validateElement, writeElement } from ${JSON.stringify(join(dist, "index.js"))};
import { ${partName(element)} as part } from ${JSON.stringify(join(dist, "schema.js"))};
import { registry } from ${JSON.stringify(join(dist, "schema.js"))};
export function run(xml) {
  const value = readElement(part, xml);
  return { value, violations: validateElement(part, value), xml: writeElement(part, value) };
}
export const loaded = () => Object.keys(registry.types).length;`;
    });
    const apps = await bundleApps(entries, dist);
    const total = Object.keys(pkg.schema.types).length;
    let documents = 0;
    for (const [i, element] of names.entries()) {
      const app = apps.get(`app${i}`)!;
      const run = app.exports.run as (xml: string) => {
        value: unknown;
        violations: unknown[];
        xml: string;
      };
      for (const xml of byRoot.get(element)!) {
        const whole = pkg.fromXml(xml);
        const got = run(xml);
        expect(got.value, element).toEqual(whole.value);
        expect(got.violations, element).toEqual(pkg.validate(whole));
        expect(got.xml, element).toBe(pkg.toXml(whole));
        documents++;
      }
      // The bundle's registry holds its element's parts only, never the whole schema.
      expect((app.exports.loaded as () => number)(), element).toBeLessThan(
        total,
      );
    }
    expect(names.length).toBeGreaterThan(30);
    expect(documents).toBe(275);
  }, 120_000);
});
