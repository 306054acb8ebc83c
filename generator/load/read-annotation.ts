/** Reads `xs:annotation`: documentation text, vCD's `source="..."` notes and `meta:` appinfo. */
import type { XmlElement } from "./xml-tree.js";
import type { RawAnnotation } from "./raw-schema.js";
import { xsdChildren } from "./xsd-dom.js";

export const VCD_META_NS = "http://www.vmware.com/vcloud/meta";

const EMPTY: RawAnnotation = { documentation: [], sources: {} };

export function readAnnotation(node: XmlElement): RawAnnotation {
  const annotations = xsdChildren(node, "annotation");
  if (annotations.length === 0) return EMPTY;
  const documentation: string[] = [];
  const sources: Record<string, string> = {};
  let versionAddedIn: string | undefined;
  let versionRemovedIn: string | undefined;
  let contentType: string | undefined;
  for (const annotation of annotations) {
    for (const doc of xsdChildren(annotation, "documentation")) {
      const text = normalizeText(doc.textContent ?? "");
      const source = doc.getAttribute("source");
      if (source) sources[source] = text;
      else if (text) documentation.push(text);
    }
    for (const appinfo of xsdChildren(annotation, "appinfo")) {
      for (let child = appinfo.firstChild; child; child = child.nextSibling) {
        if (child.nodeType !== 1) continue;
        const meta = child;
        if (meta.namespaceURI !== VCD_META_NS) continue;
        if (meta.localName === "version") {
          versionAddedIn =
            meta.getAttribute("added-in")?.trim() || versionAddedIn;
          versionRemovedIn =
            meta.getAttribute("removed-in")?.trim() || versionRemovedIn;
        } else if (meta.localName === "content-type") {
          contentType = (meta.textContent ?? "").trim() || contentType;
        }
      }
    }
  }
  return {
    documentation,
    sources,
    versionAddedIn,
    versionRemovedIn,
    contentType,
  };
}

/** Collapses the indentation of documentation text into paragraphs of single-spaced lines. */
function normalizeText(text: string): string {
  if (!text.includes("\n")) return text.replace(/\s+/g, " ").trim();
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, " ").trim())
    .filter((paragraph) => paragraph.length > 0)
    .join("\n\n");
}
