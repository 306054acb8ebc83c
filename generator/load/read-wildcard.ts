/** Reads wildcards: `xs:any` in content models and `xs:anyAttribute` in attribute lists. */
import type { XmlElement } from "./xml-tree.js";
import { GeneratorError } from "../diagnostics.js";
import { readAnnotation } from "./read-annotation.js";
import type { RawWildcard } from "./raw-schema.js";
import { locationOf } from "./xml-document.js";
import {
  attr,
  minOccursAttr,
  occursAttr,
  type SchemaContext,
} from "./xsd-dom.js";

/** Reads `xs:any` or `xs:anyAttribute`. */
export function readWildcard(
  ctx: SchemaContext,
  node: XmlElement,
): RawWildcard {
  const processContents = attr(node, "processContents") ?? "strict";
  if (
    processContents !== "strict" &&
    processContents !== "lax" &&
    processContents !== "skip"
  ) {
    throw new GeneratorError(
      `invalid processContents "${processContents}"`,
      locationOf(ctx.file, node),
    );
  }
  const isAttribute = node.localName === "anyAttribute";
  return {
    kind: "any",
    namespace: (attr(node, "namespace") ?? "##any").trim(),
    processContents,
    minOccurs: isAttribute ? 0 : minOccursAttr(ctx, node),
    maxOccurs: isAttribute ? 1 : occursAttr(ctx, node, "maxOccurs"),
    targetNamespace: ctx.targetNamespace,
    location: locationOf(ctx.file, node),
    annotation: readAnnotation(node),
  };
}
