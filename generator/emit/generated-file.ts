/**
 * One generated module, rendered three ways: its TypeScript source, and the `.js` and `.d.ts` that
 * compiling it would give (written directly: the module holds only declarations of types, and
 * constants with an explicit type, so each output is a plain projection of it).
 *
 * Emitters refer to declarations of other modules as symbols through {@link GeneratedFile.refer};
 * the file collects the imports (one namespace import per module, type-only where only types are
 * used), so no emitter writes an import line by hand.
 */
import { dirname, posix, relative } from "node:path";
import { literal, PRINT_WIDTH, type Literal } from "./print/layout.js";

/** A generated module that others can import: its path under the package's `src/`, without extension. */
export interface ModuleRef {
  readonly path: string;
  /** The name it is imported under. */
  readonly ident: string;
}

type Declaration =
  | { readonly kind: "type"; readonly text: string }
  | {
      readonly kind: "code";
      readonly text: { readonly [R in Rendering]: string | undefined };
    }
  | {
      readonly kind: "const";
      readonly doc: string;
      readonly name: string;
      readonly type: string;
      readonly value:
        { readonly literal: Literal } | { readonly expression: string };
      /** False: a constant of the module only (no `export`, left out of the `.d.ts`). */
      readonly exported: boolean;
    };

export type Rendering = "ts" | "js" | "d.ts";

export class GeneratedFile {
  private readonly imports = new Map<
    string,
    { module: ModuleRef; typeOnly: boolean; declarations: boolean }
  >();
  private readonly declarations: Declaration[] = [];
  /** ESLint rules that cannot apply to this module's generated code, with why (one directive under the header). */
  private readonly lintExceptions = new Map<string, string>();

  /** @param path the module's path under `src/`, with its `.ts` extension. */
  constructor(
    readonly path: string,
    private readonly header: string,
  ) {}

  /**
   * The text by which this file refers to `name` declared in `module`, importing it as needed.
   * `inDeclarations` false: the reference stands only in code the `.d.ts` leaves out (a constant's
   * value, a function's body), so that the `.d.ts` does not import the module for it.
   */
  refer(
    module: ModuleRef,
    name: string,
    typeOnly = true,
    inDeclarations = true,
  ): string {
    if (`${module.path}.ts` === this.path) return name;
    const existing = this.imports.get(module.path);
    this.imports.set(module.path, {
      module,
      typeOnly: typeOnly && (existing?.typeOnly ?? true),
      declarations: inDeclarations || (existing?.declarations ?? false),
    });
    return `${module.ident}.${name}`;
  }

  /** Adds a declaration of types only (interface, type alias), already printed, doc comment included. */
  add(text: string): void {
    this.declarations.push({ kind: "type", text });
  }

  /** Adds `export const name: type = value;` (`const name: type = value;` when not `exported`). */
  addConst(
    doc: string,
    name: string,
    type: string,
    value: { literal: Literal } | { expression: string },
    exported = true,
  ): void {
    this.declarations.push({
      kind: "const",
      doc,
      name,
      type,
      value,
      exported,
    });
  }

  /** Adds a declaration printed by the emitter for each rendering (undefined: left out of that one). */
  addCode(text: { readonly [R in Rendering]: string | undefined }): void {
    this.declarations.push({ kind: "code", text });
  }

  /** Says that `rule` cannot apply to what this module declares, and why. */
  allowLint(rule: string, why: string): void {
    this.lintExceptions.set(rule, why);
  }

  get isEmpty(): boolean {
    return this.declarations.length === 0;
  }

  /** The path of one rendering under the package root (`src/x.ts`, `dist/x.js`, `dist/x.d.ts`). */
  outputPath(rendering: Rendering): string {
    const base = this.path.slice(0, -3);
    return rendering === "ts"
      ? `src/${this.path}`
      : `dist/${base}.${rendering}`;
  }

