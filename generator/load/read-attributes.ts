/** Reads attribute declarations, attribute group references and `xs:anyAttribute`. */
import type { XmlElement } from "./xml-tree.js";
import { GeneratorError } from "../diagnostics.js";
import { clark } from "../model/qname.js";
import { readAnnotation } from "./read-annotation.js";
import { readWildcard } from "./read-wildcard.js";
import { readSimpleType } from "./read-simple-type.js";
import type {
  RawAttribute,
  RawAttributeMember,
  RawWildcard,
} from "./raw-schema.js";
import { locationOf } from "./xml-document.js";
import { attr, qnameAttr, xsdChildren, type SchemaContext } from "./xsd-dom.js";

export interface RawAttributeList {
  readonly attributes: RawAttributeMember[];
  readonly anyAttribute?: RawWildcard;
}

/** The attributes, attribute group refs and anyAttribute among a node's children. */
export function readAttributeList(
  ctx: SchemaContext,
  node: XmlElement,
): RawAttributeList {
  const attributes: RawAttributeMember[] = [];
  let anyAttribute: RawWildcard | undefined;
  for (const child of xsdChildren(node)) {
    if (child.localName === "attribute")
      attributes.push(readAttribute(ctx, child, false));
    else if (child.localName === "attributeGroup") {
      const ref = qnameAttr(ctx, child, "ref");
      const location = locationOf(ctx.file, child);
      if (!ref)
        throw new GeneratorError(
          "attributeGroup reference without ref",
          location,
        );
      attributes.push({
        kind: "attributeGroupRef",
        ref,
        location,
        annotation: readAnnotation(child),
      });
    } else if (child.localName === "anyAttribute")
      anyAttribute = readWildcard(ctx, child);
  }
  return { attributes, anyAttribute };
}

export function readAttribute(
  ctx: SchemaContext,
  node: XmlElement,
  global: boolean,
): RawAttribute {
  const location = locationOf(ctx.file, node);
  const localName = attr(node, "name");
  const ref = qnameAttr(ctx, node, "ref");
  if (!localName && !ref)
    throw new GeneratorError("attribute needs a name or a ref", location);
  const form = attr(node, "form");
  const qualified =
    global || (form ? form === "qualified" : ctx.attributeFormQualified);
  const use = attr(node, "use") ?? "optional";
  if (use !== "optional" && use !== "required" && use !== "prohibited") {
    throw new GeneratorError(`invalid use "${use}"`, location);
  }
  const typeNode = xsdChildren(node, "simpleType")[0];
  return {
    kind: "attribute",
    name: localName
      ? clark(qualified ? ctx.targetNamespace : "", localName)
      : undefined,
    ref,
    type: qnameAttr(ctx, node, "type"),
    anonymousType: typeNode ? readSimpleType(ctx, typeNode) : undefined,
    use,
    default: attr(node, "default"),
    fixed: attr(node, "fixed"),
    location,
    annotation: readAnnotation(node),
  };
}
