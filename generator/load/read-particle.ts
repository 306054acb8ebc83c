/** Reads content particles: element declarations, model groups, group references and wildcards. */
import type { Element } from "@xmldom/xmldom";
import { GeneratorError } from "../diagnostics.js";
import { clark } from "../model/qname.js";
import { readAnnotation } from "./read-annotation.js";
import { readComplexType } from "./read-complex-type.js";
import { readSimpleType } from "./read-simple-type.js";
import type { RawElement, RawParticle, RawWildcard } from "./raw-schema.js";
import { locationOf } from "./xml-document.js";
import {
  attr,
  booleanAttr,
  minOccursAttr,
  occursAttr,
  qnameAttr,
  xsdChildren,
  type SchemaContext,
} from "./xsd-dom.js";

const PARTICLE_NAMES = ["element", "sequence", "choice", "all", "group", "any"];

export function readParticle(ctx: SchemaContext, node: Element): RawParticle {
  const location = locationOf(ctx.file, node);
  const annotation = readAnnotation(node);
  const minOccurs = minOccursAttr(ctx, node);
  const maxOccurs = occursAttr(ctx, node, "maxOccurs");
  switch (node.localName) {
    case "element":
      return readElement(ctx, node, false);
    case "sequence":
    case "choice":
    case "all":
      return {
        kind: node.localName,
        location,
        annotation,
        minOccurs,
        maxOccurs,
        particles: xsdChildren(node)
          .filter((child) => PARTICLE_NAMES.includes(child.localName ?? ""))
          .map((child) => readParticle(ctx, child)),
      };
    case "group": {
      const ref = qnameAttr(ctx, node, "ref");
      if (!ref)
        throw new GeneratorError("group reference without ref", location);
      return {
        kind: "groupRef",
        ref,
        location,
        annotation,
        minOccurs,
        maxOccurs,
      };
    }
    case "any":
      return readWildcard(ctx, node);
    default:
      throw new GeneratorError(
        `unexpected <xs:${node.localName}> in a content model`,
        location,
      );
  }
}

/** Reads `xs:any` or `xs:anyAttribute`. */
export function readWildcard(ctx: SchemaContext, node: Element): RawWildcard {
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

export function readElement(
  ctx: SchemaContext,
  node: Element,
  global: boolean,
): RawElement {
  const location = locationOf(ctx.file, node);
  const ref = qnameAttr(ctx, node, "ref");
  const localName = attr(node, "name");
  if (!ref && !localName)
    throw new GeneratorError("element needs a name or a ref", location);
  const form = attr(node, "form");
  const qualified =
    global || (form ? form === "qualified" : ctx.elementFormQualified);
  const typeNode = xsdChildren(node).find(
    (child) =>
      child.localName === "complexType" || child.localName === "simpleType",
  );
  return {
    kind: "element",
    name: localName
      ? clark(qualified ? ctx.targetNamespace : "", localName)
      : undefined,
    ref,
    type: qnameAttr(ctx, node, "type"),
    anonymousType: typeNode
      ? typeNode.localName === "complexType"
        ? readComplexType(ctx, typeNode)
        : readSimpleType(ctx, typeNode)
      : undefined,
    minOccurs: global ? 1 : minOccursAttr(ctx, node),
    maxOccurs: global ? 1 : occursAttr(ctx, node, "maxOccurs"),
    nillable: booleanAttr(node, "nillable"),
    abstract: booleanAttr(node, "abstract"),
    default: attr(node, "default"),
    fixed: attr(node, "fixed"),
    substitutionGroup: qnameAttr(ctx, node, "substitutionGroup"),
    location,
    annotation: readAnnotation(node),
  };
}
