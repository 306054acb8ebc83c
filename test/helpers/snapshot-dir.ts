/** Every file under a folder with its bytes, to tell whether anything changed. */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";

export function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path, "latin1");
    }
  };
  walk(dir);
  return out;
}
