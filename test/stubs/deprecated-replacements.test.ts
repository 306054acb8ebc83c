/**
 * Deprecated stubs name what vCD recommends instead, or why they stay. The deprecated operations
 * are read from the 36.0 operations document itself (JSON.parse, not the generator), the sentences
 * from our facts file (schemas/vcd-api.operations.json, `deprecated`); the stubs' TSDoc is what the
 * generator emits for the 36.0 set.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readOperationOverrides } from "../../generator/config/operation-overrides.js";
import { GeneratorError } from "../../generator/diagnostics.js";
import { emitPackage } from "../../generator/emit/emit-package.js";
import { buildModel } from "../../generator/pipeline.js";
import {
  PROJECT_ROOT,
  VCD_API_36_DIR,
  vcdModelOptions,
} from "../helpers/vcd-inputs.js";

const BARE = "@deprecated The operations document marks it deprecated.";
const FACTS = join(PROJECT_ROOT, "schemas/vcd-api.operations.json");

/** `METHOD /path` of every operation the 36.0 document marks deprecated. */
function deprecatedIn36(): string[] {
  const doc = JSON.parse(
    readFileSync(join(VCD_API_36_DIR, "operations/36.0.openapi.json"), "utf8"),
  ) as { paths: Record<string, Record<string, { deprecated?: boolean }>> };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(
        ([method, op]) =>
          ["get", "put", "post", "delete"].includes(method) &&
          op.deprecated === true,
      )
      .map(([method]) => `${method.toUpperCase()} ${path}`),
  );
}

/** Operation id -> the replacement sentence our facts file gives it. */
function factsByOperation(): Map<string, string> {
  const json = JSON.parse(readFileSync(FACTS, "utf8")) as {
    deprecated: { operations: string[]; replacement: string }[];
  };
  return new Map(
    json.deprecated.flatMap((group) =>
      group.operations.map((id) => [id, group.replacement] as const),
    ),
  );
}

/** Each stub's TSDoc in the emitted api modules, by the `METHOD /path` line it opens with. */
function stubDocs(apiVersion: string, inputDir?: string): Map<string, string> {
  const options = vcdModelOptions(apiVersion);
  const { model } = buildModel(inputDir ? { ...options, inputDir } : options);
  const files = emitPackage(model, { generatorVersion: "0.0.0", name: "t" });
  const docs = new Map<string, string>();
  for (const file of files.filter((f) => /^src\/api\/\w+\.ts$/.test(f.path)))
    for (const [, doc, id] of file.content.matchAll(
      /\/\*\*\n( \* `((?:GET|PUT|POST|DELETE) \S+)`\n[\s\S]*?) \*\/\nexport function/g,
    ))
      docs.set(id!, doc!);
  return docs;
}

/** The stub's `@deprecated` line, without the ` * ` before it. */
function deprecatedLine(doc: string | undefined): string | undefined {
  return doc
    ?.split("\n")
    .find((line) => line.startsWith(" * @deprecated"))
    ?.slice(3);
}

