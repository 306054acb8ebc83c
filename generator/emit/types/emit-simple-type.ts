/** The type alias of a simple type: a literal union (with a const list of values) for enumerations. */
import { valueKindOf } from "../../model/builtins.js";
import type { Facets, SimpleTypeDef } from "../../model/ir.js";
import type { GeneratedFile } from "../generated-file.js";
import { docComment } from "../print/doc-comment.js";
import { stringLiteral, typeAlias } from "../print/layout.js";
import { template } from "../templates.js";
import type { TypeExpressions } from "./type-expression.js";
import type { ModelIndex } from "../../model/model-index.js";

export function emitSimpleType(
  index: ModelIndex,
  expressions: TypeExpressions,
  file: GeneratedFile,
  type: SimpleTypeDef,
): void {
  const xsd = type.qname
    ? index.prefixed(type.qname)
    : `${index.prefixed(type.id)} (anonymous)`;
  const doc = docComment(type.annotations, {
    xsd,
    source: type.source,
    notes: facetNotes(type.facets),
  });
  const numeric =
    type.variety === "atomic" && valueKindOf(type.builtin) === "number";
  const enumeration =
    type.variety === "atomic" ? type.facets.enumeration : undefined;
  if (enumeration?.length) {
    const values = [...new Set(enumeration)];
    const members = values.map((v) =>
      numeric ? String(Number(v)) : stringLiteral(v),
    );
    file.add(
      template("types/alias")({
        doc,
        alias: typeAlias(type.tsName, members),
      }).trimEnd(),
    );
    file.addConst(
      `/** Every value of {@link ${type.tsName}}, in schema order. */`,
      `${type.tsName}Values`,
      `readonly ${type.tsName}[]`,
      { literal: numeric ? values.map(Number) : values },
    );
    return;
  }
  file.add(
    template("types/alias")({
      doc,
      alias: typeAlias(type.tsName, [expression(expressions, file, type)]),
    }).trimEnd(),
  );
}

function expression(
  expressions: TypeExpressions,
  file: GeneratedFile,
  type: SimpleTypeDef,
): string {
  switch (type.variety) {
    case "list": {
      const itemText = expressions.ofType(file, type.itemType!);
      return /^[\w.$]+$/.test(itemText) ? `${itemText}[]` : `(${itemText})[]`;
    }
    case "union":
      // A union's value is held as its text (see the runtime's reader).
      return "string";
    default:
      return expressions.ofType(file, type.builtin);
  }
}

function facetNotes(facets: Facets): string[] | undefined {
  const notes: string[] = [];
  for (const step of facets.patterns ?? [])
    notes.push(`Pattern: \`${step.join("` or `")}\``);
  const bounds: [keyof Facets, string][] = [
    ["minInclusive", "at least"],
    ["minExclusive", "more than"],
    ["maxInclusive", "at most"],
    ["maxExclusive", "less than"],
    ["length", "length exactly"],
    ["minLength", "length at least"],
    ["maxLength", "length at most"],
    ["totalDigits", "total digits at most"],
    ["fractionDigits", "fraction digits at most"],
  ];
  for (const [facet, words] of bounds) {
    if (facets[facet] !== undefined)
      notes.push(`Value ${words} ${String(facets[facet])}.`);
  }
  return notes.length ? notes : undefined;
}
