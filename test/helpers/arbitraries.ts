/**
 * fast-check arbitraries derived from a generated package's schema descriptors: random values that
 * are valid for the schema, for every global element. Optional content is drawn down to a depth;
 * below it only what the schema requires.
 */
import fc from "fast-check";
import { valueKind } from "../../runtime/xml/simple-values.js";
import type {
  ComplexTypeData,
  FacetsData,
  GroupData,
  ParticleData,
  SchemaData,
  SimpleTypeData,
  WildcardData,
} from "../../runtime/xml/schema-data.js";

type Value = Record<string, unknown>;
type Arb = fc.Arbitrary<unknown>;

const FOREIGN_NS = "urn:vcd-codegen:test:foreign";
const MAX_REPEAT = 2;

export class SchemaArbitraries {
  private readonly memo = new Map<string, Arb>();
  private readonly uriByPrefix: Map<string, string>;
  private readonly subtypes = new Map<string, string[]>();

  constructor(
    private readonly schema: SchemaData,
    private readonly maxDepth = 3,
  ) {
    this.uriByPrefix = new Map(schema.namespaces.map(([p, u]) => [p, u]));
    for (const [key, t] of Object.entries(schema.types)) {
      if (t.kind !== "complex" || t.abstract || t.anonymous) continue;
      for (
        let base = t.base;
        base;
        base = (schema.types[base] as ComplexTypeData | undefined)?.base
      ) {
        if (schema.types[base]?.kind !== "complex") break;
        this.subtypes.set(base, [...(this.subtypes.get(base) ?? []), key]);
      }
    }
  }

  /** A document `{ element, value }` rooted at a global element. */
  document(element: string): fc.Arbitrary<{ element: string; value: unknown }> {
    const decl = this.schema.elements[element];
    return this.typed(decl.type, this.maxDepth, false).map((value) => ({
      element,
      value,
    }));
  }

  /** A value of a type where it is declared: itself, or (sometimes, or always when abstract) a subtype with `$type`. */
  private typed(key: string, depth: number, nillable: boolean): Arb {
    const data = this.schema.types[key];
    if (!data || data.kind !== "complex") return this.simple(key);
    const subs = this.subtypes.get(key) ?? [];
    const options: Arb[] = [];
    if (!data.abstract) options.push(this.complex(key, depth));
    if (depth > 0 || data.abstract) {
      for (const sub of depth > 0 ? subs : subs.slice(0, 1)) {
        options.push(
          this.complex(sub, depth).map((v) => ({
            ...(v as Value),
            $type: sub,
          })),
        );
      }
    }
    if (options.length === 0) throw new Error(`no concrete type for ${key}`);
    const arb = options.length === 1 ? options[0] : fc.oneof(...options);
    return nillable && depth > 0
      ? fc.oneof(
          { weight: 1, arbitrary: fc.constant(null) },
          { weight: 4, arbitrary: arb },
        )
      : arb;
  }

  private complex(key: string, depth: number): Arb {
    const memoKey = `${key}@${depth}`;
    const known = this.memo.get(memoKey);
    if (known) return known;
    // Placeholder first: a type that (through optional content) contains itself is built lazily.
    // Assigned once below, after the placeholder that reads it is in the memo.
    let built: Arb | undefined; // eslint-disable-line prefer-const
    this.memo.set(
      memoKey,
      fc.constant(null).chain(() => built!),
    );
    const lineage: ComplexTypeData[] = [];
    for (
      let k: string | undefined = key;
      k && this.schema.types[k]?.kind === "complex";
      k = (this.schema.types[k] as ComplexTypeData).base
    ) {
      lineage.unshift(this.schema.types[k] as ComplexTypeData);
    }
    const parts: fc.Arbitrary<Value>[] = [];
    const groups: GroupData[] = [];
    const attributes = new Map<
      string,
      { prop: string; type: string; required: boolean; fixed?: string }
    >();
    let text: { key: string; facets?: FacetsData } | undefined;
    let mixed = false;
    let anyAttribute: WildcardData | undefined;
    for (const t of lineage) {
      if (t.restriction) groups.length = 0;
      if (t.content) groups.push(t.content);
      for (const a of t.attributes ?? []) {
        if (a.prohibited) attributes.delete(a.name);
        else
          attributes.set(a.name, {
            prop: a.prop,
            type: a.type,
            required: !!a.required,
            fixed: a.fixed,
          });
      }
      if (t.text)
        text = {
          key:
            this.schema.types[t.text]?.kind === "complex"
              ? (text?.key ?? "xs:string")
              : t.text,
          facets: t.textFacets ?? text?.facets,
        };
      mixed ||= !!t.mixed;
      anyAttribute = t.anyAttribute ?? anyAttribute;
    }
    for (const a of attributes.values()) {
      const arb =
        a.fixed !== undefined
          ? fc.constant(this.fixedValue(a.type, a.fixed))
          : this.simple(a.type);
      parts.push(this.maybe(a.prop, arb, a.required, depth));
    }
    if (anyAttribute && depth > 0 && this.acceptsForeign(anyAttribute)) {
      parts.push(
        fc.option(
          fc.record({
            $attributes: fc.tuple(
              fc.record({
                ns: fc.constant(FOREIGN_NS),
                local: fc.constant("extra"),
                value: alnum(1, 6),
              }),
            ),
          }),
          { nil: {} },
        ) as fc.Arbitrary<Value>,
      );
    }
    if (text)
      parts.push(
        this.simple(text.key, text.facets).map((v) => ({ $value: v })),
      );
    else {
      for (const g of groups) parts.push(this.group(g, depth, true));
      if (mixed && depth > 0)
        parts.push(
          fc.option(
            alnum(1, 8).map((t) => ({ $text: t })),
            { nil: {} },
          ) as fc.Arbitrary<Value>,
        );
    }
    built = (
      parts.length
        ? fc.tuple(...parts).map((ps) => Object.assign({}, ...ps) as Value)
        : fc.constant({})
    ) as Arb;
    this.memo.set(memoKey, built);
    return built;
  }

