/** `index`: the package's entry point, re-exporting every module (the same text as .ts, .js and .d.ts). */
import type { Namespace } from "../../model/ir.js";
import { namespaceModule } from "../modules.js";

/** The runtime's error classes, re-exported by name for `instanceof` checks. */
const RUNTIME_ERRORS = [
  "UnknownRootError",
  "ValidationError",
  "XmlCharError",
  "XmlParseError",
];

export function indexSource(
  header: string,
  namespaces: readonly Namespace[],
): string {
  const lines = namespaces.map((ns) => {
    const module = namespaceModule(ns);
    return `export * as ${module.ident} from "./${module.path}.js";`;
  });
  lines.push(
    `export * from "./elements.js";`,
    `export * from "./document.js";`,
    `export * as runtime from "./runtime/index.js";`,
    `export {\n${RUNTIME_ERRORS.map((name) => `  ${name},\n`).join("")}} from "./runtime/index.js";`,
  );
  return `${header.trimEnd()}\n\n${lines.join("\n")}\n`;
}
