/**
 * vcd-codegen runtime, simulator: what the transfer service reads from an uploaded OVF descriptor,
 * with the runtime's XML parser: the files it references (`ovf:References/ovf:File`, `ovf:href` and
 * `ovf:size`: what the template's `Files` list next, as vCD lists them once the descriptor is PUT)
 * and its virtual systems (`ovf:VirtualSystem`, anywhere below the envelope: a VM each, named by
 * `ovf:Name` or else `ovf:id`). A document that is not an OVF 1.x envelope (`ovf:Envelope` in
 * `http://schemas.dmtf.org/ovf/envelope/1`) is refused, naming line and column where it can.
 */
import { parseXml, type XmlElement } from "../../runtime/xml/xml-parser.js";
import { XmlParseError } from "../../runtime/xml/xml-parser.js";

export const OVF_NS = "http://schemas.dmtf.org/ovf/envelope/1";

export interface OvfDescriptor {
  readonly files: readonly { readonly href: string; readonly size: number }[];
  readonly systems: readonly { readonly name: string }[];
}

/** Why a descriptor is refused (the message names where). */
export class OvfDescriptorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OvfDescriptorError";
  }
}

const children = (e: XmlElement, local: string): XmlElement[] =>
  e.children.filter(
    (c): c is XmlElement =>
      typeof c !== "string" && c.ns === OVF_NS && c.local === local,
  );

const attribute = (e: XmlElement, local: string): string | undefined =>
  e.attributes.find((a) => a.ns === OVF_NS && a.local === local)?.value;

const text = (e: XmlElement): string =>
  e.children.filter((c): c is string => typeof c === "string").join("");

export function readOvfDescriptor(xml: string): OvfDescriptor {
  let root: XmlElement;
  try {
    root = parseXml(xml, { maxDepth: 100 });
  } catch (error) {
    if (error instanceof XmlParseError)
      throw new OvfDescriptorError(
        `The OVF descriptor is not well-formed XML: ${error.message}.`,
      );
    throw error;
  }
  if (root.ns !== OVF_NS || root.local !== "Envelope")
    throw new OvfDescriptorError(
      `The OVF descriptor's root element is {${root.ns}}${root.local} (line 1); an OVF package's descriptor is an Envelope in ${OVF_NS}.`,
    );
  const files: { href: string; size: number }[] = [];
  for (const refs of children(root, "References"))
    for (const file of children(refs, "File")) {
      const href = attribute(file, "href");
      if (!href)
        throw new OvfDescriptorError(
          `The OVF descriptor's References/File at offset ${file.start} has no ovf:href.`,
        );
      // A file's name is a path segment of its upload URL (and of the spool): "." and ".." name
      // none. vCD takes ovf:href as a file name relative to the descriptor (DSP0243 8.1).
      if (href === "." || href === "..")
        throw new OvfDescriptorError(
          `The OVF descriptor's References/File at offset ${file.start} has ovf:href "${href}", which names no file.`,
        );
      const sizeText = attribute(file, "size");
      const size = sizeText === undefined ? -1 : Number(sizeText);
      if (!Number.isSafeInteger(size) || size < -1)
        throw new OvfDescriptorError(
          `The OVF descriptor's File "${href}" has an ovf:size that is not a size in bytes: "${sizeText}".`,
        );
      files.push({ href, size });
    }
  const systems: { name: string }[] = [];
  const visit = (e: XmlElement): void => {
    for (const c of e.children) {
      if (typeof c === "string" || c.ns !== OVF_NS) continue;
      if (c.local === "VirtualSystem") {
        const name = children(c, "Name").map(text)[0]?.trim();
        systems.push({ name: name || attribute(c, "id") || "vm" });
      } else if (c.local === "VirtualSystemCollection") visit(c);
    }
  };
  visit(root);
  return { files, systems };
}
