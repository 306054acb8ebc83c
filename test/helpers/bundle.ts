/**
 * Bundles small apps against a generated package the way a browser build does (esbuild: bundle,
 * tree-shaking, ESM), all in one build, and imports each bundle: what a bundle holds, and that it
 * works with only that.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";

export interface BundledApp {
  readonly text: string;
  /** The bundle's exports, imported from its text. */
  readonly exports: Record<string, unknown>;
}

/** Bundles each entry (`name` -> its source, importing the package by absolute path). */
export async function bundleApps(
  entries: Record<string, string>,
  resolveDir: string,
): Promise<Map<string, BundledApp>> {
  const virtual: Plugin = {
    name: "entries",
    setup(b) {
      b.onResolve({ filter: /^entry:/ }, (args) => ({
        path: args.path.slice("entry:".length),
        namespace: "entry",
      }));
      b.onLoad({ filter: /.*/, namespace: "entry" }, (args) => ({
        contents: entries[args.path],
        resolveDir,
        loader: "js",
      }));
    },
  };
  const result = await build({
    entryPoints: Object.keys(entries).map((name) => ({
      in: `entry:${name}`,
      out: name,
    })),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outdir: "/bundles",
    write: false,
    logLevel: "silent",
    plugins: [virtual],
  });
  const apps = new Map<string, BundledApp>();
  const dir = mkdtempSync(join(tmpdir(), "vcd-bundles-"));
  try {
    for (const file of result.outputFiles) {
      const name = file.path.replace(/^.*\/([^/]+)\.js$/, "$1");
      const path = join(dir, `${name}.mjs`);
      writeFileSync(path, file.text);
      const exports = (await import(pathToFileURL(path).href)) as Record<
        string,
        unknown
      >;
      apps.set(name, { text: file.text, exports });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return apps;
}
