/** The namespaces of a schema set with their prefixes and modules. */
import type { SchemaSetConfig } from "../config/schema-set-config.js";
import type { Namespace } from "./ir.js";

/** Canonical prefixes from the schema-set config; other namespaces take the prefix their schema declares. */
export function namespaceTable(
  schemaSet: SchemaSetConfig,
  schemas: readonly {
    targetNamespace: string;
    prefixes: Record<string, string>;
  }[],
): Namespace[] {
  const table = new Map<string, Namespace>();
  for (const [uri, ns] of Object.entries(schemaSet.namespaces))
    table.set(uri, { uri, ...ns });
  const taken = new Set([...table.values()].map((ns) => ns.prefix));
  for (const schema of schemas) {
    const uri = schema.targetNamespace;
    if (table.has(uri)) continue;
    const declared = Object.entries(schema.prefixes).find(
      ([, value]) => value === uri,
    )?.[0];
    let prefix = declared && !taken.has(declared) ? declared : "ns";
    for (let i = 1; taken.has(prefix); i++) prefix = `ns${i}`;
    taken.add(prefix);
    table.set(uri, { uri, prefix, module: prefix });
  }
  return [...table.values()];
}
