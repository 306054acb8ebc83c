/**
 * vcd-codegen runtime, simulator: the smallest valid instance of an element, built from the schema
 * descriptors: required attributes and elements only, values that satisfy the facets (the first
 * enumeration value, the lower bound, the minimum length, a candidate that matches the pattern).
 * Deterministic, so operations outside the stateful core still answer a document of their type.
 */
import type {
  ComplexTypeData,
  FacetsData,
  GroupData,
  ParticleData,
  SchemaData,
  SimpleTypeData,
  TypeData,
} from "../../runtime/xml/index.js";
import { valueKind } from "../../runtime/xml/index.js";

type Value = Record<string, unknown>;

const BUILTIN_DEFAULTS: Record<string, string> = {
  NCName: "a",
  Name: "a",
  ID: "a",
  IDREF: "a",
  NMTOKEN: "a",
  ENTITY: "a",
  QName: "a",
  language: "en",
  positiveInteger: "1",
  negativeInteger: "-1",
  dateTime: "1970-01-01T00:00:00Z",
  date: "1970-01-01",
  time: "00:00:00",
  duration: "PT0S",
  gYear: "1970",
  gYearMonth: "1970-01",
  gMonth: "--01",
  gDay: "---01",
  gMonthDay: "--01-01",
};

const PATTERN_CANDIDATES = [
  "0",
  "1",
  "a",
  "A",
  "127.0.0.1",
  "0.0.0.0",
  "00:00:00:00:00:00",
  "a@example.com",
  "urn:vcloud:a:0",
  "PT0S",
  "1970-01-01T00:00:00Z",
  "00000000-0000-0000-0000-000000000000",
  "default",
  "true",
  "aa",
  "a-a",
  "0-0",
  "1.0",
];

export class MinimalInstances {
  private readonly subtypes = new Map<string, string[]>();

  constructor(
    private readonly schema: SchemaData,
    private readonly uri: string,
  ) {
    for (const [key, t] of Object.entries(schema.types)) {
      if (t.kind !== "complex" || !t.base) continue;
      const list = this.subtypes.get(t.base) ?? [];
      list.push(key);
      this.subtypes.set(t.base, list);
    }
  }

  /** A value of the global element, with `$element` resolved for an abstract head. */
  element(name: string): { element: string; value: unknown } | undefined {
    const decl = this.schema.elements[name];
    if (!decl) return undefined;
    return { element: name, value: this.typed(decl.type, 0) };
  }

  private typed(typeKey: string, depth: number): unknown {
    const type = this.schema.types[typeKey];
    if (typeKey === "xs:anyType") return { $xml: "<value/>" };
    if (!type || type.kind === "simple" || typeKey.startsWith("xs:"))
      return this.simple(typeKey);
    if (type.abstract) {
      const concrete = this.concrete(typeKey);
      if (!concrete) return {};
      return { $type: concrete, ...(this.complex(concrete, depth) as Value) };
    }
    return this.complex(typeKey, depth);
  }

  private concrete(typeKey: string): string | undefined {
    for (const sub of this.subtypes.get(typeKey) ?? []) {
      const t = this.schema.types[sub] as ComplexTypeData;
      if (!t.abstract && !t.anonymous) return sub;
      const deeper = this.concrete(sub);
      if (deeper) return deeper;
    }
    return undefined;
  }

  private complex(typeKey: string, depth: number): Value {
    const chain: ComplexTypeData[] = [];
    for (let key: string | undefined = typeKey; key;) {
      const t: TypeData | undefined = this.schema.types[key];
      if (!t || t.kind !== "complex") break;
      chain.unshift(t);
      key = t.restriction ? undefined : t.base;
    }
    const out: Value = {};
    for (const t of chain) {
      for (const a of t.attributes ?? []) {
        if (a.prohibited) continue;
        if (a.fixed !== undefined) out[a.prop] = this.fromText(a.type, a.fixed);
        else if (a.required) out[a.prop] = this.simple(a.type);
      }
      if (t.text) out.$value = this.simple(t.text, t.textFacets);
      if (t.content && depth < 12) this.group(t.content, out, depth);
    }
    return out;
  }

