/**
 * Loads a whole schema set: every entry point, and every schema they include or import, followed
 * transitively. Remote locations resolve through the catalog only (never the network); imports
 * without a schemaLocation resolve from what is loaded.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import {
  GeneratorError,
  fileStart,
  type SourceLocation,
} from "../diagnostics.js";
import { readInputFile, type ReadText } from "../read-input-file.js";
import type { Catalog } from "./catalog.js";
import type { RawSchema } from "./raw-schema.js";
import { readSchema } from "./read-schema.js";
import { readXmlFile, type XmlDocument } from "./xml-document.js";

export interface SchemaSet {
  /** Every schema document, in the order first reached (entry points depth first). */
  readonly schemas: RawSchema[];
}

interface Pending {
  readonly file: string;
  readonly chameleonNamespace?: string;
}

export function loadSchemaSet(
  entryPoints: readonly string[],
  catalog: Catalog,
  read: ReadText = readInputFile,
): SchemaSet {
  const loaded = new Map<string, RawSchema>();
  const documents = new Map<string, XmlDocument>();
  const ownNamespaces = new Map<string, string>();
  const schemas: RawSchema[] = [];
  const namespaceImports: { namespace: string; location: SourceLocation }[] =
    [];
  const visit = (pending: Pending, usedAt?: SourceLocation): void => {
    // A file with a targetNamespace of its own is read once; only chameleon includes keep their DOM.
    const known = ownNamespaces.get(pending.file);
    if (known !== undefined && loaded.has(`${pending.file}\u0000${known}`))
      return;
    let doc = documents.get(pending.file);
    if (!doc) {
      if (!existsSync(pending.file)) {
        throw new GeneratorError(
          `schema file not found: ${pending.file}`,
          usedAt ?? fileStart(pending.file),
        );
      }
      doc = readXmlFile(pending.file, read);
    }
    const ownNamespace = doc.root.getAttribute("targetNamespace");
    if (ownNamespace === null) documents.set(pending.file, doc);
    else ownNamespaces.set(pending.file, ownNamespace);
    // A schema without targetNamespace takes its includer's (a "chameleon" include).
    const key = `${pending.file}\u0000${ownNamespace ?? pending.chameleonNamespace ?? ""}`;
    if (loaded.has(key)) return;
    const { schema, references } = readSchema(doc, pending.chameleonNamespace);
    loaded.set(key, schema);
    schemas.push(schema);
    for (const reference of references) {
      if (reference.kind === "include") {
        if (!reference.schemaLocation)
          throw new GeneratorError(
            "include without schemaLocation",
            reference.location,
          );
        const file = locate(
          reference.schemaLocation,
          schema.file,
          catalog,
          reference.location,
        );
        visit(
          { file, chameleonNamespace: schema.targetNamespace },
          reference.location,
        );
      } else if (reference.schemaLocation) {
        visit(
          {
            file: locate(
              reference.schemaLocation,
              schema.file,
              catalog,
              reference.location,
            ),
          },
          reference.location,
        );
      } else {
        namespaceImports.push({
          namespace: reference.namespace ?? "",
          location: reference.location,
        });
      }
    }
  };
  for (const entry of entryPoints) visit({ file: resolve(entry) });
  const namespaces = new Set(schemas.map((schema) => schema.targetNamespace));
  for (const { namespace, location } of namespaceImports) {
    if (!namespaces.has(namespace)) {
      throw new GeneratorError(
        `import of namespace "${namespace}" without schemaLocation, and no loaded schema has that target namespace`,
        location,
      );
    }
  }
  return { schemas };
}

/** A schemaLocation as a local file: through the catalog for URLs, relative to the referring file otherwise. */
function locate(
  schemaLocation: string,
  from: string,
  catalog: Catalog,
  usedAt: SourceLocation,
): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(schemaLocation)) {
    const local = catalog.resolve(schemaLocation, usedAt);
    if (local) return local;
    if (schemaLocation.startsWith("file://"))
      return new URL(schemaLocation).pathname;
    throw new GeneratorError(
      `remote schemaLocation "${schemaLocation}" has no entry in the XML catalog (the generator never uses the network)`,
      usedAt,
    );
  }
  return (
    catalog.resolve(schemaLocation, usedAt) ??
    resolve(dirname(from), schemaLocation)
  );
}
