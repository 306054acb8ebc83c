/**
 * vcd-codegen runtime: the schema descriptors linked into the structures the reader, writer and
 * validator walk: each type's whole content (bases included) and attributes, look-ups by element
 * name, and simple types with their merged facets. Built once per schema, type by type on first use.
 */
import type {
  AttributeData,
  ComplexTypeData,
  FacetsData,
  GroupData,
  MaxOccurs,
  ParticleData,
  SchemaData,
  SimpleTypeData,
  WildcardData,
} from "./schema-data.js";
import { valueKind } from "./simple-values.js";
import type {
  CompiledAttribute,
  CompiledComplex,
  CompiledGroup,
  CompiledParticle,
  CompiledSimple,
  CompiledWildcard,
  ElementName,
  Slot,
  SubstituteElement,
} from "./compiled-types.js";

export class CompiledSchema {
  readonly uriByPrefix: Map<string, string> = new Map();
  /** The prefix of the namespace written as the default one (no prefix), if any. */
  readonly defaultPrefix: string | undefined;
  readonly prefixByUri: Map<string, string> = new Map();
  private readonly complexes = new Map<string, CompiledComplex>();
  private readonly simples = new Map<string, CompiledSimple>();
  private derived: Map<string, Set<string>> | undefined;
  private locals: Map<string, Set<string>> | undefined;

  constructor(readonly data: SchemaData) {
    for (const [prefix, uri] of data.namespaces) {
      this.uriByPrefix.set(prefix, uri);
      this.prefixByUri.set(uri, prefix);
    }
    this.uriByPrefix.set("xs", "http://www.w3.org/2001/XMLSchema");
    const def = data.defaultNamespace;
    this.defaultPrefix =
      def === undefined ? undefined : this.prefixByUri.get(def);
  }

  /** `prefix:local` -> `{uri}local`. */
  clark(name: string): string {
    const colon = name.indexOf(":");
    if (colon < 0) return `{}${name}`;
    return `{${this.uriByPrefix.get(name.slice(0, colon)) ?? ""}}${name.slice(colon + 1)}`;
  }

  /** `{uri}local` -> `prefix:local`, or undefined for a namespace the schema does not know. */
  prefixed(ns: string, local: string): string | undefined {
    if (!ns) return local;
    const prefix = this.prefixByUri.get(ns);
    return prefix === undefined ? undefined : `${prefix}:${local}`;
  }

  /** A type key as `xsi:type` content: the default namespace's prefix left out. */
  xsiName(key: string): string {
    const colon = key.indexOf(":");
    return colon >= 0 && key.slice(0, colon) === this.defaultPrefix
      ? key.slice(colon + 1)
      : key;
  }

  /** Forgets what was compiled: the registry has grown (a part was loaded). */
  reset(): void {
    this.complexes.clear();
    this.simples.clear();
    this.derived = undefined;
    this.locals = undefined;
  }

  isComplex(key: string): boolean {
    return this.data.types[key]?.kind === "complex";
  }

  complex(key: string): CompiledComplex {
    let compiled = this.complexes.get(key);
    if (!compiled) {
      compiled = this.compileComplex(key);
      this.complexes.set(key, compiled);
    }
    return compiled;
  }

  simple(key: string): CompiledSimple {
    let compiled = this.simples.get(key);
    if (!compiled) {
      compiled = this.compileSimple(key);
      this.simples.set(key, compiled);
    }
    return compiled;
  }

  private compileSimple(key: string): CompiledSimple {
    if (key.startsWith("xs:") || !this.data.types[key]) {
      const builtin = key.startsWith("xs:") ? key.slice(3) : "string";
      return {
        key,
        variety: "atomic",
        builtin,
        kind: valueKind(builtin),
        facets: undefined,
        item: undefined,
        members: [],
      };
    }
    const data = this.data.types[key] as SimpleTypeData | ComplexTypeData;
    if (data.kind === "complex") return this.simple("xs:string");
    const builtin = data.builtin ?? "string";
    return {
      key,
      variety: data.variety,
      builtin,
      kind: data.variety === "atomic" ? valueKind(builtin) : "string",
      facets: data.facets,
      item: data.item ? this.simple(data.item) : undefined,
      members: (data.members ?? []).map((m) => this.simple(m)),
    };
  }

