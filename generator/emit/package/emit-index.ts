/** `index`: the package's entry point, re-exporting every module (the same text as .ts, .js and .d.ts). */
import type { Namespace } from "../../model/ir.js";
import { namespaceModule } from "../modules.js";

export function indexSource(
  header: string,
  namespaces: readonly Namespace[],
  others: readonly string[],
): string {
  const lines = namespaces.map((ns) => {
    const module = namespaceModule(ns);
    return `export * as ${module.ident} from "./${module.path}.js";`;
  });
  const rest = others.map((path) => `export * from "./${path}.js";`);
  return `${header.trimEnd()}\n\n${[...lines, ...rest].join("\n")}\n`;
}