describe("deprecated stubs name their replacement", () => {
  let docs: Map<string, string>;
  beforeAll(() => {
    docs = stubDocs("36.0", VCD_API_36_DIR);
  }, 60_000);

  it("every operation the 36.0 document deprecates says what instead, or why it stays, as our facts give it", () => {
    const deprecated = deprecatedIn36();
    const facts = factsByOperation();
    expect(deprecated.length).toBeGreaterThan(60);
    for (const id of deprecated) {
      const line = deprecatedLine(docs.get(id));
      expect(line, id).toBeDefined();
      expect(line, id).not.toBe(BARE);
      expect(facts.get(id), id).toMatch(/^(Instead|It stays)\b/);
      expect(line, id).toBe(`${BARE} ${facts.get(id)}`);
    }
    const bare = [...docs].filter(([, doc]) => deprecatedLine(doc) === BARE);
    expect(bare.map(([id]) => id)).toEqual([]);
  });

  it("getOrg and getOrgById stay (vCD names no replacement before 37.0); createSessions points at the cloudapi login", () => {
    const getOrg = deprecatedLine(docs.get("GET /org"));
    expect(getOrg).toContain("It stays: vCD deprecated it in 36.0");
    expect(getOrg).toContain("names no replacement");
    expect(getOrg).toContain("`/cloudapi/1.0.0/orgs` needs 37.0");
    expect(getOrg).toContain("`GET /query?type=organization`");
    const getOrgById = deprecatedLine(docs.get("GET /org/{id}"));
    expect(getOrgById).toContain("It stays: vCD deprecated it in 36.0");
    expect(getOrgById).toContain("`/cloudapi/1.0.0/orgs/{id}` needs 37.0");
    const sessions = deprecatedLine(docs.get("POST /sessions"));
    expect(sessions).toContain("Instead: `POST /cloudapi/1.0.0/sessions`");
    expect(sessions).toContain("`POST /cloudapi/1.0.0/sessions/provider`");
    expect(sessions).toContain("vCD removed it in 37.0");
  });

  it("the stubs named in Hello vCloud carry those lines", () => {
    const user = emitPackage(
      buildModel({ ...vcdModelOptions("36.0"), inputDir: VCD_API_36_DIR })
        .model,
      { generatorVersion: "0.0.0", name: "t" },
    ).find((f) => f.path === "src/api/user.ts")!.content;
    for (const [name, id] of [
      ["getOrg", "GET /org"],
      ["getOrgById", "GET /org/{id}"],
      ["createSessions", "POST /sessions"],
    ] as const) {
      const at = user.indexOf(`\nexport function ${name}(`);
      expect(at, name).toBeGreaterThan(0);
      const doc = user.slice(user.lastIndexOf("/**", at), at);
      expect(doc, name).toContain(`\`${id}\``);
      expect(deprecatedLine(doc), name).toBe(
        `${BARE} ${factsByOperation().get(id)}`,
      );
    }
  }, 60_000);

  it("an operation its version's document does not deprecate carries no replacement (GET /org at 30.0, deprecated from 36.0)", () => {
    const at = (apiVersion: string, inputDir: string | undefined) =>
      buildModel(
        inputDir
          ? { ...vcdModelOptions(apiVersion), inputDir }
          : vcdModelOptions(apiVersion),
      ).model.operations.find((op) => op.id === "GET /org")!;
    const old = at("30.0", undefined);
    expect(old.deprecated).toBe(false);
    expect(old.replacement).toBeUndefined();
    const now = at("36.0", VCD_API_36_DIR);
    expect(now.deprecated).toBe(true);
    expect(now.replacement).toBe(factsByOperation().get("GET /org"));
  }, 60_000);
});

describe("the deprecated facts' reader", () => {
  const read = (json: unknown) => () =>
    readOperationOverrides("facts.json", new Map(), () =>
      JSON.stringify(json, null, 2),
    );

  it("gives each listed operation its group's sentence and evidence", () => {
    const overrides = read({
      operations: {},
      deprecated: [
        {
          operations: ["GET /a", "PUT /a"],
          replacement: "Instead: `GET /b`.",
          evidence: "the reference",
        },
      ],
    })();
    expect(overrides.map((o) => [o.id, o.replacement, o.evidence])).toEqual([
      ["GET /a", "Instead: `GET /b`.", "the reference"],
      ["PUT /a", "Instead: `GET /b`.", "the reference"],
    ]);
  });

  it("refuses a group without evidence, a bad id or an operation in two groups, naming file, line and path", () => {
    const group = {
      operations: ["GET /a"],
      replacement: "It stays.",
      evidence: "e",
    };
    for (const [json, message, path] of [
      [
        { operations: {}, deprecated: [{ ...group, evidence: "" }] },
        /must give its evidence/,
        "deprecated[0].evidence",
      ],
      [
        { operations: {}, deprecated: [{ ...group, operations: ["GET a"] }] },
        /must be an operation id/,
        "deprecated[0].operations[0]",
      ],
      [
        { operations: {}, deprecated: [group, group] },
        /GET \/a is in two deprecated groups/,
        "deprecated[1].operations[0]",
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
      expect(text).toMatch(/^facts\.json:\d+:\d+: /);
      expect(text).toContain(`${path}: `);
    }
  });
});
