/**
 * The Handlebars templates under `templates/`, one per construct, compiled once per run. Templates
 * only lay text out; what goes in them is computed by the emitters (their "filters").
 *
 * The build precompiles them (`writePrecompiledTemplates`, into `dist/generator/templates.json`:
 * each template's text and the JavaScript Handlebars compiles it into), so that a run does not parse
 * and compile them again (some 10 ms of each generation); a template whose text is not the one
 * precompiled (edited after the build) is compiled at run time, as without the file.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import Handlebars from "handlebars";
import { PACKAGE_ROOT } from "../package-root.js";
import { writeJsonFile } from "./write-json-file.js";

export type Template = (view: object) => string;

const TEMPLATE_DIR = join(PACKAGE_ROOT, "templates");

/** Where the build writes the precompiled templates. */
const PRECOMPILED_TEMPLATES: string = join(
  PACKAGE_ROOT,
  "dist/generator/templates.json",
);

const OPTIONS = { noEscape: true, strict: true } as const;

/** One template as the build precompiled it. */
export interface Precompiled {
  /** The template's text it was compiled from. */
  readonly source: string;
  /** What `Handlebars.precompile` made of it: the source of a template spec object. */
  readonly spec: string;
}

let compiled: Map<string, Template> | undefined;

/** The template at `templates/<name>.hbs`. */
export function template(name: string): Template {
  compiled ??= compileAll();
  const found = compiled.get(name);
  if (!found)
    throw new Error(`internal: no template "${name}" in ${TEMPLATE_DIR}`);
  return found;
}

/** Each template's name (`types/interface`) and text. */
function readTemplates(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".hbs")) {
        const name = relative(TEMPLATE_DIR, path)
          .slice(0, -4)
          .split("\\")
          .join("/");
        out.set(name, readFileSync(path, "utf8"));
      }
    }
  };
  walk(TEMPLATE_DIR);
  return out;
}

function compileAll(): Map<string, Template> {
  return compileTemplates(readTemplates(), readPrecompiled());
}

/** Each template of `sources` (name -> text): from its precompiled spec where that was made from the same text, else compiled. */
export function compileTemplates(
  sources: ReadonlyMap<string, string>,
  precompiled: Readonly<Record<string, Precompiled | undefined>>,
): Map<string, Template> {
  const out = new Map<string, Template>();
  for (const [name, source] of sources) {
    const made = precompiled[name];
    out.set(
      name,
      made?.source === source
        ? Handlebars.template(
            // The spec is the JavaScript object Handlebars wrote at build time, from this very text.
            new Function(`return ${made.spec};`)() as TemplateSpecification,
          )
        : Handlebars.compile(source, OPTIONS),
    );
  }
  return out;
}

/** What the build writes of one template. */
export function precompileTemplate(source: string): Precompiled {
  return { source, spec: Handlebars.precompile(source, OPTIONS) as string };
}

type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

function readPrecompiled(): Record<string, Precompiled | undefined> {
  try {
    return JSON.parse(readFileSync(PRECOMPILED_TEMPLATES, "utf8")) as Record<
      string,
      Precompiled
    >;
  } catch {
    return {};
  }
}

/** A step of the build: precompiles every template into `dist/generator/templates.json`. */
export function writePrecompiledTemplates(): void {
  const out: Record<string, Precompiled> = {};
  for (const [name, source] of readTemplates())
    out[name] = precompileTemplate(source);
  writeJsonFile(PRECOMPILED_TEMPLATES, out);
}
