/**
 * `findLink`'s rel and media type are typed with the package's vocabulary (`LinkRel`, from
 * schemas/vcd-api.link-rels.json; `LinkMediaType`, from its operations): a program over the
 * generated declarations compiles a known rel and media type and an unknown string alike, keeps the
 * link type it answers, and refuses what is no string; the editor offers the known ones.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readLinkRels } from "../../generator/config/link-rels.js";
import { GeneratorError } from "../../generator/diagnostics.js";
import { runTsc } from "../helpers/tsc.js";
import { PROJECT_ROOT } from "../helpers/vcd-inputs.js";

const COMPILER_OPTIONS = {
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
} as const;

/** The rels our facts file lists (read here with JSON.parse, not the generator). */
function factRels(): string[] {
  const json = JSON.parse(
    readFileSync(join(PROJECT_ROOT, "schemas/vcd-api.link-rels.json"), "utf8"),
  ) as { groups: { rels: string[] }[] };
  return json.groups.flatMap((g) => g.rels);
}

describe("findLink typed by the package's rels and media types", () => {
  let dir: string;
  const index = () => resolve(inject("generatedDir"), "30.0/dist/index.js");
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "vcd-codegen-find-link-"));
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: COMPILER_OPTIONS,
        files: ["check.ts"],
      }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a known rel and media type compile, an unknown string too; the answer is the link's own type; a number is refused", () => {
    writeFileSync(
      join(dir, "check.ts"),
      `import { findLink, findLinks, type LinkMediaType, type LinkRel, type vcloud } from ${JSON.stringify(index())};
declare const vapp: vcloud.VAppType;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export function check(): unknown {
  const powerOn = findLink(vapp, "power:powerOn");
  const edit = findLink(vapp, "edit", "application/vnd.vmware.vcloud.vApp+xml");
  const other = findLink(vapp, "a:rel-no-list-has", "application/x-other+xml");
  const same: Same<typeof powerOn, vcloud.LinkType | undefined> = true;
  const sameToo: Same<typeof other, vcloud.LinkType | undefined> = true;
  const all: vcloud.LinkType[] = findLinks(vapp, "down");
  const rel: LinkRel = "power:powerOn";
  const media: LinkMediaType = "application/vnd.vmware.vcloud.task+xml";
  // @ts-expect-error a rel the list does not have is no LinkRel
  const notKnown: LinkRel = "a:rel-no-list-has";
  // @ts-expect-error a rel is a string
  findLink(vapp, 42);
  // @ts-expect-error a media type is a string
  findLink(vapp, "edit", 42);
  return [powerOn, edit, other, same, sameToo, all, rel, media, notKnown];
}
`,
    );
    const tsc = runTsc(dir);
    expect(tsc.output).toBe("");
    expect(tsc.status).toBe(0);
  }, 150_000);

  it("the editor offers every rel of the facts file, and the operations' media types", () => {
    const file = join(dir, "complete.ts");
    const head = `import { findLink, type vcloud } from ${JSON.stringify(index())};\ndeclare const vapp: vcloud.VAppType;\n`;
    const relAt = `findLink(vapp, "`;
    const mediaAt = `findLink(vapp, "edit", "`;
    const text = `${head}${relAt}");\n${mediaAt}");\n`;
    writeFileSync(file, text);
    const options = ts.convertCompilerOptionsFromJson(
      COMPILER_OPTIONS,
      dir,
    ).options;
    const service = ts.createLanguageService({
      getCompilationSettings: () => options,
      getScriptFileNames: () => [file],
      getScriptVersion: () => "1",
      getScriptSnapshot: (name) =>
        ts.sys.fileExists(name)
          ? ts.ScriptSnapshot.fromString(ts.sys.readFile(name)!)
          : undefined,
      getCurrentDirectory: () => dir,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    });
    const completions = (at: number) =>
      (service.getCompletionsAtPosition(file, at, {})?.entries ?? []).map(
        (e) => e.name,
      );
    const rels = completions(head.length + relAt.length);
    expect([...rels].sort()).toEqual([...new Set(factRels())].sort());
    const media = completions(text.indexOf(mediaAt) + mediaAt.length);
    expect(media).toContain("application/vnd.vmware.vcloud.vApp+xml");
    expect(media).toContain("application/vnd.vmware.vcloud.task+xml");
    expect(media.every((m) => m.startsWith("application/"))).toBe(true);
    service.dispose();
  }, 150_000);
});

describe("the rels' reader", () => {
  const read = (json: unknown) => () =>
    readLinkRels("rels.json", () => JSON.stringify(json, null, 2));

  it("gives the rels of every group, sorted", () => {
    expect(
      read({
        groups: [
          { rels: ["up", "add"], evidence: "the guide" },
          { rels: ["nextPage"], evidence: "paging" },
        ],
      })(),
    ).toEqual(["add", "nextPage", "up"]);
  });

  it("refuses a group without evidence and a rel listed twice, naming file, line and path", () => {
    for (const [json, message, path] of [
      [
        { groups: [{ rels: ["up"] }] },
        /must give its evidence/,
        "groups[0].evidence",
      ],
      [
        {
          groups: [
            { rels: ["up"], evidence: "a" },
            { rels: ["up"], evidence: "b" },
          ],
        },
        /"up" is listed twice/,
        "groups[1].rels[0]",
      ],
    ] as const) {
      let error: unknown;
      try {
        read(json)();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(GeneratorError);
      const text = (error as GeneratorError).format();
      expect(text).toMatch(message);
      expect(text).toMatch(/^rels\.json:\d+:\d+: /);
      expect(text).toContain(`${path}: `);
    }
  });
});
