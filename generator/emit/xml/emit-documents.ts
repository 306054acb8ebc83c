/** `document.ts`: the union of every document of the API, and `fromXml`, `toXml`, `validate` over it. */
import type { ModelIndex } from "../../model/model-index.js";
import { GeneratedFile } from "../generated-file.js";
import { RUNTIME, SCHEMA_MODULE } from "../modules.js";
import { docComment } from "../print/doc-comment.js";
import { interfaceHead, propertyKey, typeAlias } from "../print/layout.js";
import {
  functionDeclaration,
  type Parameter,
} from "../print/function-layout.js";
import { template } from "../templates.js";
import { TypeExpressions } from "../types/type-expression.js";

export function emitDocuments(
  index: ModelIndex,
  header: (what: string) => string,
): GeneratedFile {
  const file = new GeneratedFile(
    "document.ts",
    header("Documents: fromXml, toXml and validate over every global element."),
  );
  const expressions = new TypeExpressions(index);
  const roots = index.model.elements.filter((e) => !e.abstract);
  file.add(
    template("types/interface")({
      doc: docComment(
        {},
        {
          notes: [
            "Every global element that may be a document's root, with the type of its value.",
          ],
        },
      ),
      head: interfaceHead("VcdDocuments", undefined),
      members: roots.map((element) => ({
        doc: "",
        key: propertyKey(index.prefixed(element.id)),
        optional: false,
        type: element.nillable
          ? `${expressions.ofType(file, element.type)} | null`
          : expressions.ofType(file, element.type),
      })),
    }).trimEnd(),
  );
  const rt = (name: string, typeOnly = true) =>
    file.refer(RUNTIME, name, typeOnly);
  const option = (type: string): Parameter => ({
    name: "options",
    type: rt(type),
    optional: true,
  });
  file.add(
    `${docComment({}, { notes: ["A document of the API: its root element (`prefix:Local`) and the typed value it holds."] })}\n${typeAlias("VcdDocument", [`${rt("DocumentOf")}<VcdDocuments>`])}`,
  );
  file.add(
    `${docComment({}, { notes: ["The document whose root is `K` (or one of the elements `K` lists)."] })}\nexport type DocumentFor<K extends keyof VcdDocuments> = ${rt("DocumentOf")}<\n  Pick<VcdDocuments, K>\n>;`,
  );
  const schema = file.refer(SCHEMA_MODULE, "schema", false, false);
  file.addConst(
    "/** The document functions over every global element (the whole schema: a bundle that uses them holds every descriptor; `readElement` holds one element's). */",
    "documents",
    `${rt("DocumentFunctions")}<VcdDocument>`,
    {
      expression: `/* @__PURE__ */ ${file.refer(RUNTIME, "documentFunctions", false, false)}(${schema})`,
    },
  );
  const fragment = rt("Fragment");
  const functions: [string, string, Parameter[], string][] = [
    [
      "Reads a document: namespace-aware, keeps what the schema does not declare; throws XmlParseError or UnknownRootError.",
      "fromXml",
      [{ name: "xml", type: "string" }, option("ReadOptions")],
      "VcdDocument",
    ],
    [
      "Writes a document in schema order with canonical prefixes; with `strict`, throws ValidationError instead of writing an invalid one.",
      "toXml",
      [{ name: "doc", type: "VcdDocument" }, option("WriteOptions")],
      "string",
    ],
    [
      "Every violation of the schema in a document, each with its path, rule and what was expected.",
      "validate",
      [{ name: "doc", type: "VcdDocument" }, option("ValidateOptions")],
      `${rt("Violation")}[]`,
    ],
    [
      "Reads a document whose root may also be a local element (a fragment), with the type it was read as.",
      "fromXmlFragment",
      [{ name: "xml", type: "string" }, option("ReadOptions")],
      fragment,
    ],
    [
      "Writes a fragment.",
      "toXmlFragment",
      [{ name: "fragment", type: fragment }, option("WriteOptions")],
      "string",
    ],
    [
      "Every violation of the schema in a fragment.",
      "validateFragment",
      [{ name: "fragment", type: fragment }, option("ValidateOptions")],
      `${rt("Violation")}[]`,
    ],
  ];
  for (const [doc, name, params, returnType] of functions) {
    const shape = {
      name,
      params,
      returnType,
      callee: `documents.${name}`,
      args: params.map((p) => p.name),
    };
    const comment = `/** ${doc} */`;
    file.addCode({
      ts: `${comment}\n${functionDeclaration(shape, "ts")}`,
      js: `${comment}\n${functionDeclaration(shape, "js")}`,
      "d.ts": `${comment}\n${functionDeclaration(shape, "d.ts")}`,
    });
  }
  return file;
}