  /** The properties one occurrence of a group gives. */
  private group(
    g: GroupData,
    depth: number,
    required: boolean,
  ): fc.Arbitrary<Value> {
    const present = required && (g.min ?? 1) > 0;
    if (g.prop) {
      const item = this.group(
        { ...g, prop: undefined, min: 1, max: 1 },
        depth - 1,
        true,
      );
      const min = present ? (g.min ?? 1) : 0;
      const max =
        depth > 0
          ? Math.max(min, Math.min(this.maxOf(g.max), MAX_REPEAT))
          : min;
      if (max === 0) return fc.constant({});
      return fc
        .array(item, { minLength: min, maxLength: max })
        .map((items) => (items.length ? { [g.prop!]: items } : {}));
    }
    let arb: fc.Arbitrary<Value>;
    if (g.group === "choice") {
      const branches = g.items.map((p) => this.particle(p, depth, true, g));
      arb = branches.length === 1 ? branches[0] : fc.oneof(...branches);
    } else {
      const items = g.items.map((p) => this.particle(p, depth, true, g));
      arb = items.length
        ? fc.tuple(...items).map((ps) => Object.assign({}, ...ps) as Value)
        : fc.constant({});
    }
    if (present) return arb;
    return depth > 0 ? fc.oneof(fc.constant({}), arb) : fc.constant({});
  }

  private particle(
    p: ParticleData,
    depth: number,
    required: boolean,
    parent: GroupData,
  ): fc.Arbitrary<Value> {
    if ("group" in p) return this.group(p, depth, required);
    const repeatedGroup = this.maxOf(parent.max) !== 1 && !parent.prop;
    if ("any" in p) {
      const min = p.min ?? 1;
      if (!this.acceptsForeign(p)) return fc.constant({});
      const max =
        depth > 0
          ? Math.max(min, Math.min(this.maxOf(p.max), MAX_REPEAT))
          : min;
      const raw = alnum(1, 6).map((t) => ({
        $xml: `<f:Extra xmlns:f="${FOREIGN_NS}">${t}</f:Extra>`,
      }));
      return fc
        .array(raw, { minLength: min, maxLength: max })
        .map((items) => (items.length ? { [p.prop ?? "$any"]: items } : {}));
    }
    const min = required ? (p.min ?? 1) * (parent.min ?? 1) : 0;
    const maxOccurs =
      this.maxOf(p.max) * (repeatedGroup ? this.maxOf(parent.max) : 1);
    const repeated = this.maxOf(p.max) !== 1 || repeatedGroup;
    const value = this.elementValue(p, depth - 1);
    if (repeated) {
      const max =
        depth > 0 ? Math.max(min, Math.min(maxOccurs, MAX_REPEAT)) : min;
      if (max === 0) return fc.constant({});
      return fc
        .array(value, { minLength: min, maxLength: max })
        .map((items) => (items.length || min > 0 ? { [p.prop]: items } : {}));
    }
    return this.maybe(p.prop, value, min > 0, depth);
  }

