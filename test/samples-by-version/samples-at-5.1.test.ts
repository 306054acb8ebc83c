/**
 * The shared samples were written for API 1.5 and 5.1. Generated at 5.1 (from the 36.0 set), the
 * package reads every well-formed one, and `validate` accepts what a 5.1 server legitimately sends:
 * every sample valid at 5.1 and not at 30.0 is listed here with the reason (the list is exact: a
 * test fails if one is missing or no longer applies).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveOptions } from "../../generator/config/options.js";
import { generate } from "../../generator/generate.js";
import {
  importPackage,
  type GeneratedPackage,
} from "../helpers/generated-packages.js";
import {
  PROJECT_ROOT,
  VCD_API_36_DIR,
  VCD_SAMPLES_DIR,
} from "../helpers/vcd-inputs.js";

/** Valid at 5.1 and not at 30.0, with the first violation at 30.0. */
const VALID_AT_51_ONLY: Record<string, string> = {
  "templates/Session.xml":
    "Session.AuthorizedLocations: required: expected element vcloud:AuthorizedLocations",
  "jclouds-labs-vcloud-director/session.xml":
    "Session.AuthorizedLocations: required: expected element vcloud:AuthorizedLocations",
  "libcloud-vcloud_1_5/api_sessions.xml":
    "Session.AuthorizedLocations: required: expected element vcloud:AuthorizedLocations",
};

/**
 * Documents of 5.1 whose root element 30.0 no longer has (REMOVED_VERSION_15_51 is 30.0). Not the
 * RelocateParams samples: its type is removed there by its annotation, yet the 30.0 operations
 * document names it (the relocate actions), so it is live at 30.0.
 */
const GONE_AT_30 = [
  "templates/AdminOrgNetworkRecord.xml",
  "templates/VAppOrgNetworkRelationRecord.xml",
];

interface Entry {
  readonly file: string;
  readonly well_formed: boolean;
}

let work: string;
let at51: GeneratedPackage;
let at30: GeneratedPackage;
let samples: { file: string; xml: string }[];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "vcd-codegen-5.1-"));
  const make = async (apiVersion: string) => {
    const out = join(work, apiVersion);
    generate(
      await resolveOptions(
        { input: VCD_API_36_DIR, out, apiVersion },
        {},
        PROJECT_ROOT,
      ),
      false,
    );
    return importPackage(out);
  };
  at51 = await make("5.1");
  at30 = await make("30.0");
  const index = JSON.parse(
    readFileSync(join(VCD_SAMPLES_DIR, "INDEX.json"), "utf8"),
  ) as Entry[];
  samples = index
    .filter((e) => e.well_formed)
    .map((e) => ({
      file: e.file,
      xml: readFileSync(join(VCD_SAMPLES_DIR, e.file), "utf8"),
    }));
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A document (global root) or, failing that, a fragment (a local root, or one the version lacks). */
function read(
  pkg: GeneratedPackage,
  xml: string,
): { element: string; value: unknown; document: boolean } {
  try {
    return { ...pkg.fromXml(xml), document: true };
  } catch (error) {
    if ((error as Error).name !== "UnknownRootError") throw error;
    return { ...pkg.fromXmlFragment(xml), document: false };
  }
}

describe("the shared samples at API 5.1", () => {
  it("are all read by the 5.1 package", () => {
    expect(samples.length).toBeGreaterThan(330);
    for (const { file, xml } of samples)
      expect(() => read(at51, xml), file).not.toThrow();
  });

  it("what a 5.1 server sends and 30.0 refuses is exactly the list, for the listed reason", () => {
    const only51: Record<string, string> = {};
    const gone: string[] = [];
    for (const { file, xml } of samples) {
      const doc51 = read(at51, xml);
      if (!doc51.document) continue;
      const doc30 = read(at30, xml);
      if (!doc30.document) {
        gone.push(file);
        continue;
      }
      const v51 = at51.validate(doc51);
      const v30 = at30.validate(doc30);
      if (v51.length === 0 && v30.length > 0) only51[file] = v30[0].message;
    }
    expect(only51).toEqual(VALID_AT_51_ONLY);
    expect(gone.sort()).toEqual(GONE_AT_30);
  });

  it("a Session without AuthorizedLocations (added in 29.0) is valid at 5.1 and invalid at 30.0", () => {
    const xml = samples.find(
      (s) => s.file === "libcloud-vcloud_1_5/api_sessions.xml",
    )!.xml;
    expect(xml).not.toContain("AuthorizedLocations");
    expect(at51.validate(at51.fromXml(xml))).toEqual([]);
    expect(at30.validate(at30.fromXml(xml)).map((v) => v.rule)).toEqual([
      "required",
    ]);
  });
});
