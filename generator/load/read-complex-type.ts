/** Reads `xs:complexType`: simple content, complex content, or an implicit restriction of anyType. */
import type { Element } from "@xmldom/xmldom";
import { GeneratorError } from "../diagnostics.js";
import { clark } from "../model/qname.js";
import { readAnnotation } from "./read-annotation.js";
import { readAttributeList } from "./read-attributes.js";
import { readParticle } from "./read-particle.js";
import { readFacets, readSimpleType } from "./read-simple-type.js";
import type { RawComplexType, RawParticle } from "./raw-schema.js";
import { locationOf } from "./xml-document.js";
import {
  attr,
  booleanAttr,
  firstXsdChild,
  qnameAttr,
  xsdChildren,
  type SchemaContext,
} from "./xsd-dom.js";

const GROUP_NAMES = ["sequence", "choice", "all", "group"];

export function readComplexType(
  ctx: SchemaContext,
  node: Element,
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
  node: Element,
): RawParticle | undefined {
  const group = xsdChildren(node).find((child) =>
    GROUP_NAMES.includes(child.localName ?? ""),
  );
  return group ? readParticle(ctx, group) : undefined;
}
