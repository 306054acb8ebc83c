/** Where vcd-codegen's own files are (its `schemas/`, `templates/`, `runtime/`, `simulator/` and build). */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project's own root (where `schemas/` and `templates/` are), from this module's location. */
export const PACKAGE_ROOT = packageRoot(
  dirname(fileURLToPath(import.meta.url)),
);

function packageRoot(from: string): string {
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    if (
      existsSync(resolve(dir, "package.json")) &&
      existsSync(resolve(dir, "schemas"))
    )
      return dir;
  }
  throw new Error(`vcd-codegen: cannot find the package root above ${from}`);
}