  private group(group: GroupData, out: Value, depth: number): void {
    if ((group.min ?? 1) < 1) return;
    const items =
      group.group === "choice" ? this.choose(group.items) : group.items;
    if (group.prop) {
      const item: Value = {};
      for (const p of items) this.particle(p, item, depth);
      out[group.prop] = [item];
      return;
    }
    for (const p of items) this.particle(p, out, depth);
  }

  private choose(items: readonly ParticleData[]): ParticleData[] {
    const element = items.find((p) => "element" in p);
    return [element ?? items[0]];
  }

  private particle(p: ParticleData, out: Value, depth: number): void {
    if ("group" in p) return this.group(p, out, depth);
    if ("any" in p) return;
    if ((p.min ?? 1) < 1) return;
    let value: unknown;
    const decl = p.ref ? this.schema.elements[p.element] : undefined;
    if (decl?.abstract) {
      const member = decl.substitutes?.find(
        (s) => !this.schema.elements[s]?.abstract,
      );
      if (!member) return;
      value = {
        $element: member,
        ...(this.typed(this.schema.elements[member].type, depth + 1) as Value),
      };
    } else value = this.typed(p.type, depth + 1);
    const max = p.max ?? 1;
    out[p.prop] =
      max === "unbounded" || max > 1
        ? Array.from({ length: p.min ?? 1 }, () => value)
        : value;
  }

  private simple(typeKey: string, extra?: FacetsData): unknown {
    const builtin = typeKey.startsWith("xs:") ? typeKey.slice(3) : undefined;
    const type = builtin
      ? undefined
      : (this.schema.types[typeKey] as SimpleTypeData | undefined);
    if (type?.variety === "list") return [];
    if (type?.variety === "union")
      return String(this.simple(type.members?.[0] ?? "xs:string"));
    const base = builtin ?? type?.builtin ?? "string";
    const facets = { ...(type?.facets ?? {}), ...(extra ?? {}) };
    return this.fromText(`xs:${base}`, this.text(base, facets));
  }

  private text(builtin: string, f: FacetsData): string {
    if (f.enumeration?.length) return f.enumeration[0];
    if (f.minInclusive !== undefined) return f.minInclusive;
    if (f.minExclusive !== undefined) return String(Number(f.minExclusive) + 1);
    if (f.maxInclusive !== undefined && Number(f.maxInclusive) < 0)
      return f.maxInclusive;
    if (f.patterns?.length) {
      const regexes = f.patterns.map((step) => step.map((p) => toRegExp(p)));
      const fits = (s: string) =>
        regexes.every((step) => step.some((r) => r?.test(s) ?? true));
      const found = PATTERN_CANDIDATES.find(fits);
      if (found !== undefined) return found;
    }
    const length = f.length ?? f.minLength;
    if (length !== undefined && length > 0) return "a".repeat(length);
    if (builtin === "anyURI") return this.uri;
    if (builtin === "boolean") return "false";
    return (
      BUILTIN_DEFAULTS[builtin] ?? (/string|token/i.test(builtin) ? "" : "0")
    );
  }

  private fromText(typeKey: string, text: string): unknown {
    const builtin = typeKey.startsWith("xs:")
      ? typeKey.slice(3)
      : (this.schema.types[typeKey] as SimpleTypeData | undefined)?.builtin;
    if (builtin === "boolean") return text === "true" || text === "1";
    if (builtin && valueKind(builtin) === "number") return Number(text);
    return text;
  }
}

function toRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(
      `^(?:${pattern.replace(/\\i/g, "[A-Za-z_:]").replace(/\\c/g, "[-.0-9A-Za-z_:]")})$`,
      "u",
    );
  } catch {
    return undefined;
  }
}