  private compileComplex(key: string): CompiledComplex {
    const lineage: ComplexTypeData[] = [];
    for (
      let k: string | undefined = key;
      k && this.isComplex(k);
      k = (this.data.types[k] as ComplexTypeData).base
    ) {
      lineage.unshift(this.data.types[k] as ComplexTypeData);
    }
    const data = lineage[lineage.length - 1];
    if (!data) throw new Error(`vcd-codegen runtime: no complex type ${key}`);
    const content: CompiledGroup[] = [];
    const attributes = new Map<string, CompiledAttribute>();
    let anyAttribute: WildcardData | undefined;
    let text: CompiledSimple | undefined;
    let mixed = false;
    for (const t of lineage) {
      if (t.restriction) content.length = 0;
      if (t.content)
        content.push(this.compileGroup(t.content, { min: 1, max: 1 }));
      for (const a of t.attributes ?? []) this.addAttribute(attributes, a);
      anyAttribute = t.anyAttribute ?? anyAttribute;
      mixed ||= !!t.mixed;
      if (t.text) text = this.textType(t.text, t.textFacets, text);
    }
    const slots = new Map<string, Map<string, Slot[]>>();
    const wildcards: { wildcard: CompiledWildcard; order: number }[] = [];
    const props = new Set<string>();
    let order = 0;
    const index = (
      particle: CompiledParticle,
      itemGroup: CompiledGroup | undefined,
    ) => {
      if (particle.kind === "group") {
        if (particle.prop) props.add(particle.prop);
        for (const item of particle.items)
          index(item, itemGroup ?? (particle.prop ? particle : undefined));
        return;
      }
      order++;
      if (particle.kind === "any") {
        wildcards.push({ wildcard: particle, order });
        props.add(particle.prop);
        return;
      }
      if (!itemGroup) props.add(particle.prop);
      const add = (
        clark: string,
        element: string | undefined,
        type: string,
      ) => {
        const end = clark.indexOf("}");
        const ns = clark.slice(1, end);
        const local = clark.slice(end + 1);
        const byLocal = slots.get(ns) ?? new Map<string, Slot[]>();
        const list = byLocal.get(local) ?? [];
        list.push({ particle, itemGroup, order, element, type });
        byLocal.set(local, list);
        slots.set(ns, byLocal);
      };
      if (particle.substitutes)
        for (const s of particle.substitutes.values())
          add(s.clark, s.name, s.type);
      else add(particle.clark, undefined, particle.type);
    };
    for (const group of content) index(group, undefined);
    const contentProps = [...props];
    for (const a of attributes.values()) props.add(a.prop);
    if (text) props.add("$value");
    if (mixed) props.add("$text");
    const all = [...attributes.values()];
    const xsiName = this.xsiName(key);
    return {
      key,
      name: key,
      abstract: !!data.abstract,
      mixed,
      text,
      content,
      attributes: all,
      attributesByClark: attributes,
      attributesByLocal: new Map(
        all.filter((a) => !a.name.includes(":")).map((a) => [a.name, a]),
      ),
      anyAttribute: anyAttribute ? this.accepts(anyAttribute) : undefined,
      slots,
      wildcards,
      props,
      contentProps,
      xsiName,
      subtypes: this.subtypesOf(key),
      addedIn: data.addedIn ?? 0,
      gap: data.gap,
    };
  }

  /** The types of the local (non-global) element declarations named `clark`, over every type's content. */
  localElementTypes(clark: string): ReadonlySet<string> {
    if (!this.locals) {
      this.locals = new Map();
      const visit = (p: ParticleData) => {
        if ("group" in p) p.items.forEach(visit);
        else if ("element" in p) {
          const key = this.clark(p.element);
          const set = this.locals!.get(key) ?? new Set<string>();
          set.add(p.type);
          this.locals!.set(key, set);
        }
      };
      for (const t of Object.values(this.data.types))
        if (t.kind === "complex" && t.content) visit(t.content);
    }
    return this.locals.get(clark) ?? new Set();
  }

  private textType(
    key: string,
    facets: FacetsData | undefined,
    inherited: CompiledSimple | undefined,
  ): CompiledSimple {
    const own = this.isComplex(key)
      ? (inherited ?? this.simple("xs:string"))
      : this.simple(key);
    if (!facets) return own;
    const patterns = [
      ...(own.facets?.patterns ?? []),
      ...(facets.patterns ?? []),
    ];
    return {
      ...own,
      facets: {
        ...own.facets,
        ...facets,
        ...(patterns.length ? { patterns } : {}),
      },
    };
  }

  private addAttribute(
    attributes: Map<string, CompiledAttribute>,
    a: AttributeData,
  ): void {
    const clark = this.clark(a.name);
    if (a.prohibited) {
      attributes.delete(clark);
      return;
    }
    const colon = a.name.indexOf(":");
    const prefix = colon < 0 ? undefined : a.name.slice(0, colon);
    attributes.set(clark, {
      clark,
      name: a.name,
      prefix: prefix === "xml" ? undefined : prefix,
      prop: a.prop,
      type: this.simple(a.type),
      required: !!a.required,
      fixed: a.fixed,
      addedIn: a.addedIn ?? 0,
      removedIn: a.removedIn ?? Infinity,
      requiredBelow: a.requiredBelow ?? 0,
    });
  }

