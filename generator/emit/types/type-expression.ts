/** The TypeScript type expression for a reference to a type or element of the model, from a given file. */
import { ANY_TYPE, isBuiltin, valueKindOf } from "../../model/builtins.js";
import type { ClarkName, ElementDecl } from "../../model/ir.js";
import type { ModelIndex } from "../../model/model-index.js";
import type { GeneratedFile } from "../generated-file.js";
import { namespaceModule, RUNTIME_VALUES } from "../modules.js";

export class TypeExpressions {
  constructor(private readonly index: ModelIndex) {}

  /** The type of values of `typeId` in a slot declared with it (subtypes included). */
  ofType(file: GeneratedFile, typeId: ClarkName): string {
    if (typeId === ANY_TYPE) return file.refer(RUNTIME_VALUES, "AnyElement");
    if (isBuiltin(typeId)) return builtinExpression(typeId);
    const type = this.index.types.get(typeId)!;
    const name =
      type.kind === "complex" && type.unionTsName
        ? type.unionTsName
        : type.tsName;
    return file.refer(
      namespaceModule(this.index.namespace(type.namespace)),
      name,
    );
  }

  /** The declared type itself (no subtypes), e.g. for `extends`. */
  exactly(file: GeneratedFile, typeId: ClarkName): string {
    const type = this.index.types.get(typeId)!;
    return file.refer(
      namespaceModule(this.index.namespace(type.namespace)),
      type.tsName,
    );
  }

  /** The values that may stand where a global element is referenced (its substitution group included). */
  ofElement(file: GeneratedFile, element: ElementDecl): string {
    if (element.groupTsName) {
      return file.refer(
        namespaceModule(this.index.namespace(element.namespace)),
        element.groupTsName,
      );
    }
    return this.ofType(file, element.type);
  }
}

export function builtinExpression(typeId: ClarkName): string {
  const kind = valueKindOf(typeId);
  return kind === "decimal" ? "string" : kind;
}
