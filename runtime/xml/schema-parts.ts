/**
 * vcd-codegen runtime: the schema descriptors in parts, so that a bundle holds only what it uses
 * (as protobuf-es has one descriptor per message). A generated package declares one part per type
 * and per global element; each part names the parts it needs (`uses`), and an element's part
 * reaches every type a document of it can hold: its content, the bases of those types, every type
 * derived from a type declared there (what an `xsi:type` may name), and the elements of the
 * substitution groups it refers to. Loading a part puts what it reaches into the package's
 * `SchemaData` (its registry), which the reader, writer and validator work from; a bundler keeps a
 * part only when some code that is kept refers to it.
 *
 * Reading, writing or validating a document of an element is the same whatever else was loaded:
 * the element's part reaches everything such a document can hold.
 */
import type { GlobalElementData, SchemaData, TypeData } from "./schema-data.js";
import { resetCompiled } from "./compiled-schema.js";

/** One type of the schema set: its key (`prefix:Name`) and descriptor. */
export interface TypePart {
  readonly key: string;
  readonly type: TypeData;
  /** The parts its descriptor refers to. */
  readonly uses?: () => readonly SchemaPart[];
}

/**
 * One global element: its name, descriptor and the registry it loads into. `K` and `V` only type
 * it: the element's name and the value of its documents.
 */
export interface ElementPart<K extends string = string, V = unknown> {
  readonly name: K;
  readonly element: GlobalElementData;
  readonly registry: SchemaData;
  readonly uses: () => readonly SchemaPart[];
  /** Never set: carries the value type (`readElement(TaskElement, xml)` is a `TaskType`). */
  readonly "~value"?: V;
}

/** Several elements at once (every element of a package: its whole schema). */
export interface ElementGroupPart {
  readonly registry: SchemaData;
  readonly uses: () => readonly SchemaPart[];
}

export type SchemaPart = TypePart | ElementPart | ElementGroupPart;

/** The value of the documents of an element part. */
export type ValueOf<P> = P extends ElementPart<string, infer V> ? V : never;

const loaded = new WeakSet<SchemaPart>();

/**
 * Puts what `part` reaches into its registry (once; later calls cost a look-up) and returns the
 * registry. What the registry held before stays as it was.
 */
export function loadPart(part: ElementPart | ElementGroupPart): SchemaData {
  const registry = part.registry;
  if (loaded.has(part)) return registry;
  const types = registry.types as Record<string, TypeData>;
  const elements = registry.elements as Record<string, GlobalElementData>;
  let grew = false;
  const stack: SchemaPart[] = [part];
  while (stack.length) {
    const next = stack.pop()!;
    if (loaded.has(next)) continue;
    loaded.add(next);
    if ("key" in next) {
      if (!(next.key in types)) {
        types[next.key] = next.type;
        grew = true;
      }
    } else if ("name" in next) {
      if (!(next.name in elements)) {
        elements[next.name] = next.element;
        grew = true;
      }
    }
    if (next.uses)
      for (const used of next.uses()) if (!loaded.has(used)) stack.push(used);
  }
  if (grew) resetCompiled(registry);
  return registry;
}
