/**
 * The Handlebars templates under `templates/`, one per construct, compiled once per run. Templates
 * only lay text out; what goes in them is computed by the emitters (their "filters").
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import Handlebars from "handlebars";
import { PACKAGE_ROOT } from "../package-root.js";

export type Template = (view: object) => string;

const TEMPLATE_DIR = join(PACKAGE_ROOT, "templates");

let compiled: Map<string, Template> | undefined;

/** The template at `templates/<name>.hbs`. */
export function template(name: string): Template {
  compiled ??= compileAll();
  const found = compiled.get(name);
  if (!found)
    throw new Error(`internal: no template "${name}" in ${TEMPLATE_DIR}`);
  return found;
}

function compileAll(): Map<string, Template> {
  const out = new Map<string, Template>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".hbs")) {
        const name = relative(TEMPLATE_DIR, path)
          .slice(0, -4)
          .split("\\")
          .join("/");
        out.set(
          name,
          Handlebars.compile(readFileSync(path, "utf8"), {
            noEscape: true,
            strict: true,
          }),
        );
      }
    }
  };
  walk(TEMPLATE_DIR);
  return out;
}