  private elementValue(
    p: { element: string; type: string; nillable?: boolean; ref?: boolean },
    depth: number,
  ): Arb {
    if (p.type === "xs:anyType") {
      const [prefix, local] = p.element.includes(":")
        ? p.element.split(":")
        : ["", p.element];
      const ns = this.uriByPrefix.get(prefix) ?? "";
      return alnum(0, 6).map((t) => ({
        $xml: `<${local} xmlns="${ns}">${t}</${local}>`,
      }));
    }
    if (!p.ref) return this.typed(p.type, Math.max(depth, 0), !!p.nillable);
    const names = [
      p.element,
      ...(this.schema.elements[p.element]?.substitutes ?? []),
    ].filter((name) => {
      const decl = this.schema.elements[name];
      const type = decl && this.schema.types[decl.type];
      return (
        decl && !decl.abstract && !(type?.kind === "complex" && type.abstract)
      );
    });
    const members = names.map((name) =>
      this.typed(
        this.schema.elements[name].type,
        Math.max(depth, 0),
        false,
      ).map((v) =>
        v !== null && typeof v === "object"
          ? { ...(v as Value), $element: name }
          : v,
      ),
    );
    return members.length === 1 ? members[0] : fc.oneof(...members);
  }

  private maybe(
    prop: string,
    arb: Arb,
    required: boolean,
    depth: number,
  ): fc.Arbitrary<Value> {
    if (required) return arb.map((v) => ({ [prop]: v }));
    if (depth <= 0) return fc.constant({});
    return fc.option(
      arb.map((v) => ({ [prop]: v })),
      { nil: {} },
    ) as fc.Arbitrary<Value>;
  }

  private maxOf(max: number | "unbounded" | undefined): number {
    return max === undefined
      ? 1
      : max === "unbounded"
        ? Number.MAX_SAFE_INTEGER
        : max;
  }

  private acceptsForeign(w: WildcardData): boolean {
    return (
      w.any === "##any" || w.any === "##other" || w.any.includes(FOREIGN_NS)
    );
  }

  private fixedValue(type: string, fixed: string): unknown {
    const builtin = this.builtinOf(type);
    if (builtin === "boolean") return fixed === "true" || fixed === "1";
    if (valueKind(builtin) === "number") return Number(fixed);
    return fixed;
  }

  private builtinOf(key: string): string {
    if (key.startsWith("xs:")) return key.slice(3);
    const data = this.schema.types[key] as SimpleTypeData | undefined;
    return data?.builtin ?? "string";
  }

