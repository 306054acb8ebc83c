/**
 * Reads `xs:complexType` (simple content, complex content, or an implicit restriction of anyType)
 * and the content particles it holds: element declarations, model groups, group references and
 * wildcards. A local element's anonymous type is a complex type again: XSD's recursion, read in one
 * file.
 */
import type { XmlElement } from "./xml-tree.js";
import { GeneratorError } from "../diagnostics.js";
import { clark } from "../model/qname.js";
import { readAnnotation } from "./read-annotation.js";
import { readAttributeList } from "./read-attributes.js";
import { readFacets, readSimpleType } from "./read-simple-type.js";
import type { RawComplexType, RawElement, RawParticle } from "./raw-schema.js";
import { readWildcard } from "./read-wildcard.js";
import { locationOf } from "./xml-document.js";
import {
  attr,
  booleanAttr,
  firstXsdChild,
  minOccursAttr,
  occursAttr,
  qnameAttr,
  xsdChildren,
  type SchemaContext,
} from "./xsd-dom.js";

const GROUP_NAMES = ["sequence", "choice", "all", "group"];

export function readComplexType(
  ctx: SchemaContext,
  node: XmlElement,
): RawComplexType {
  const nameAttr = attr(node, "name");
  const location = locationOf(ctx.file, node);
  const common = {
    kind: "complexType" as const,
    name: nameAttr ? clark(ctx.targetNamespace, nameAttr) : undefined,
    abstract: booleanAttr(node, "abstract"),
    mixed: booleanAttr(node, "mixed"),
    location,
    annotation: readAnnotation(node),
  };
  const content = firstXsdChild(node, ["simpleContent", "complexContent"]);
  if (!content) {
    return {
      ...common,
      contentKind: "implicit",
      particle: groupParticle(ctx, node),
      ...readAttributeList(ctx, node),
      facets: [],
    };
  }
  const derivation = firstXsdChild(content, ["extension", "restriction"]);
  if (!derivation) {
    throw new GeneratorError(
      `${content.localName} needs an extension or a restriction`,
      locationOf(ctx.file, content),
    );
  }
  const base = qnameAttr(ctx, derivation, "base");
  if (!base)
    throw new GeneratorError(
      `${derivation.localName} without base`,
      locationOf(ctx.file, derivation),
    );
  const isSimple = content.localName === "simpleContent";
  return {
    ...common,
    mixed: common.mixed || (!isSimple && booleanAttr(content, "mixed")),
    contentKind: isSimple ? "simple" : "complex",
    derivation:
      derivation.localName === "extension" ? "extension" : "restriction",
    base,
    particle: isSimple ? undefined : groupParticle(ctx, derivation),
    ...readAttributeList(ctx, derivation),
    facets: isSimple ? readFacets(ctx, derivation) : [],
    anonymousContentType:
      isSimple &&
      derivation.localName === "restriction" &&
      xsdChildren(derivation, "simpleType")[0]
        ? readSimpleType(ctx, xsdChildren(derivation, "simpleType")[0])
        : undefined,
  };
}

function groupParticle(
  ctx: SchemaContext,
  node: XmlElement,
): RawParticle | undefined {
  const group = xsdChildren(node).find((child) =>
    GROUP_NAMES.includes(child.localName ?? ""),
  );
  return group ? readParticle(ctx, group) : undefined;
}

const PARTICLE_NAMES = ["element", "sequence", "choice", "all", "group", "any"];

export function readParticle(
  ctx: SchemaContext,
  node: XmlElement,
): RawParticle {
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

export function readElement(
  ctx: SchemaContext,
  node: XmlElement,
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
