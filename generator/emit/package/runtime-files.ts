/**
 * The runtime the generated code imports, copied into the package: the TypeScript sources of the
 * project's `runtime/` and `simulator/` rooms, and the `.js` and `.d.ts` the project's build compiled
 * from them. In the package the simulator sits inside the runtime (`runtime/simulator/`), as it always
 * has, so the relative imports of a copied file are re-pointed from its room's place in the project to
 * its place in the package.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, posix } from "node:path";
import { PACKAGE_ROOT } from "../../package-root.js";
import { GeneratorError } from "../../diagnostics.js";
import type { OutputFile } from "../output-file.js";
import { PRINT_WIDTH } from "../print/layout.js";
import { readRuntimeBundle, type RuntimeFile } from "./runtime-bundle.js";

/** Each room copied: its folder in the project -> its folder below the package's `src/` and `dist/`. */
const ROOMS: readonly { readonly source: string; readonly target: string }[] = [
  { source: "runtime", target: "runtime" },
  { source: "simulator", target: "runtime/simulator" },
];

/** Every `.ts` file below a room's folder, as paths relative to it, sorted. */
function roomSources(room: string): string[] {
  return (
    readdirSync(join(PACKAGE_ROOT, room), { recursive: true }) as string[]
  )
    .map((name) => name.split("\\").join("/"))
    .filter((name) => name.endsWith(".ts"))
    .sort();
}

/** A project path (`simulator/store/store.ts`) -> its path in the package (`runtime/simulator/store/store.ts`). */
function packagePath(path: string): string {
  for (const { source, target } of ROOMS)
    if (path.startsWith(`${source}/`))
      return `${target}${path.slice(source.length)}`;
  throw new GeneratorError(
    `internal: the runtime imports ${path}, which is in no room the package carries`,
  );
}

/** An import or export statement with a relative module specifier, and the specifier. */
const STATEMENT =
  /^(?:(?:import|export)\b[^;"]*?\bfrom\s*|import\s+)"(\.\.?\/[^"]*)";$|\bimport\("(\.\.?\/[^"]*)"\)/gm;

/**
 * The text of `file` (a project path) with its relative imports pointing where they land in the
 * package. A statement whose specifier changes is laid out again as prettier lays it out: on one line
 * when it fits in 80 columns, else one name to a line.
 */
function repointImports(text: string, file: string): string {
  const from = posix.dirname(file);
  const to = posix.dirname(packagePath(file));
  const repoint = (specifier: string) => {
    const moved = posix.relative(to, packagePath(posix.join(from, specifier)));
    return moved.startsWith(".") ? moved : `./${moved}`;
  };
  return text.replace(
    STATEMENT,
    (whole, statement?: string, dynamic?: string) => {
      const specifier = (statement ?? dynamic)!;
      const relative = repoint(specifier);
      if (relative === specifier) return whole;
      if (dynamic !== undefined) return `import("${relative}")`;
      return layOutStatement(whole.replace(`"${specifier}"`, `"${relative}"`));
    },
  );
}

/** `import type { A, B } from "x";` on one line if it fits in the print width, else one name to a line. */
function layOutStatement(statement: string): string {
  const braces = /^([^{]*)\{([^}]*)\}(.*)$/s.exec(statement);
  if (!braces) return statement;
  const [, head, list, tail] = braces;
  const names = list
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const start = head.trim();
  const end = tail.trim() ? ` ${tail.trim()}` : "";
  const flat = `${start} { ${names.join(", ")} }${end}`;
  if (flat.length <= PRINT_WIDTH) return flat;
  return `${start} {\n${names.map((name) => `  ${name},\n`).join("")}}${end}`;
}

/** The project files the runtime is copied from: each room's `.ts` sources and their compiled `.js` and `.d.ts`. */
export function runtimeInputs(): string[] {
  return ROOMS.flatMap(({ source }) =>
    roomSources(source).flatMap((name) => {
      const base = `${source}/${name.slice(0, -3)}`;
      return [`${base}.ts`, `dist/${base}.js`, `dist/${base}.d.ts`];
    }),
  );
}

/** The runtime as the package carries it, read from the project's rooms and build. */
export function readRuntimeFiles(): RuntimeFile[] {
  const out: RuntimeFile[] = [];
  for (const { source } of ROOMS) {
    for (const name of roomSources(source)) {
      const file = `${source}/${name}`;
      const base = file.slice(0, -3);
      const inPackage = packagePath(base);
      out.push({
        source: file,
        path: `src/${inPackage}.ts`,
        content: repointImports(
          readFileSync(join(PACKAGE_ROOT, file), "utf8"),
          file,
        ),
      });
      for (const ext of [".js", ".d.ts"]) {
        const compiled = join(PACKAGE_ROOT, "dist", base + ext);
        if (!existsSync(compiled)) {
          throw new GeneratorError(
            `the compiled runtime is missing (${compiled}): run "npm run build" first`,
          );
        }
        out.push({
          source: file,
          path: `dist/${inPackage}${ext}`,
          content: repointImports(readFileSync(compiled, "utf8"), file),
        });
      }
    }
  }
  return out;
}

/**
 * The runtime files of the package, each stamped by `header` with its source: from the bundle the
 * build made of them when it is still what the rooms hold (one file read instead of some 500),
 * else read from the rooms.
 */
export function runtimeFiles(header: (source: string) => string): OutputFile[] {
  const files = readRuntimeBundle(runtimeInputs()) ?? readRuntimeFiles();
  return files.map((file) => ({
    path: file.path,
    content: header(file.source) + file.content,
  }));
}
