/** `elements.ts`: every global element with its type and media type, both ways round. */
import type { ModelIndex } from "../../model/model-index.js";
import { GeneratedFile } from "../generated-file.js";
import { namespaceModule, RUNTIME_VALUES } from "../modules.js";
import type { Literal } from "../print/layout.js";

export function emitElementsTable(
  index: ModelIndex,
  header: (what: string) => string,
): GeneratedFile {
  const file = new GeneratedFile(
    "elements.ts",
    header("The global elements: element <-> type <-> media type."),
  );
  const rows: Literal[] = index.model.elements.map((element) => {
    const type = index.types.get(element.type);
    const mediaType = type?.annotations.mediaType;
    const ns = index.namespace(element.namespace);
    return {
      element: index.prefixed(element.id),
      namespace: element.namespace,
      localName: element.id.slice(element.id.indexOf("}") + 1),
      type: type ? index.prefixed(type.id) : index.prefixed(element.type),
      tsType: type
        ? `${namespaceModule(index.namespace(type.namespace)).ident}.${type.tsName}`
        : "unknown",
      mediaType: mediaType,
      xmlMediaType: mediaType ? `${mediaType}+xml` : undefined,
      abstract: element.abstract || undefined,
      module: ns.module,
    };
  });
  file.addConst(
    "/** Every global element of the schema set, sorted by namespace and name. */",
    "elements",
    `readonly ${file.refer(RUNTIME_VALUES, "ElementInfo")}[]`,
    { literal: rows },
  );
  return file;
}
