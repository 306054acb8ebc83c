/** Reads an OASIS XML catalog: maps remote schema locations to local files, with no network access. */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { XmlElement } from "./xml-tree.js";
import {
  GeneratorError,
  type SourceLocation,
  formatLocation,
} from "../diagnostics.js";
import { readInputFile, type ReadText } from "../read-input-file.js";
import { locationOf, readXmlFile } from "./xml-document.js";

const CATALOG_NS = "urn:oasis:names:tc:entity:xmlns:xml:catalog";

interface CatalogEntry {
  readonly kind: "exact" | "prefix";
  readonly from: string;
  readonly to: string;
  readonly location: SourceLocation;
}

export interface Catalog {
  /** The local file for a remote location, or undefined when the catalog has no entry for it. */
  resolve(uri: string, usedAt: SourceLocation): string | undefined;
}

export const EMPTY_CATALOG: Catalog = { resolve: () => undefined };

export function readCatalog(
  file: string,
  read: ReadText = readInputFile,
): Catalog {
  const doc = readXmlFile(file, read);
  if (
    doc.root.namespaceURI !== CATALOG_NS ||
    doc.root.localName !== "catalog"
  ) {
    throw new GeneratorError(
      "not an OASIS XML catalog",
      locationOf(file, doc.root),
    );
  }
  const base = dirname(file);
  const entries: CatalogEntry[] = [];
  for (let child = doc.root.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== 1) continue;
    const entry = toEntry(child, base, file);
    if (entry) entries.push(entry);
  }
  return {
    resolve(uri, usedAt) {
      const exact = entries.find((e) => e.kind === "exact" && e.from === uri);
      const prefix = entries
        .filter((e) => e.kind === "prefix" && uri.startsWith(e.from))
        .sort((a, b) => b.from.length - a.from.length)[0];
      const entry = exact ?? prefix;
      if (!entry) return undefined;
      const target =
        entry.kind === "exact"
          ? entry.to
          : entry.to + uri.slice(entry.from.length);
      if (!existsSync(target)) {
        throw new GeneratorError(
          `catalog entry for "${uri}" points to a missing file "${target}" (used at ${formatLocation(usedAt)})`,
          entry.location,
        );
      }
      return target;
    },
  };
}

function toEntry(
  node: XmlElement,
  base: string,
  file: string,
): CatalogEntry | undefined {
  const location = locationOf(file, node);
  const get = (name: string) => node.getAttribute(name) ?? "";
  switch (node.localName) {
    case "system":
      return {
        kind: "exact",
        from: get("systemId"),
        to: resolve(base, get("uri")),
        location,
      };
    case "uri":
      return {
        kind: "exact",
        from: get("name"),
        to: resolve(base, get("uri")),
        location,
      };
    case "rewriteSystem":
      return {
        kind: "prefix",
        from: get("systemIdStartString"),
        to: resolve(base, get("rewritePrefix")) + "/",
        location,
      };
    case "rewriteURI":
      return {
        kind: "prefix",
        from: get("uriStartString"),
        to: resolve(base, get("rewritePrefix")) + "/",
        location,
      };
    default:
      return undefined;
  }
}
