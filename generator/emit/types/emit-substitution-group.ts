/** `<Head>Element`: the elements that may stand where a substitution group's head is referenced. */
import type { ElementDecl } from "../../model/ir.js";
import { docComment } from "../print/doc-comment.js";
import { interfaceHead, propertyKey, typeAlias } from "../print/layout.js";
import { RUNTIME_VALUES } from "../modules.js";
import { template } from "../templates.js";
import type { PropertyContext } from "./properties.js";

export function emitSubstitutionGroup(
  ctx: PropertyContext,
  head: ElementDecl,
): void {
  const { index, file, expressions } = ctx;
  const mapName = `${head.groupTsName}Members`;
  const headName = index.prefixed(head.id);
  file.add(
    template("types/interface")({
      doc: docComment(
        {},
        {
          notes: [
            `The elements that may stand for \`${headName}\`, by element name, with their types.`,
          ],
        },
      ),
      head: interfaceHead(mapName, undefined),
      members: index.substitutableBy(head).map((member) => ({
        doc: "",
        key: propertyKey(index.prefixed(member.id)),
        optional: false,
        type: expressions.ofType(file, member.type),
      })),
    }).trimEnd(),
  );
  const doc = docComment(head.annotations, {
    xsd: headName,
    source: head.source,
    notes: [
      `A value standing for the element \`${headName}\`: its \`$element\` names the element written.`,
    ],
  });
  file.add(
    `${doc}\n${typeAlias(head.groupTsName!, [`${file.refer(RUNTIME_VALUES, "ElementOf")}<${mapName}>`])}`,
  );
}
