/**
 * The answer to `GET /api/versions` (a `versioning:SupportedVersions` document): the API versions the
 * server speaks, which of them it marks deprecated, and the newest.
 */
import type { XmlElement } from "../load/xml-tree.js";
import { GeneratorError } from "../diagnostics.js";
import { compareVersions, isNumericVersion } from "../model/api-version.js";
import { locationOf, parseXml } from "../load/xml-document.js";

const VERSIONS_NS = "http://www.vmware.com/vcloud/versions";

export interface SupportedVersions {
  /** Oldest first. */
  readonly versions: string[];
  readonly deprecated: string[];
  readonly newest: string;
}

export function readSupportedVersions(
  bytes: Buffer,
  source: string,
): SupportedVersions {
  const { root } = parseXml(bytes.toString("utf8"), source);
  if (
    root.namespaceURI !== VERSIONS_NS ||
    root.localName !== "SupportedVersions"
  )
    throw new GeneratorError(
      `not a vCD versions document (the root is ${root.tagName}, not SupportedVersions): is this a vCD server?`,
      locationOf(source, root),
    );
  const versions: string[] = [];
  const deprecated: string[] = [];
  for (const info of children(root, "VersionInfo")) {
    const version = children(info, "Version")[0]?.textContent?.trim() ?? "";
    if (!isNumericVersion(version)) continue;
    versions.push(version);
    if (info.getAttribute("deprecated") === "true") deprecated.push(version);
  }
  versions.sort(compareVersions);
  if (!versions.length)
    throw new GeneratorError(
      "the server lists no API version",
      locationOf(source, root),
    );
  return { versions, deprecated, newest: versions[versions.length - 1] };
}

function children(parent: XmlElement, localName: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    const el = node as XmlElement;
    if (
      node.nodeType === 1 &&
      el.localName === localName &&
      el.namespaceURI === VERSIONS_NS
    )
      out.push(el);
  }
  return out;
}
