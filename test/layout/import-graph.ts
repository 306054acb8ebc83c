/**
 * The project's own import graph, read from its TypeScript sources with the compiler's pre-processor
 * (every `import`, `import type`, `export … from` and `import()`), for the layout tests.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import ts from "typescript";

export const ROOT = join(import.meta.dirname, "../..");

export interface SourceFile {
  /** Its path from the project root, with `/`. */
  readonly path: string;
  /** The project files it imports (paths from the root). */
  readonly imports: string[];
  /** The bare module names it imports (`node:http`, `@xmldom/xmldom`). */
  readonly packages: string[];
}

/** Every `.ts` source below the given top-level folders (declaration files aside). */
export function sourceFiles(folders: readonly string[]): SourceFile[] {
  const out: SourceFile[] = [];
  for (const folder of folders) {
    const names = readdirSync(join(ROOT, folder), {
      recursive: true,
    }) as string[];
    for (const name of names.map((n) => n.split("\\").join("/")).sort()) {
      if (!name.endsWith(".ts") || name.endsWith(".d.ts")) continue;
      out.push(readSource(`${folder}/${name}`));
    }
  }
  return out;
}

function readSource(path: string): SourceFile {
  const text = readFileSync(join(ROOT, path), "utf8");
  const imports: string[] = [];
  const packages: string[] = [];
  for (const { fileName } of ts.preProcessFile(text, true, true)
    .importedFiles) {
    if (!fileName.startsWith(".")) {
      packages.push(fileName);
      continue;
    }
    const target = posix.normalize(posix.join(posix.dirname(path), fileName));
    imports.push(target.replace(/\.js$/, ".ts"));
  }
  return { path, imports, packages };
}

/** The cycles of the graph restricted to `files` (strongly connected components of two or more, or a file importing itself). */
export function cycles(files: readonly SourceFile[]): string[][] {
  const inRoom = new Map(files.map((file) => [file.path, file]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (path: string): void => {
    index.set(path, counter);
    low.set(path, counter++);
    stack.push(path);
    onStack.add(path);
    for (const next of inRoom.get(path)!.imports) {
      if (!inRoom.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(path, Math.min(low.get(path)!, low.get(next)!));
      } else if (onStack.has(next))
        low.set(path, Math.min(low.get(path)!, index.get(next)!));
    }
    if (low.get(path) !== index.get(path)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== path);
    const selfImport = inRoom.get(path)!.imports.includes(path);
    if (component.length > 1 || selfImport) found.push(component.sort());
  };
  for (const file of files) if (!index.has(file.path)) visit(file.path);
  return found.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}
