/** Reads `xs:simpleType` (restriction, list, union) and facets. */
import type { XmlElement } from "./xml-tree.js";
import { GeneratorError } from "../diagnostics.js";
import { clark, type ClarkName } from "../model/qname.js";
import { readAnnotation } from "./read-annotation.js";
import type { RawFacet, RawSimpleType } from "./raw-schema.js";
import { locationOf } from "./xml-document.js";
import {
  attr,
  firstXsdChild,
  qnameAttr,
  resolveQName,
  xsdChildren,
  type SchemaContext,
} from "./xsd-dom.js";

export const FACET_NAMES = [
  "enumeration",
  "pattern",
  "minInclusive",
  "maxInclusive",
  "minExclusive",
  "maxExclusive",
  "length",
  "minLength",
  "maxLength",
  "totalDigits",
  "fractionDigits",
  "whiteSpace",
] as const;

export function readSimpleType(
  ctx: SchemaContext,
  node: XmlElement,
): RawSimpleType {
  const nameAttr = attr(node, "name");
  const name: ClarkName | undefined = nameAttr
    ? clark(ctx.targetNamespace, nameAttr)
    : undefined;
  const location = locationOf(ctx.file, node);
  const annotation = readAnnotation(node);
  const derivation = firstXsdChild(node, ["restriction", "list", "union"]);
  if (!derivation) {
    throw new GeneratorError(
      "simpleType needs a restriction, list or union",
      location,
    );
  }
  const base = {
    kind: "simpleType" as const,
    name,
    location,
    annotation,
    memberTypes: [] as ClarkName[],
    anonymousMemberTypes: [] as RawSimpleType[],
    facets: [] as RawFacet[],
  };
  switch (derivation.localName) {
    case "list":
      return {
        ...base,
        variety: "list",
        itemType: qnameAttr(ctx, derivation, "itemType"),
        anonymousItemType: anonymousSimple(ctx, derivation),
      };
    case "union":
      return {
        ...base,
        variety: "union",
        memberTypes: (attr(derivation, "memberTypes") ?? "")
          .split(/\s+/)
          .filter(Boolean)
          .map((value) => resolveQName(ctx, derivation, value)),
        anonymousMemberTypes: xsdChildren(derivation, "simpleType").map(
          (child) => readSimpleType(ctx, child),
        ),
      };
    default:
      return {
        ...base,
        variety: "restriction",
        base: qnameAttr(ctx, derivation, "base"),
        anonymousBase: anonymousSimple(ctx, derivation),
        facets: readFacets(ctx, derivation),
      };
  }
}

export function readFacets(ctx: SchemaContext, node: XmlElement): RawFacet[] {
  const facets: RawFacet[] = [];
  for (const child of xsdChildren(node)) {
    const facetName = child.localName ?? "";
    if (!(FACET_NAMES as readonly string[]).includes(facetName)) continue;
    facets.push({
      name: facetName,
      value: attr(child, "value") ?? "",
      location: locationOf(ctx.file, child),
    });
  }
  return facets;
}

function anonymousSimple(
  ctx: SchemaContext,
  node: XmlElement,
): RawSimpleType | undefined {
  const child = xsdChildren(node, "simpleType")[0];
  return child ? readSimpleType(ctx, child) : undefined;
}
