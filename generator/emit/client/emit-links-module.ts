/**
 * `links.ts`: the package's vocabulary of links, `LinkRel` (the rels we know, from the model's
 * `linkRels`) and `LinkMediaType` (every media type its operations send or answer), and
 * `findLink`/`findLinks` typed with them: a known rel or media type autocompletes, any other
 * string still passes (`OpenString`), and what they answer is the runtime's.
 */
import type { ModelIndex } from "../../model/model-index.js";
import { GeneratedFile } from "../generated-file.js";
import { RUNTIME_CLIENT } from "../modules.js";

export function emitLinksModule(
  index: ModelIndex,
  header: (what: string) => string,
): GeneratedFile {
  const file = new GeneratedFile(
    "links.ts",
    header(
      "The rels and media types of this package's links, and findLink typed with them.",
    ),
  );
  const { model } = index;
  const mediaTypes = [
    ...new Set(
      model.operations.flatMap((op) =>
        [...op.request, ...op.responses].map((body) => body.mediaType),
      ),
    ),
  ].sort();
  file.add(
    union(
      "/** The rels of vCD's links that vcd-codegen knows (schemas/vcd-api.link-rels.json, with the evidence of each). */",
      "LinkRel",
      model.linkRels ?? [],
    ),
  );
  file.add(
    union(
      "/** Every media type this package's operations send or answer. */",
      "LinkMediaType",
      mediaTypes,
    ),
  );
  const c = (name: string) => file.refer(RUNTIME_CLIENT, name);
  const value = (name: string) =>
    file.refer(RUNTIME_CLIENT, name, false, false);
  file.addConst(
    "/** The first link of `value` with `rel` (and of `mediaType`, if given): the runtime's `findLink`, its rel and media type typed. */",
    "findLink",
    `${c("FindLink")}<LinkRel, LinkMediaType>`,
    { expression: value("findLink") },
  );
  file.addConst(
    "/** The links of `value` with `rel`, or all of them: the runtime's `findLinks`, its rel typed. */",
    "findLinks",
    `${c("FindLinks")}<LinkRel>`,
    { expression: value("findLinks") },
  );
  return file;
}

/** `export type Name = | "a" | "b";`, one member a line, as prettier prints a long union. */
function union(doc: string, name: string, members: readonly string[]): string {
  const literals = members.map((m) => JSON.stringify(m));
  const body = literals.length
    ? `\n${literals.map((l) => `  | ${l}`).join("\n")}`
    : " never";
  return `${doc}\nexport type ${name} =${body};`;
}
