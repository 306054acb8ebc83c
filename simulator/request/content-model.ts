/**
 * vcd-codegen runtime, simulator: each complex type's element content flattened into schema order
 * (base content first), as the content-order check walks it. A choice, or a group that repeats, puts
 * all its elements at one position (their relative order is free there).
 */
import type {
  GroupData,
  ParticleData,
  SchemaData,
  TypeData,
  WildcardData,
} from "../../runtime/xml/index.js";

export interface Slot {
  /** Position in schema order; slots of one choice or repeating group share it. */
  readonly index: number;
  /** `prefix:Local`, or undefined for a wildcard. */
  readonly element?: string;
  readonly type?: string;
  /** A reference to a global element: the members of its substitution group match too. */
  readonly ref?: boolean;
  readonly wildcard?: WildcardData;
  /** The element must be there (minOccurs >= 1 all the way up, outside any choice). */
  readonly required: boolean;
  /** It may stand more than once (maxOccurs > 1, or in a choice or repeating group). */
  readonly repeats: boolean;
}

/** The attributes a complex type allows: those it and its bases declare, and their wildcards. */
export interface AttributeUse {
  /** `prefix:local`, or `local` for an unqualified one. */
  readonly names: ReadonlySet<string>;
  readonly wildcards: readonly WildcardData[];
}

export class ContentModels {
  private readonly cache = new Map<string, readonly Slot[]>();
  private readonly attributeCache = new Map<string, AttributeUse>();
  readonly prefixByUri: Map<string, string> = new Map();
  readonly uriByPrefix: Map<string, string> = new Map();

  constructor(readonly schema: SchemaData) {
    for (const [prefix, uri] of schema.namespaces) {
      if (!this.prefixByUri.has(uri)) this.prefixByUri.set(uri, prefix);
      this.uriByPrefix.set(prefix, uri);
    }
  }

  /** `prefix:Local` for a resolved name (`Local` when it is in no namespace). */
  name(ns: string, local: string): string | undefined {
    if (ns === "") return local;
    const prefix = this.prefixByUri.get(ns);
    return prefix === undefined ? undefined : `${prefix}:${local}`;
  }

  isComplex(type: string): boolean {
    return this.schema.types[type]?.kind === "complex";
  }

  slots(type: string): readonly Slot[] {
    let slots = this.cache.get(type);
    if (!slots) {
      slots = [];
      this.flattenType(type, slots as Slot[], { next: 0 });
      this.cache.set(type, slots);
    }
    return slots;
  }

  attributes(type: string): AttributeUse {
    let use = this.attributeCache.get(type);
    if (!use) {
      const names = new Set<string>();
      const prohibited = new Set<string>();
      const wildcards: WildcardData[] = [];
      for (
        let data: TypeData | undefined = this.schema.types[type];
        data?.kind === "complex";
        data = data.base ? this.schema.types[data.base] : undefined
      ) {
        for (const a of data.attributes ?? [])
          if (a.prohibited) prohibited.add(a.name);
          else if (!prohibited.has(a.name)) names.add(a.name);
        if (data.anyAttribute) wildcards.push(data.anyAttribute);
      }
      use = { names, wildcards };
      this.attributeCache.set(type, use);
    }
    return use;
  }

  private flattenType(type: string, out: Slot[], counter: { next: number }) {
    const data = this.schema.types[type];
    if (!data || data.kind !== "complex") return;
    if (data.base && !data.restriction)
      this.flattenType(data.base, out, counter);
    if (data.content)
      this.flattenParticle(data.content, out, counter, true, undefined);
  }

  private flattenParticle(
    p: ParticleData,
    out: Slot[],
    counter: { next: number },
    required: boolean,
    shared: number | undefined,
  ): void {
    const min = p.min ?? 1;
    const max = p.max ?? 1;
    const here = required && min >= 1;
    if ("group" in p) {
      const group = p as GroupData;
      const together =
        group.group !== "sequence" || max === "unbounded" || max > 1;
      const index = shared ?? (together ? counter.next++ : undefined);
      for (const item of group.items)
        this.flattenParticle(
          item,
          out,
          counter,
          here && group.group !== "choice",
          index,
        );
      return;
    }
    const index = shared ?? counter.next++;
    if ("any" in p) {
      out.push({
        index,
        wildcard: p as WildcardData,
        required: false,
        repeats: true,
      });
      return;
    }
    out.push({
      index,
      element: p.element,
      type: p.type,
      ref: p.ref,
      required: here,
      repeats: shared !== undefined || max === "unbounded" || max > 1,
    });
  }
}
