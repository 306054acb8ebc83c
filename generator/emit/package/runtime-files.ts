/**
 * The runtime the generated code imports, copied into the package: its TypeScript sources from
 * `generator/runtime/` (every room below it), and the `.js` and `.d.ts` the project's build compiled
 * from them.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../config/schema-set-config.js";
import { GeneratorError } from "../../diagnostics.js";
import type { OutputFile } from "../output-file.js";

const SOURCE_DIR = join(PACKAGE_ROOT, "generator/runtime");
const COMPILED_DIR = join(PACKAGE_ROOT, "dist/generator/runtime");

/** Every `.ts` file below the runtime folder, as paths relative to it, sorted. */
function runtimeSources(): string[] {
  return (readdirSync(SOURCE_DIR, { recursive: true }) as string[])
    .map((name) => name.split("\\").join("/"))
    .filter((name) => name.endsWith(".ts"))
    .sort();
}

export function runtimeFiles(header: (source: string) => string): OutputFile[] {
  const out: OutputFile[] = [];
  for (const name of runtimeSources()) {
    const base = name.slice(0, -3);
    const stamp = header(`generator/runtime/${name}`);
    out.push({
      path: `src/runtime/${name}`,
      content: stamp + readFileSync(join(SOURCE_DIR, name), "utf8"),
    });
    for (const ext of [".js", ".d.ts"]) {
      const compiled = join(COMPILED_DIR, base + ext);
      if (!existsSync(compiled)) {
        throw new GeneratorError(
          `the compiled runtime is missing (${compiled}): run "npm run build" first`,
        );
      }
      out.push({
        path: `dist/runtime/${base}${ext}`,
        content: stamp + readFileSync(compiled, "utf8"),
      });
    }
  }
  return out;
}
