/**
 * vcd-codegen runtime, transfer: the files an OVF descriptor references, from its `ovf:References`
 * (DMTF DSP0243: `<References><File ovf:id ovf:href ovf:size/>...`): what vCD lists for upload
 * once it has the descriptor, each under the name of its `ovf:href`.
 */
import { parseXml, type XmlElement } from "../xml/xml-parser.js";
import { VcdTransferError } from "./transfer-error.js";

/** The OVF envelope's namespace (OVF 1.x and 2.x). */
const OVF_NS = "http://schemas.dmtf.org/ovf/envelope/1";
const OVF2_NS = "http://schemas.dmtf.org/ovf/envelope/2";

/** One `ovf:References/ovf:File`. */
export interface OvfFile {
  readonly id: string;
  /** The file's name in the package (`disk1.vmdk`). */
  readonly href: string;
  /** Its size in bytes, when the descriptor says. */
  readonly size: number | undefined;
}

/** The files the descriptor references, in its order. Not an OVF envelope: a `VcdTransferError` naming the descriptor (and the line and column where it does not parse). */
export function ovfFiles(
  descriptor: string,
  name = "descriptor.ovf",
): OvfFile[] {
  let root: XmlElement;
  try {
    root = parseXml(descriptor);
  } catch (error) {
    throw new VcdTransferError(
      `the OVF descriptor does not parse: ${error instanceof Error ? error.message : String(error)}`,
      { file: name, offset: 0, cause: error },
    );
  }
  const ns = root.ns;
  if (root.local !== "Envelope" || (ns !== OVF_NS && ns !== OVF2_NS))
    throw new VcdTransferError(
      `not an OVF descriptor: its root is {${ns}}${root.local}, not {${OVF_NS}}Envelope`,
      { file: name, offset: 0 },
    );
  const references = children(root, ns, "References")[0];
  if (!references) return [];
  return children(references, ns, "File").map((file) => {
    const attr = (local: string) =>
      file.attributes.find(
        (a) => a.local === local && (a.ns === ns || a.ns === ""),
      )?.value;
    const href = attr("href");
    if (!href)
      throw new VcdTransferError(
        `a References/File without ovf:href${lineOf(descriptor, file.start)}`,
        { file: name, offset: 0 },
      );
    const size = attr("size");
    return {
      id: attr("id") ?? href,
      href,
      size: size === undefined ? undefined : Number(size),
    };
  });
}

function children(
  element: XmlElement,
  ns: string,
  local: string,
): XmlElement[] {
  return element.children.filter(
    (child): child is XmlElement =>
      typeof child !== "string" && child.ns === ns && child.local === local,
  );
}

/** ` (line L, column C)` of an offset in the text. */
function lineOf(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return ` (line ${before.length}, column ${before.at(-1)!.length + 1})`;
}
