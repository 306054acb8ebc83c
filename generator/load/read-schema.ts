/** Reads one `xs:schema` document into raw schema objects and lists the files it refers to. */
import type { XmlElement } from "./xml-tree.js";
import { GeneratorError, type SourceLocation } from "../diagnostics.js";
import { clark, XSD_NS } from "../model/qname.js";
import { readAttribute, readAttributeList } from "./read-attributes.js";
import {
  readComplexType,
  readElement,
  readParticle,
} from "./read-complex-type.js";
import { readSimpleType } from "./read-simple-type.js";
import type { RawSchema } from "./raw-schema.js";
import { locationOf, type XmlDocument } from "./xml-document.js";
import { attr, xsdChildren, type SchemaContext } from "./xsd-dom.js";

/** An `xs:include` or `xs:import` of a schema document. */
export interface SchemaReference {
  readonly kind: "include" | "import";
  readonly namespace?: string;
  readonly schemaLocation?: string;
  readonly location: SourceLocation;
}

export interface ReadSchemaResult {
  readonly schema: RawSchema;
  readonly references: SchemaReference[];
}

/**
 * @param chameleonNamespace for an included schema without a targetNamespace: the includer's.
 */
export function readSchema(
  doc: XmlDocument,
  chameleonNamespace?: string,
): ReadSchemaResult {
  const root = doc.root;
  if (root.namespaceURI !== XSD_NS || root.localName !== "schema") {
    throw new GeneratorError(
      `not an XML Schema: root element is <${root.tagName}>`,
      locationOf(doc.file, root),
    );
  }
  const ctx: SchemaContext = {
    file: doc.file,
    targetNamespace: attr(root, "targetNamespace") ?? chameleonNamespace ?? "",
    elementFormQualified: attr(root, "elementFormDefault") === "qualified",
    attributeFormQualified: attr(root, "attributeFormDefault") === "qualified",
  };
  const schema: RawSchema = {
    file: doc.file,
    targetNamespace: ctx.targetNamespace,
    types: [],
    elements: [],
    attributes: [],
    groups: [],
    attributeGroups: [],
    prefixes: declaredPrefixes(root),
  };
  const references: SchemaReference[] = [];
  for (const child of xsdChildren(root))
    readTopLevel(ctx, child, schema, references);
  return { schema, references };
}

function readTopLevel(
  ctx: SchemaContext,
  node: XmlElement,
  schema: RawSchema,
  references: SchemaReference[],
): void {
  const location = locationOf(ctx.file, node);
  switch (node.localName) {
    case "include":
    case "import":
      references.push({
        kind: node.localName,
        namespace: attr(node, "namespace"),
        schemaLocation: attr(node, "schemaLocation"),
        location,
      });
      return;
    case "complexType":
      schema.types.push(readComplexType(ctx, node));
      return;
    case "simpleType":
      schema.types.push(readSimpleType(ctx, node));
      return;
    case "element":
      schema.elements.push(readElement(ctx, node, true));
      return;
    case "attribute":
      schema.attributes.push(readAttribute(ctx, node, true));
      return;
    case "group": {
      const particleNode = xsdChildren(node).find((c) =>
        ["sequence", "choice", "all"].includes(c.localName ?? ""),
      );
      schema.groups.push({
        kind: "group",
        name: clark(ctx.targetNamespace, attr(node, "name") ?? ""),
        particle: particleNode ? readParticle(ctx, particleNode) : undefined,
        location,
        annotation: { documentation: [], sources: {} },
      });
      return;
    }
    case "attributeGroup":
      schema.attributeGroups.push({
        kind: "attributeGroup",
        name: clark(ctx.targetNamespace, attr(node, "name") ?? ""),
        ...readAttributeList(ctx, node),
        location,
        annotation: { documentation: [], sources: {} },
      });
      return;
    case "annotation":
    case "notation":
      return;
    default:
      throw new GeneratorError(
        `<xs:${node.localName}> is not supported at the top level of a schema`,
        location,
      );
  }
}

function declaredPrefixes(root: XmlElement): Record<string, string> {
  const prefixes: Record<string, string> = {};
  for (const attribute of root.attributes) {
    if (attribute.name.startsWith("xmlns:"))
      prefixes[attribute.name.slice(6)] = attribute.value;
  }
  return prefixes;
}
