/**
 * The runtime bundle (generator/emit/package/runtime-bundle.ts): the build's bundle gives the same
 * files as reading the rooms, and a bundle that no longer matches the files it was made from
 * (missing, of another size, changed after it, another list of files, unreadable) is not used.
 */
import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  readRuntimeBundle,
  RUNTIME_BUNDLE,
  writeRuntimeBundle,
  type RuntimeFile,
} from "../../generator/emit/package/runtime-bundle.js";
import {
  readRuntimeFiles,
  runtimeFiles,
  runtimeInputs,
} from "../../generator/emit/package/runtime-files.js";

const work = mkdtempSync(join(tmpdir(), "vcd-codegen-runtime-bundle-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the build's runtime bundle", () => {
  it("is in use after the build, and holds what reading the rooms gives", () => {
    const bundled = readRuntimeBundle(runtimeInputs());
    expect(
      bundled,
      `${RUNTIME_BUNDLE}: not written or not current`,
    ).toBeDefined();
    const read = readRuntimeFiles();
    expect(bundled).toEqual(read);
    // More than a handful: the XML runtime, the client and the simulator, three renderings each.
    expect(read.length).toBeGreaterThan(300);
    expect(runtimeFiles((source) => `// ${source}\n`)).toEqual(
      read.map((file) => ({
        path: file.path,
        content: `// ${file.source}\n${file.content}`,
      })),
    );
  });
});

describe("a bundle that does not match its files", () => {
  const root = join(work, "project");
  const bundle = join(work, "bundle.json");
  const inputs = ["runtime/a.ts", "dist/runtime/a.js"];
  const files: RuntimeFile[] = [
    { source: "runtime/a.ts", path: "src/runtime/a.ts", content: "a ts" },
    { source: "runtime/a.ts", path: "dist/runtime/a.js", content: "a js" },
  ];
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const fresh = () => {
    write("runtime/a.ts", "export const a = 1;\n");
    write("dist/runtime/a.js", "export const a = 1;\n");
    // The files older than the bundle, as after a build.
    const past = new Date(Date.now() - 60_000);
    for (const path of inputs) utimesSync(join(root, path), past, past);
    writeRuntimeBundle(inputs, files, root, bundle);
  };

  it("is used while its files are as they were", () => {
    fresh();
    expect(readRuntimeBundle(inputs, root, bundle)).toEqual(files);
  });

  it("is not used when a file has another size", () => {
    fresh();
    write("runtime/a.ts", "export const a = 12;\n");
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(root, "runtime/a.ts"), past, past);
    expect(readRuntimeBundle(inputs, root, bundle)).toBeUndefined();
  });

  it("is not used when a file changed after it, even at the same size", () => {
    fresh();
    write("runtime/a.ts", "export const b = 1;\n");
    const later = new Date(statSync(bundle).mtimeMs + 5_000);
    utimesSync(join(root, "runtime/a.ts"), later, later);
    expect(readRuntimeBundle(inputs, root, bundle)).toBeUndefined();
  });

  it("is not used for another list of files, a missing file, or when unreadable or absent", () => {
    fresh();
    expect(
      readRuntimeBundle([...inputs, "runtime/b.ts"], root, bundle),
    ).toBeUndefined();
    expect(
      readRuntimeBundle(["runtime/b.ts", inputs[1]], root, bundle),
    ).toBeUndefined();
    rmSync(join(root, "dist/runtime/a.js"));
    expect(readRuntimeBundle(inputs, root, bundle)).toBeUndefined();
    fresh();
    writeFileSync(bundle, "{ not json");
    expect(readRuntimeBundle(inputs, root, bundle)).toBeUndefined();
    writeFileSync(bundle, "{}");
    expect(readRuntimeBundle(inputs, root, bundle)).toBeUndefined();
    rmSync(bundle);
    expect(readRuntimeBundle(inputs, root, bundle)).toBeUndefined();
  });
});
