/**
 * What a schema document says about other documents: its `targetNamespace`, and each `xs:include`,
 * `xs:import` and `xs:redefine` with its `schemaLocation` (imports without one name a namespace
 * only; the set is loaded as a whole, so nothing is fetched for them).
 */
import type { XmlElement } from "../load/xml-tree.js";
import { GeneratorError, type SourceLocation } from "../diagnostics.js";
import { locationOf, parseXml } from "../load/xml-document.js";

const XSD_NS = "http://www.w3.org/2001/XMLSchema";

export interface SchemaReference {
  readonly kind: "include" | "import" | "redefine";
  readonly schemaLocation: string;
  /**
   * The namespace the referenced document must have: an import's `namespace` (undefined: none);
   * an include's or a redefine's, the including document's own.
   */
  readonly namespace: string | undefined;
  readonly location: SourceLocation;
}

export interface SchemaReferences {
  /** undefined: no targetNamespace (a chameleon schema). */
  readonly targetNamespace: string | undefined;
  readonly references: SchemaReference[];
}

/** Reads `bytes` (named `source` in messages) as an XSD document. */
export function readSchemaReferences(
  bytes: Buffer,
  source: string,
): SchemaReferences {
  const { root } = parseXml(bytes.toString("utf8"), source);
  if (root.namespaceURI !== XSD_NS || root.localName !== "schema")
    throw new GeneratorError(
      `not an XML schema (the root is ${root.tagName}): is this a vCD server?`,
      locationOf(source, root),
    );
  const targetNamespace = root.getAttribute("targetNamespace") || undefined;
  const references: SchemaReference[] = [];
  for (let node = root.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== 1) continue;
    const child = node as XmlElement;
    if (child.namespaceURI !== XSD_NS) continue;
    const kind = child.localName;
    if (kind !== "include" && kind !== "import" && kind !== "redefine")
      continue;
    const schemaLocation = child.getAttribute("schemaLocation");
    if (!schemaLocation) continue;
    references.push({
      kind,
      schemaLocation,
      namespace:
        kind === "import"
          ? child.getAttribute("namespace") || undefined
          : targetNamespace,
      location: locationOf(source, child),
    });
  }
  return { targetNamespace, references };
}