  render(rendering: Rendering): string {
    const parts = [this.header.trimEnd()];
    if (this.lintExceptions.size && rendering !== "js") {
      const rules = [...this.lintExceptions.keys()].sort();
      const why = rules.map((r) => this.lintExceptions.get(r)).join("; ");
      parts[0] += `\n/* eslint-disable ${rules.join(", ")} -- generated code: ${why} */`;
    }
    const imports = this.importLines(rendering);
    if (imports.length) parts.push(imports.join("\n"));
    for (const declaration of this.declarations) {
      const text = renderDeclaration(declaration, rendering);
      if (text) parts.push(text);
    }
    return `${parts.join("\n\n")}\n`;
  }

  private importLines(rendering: Rendering): string[] {
    const from = dirname(this.path);
    return [...this.imports.values()]
      .filter(({ typeOnly, declarations }) =>
        rendering === "js"
          ? !typeOnly
          : rendering === "d.ts"
            ? declarations
            : true,
      )
      .sort((a, b) => (a.module.path < b.module.path ? -1 : 1))
      .map(({ module, typeOnly }) => {
        const specifier = importSpecifier(from, module.path);
        const keyword =
          typeOnly && rendering !== "js" ? "import type" : "import";
        return `${keyword} * as ${module.ident} from "${specifier}.js";`;
      });
  }
}

/** Each (folder, module) pair's specifier: every module's three renderings ask for the same ones. */
const SPECIFIERS = new Map<string, string>();

/** The relative specifier (without extension) by which a module in folder `from` imports `target`. */
function importSpecifier(from: string, target: string): string {
  const key = `${from}\0${target}`;
  let specifier = SPECIFIERS.get(key);
  if (specifier === undefined) {
    specifier = relative(from, target).split("\\").join(posix.sep);
    if (!specifier.startsWith(".")) specifier = `./${specifier}`;
    SPECIFIERS.set(key, specifier);
  }
  return specifier;
}

function renderDeclaration(
  declaration: Declaration,
  rendering: Rendering,
): string | undefined {
  if (declaration.kind === "type")
    return rendering === "js" ? undefined : declaration.text;
  if (declaration.kind === "code") return declaration.text[rendering];
  const { doc, name, type, value, exported } = declaration;
  const prefix = doc ? `${doc}\n` : "";
  if (rendering === "d.ts")
    return exported
      ? `${prefix}export declare const ${name}: ${type};`
      : undefined;
  const keyword = exported ? "export const" : "const";
  const head =
    rendering === "ts"
      ? `${keyword} ${name}: ${type} = `
      : `${keyword} ${name} = `;
  if (!("literal" in value)) {
    const flat = `${head}${value.expression};`;
    if (flat.length <= PRINT_WIDTH) return `${prefix}${flat}`;
    return `${prefix}${head.trimEnd()}\n  ${value.expression};`;
  }
  // Like prettier: when not even the opening bracket fits after the `=`, the value moves to the next line.
  if (head.length + 1 > PRINT_WIDTH)
    return `${prefix}${head.trimEnd()}\n  ${literal(value.literal, "  ", 2, 1)};`;
  return `${prefix}${head}${printLiteral(value, head.length)};`;
}

/** A literal printed after `used` columns; a long broken one does not depend on them, so it is printed once for all renderings. */
function printLiteral(
  value: { readonly literal: Literal; broken?: string },
  used: number,
): string {
  if (value.broken !== undefined) return value.broken;
  const text = literal(value.literal, "", used, 1);
  // Broken, and too long to fit on a line at any indentation: the same after any head.
  if (/^[[{]\n/.test(text) && joinedLongerThan(text, PRINT_WIDTH))
    value.broken = text;
  return text;
}

/**
 * Whether `text` with its line breaks and the white space after them taken out is longer than
 * `width`: it counts only until it knows (a broken literal can be megabytes long).
 */
function joinedLongerThan(text: string, width: number): boolean {
  let length = 0;
  let lineStart = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) lineStart = true;
    else if (lineStart && isSpace(code)) continue;
    else {
      lineStart = false;
      if (++length > width) return true;
    }
  }
  return false;
}

/** What the pattern `\s` matches after a line break in a printed literal (spaces, tabs, line ends). */
function isSpace(code: number): boolean {
  return (
    code === 32 ||
    code === 9 ||
    code === 13 ||
    code === 10 ||
    code === 11 ||
    code === 12
  );
}
