/**
 * The stubs' query parameters typed by what vCD takes in them (schemas/vcd-api.query-parameters.json,
 * each with its evidence), not by the operations documents' "string": `force` and `recursive` are
 * booleans, `page`, `pageSize` and `offset` numbers, `format` one of its words; every parameter the
 * documents 27.0 to 36.0 name has a fact; a program over the generated declarations compiles what
 * vCD takes and refuses the rest; the facts file's errors name their place.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readQueryParameterFacts } from "../../generator/config/query-parameter-facts.js";
import { GeneratorError } from "../../generator/diagnostics.js";
import { writeTree } from "../helpers/inline-schema.js";
import { VCD_API_36_DIR } from "../helpers/vcd-inputs.js";
import { runTsc } from "../helpers/tsc.js";

/** Every query parameter name of every operations document (read here with JSON.parse). */
function documentedNames(): Set<string> {
  const dir = join(VCD_API_36_DIR, "operations");
  const names = new Set<string>();
  for (const file of readdirSync(dir).filter((f) =>
    f.endsWith(".openapi.json"),
  )) {
    const json = JSON.parse(readFileSync(join(dir, file), "utf8")) as {
      paths: Record<
        string,
        Record<string, { parameters?: { in: string; name: string }[] }>
      >;
    };
    for (const item of Object.values(json.paths))
      for (const op of Object.values(item))
        for (const p of (Array.isArray(op) ? op : op.parameters) ?? [])
          if ((p as { in: string }).in === "query")
            names.add((p as { name: string }).name);
  }
  return names;
}

describe("query parameters typed by what vCD takes", () => {
  it("every parameter the operations documents name has a fact with its evidence", () => {
    const facts = readQueryParameterFacts();
    const names = documentedNames();
    expect(names.size).toBeGreaterThan(5);
    for (const name of names) expect(facts.has(name), name).toBe(true);
    expect(facts.get("force")).toEqual({ kind: "boolean" });
    expect(facts.get("pageSize")).toEqual({ kind: "integer" });
    expect(facts.get("format")).toEqual({
      kind: "enumeration",
      values: ["records", "idrecords", "references"],
    });
  });

  let dir: string;
  beforeAll(() => {
    dir = writeTree({
      "tsconfig.json": JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ["check.ts"],
      }),
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a program over the generated declarations: what vCD takes compiles, the rest is an error", () => {
    const api = JSON.stringify(
      resolve(inject("generatedDir"), "30.0/dist/api/index.js"),
    );
    const index = JSON.stringify(
      resolve(inject("generatedDir"), "30.0/dist/index.js"),
    );
    writeFileSync(
      join(dir, "check.ts"),
      `import { deleteVApp, getVAppsQuery, type DeleteVAppQuery, type GetVAppsQueryQuery } from ${api};
import type { VcdClient } from ${index};
declare const client: VcdClient;
export async function check(): Promise<unknown> {
  const remove: DeleteVAppQuery = { force: true, recursive: false };
  await deleteVApp(client, { id: "vapp-1" }, { query: remove });
  const page: GetVAppsQueryQuery = { page: 2, pageSize: 128, offset: 0, format: "idrecords", links: true };
  await getVAppsQuery(client, {}, { query: { page: 1, pageSize: 25 } });
  // @ts-expect-error force is a boolean, not the word
  const word: DeleteVAppQuery = { force: "true" };
  // @ts-expect-error pageSize is a number
  const text: GetVAppsQueryQuery = { pageSize: "25" };
  // @ts-expect-error format is one of records, idrecords, references
  const other: GetVAppsQueryQuery = { format: "json" };
  return [remove, page, word, text, other];
}
`,
    );
    const tsc = runTsc(dir);
    expect(tsc.output).toBe("");
    expect(tsc.status).toBe(0);
  }, 150_000);

  it("the facts file's errors name their place", () => {
    const bad = join(dir, "facts.json");
    writeFileSync(
      bad,
      JSON.stringify(
        { parameters: { page: { kind: "number", evidence: "x" } } },
        null,
        2,
      ),
    );
    expect(() => readQueryParameterFacts(bad)).toThrow(GeneratorError);
    expect(() => readQueryParameterFacts(bad)).toThrow(
      /must be one of string, integer, boolean, enumeration/,
    );
    writeFileSync(
      bad,
      JSON.stringify({ parameters: { page: { kind: "integer" } } }),
    );
    expect(() => readQueryParameterFacts(bad)).toThrow(
      /must give its evidence/,
    );
  });
});
