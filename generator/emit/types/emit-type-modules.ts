/** One types module per namespace: every type of the namespace, in order of id, with its unions. */
import type { ElementDecl } from "../../model/ir.js";
import type { ModelIndex } from "../../model/model-index.js";
import { GeneratedFile } from "../generated-file.js";
import { namespaceModule, RUNTIME, SCHEMA_MODULE } from "../modules.js";
import { PRINT_WIDTH } from "../print/layout.js";
import { SchemaParts } from "../xml/schema-parts.js";
import { emitComplexType } from "./emit-complex-type.js";
import { emitSimpleType } from "./emit-simple-type.js";
import { emitSubstitutionGroup } from "./emit-substitution-group.js";
import type { PropertyContext } from "./properties.js";
import { TypeExpressions } from "./type-expression.js";

export function emitTypeModules(
  index: ModelIndex,
  header: (what: string) => string,
  parts: SchemaParts = new SchemaParts(index),
): GeneratedFile[] {
  const expressions = new TypeExpressions(index);
  const files: GeneratedFile[] = [];
  for (const ns of index.model.namespaces) {
    const module = namespaceModule(ns);
    const file = new GeneratedFile(
      `${module.path}.ts`,
      header(`The types of the namespace ${ns.uri} (prefix ${ns.prefix}).`),
    );
    const ctx: PropertyContext = {
      index,
      expressions,
      file,
      itemType: (group) => group.itemTsName!,
    };
    for (const type of index.model.types) {
      if (type.namespace !== ns.uri) continue;
      if (type.kind === "complex") emitComplexType(ctx, type);
      else emitSimpleType(index, expressions, file, type);
    }
    for (const element of index.model.elements) {
      if (element.namespace === ns.uri && element.groupTsName)
        emitSubstitutionGroup(ctx, element);
    }
    exportSchemas(
      ctx,
      parts,
      index.model.elements.filter((e) => e.namespace === ns.uri),
    );
    if (!file.isEmpty) files.push(file);
  }
  return files;
}

/**
 * `export const TaskSchema: $rt.ElementPart<"vcloud:Task", TaskType> = ...`: the part of each
 * element of the namespace that may be a document's root, typed by its name and value (`schema.ts`
 * declares the parts untyped, so that it needs none of the types modules).
 */
function exportSchemas(
  ctx: PropertyContext,
  parts: SchemaParts,
  elements: readonly ElementDecl[],
): void {
  const { file, index, expressions } = ctx;
  for (const element of elements) {
    const name = element.schemaTsName;
    if (!name) continue;
    const part = file.refer(
      SCHEMA_MODULE,
      parts.element(element.id),
      false,
      false,
    );
    const value = expressions.ofType(file, element.type);
    const args = [
      JSON.stringify(index.prefixed(element.id)),
      element.nillable ? `${value} | null` : value,
    ];
    const type = `${file.refer(RUNTIME, "ElementPart")}<${args.join(", ")}>`;
    const doc = `/** The schema of the element \`${index.prefixed(element.id)}\`, for \`readElement(${name}, xml)\`, \`writeElement\` and \`validateElement\`. */`;
    // Prettier breaks the type's two arguments one per line when even `head =` does not fit.
    const head = `export const ${name}: ${type}`;
    const broken = `export const ${name}: ${file.refer(RUNTIME, "ElementPart")}<\n${args.map((a) => `  ${a}`).join(",\n")}\n>`;
    const assign = (head: string, rhs: string, wide: string) => {
      const flat = `${head} = ${rhs};`;
      if (flat.length <= PRINT_WIDTH) return flat;
      if (head.length + 2 <= PRINT_WIDTH) return `${head} =\n  ${rhs};`;
      return `${wide} = ${rhs};`;
    };
    const declared = `export declare const ${name}: ${type};`;
    file.addCode({
      ts: `${doc}\n${assign(head, `${part} as never`, broken)}`,
      js: `${doc}\n${assign(`export const ${name}`, part, `export const ${name}`)}`,
      "d.ts": `${doc}\n${
        declared.length <= PRINT_WIDTH
          ? declared
          : `${broken.replace("export const", "export declare const")};`
      }`,
    });
  }
}