  /** `outer` are the occurrence bounds of the enclosing groups (not item groups), multiplied. */
  private compileGroup(group: GroupData, outer: Bounds): CompiledGroup {
    const min = group.min ?? 1;
    const max = group.max ?? 1;
    const inner: Bounds = group.prop
      ? { min: 1, max: 1 }
      : {
          min:
            group.group === "choice" && group.items.length > 1
              ? 0
              : outer.min * min,
          max: times(outer.max, max),
        };
    return {
      kind: "group",
      group: group.group,
      min,
      max,
      prop: group.prop,
      items: group.items.map((item) => this.compileParticle(item, inner)),
    };
  }

  private compileParticle(
    particle: ParticleData,
    outer: Bounds,
  ): CompiledParticle {
    if ("group" in particle) return this.compileGroup(particle, outer);
    if ("any" in particle) {
      return {
        kind: "any",
        prop: particle.prop ?? "$any",
        min: particle.min ?? 1,
        max: particle.max ?? 1,
        accepts: this.accepts(particle),
      };
    }
    const max = particle.max ?? 1;
    let substitutes: Map<string, SubstituteElement> | undefined;
    if (particle.ref) {
      const names = [
        particle.element,
        ...(this.data.elements[particle.element]?.substitutes ?? []),
      ];
      substitutes = new Map();
      for (const name of names) {
        const element = this.data.elements[name];
        const type = element && this.data.types[element.type];
        if (
          !element ||
          element.abstract ||
          (type?.kind === "complex" && type.abstract)
        )
          continue;
        substitutes.set(name, {
          ...this.elementName(name),
          type: element.type,
          addedIn: element.addedIn ?? 0,
          gap: element.gap,
        });
      }
    }
    return {
      kind: "element",
      ...this.elementName(particle.element),
      prop: particle.prop,
      type: particle.type,
      min: particle.min ?? 1,
      max,
      nillable: !!particle.nillable,
      substitutes,
      repeated: outer.max !== 1 || max !== 1,
      minTotal: outer.min * (particle.min ?? 1),
      maxTotal: times(outer.max, max),
      addedIn: particle.addedIn ?? 0,
      removedIn: particle.removedIn ?? Infinity,
      requiredBelow: particle.requiredBelow ?? 0,
    };
  }

  /** How an element name is written, with the canonical prefixes and the default namespace. */
  elementName(name: string): ElementName {
    const colon = name.indexOf(":");
    const clark = this.clark(name);
    if (colon < 0) {
      const startTag =
        this.defaultPrefix === undefined ? name : `${name} xmlns=""`;
      return { name, clark, startTag, endTag: name, prefix: undefined };
    }
    const prefix = name.slice(0, colon);
    const tag = prefix === this.defaultPrefix ? name.slice(colon + 1) : name;
    return {
      name,
      clark,
      startTag: tag,
      endTag: tag,
      prefix: prefix === "xml" ? undefined : prefix,
    };
  }

  private accepts(w: WildcardData): (ns: string) => boolean {
    if (w.any === "##any") return () => true;
    if (w.any === "##other") {
      const tns = w.targetNamespace ?? "";
      return (ns) => ns !== tns && ns !== "";
    }
    const allowed = new Set(w.any);
    return (ns) => allowed.has(ns);
  }

  private subtypesOf(key: string): Set<string> {
    if (!this.derived) {
      this.derived = new Map();
      for (const [k, t] of Object.entries(this.data.types)) {
        if (t.kind !== "complex" || t.anonymous) continue;
        for (
          let base = t.base;
          base && this.isComplex(base);
          base = (this.data.types[base] as ComplexTypeData).base
        ) {
          const set = this.derived.get(base) ?? new Set<string>();
          set.add(k);
          this.derived.set(base, set);
        }
      }
    }
    return this.derived.get(key) ?? new Set();
  }
}

interface Bounds {
  readonly min: number;
  readonly max: MaxOccurs;
}

function times(a: MaxOccurs, b: MaxOccurs): MaxOccurs {
  return a === "unbounded" || b === "unbounded" ? "unbounded" : a * b;
}

const compiledSchemas = new WeakMap<SchemaData, CompiledSchema>();

/** The compiled form of a schema, built once. */
export function compile(data: SchemaData): CompiledSchema {
  let compiled = compiledSchemas.get(data);
  if (!compiled) {
    compiled = new CompiledSchema(data);
    compiledSchemas.set(data, compiled);
  }
  return compiled;
}

/** Drops the compiled form of a schema whose registry has grown (see `loadPart`). */
export function resetCompiled(data: SchemaData): void {
  compiledSchemas.get(data)?.reset();
}