  /** A value of a simple type (or built-in), honouring its facets. */
  simple(key: string, extraFacets?: FacetsData): Arb {
    const data = key.startsWith("xs:")
      ? undefined
      : (this.schema.types[key] as SimpleTypeData | undefined);
    if (data?.variety === "list") {
      const item = this.simple(data.item!).filter(
        (v) => typeof v !== "string" || (v !== "" && !/\s/.test(v)),
      );
      return fc.array(item, { minLength: 1, maxLength: 3 });
    }
    if (data?.variety === "union")
      return this.simple(data.members![0]).map((v) =>
        typeof v === "string" ? v : String(v),
      );
    const builtin = this.builtinOf(key);
    const facets = { ...data?.facets, ...extraFacets };
    if (facets.enumeration?.length) {
      const values =
        valueKind(builtin) === "number"
          ? facets.enumeration.map(Number)
          : facets.enumeration;
      return fc.constantFrom(...values);
    }
    if (facets.patterns?.length) {
      const regexes = facets.patterns.map(
        (step) => new RegExp(`^(?:${step.join("|")})$`),
      );
      const charset =
        builtin === "anyURI"
          ? /^[A-Za-z0-9\-._~:/?#@!$'()*+,;=]*$/
          : /^[\x20-\x7e]*$/;
      return fc
        .stringMatching(regexes[regexes.length - 1])
        .filter(
          (s) =>
            regexes.every((r) => r.test(s)) &&
            charset.test(s) &&
            s.trim() === s &&
            s.length > 0,
        )
        .filter((s) => withinLength(s, facets));
    }
    return builtinArb(builtin, facets);
  }
}

const RANGES: Record<string, [number, number]> = {
  byte: [-128, 127],
  short: [-32768, 32767],
  int: [-2147483648, 2147483647],
  unsignedByte: [0, 255],
  unsignedShort: [0, 65535],
};
const BIG_RANGES: Record<string, [bigint, bigint]> = {
  long: [-9223372036854775808n, 9223372036854775807n],
  unsignedLong: [0n, 18446744073709551615n],
  unsignedInt: [0n, 4294967295n],
  integer: [-(10n ** 30n), 10n ** 30n],
  nonNegativeInteger: [0n, 10n ** 30n],
  positiveInteger: [1n, 10n ** 30n],
};

function alnum(min: number, max: number): fc.Arbitrary<string> {
  return fc.string({
    unit: fc.constantFrom(
      ..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    ),
    minLength: min,
    maxLength: max,
  });
}

/** Text with what XML must escape, white space at the edges, and characters beyond ASCII. */
const TEXT_UNITS = [..."abcXYZ019 -_.,;:/"].concat([
  "&",
  "<",
  ">",
  '"',
  "'",
  "]]>",
  "\t",
  "\n",
  "\r",
  "é",
  "中",
  "😀",
  "\u00a0",
]);

function withinLength(s: string, f: FacetsData): boolean {
  const n = [...s].length;
  return (
    (f.length === undefined || n === f.length) &&
    (f.minLength === undefined || n >= f.minLength) &&
    (f.maxLength === undefined || n <= f.maxLength)
  );
}

function builtinArb(builtin: string, facets: FacetsData): Arb {
  const bounded = (lo: number, hi: number) => {
    const min = Math.max(
      lo,
      facets.minInclusive !== undefined ? Number(facets.minInclusive) : lo,
      facets.minExclusive !== undefined ? Number(facets.minExclusive) + 1 : lo,
    );
    const max = Math.min(
      hi,
      facets.maxInclusive !== undefined ? Number(facets.maxInclusive) : hi,
      facets.maxExclusive !== undefined ? Number(facets.maxExclusive) - 1 : hi,
    );
    return fc.integer({ min, max });
  };
  if (RANGES[builtin]) return bounded(...RANGES[builtin]);
  if (BIG_RANGES[builtin]) {
    const [lo, hi] = BIG_RANGES[builtin];
    const min =
      facets.minInclusive !== undefined ? BigInt(facets.minInclusive) : lo;
    const max =
      facets.maxInclusive !== undefined ? BigInt(facets.maxInclusive) : hi;
    return fc.bigInt({ min, max }).map(String);
  }
  switch (builtin) {
    case "boolean":
      return fc.boolean();
    case "float":
      return fc.double({ noNaN: false }).map((d) => Math.fround(d));
    case "double":
      return fc.double();
    case "decimal":
      return fc
        .tuple(
          fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
          fc.integer({ min: 0, max: 999 }),
        )
        .map(([w, f]) => `${w}.${f}`);
    case "dateTime":
      return fc
        .tuple(
          fc.date({
            min: new Date("1900-01-01T00:00:00Z"),
            max: new Date("2999-12-31T23:59:59Z"),
            noInvalidDate: true,
          }),
          fc.constantFrom("Z", "+05:30", "-08:00", ""),
        )
        .map(([d, zone]) => d.toISOString().replace("Z", zone));
    case "date":
      return fc
        .date({
          min: new Date("1900-01-01T00:00:00Z"),
          max: new Date("2999-12-31T00:00:00Z"),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10));
    case "time":
      return fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([h, m]) => `${pad(h)}:${pad(m)}:00`);
    case "duration":
      return fc.tuple(fc.nat(400), fc.nat(23)).map(([d, h]) => `P${d}DT${h}H`);
    case "anyURI":
      return alnum(1, 8).map((s) => `https://vcd.example.com/api/${s}`);
    case "hexBinary":
      return fc
        .uint8Array({ maxLength: 6 })
        .map((b) => Buffer.from(b).toString("hex").toUpperCase());
    case "base64Binary":
      return fc
        .uint8Array({ maxLength: 6 })
        .map((b) => Buffer.from(b).toString("base64"));
    case "ID":
    case "IDREF":
    case "NCName":
    case "Name":
    case "QName":
    case "NMTOKEN":
      return fc.uuid().map((u) => `i${u.replace(/-/g, "")}`);
    case "language":
      return fc.constantFrom("en", "en-US", "de", "fr-CA");
    case "token":
    case "anySimpleType":
      return alnum(0, 10);
    case "normalizedString":
      return fc
        .string({
          unit: fc.constantFrom(
            ...TEXT_UNITS.filter((u) => !/[\t\n\r]/.test(u)),
          ),
          maxLength: 10,
        })
        .filter((s) => withinLength(s, facets));
    default: {
      const min = facets.minLength ?? facets.length ?? 0;
      const max = facets.maxLength ?? facets.length ?? Math.max(min, 12);
      return fc
        .string({
          unit: fc.constantFrom(...TEXT_UNITS),
          minLength: min,
          maxLength: Math.max(min, Math.min(max, 12)),
        })
        .filter((s) => withinLength(s, facets));
    }
  }
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
