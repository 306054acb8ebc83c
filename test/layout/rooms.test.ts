/**
 * The house: three products in three rooms (the generator, the runtime every generated package
 * carries, the Node-only simulator), imports in one direction between them, and no cycle between the
 * files of a room.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { runtimeFiles } from "../../generator/emit/package/runtime-files.js";
import { cycles, ROOT, sourceFiles, type SourceFile } from "./import-graph.js";

const files = sourceFiles(["generator", "runtime", "simulator"]);
const under = (folder: string) =>
  files.filter((file) => file.path.startsWith(`${folder}/`));

/** `file -> import` for each import of the files below `from` that lands below `to`. */
function importsInto(from: string, to: string): string[] {
  return under(from).flatMap((file) =>
    file.imports
      .filter((target) => target.startsWith(`${to}/`))
      .map((target) => `${file.path} -> ${target}`),
  );
}

function packagesOf(sources: readonly SourceFile[]): string[] {
  return sources.flatMap((file) =>
    file.packages.map((name) => `${file.path} -> ${name}`),
  );
}

describe("the rooms", () => {
  it("are the top-level folders the project's card names, plus runtime/ and simulator/", () => {
    for (const entry of [
      "package.json",
      "tsconfig.json",
      "generator",
      "runtime/xml/index.ts",
      "runtime/client/index.ts",
      "runtime/index.ts",
      "simulator/index.ts",
      "schemas",
      "templates",
      "test",
      "bench",
    ])
      expect(existsSync(join(ROOT, entry)), entry).toBe(true);
    expect(existsSync(join(ROOT, "generator/runtime"))).toBe(false);
    // Each room has something in it to check (an empty glob proves nothing).
    for (const room of [
      "generator",
      "runtime/xml",
      "runtime/client",
      "simulator",
    ])
      expect(under(room).length, room).toBeGreaterThan(10);
  });

  it("runtime/ and simulator/ import nothing from generator/", () => {
    expect([
      ...importsInto("runtime", "generator"),
      ...importsInto("simulator", "generator"),
    ]).toEqual([]);
  });

  it("runtime/ imports nothing from simulator/ (a browser build of the client never pulls it in)", () => {
    expect(importsInto("runtime", "simulator")).toEqual([]);
  });

  it("runtime/xml imports nothing from runtime/client", () => {
    expect(importsInto("runtime/xml", "runtime/client")).toEqual([]);
  });

  it("the runtime imports no package and no Node built-in (but Node built-ins in its Node-only transfer entry); the simulator only Node's built-ins", () => {
    const nodeOnly = "runtime/transfer/node/";
    expect(
      packagesOf(under("runtime").filter((f) => !f.path.startsWith(nodeOnly))),
    ).toEqual([]);
    expect(
      packagesOf(under(nodeOnly.slice(0, -1))).filter(
        (line) => !/ -> node:[a-z/_]+$/.test(line),
      ),
    ).toEqual([]);
    // Only the Node-only entry's own files import it.
    expect(
      under("runtime")
        .filter((f) => !f.path.startsWith(nodeOnly))
        .flatMap((f) => f.imports.filter((i) => i.startsWith(nodeOnly))),
    ).toEqual([]);
    expect(
      packagesOf(under("simulator")).filter(
        (line) => !/ -> node:[a-z/_]+$/.test(line),
      ),
    ).toEqual([]);
  });

  it("the model and the passes read no file: no node:fs, and of load/ only its types", () => {
    const readers = [...under("generator/model"), ...under("generator/passes")];
    expect(
      packagesOf(readers).filter((line) => / -> node:fs/.test(line)),
    ).toEqual([]);
    const valueImports = readers.filter((file) =>
      /^import\s+(?!type\b)[^;]*?from\s+"(\.\.\/)+load\//m.test(
        readFileSync(join(ROOT, file.path), "utf8"),
      ),
    );
    expect(valueImports.map((file) => file.path)).toEqual([]);
    // The check sees type-only imports for what they are: there are some.
    expect(
      importsInto("generator/model", "generator/load").length,
    ).toBeGreaterThan(0);
  });

  it("emit/ reads the model only: it imports nothing from load/ or config/", () => {
    expect([
      ...importsInto("generator/emit", "generator/load"),
      ...importsInto("generator/emit", "generator/config"),
    ]).toEqual([]);
  });
});

describe("no cycles between the files of a room", () => {
  for (const room of [
    "generator",
    "runtime/xml",
    "runtime/client",
    "runtime/transfer",
    "runtime/amqp",
    "runtime",
    "simulator",
  ]) {
    it(room, () => {
      expect(cycles(under(room))).toEqual([]);
    });
  }

  it("the cycle finder finds a cycle where there is one", () => {
    const file = (path: string, ...imports: string[]): SourceFile => ({
      path,
      imports,
      packages: [],
    });
    expect(
      cycles([
        file("r/a.ts", "r/b.ts"),
        file("r/b.ts", "r/c.ts"),
        file("r/c.ts", "r/a.ts"),
        file("r/d.ts", "r/a.ts"),
        file("r/e.ts", "r/e.ts"),
      ]),
    ).toEqual([["r/a.ts", "r/b.ts", "r/c.ts"], ["r/e.ts"]]);
  });
});

describe("the runtime copied into a package", () => {
  it("every relative import of every copied file lands on a file of the package", () => {
    const files = runtimeFiles(() => "");
    const paths = new Set(files.map((file) => file.path));
    const broken: string[] = [];
    let checked = 0;
    for (const file of files) {
      const { importedFiles } = ts.preProcessFile(file.content, true, true);
      for (const { fileName } of importedFiles) {
        if (!fileName.startsWith(".")) continue;
        checked++;
        const target = posix
          .join(posix.dirname(file.path), fileName)
          .replace(
            /\.js$/,
            file.path.endsWith(".ts") && !file.path.endsWith(".d.ts")
              ? ".ts"
              : ".js",
          );
        if (!paths.has(target)) broken.push(`${file.path} -> ${fileName}`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(900);
  });
});
