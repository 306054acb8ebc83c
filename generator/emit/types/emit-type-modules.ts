/** One types module per namespace: every type of the namespace, in order of id, with its unions. */
import type { ModelIndex } from "../../model/model-index.js";
import { GeneratedFile } from "../generated-file.js";
import { namespaceModule } from "../modules.js";
import { emitComplexType } from "./emit-complex-type.js";
import { emitSimpleType } from "./emit-simple-type.js";
import { emitSubstitutionGroup } from "./emit-substitution-group.js";
import type { PropertyContext } from "./properties.js";
import { TypeExpressions } from "./type-expression.js";

export function emitTypeModules(
  index: ModelIndex,
  header: (what: string) => string,
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
    if (!file.isEmpty) files.push(file);
  }
  return files;
}
