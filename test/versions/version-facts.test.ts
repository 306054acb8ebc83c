/**
 * The proof that version filtering is right: the 36.0 set filtered at each older public release
 * (30.0, 32.0, 33.0, 35.2), with our version facts applied, has that release's own model (types,
 * properties in order, cardinalities, enumerations, facets, attributes, elements, media types,
 * operations); the facts leave the 30.0 set as it is. Between releases, the model is the union of
 * the releases on either side, and the sending side is what both allow.
 */
import { describe, expect, it } from "vitest";
import { readSchemaSetConfig } from "../../generator/config/schema-set-config.js";
import { compareModels } from "../../generator/diff/compare-models.js";
import { viewOf } from "../../generator/diff/model-view.js";
import { formatChange } from "../../generator/diff/report.js";
import { readVersionFacts } from "../../generator/config/version-facts.js";
import type { Annotations, Model, Particle } from "../../generator/model/ir.js";
import { buildModel } from "../../generator/pipeline.js";
import {
  VCD_API_36_DIR,
  VCD_API_DIR,
  VCD_RELEASE_DIRS,
} from "../helpers/vcd-inputs.js";

/** Differences that remain, each with its reason. The test fails when one is no longer there. */
const KNOWN_DIFFERENCES: readonly {
  readonly change: string;
  readonly reason: string;
}[] = [];

/** Each model is built once per file (the tests only read them). */
const built = new Map<string, Model>();
const build = (inputDir: string, apiVersion: string): Model => {
  const key = `${inputDir}@${apiVersion}`;
  let model = built.get(key);
  if (!model) {
    model = buildModel({
      inputDir,
      apiVersion,
      schemaSet: readSchemaSetConfig(),
      nameOverrides: new Map(),
      operationNameOverrides: new Map(),
    }).model;
    built.set(key, model);
  }
  return model;
};

describe.each(["30.0", "32.0", "33.0", "35.2"])(
  "the 36.0 set at %s against that release's own set",
  (release) => {
    const old = build(VCD_RELEASE_DIRS[release], release);
    const at = build(VCD_API_36_DIR, release);
    const lines = compareModels(old, at).changes.map(formatChange);

    it("differs only by the known differences", () => {
      expect(lines).toEqual(KNOWN_DIFFERENCES.map((d) => d.change));
    });

    it("has the same types, elements and operations at that version", () => {
      // What the 36.0 set's package keeps for older servers only (operations a newer document
      // dropped, and the types only they name) is not part of the API at the release's version.
      const [a, b] = [viewOf(old), viewOf(at)];
      expect([...b.types.keys()]).toEqual([...a.types.keys()]);
      expect([...b.elements.keys()]).toEqual([...a.elements.keys()]);
      expect([...b.operations.keys()]).toEqual([...a.operations.keys()]);
    });
  },
);

describe("the version facts", () => {
  const facts = readVersionFacts();
  const all36 = build(VCD_API_36_DIR, "all");
  const at36 = build(VCD_API_36_DIR, "36.0");

  it("leave the 30.0 set as it is, and restore the older shape of the 36.0 set below a fact's version only", () => {
    const all30 = build(VCD_API_DIR, "all");
    const session = (m: Model) =>
      m.types.find(
        (t) => t.id === "{http://www.vmware.com/vcloud/v1.5}SessionType",
      );
    const required = (m: Model) => {
      const type = session(m);
      const p =
        type?.kind === "complex"
          ? type.particle?.particles.find(
              (x) =>
                x.kind === "element" && x.name.endsWith("}AuthorizedLocations"),
            )
          : undefined;
      return p?.minOccurs;
    };
    expect(required(all30)).toBe(1);
    expect(required(build(VCD_API_36_DIR, "30.0"))).toBe(1);
    expect(required(at36)).toBe(0);
  });

  it("are each in force in the model of every version (added-in, removed-in, corrected added-in)", () => {
    const types = new Map(all36.types.map((t) => [t.id, t]));
    const prefix = new Map(all36.namespaces.map((n) => [n.prefix, n.uri]));
    const clark = (name: string) => {
      const [p, local] = name.includes(":") ? name.split(":") : ["", name];
      return p ? `{${prefix.get(p)}}${local}` : `{}${local}`;
    };
    const missing: string[] = [];
    for (const fact of facts) {
      // A component one release lacks is removed in that release's model only (the diffs above).
      if (fact.change === "missing") continue;
      if (fact.change === "changed" && fact.aspect !== "addedIn") continue;
      const slash = fact.path.lastIndexOf("/");
      const owner =
        fact.subject === "type" || fact.subject === "element"
          ? fact.path
          : fact.path.slice(0, slash);
      let annotations;
      if (fact.subject === "element")
        annotations = all36.elements.find(
          (e) => e.id === clark(owner),
        )?.annotations;
      else {
        const type = types.get(clark(owner));
        if (fact.subject === "type") annotations = type?.annotations;
        else if (type?.kind === "complex" && fact.subject === "attribute")
          annotations = type.attributes.find(
            (a) => a.name === clark(fact.path.slice(slash + 2)),
          )?.annotations;
        else if (type?.kind === "complex") {
          const name = clark(fact.path.slice(slash + 1));
          const walk = (ps: readonly Particle[]): Annotations | undefined =>
            ps
              .map((p) =>
                p.kind === "element"
                  ? p.name === name
                    ? p.annotations
                    : undefined
                  : p.kind === "any"
                    ? undefined
                    : walk(p.particles),
              )
              .find(Boolean);
          annotations = walk(type.particle?.particles ?? []);
        }
      }
      const want =
        fact.change === "added"
          ? annotations?.addedIn === fact.since
          : fact.change === "removed"
            ? annotations?.removedIn === fact.since
            : (annotations?.addedIn ?? "-") === fact.from;
      if (!want) missing.push(`${fact.change} ${fact.path}`);
    }
    expect(missing).toEqual([]);
  });

  it("change nothing at 36.0 but what was removed without removed-in", () => {
    const removed = facts.filter((f) => f.change === "removed");
    // What 36.0 lacks was removed at 32.0 (the 32.0 release lacks it), but for the five
    // AllocationVapp properties, moved into a 35.0 base.
    expect(
      removed
        .filter((f) => f.since !== "32.0")
        .map((f) => f.path.split("/")[0]),
    ).toEqual(
      Array(5).fill("vcloud:AllocationVappVdcTemplateSpecificationType"),
    );
    const user = at36.types.find(
      (t) => t.id === "{http://www.vmware.com/vcloud/v1.5}UserType",
    );
    expect(JSON.stringify(user)).not.toContain("AlertEmail");
  });
});

