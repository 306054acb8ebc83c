/**
 * The parts of `schema.ts`: the identifier of each type's and global element's descriptor, and the
 * parts each one uses, so that an element's part reaches every type a document of it can hold
 * (see the runtime's `schema-parts.ts`): a type uses its base, its text and attribute types, the
 * types of its element particles with every type derived from them (what `xsi:type` may name
 * there), and the substitution groups it refers to; an element uses its type and the types derived
 * from it.
 */
import type {
  ComplexTypeDef,
  ElementDecl,
  Particle,
  TypeDef,
} from "../../model/ir.js";
import type { ModelIndex } from "../../model/model-index.js";
import type { ClarkName } from "../../model/qname.js";

export class SchemaParts {
  private readonly typeIds = new Map<ClarkName, string>();
  private readonly elementIds = new Map<ClarkName, string>();

  constructor(private readonly index: ModelIndex) {
    const taken = new Set<string>();
    const name = (prefix: string, key: string) => {
      const base = `${prefix}$${key.replace(/[^A-Za-z0-9_]/g, "$")}`;
      let id = base;
      for (let n = 2; taken.has(id); n++) id = `${base}$${n}`;
      taken.add(id);
      return id;
    };
    for (const type of index.model.types)
      this.typeIds.set(type.id, name("t", index.prefixed(type.id)));
    for (const element of index.model.elements)
      this.elementIds.set(element.id, name("e", index.prefixed(element.id)));
  }

  /** The identifier of a type's part, or undefined for a built-in (which has none). */
  type(id: ClarkName): string | undefined {
    return this.typeIds.get(id);
  }

  /** The identifier of a global element's part. */
  element(id: ClarkName): string {
    const found = this.elementIds.get(id);
    if (!found) throw new Error(`internal: no global element ${id}`);
    return found;
  }

  /** The parts a type's descriptor uses, in a stable order without repeats. */
  typeUses(type: TypeDef): string[] {
    const uses = new Uses();
    if (type.kind === "simple") {
      uses.add(this.type(type.itemType ?? ""));
      for (const member of type.memberTypes ?? []) uses.add(this.type(member));
      return uses.list();
    }
    uses.add(this.type(type.base ?? ""));
    uses.add(this.type(type.simpleContent ?? ""));
    for (const a of type.attributes) uses.add(this.type(a.type));
    if (type.particle) this.particleUses(type.particle, uses);
    uses.delete(this.type(type.id));
    return uses.list();
  }

  /** The parts a global element's descriptor uses: its type, and every type derived from it. */
  elementUses(element: ElementDecl): string[] {
    const uses = new Uses();
    this.declaredType(element.type, uses);
    return uses.list();
  }

  private particleUses(p: Particle, uses: Uses): void {
    if (p.kind === "any") return;
    if (p.kind !== "element") {
      for (const item of p.particles) this.particleUses(item, uses);
      return;
    }
    this.declaredType(p.type, uses);
    const head = p.ref ? this.index.elements.get(p.ref) : undefined;
    if (head?.substitutes.length) {
      uses.add(this.element(head.id));
      for (const s of head.substitutes)
        if (this.index.elements.has(s)) uses.add(this.element(s));
    }
  }

  /** A type declared for an element: it and what may stand for it through `xsi:type`. */
  private declaredType(id: ClarkName, uses: Uses): void {
    uses.add(this.type(id));
    const complex: ComplexTypeDef | undefined = this.index.complex(id);
    for (const sub of complex?.subtypes ?? []) uses.add(this.type(sub));
  }
}

class Uses {
  private readonly seen = new Set<string>();

  add(id: string | undefined): void {
    if (id !== undefined) this.seen.add(id);
  }

  delete(id: string | undefined): void {
    if (id !== undefined) this.seen.delete(id);
  }

  list(): string[] {
    return [...this.seen];
  }
}
