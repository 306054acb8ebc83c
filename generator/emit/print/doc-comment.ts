/** TSDoc comments from a component's documentation and vCD annotations. */
import type { Annotations, Source } from "../../model/ir.js";

export interface DocExtras {
  /** Where the component is declared, e.g. `vcloud:VAppType`. */
  readonly xsd?: string;
  readonly source?: Source;
  /** Extra lines (already phrased), after the documentation. */
  readonly notes?: readonly string[];
}

/** The comment lines (without indentation or trailing newline), or "" when there is nothing to say. */
export function docComment(
  annotations: Annotations,
  extras: DocExtras = {},
  indent = "",
): string {
  const body: string[] = [];
  if (annotations.documentation)
    body.push(...annotations.documentation.split("\n").map(escape));
  if (extras.notes?.length) {
    if (body.length) body.push("");
    body.push(...extras.notes.map(escape));
  }
  const tags: string[] = [];
  if (annotations.addedIn) {
    tags.push(
      `@since ${annotations.addedIn}${annotations.addedInAlias ? ` (${annotations.addedInAlias})` : ""}`,
    );
  }
  if (annotations.removedIn) tags.push(`@removedIn ${annotations.removedIn}`);
  if (annotations.deprecated) {
    tags.push(
      /^\d/.test(annotations.deprecated)
        ? `@deprecated since ${annotations.deprecated}`
        : `@deprecated ${escape(annotations.deprecated)}`,
    );
  }
  if (annotations.modifiable)
    tags.push(`@modifiable ${annotations.modifiable}`);
  if (annotations.required !== undefined)
    tags.push(`@serverRequired ${annotations.required}`);
  // vCD's own "internal" note, as a tag of ours: TSDoc's @internal would make stripInternal drop the type.
  if (annotations.internal) tags.push("@vcdInternal");
  if (annotations.mediaType)
    tags.push(`@mediaType ${annotations.mediaType}+xml`);
  if (extras.xsd) {
    const at = extras.source
      ? ` (${extras.source.file}:${extras.source.line})`
      : "";
    tags.push(`@xsd ${extras.xsd}${at}`);
  }
  if (tags.length) {
    if (body.length) body.push("");
    body.push(...tags);
  }
  if (!body.length) return "";
  const lines = body.map((line) =>
    line ? `${indent} * ${line}` : `${indent} *`,
  );
  return [`${indent}/**`, ...lines, `${indent} */`].join("\n");
}

/** Text that cannot end the comment or start a tag. */
function escape(text: string): string {
  return text.replace(/\*\//g, "*\\/").replace(/(^|\s)@/g, "$1\\@");
}