describe("between two releases", () => {
  const facts = readVersionFacts();
  const fact = (path: string) => facts.find((f) => f.path === path)!;
  const typeOf = (m: Model, local: string) =>
    m.types.find((t) => t.id === `{http://www.vmware.com/vcloud/v1.5}${local}`);
  const attributeOf = (m: Model, type: string, name: string) => {
    const t = typeOf(m, type);
    return t?.kind === "complex"
      ? t.attributes.find((a) => a.name === `{}${name}`)
      : undefined;
  };

  it("a widening holds for reading from the first version after the older release, for sending from the newer release", () => {
    // The 33.0 release lacks QueryResultVAppRecordType/@description, the 35.2 release has it.
    const description = fact("vcloud:QueryResultVAppRecordType/@description");
    expect(description).toMatchObject({
      changedIn: "35.2",
      since: "34.0",
      sendSince: "35.2",
    });
    expect(
      attributeOf(
        build(VCD_API_36_DIR, "33.0"),
        "QueryResultVAppRecordType",
        "description",
      ),
    ).toBeUndefined();
    const at34 = attributeOf(
      build(VCD_API_36_DIR, "34.0"),
      "QueryResultVAppRecordType",
      "description",
    );
    expect(at34?.annotations).toMatchObject({
      addedIn: "34.0",
      sendAddedIn: "35.2",
    });
  });

  it("a property that became optional between releases is optional for reading and required for sending below the newer release", () => {
    // DiskType/@size: required in the 30.0 and 32.0 releases, optional from 33.0 (no version between).
    const size = fact("vcloud:DiskType/@size");
    expect(size).toMatchObject({ since: "33.0", sendSince: "33.0" });
    const sync = fact("vmext:GeneralSettingsType/vmext:SyncStartDate");
    expect(sync).toMatchObject({
      changedIn: "35.2",
      since: "34.0",
      sendSince: "35.2",
    });
    const general = build(VCD_API_36_DIR, "34.0").types.find(
      (t) =>
        t.id ===
        "{http://www.vmware.com/vcloud/extension/v1.5}GeneralSettingsType",
    );
    const particle =
      general?.kind === "complex"
        ? general.particle?.particles.find(
            (p) => p.kind === "element" && p.name.endsWith("}SyncStartDate"),
          )
        : undefined;
    expect(particle).toMatchObject({
      minOccurs: 0,
      annotations: { requiredBelow: "35.2" },
    });
  });

  it("a narrowing holds for reading from the newer release, for sending from the first version after the older one", () => {
    const removed = fact(
      "vcloud:QueryResultAdminVdcRecordType/@cpuOverheadMhz",
    );
    expect(removed).toMatchObject({
      changedIn: "32.0",
      since: "32.0",
      sendSince: "31.0",
    });
    expect(
      attributeOf(
        build(VCD_API_36_DIR, "31.0"),
        "QueryResultAdminVdcRecordType",
        "cpuOverheadMhz",
      )?.annotations,
    ).toMatchObject({ removedIn: "32.0", sendRemovedIn: "31.0" });
    expect(
      attributeOf(
        build(VCD_API_36_DIR, "32.0"),
        "QueryResultAdminVdcRecordType",
        "cpuOverheadMhz",
      ),
    ).toBeUndefined();
  });

  it("what one release lacks is there on both sides of it for reading", () => {
    const cbm = (v: string) =>
      build(VCD_API_36_DIR, v).elements.some((e) => e.id.endsWith("}CbmData"));
    expect([cbm("33.0"), cbm("34.0"), cbm("35.2"), cbm("36.0")]).toEqual([
      true,
      true,
      false,
      true,
    ]);
  });
});
