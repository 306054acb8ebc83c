/** Look-ups over a finished {@link Model}: by id, by namespace, and a type's content with its bases'. */
import type {
  AttributeUse,
  ComplexTypeDef,
  ElementDecl,
  Model,
  ModelGroup,
  Namespace,
  TypeDef,
} from "./ir.js";
import { XSD_NS, namespaceOf, type ClarkName } from "./qname.js";

export class ModelIndex {
  readonly types = new Map<ClarkName, TypeDef>();
  readonly elements = new Map<ClarkName, ElementDecl>();
  readonly namespaces = new Map<string, Namespace>();
  /** `prefixed` of each name asked for (the stubs ask for the same elements thousands of times). */
  private readonly prefixedNames = new Map<ClarkName, string>();

  constructor(readonly model: Model) {
    for (const type of model.types) this.types.set(type.id, type);
    for (const element of model.elements)
      this.elements.set(element.id, element);
    for (const ns of model.namespaces) this.namespaces.set(ns.uri, ns);
  }

  complex(id: ClarkName): ComplexTypeDef | undefined {
    const type = this.types.get(id);
    return type?.kind === "complex" ? type : undefined;
  }

  namespace(uri: string): Namespace {
    const ns = this.namespaces.get(uri);
    if (!ns) throw new Error(`internal: no namespace entry for "${uri}"`);
    return ns;
  }

  /** `prefix:local` with the canonical prefix (no prefix for names in no namespace). */
  prefixed(name: ClarkName): string {
    let text = this.prefixedNames.get(name);
    if (text === undefined) {
      const uri = namespaceOf(name);
      const local = name.slice(name.indexOf("}") + 1);
      text =
        uri === XSD_NS
          ? `xs:${local}`
          : uri
            ? `${this.namespace(uri).prefix}:${local}`
            : local;
      this.prefixedNames.set(name, text);
    }
    return text;
  }

  /** The complex types a type derives from, root first, ending with the type itself. */
  lineage(type: ComplexTypeDef): ComplexTypeDef[] {
    const chain: ComplexTypeDef[] = [type];
    for (let current = type; current.base;) {
      const base = this.complex(current.base);
      if (!base) break;
      chain.unshift(base);
      current = base;
    }
    return chain;
  }

  /**
   * The whole content model of a type, base content first: for extensions, the base's groups
   * followed by the type's own; a restriction's content replaces its base's.
   */
  contentGroups(type: ComplexTypeDef): ModelGroup[] {
    const groups: ModelGroup[] = [];
    for (const t of this.lineage(type)) {
      if (t.derivation === "restriction" && !t.simpleContent) groups.length = 0;
      if (t.particle) groups.push(t.particle);
    }
    return groups;
  }

  /** Every attribute of a type, with its bases', in declaration order; restrictions override and prohibit. */
  allAttributes(type: ComplexTypeDef): AttributeUse[] {
    const byName = new Map<ClarkName, AttributeUse>();
    for (const t of this.lineage(type)) {
      for (const attribute of t.attributes)
        byName.set(attribute.name, attribute);
    }
    return [...byName.values()].filter(
      (attribute) => attribute.use !== "prohibited",
    );
  }

  /** True if text may stand between the elements of the type (it or a base is mixed). */
  isMixed(type: ComplexTypeDef): boolean {
    return this.lineage(type).some((t) => t.mixed);
  }

  /** Global elements that may stand where `head` is referenced: itself and its substitutes, less the abstract ones. */
  substitutableBy(head: ElementDecl): ElementDecl[] {
    const candidates = [
      head,
      ...head.substitutes.map((id) => this.elements.get(id)!).filter(Boolean),
    ];
    return candidates.filter(
      (element) => !element.abstract && !this.complex(element.type)?.abstract,
    );
  }

  /** Concrete types allowed where `type` is declared: itself unless abstract, and its subtypes. */
  instantiableAs(type: ComplexTypeDef): ComplexTypeDef[] {
    const out = type.abstract ? [] : [type];
    for (const id of type.subtypes) {
      const sub = this.complex(id);
      if (sub && !sub.abstract) out.push(sub);
    }
    return out;
  }
}
