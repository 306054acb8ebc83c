/**
 * The proof that version filtering is right: the 36.0 set filtered at 30.0, with our version facts
 * applied, has the 30.0 set's model (types, properties in order, cardinalities, enumerations,
 * facets, attributes, elements, media types, operations); the facts leave the 30.0 set as it is.
 */
import { describe, expect, it } from "vitest";
import { readSchemaSetConfig } from "../../generator/config/schema-set-config.js";
import { compareModels } from "../../generator/diff/compare-models.js";
import { formatChange } from "../../generator/diff/report.js";
import { readVersionFacts } from "../../generator/config/version-facts.js";
import type { Annotations, Model, Particle } from "../../generator/model/ir.js";
import { buildModel } from "../../generator/pipeline.js";
import { VCD_API_36_DIR, VCD_API_DIR } from "../helpers/vcd-inputs.js";

/** Differences that remain, each with its reason. The test fails when one is no longer there. */
const KNOWN_DIFFERENCES: readonly {
  readonly change: string;
  readonly reason: string;
}[] = [];

const build = (inputDir: string, apiVersion: string): Model =>
  buildModel({
    inputDir,
    apiVersion,
    schemaSet: readSchemaSetConfig(),
    nameOverrides: new Map(),
    operationNameOverrides: new Map(),
  }).model;

describe("the 36.0 set at 30.0 against the 30.0 set", () => {
  const old = build(VCD_API_DIR, "30.0");
  const at30 = build(VCD_API_36_DIR, "30.0");
  const lines = compareModels(old, at30).changes.map(formatChange);

  it("differs only by the known differences", () => {
    expect(lines).toEqual(KNOWN_DIFFERENCES.map((d) => d.change));
  });

  it("has the same types, elements and operations", () => {
    expect(at30.types.map((t) => t.id)).toEqual(old.types.map((t) => t.id));
    expect(at30.elements.map((e) => e.id)).toEqual(
      old.elements.map((e) => e.id),
    );
    expect(at30.operations.map((o) => o.id)).toEqual(
      old.operations.map((o) => o.id),
    );
  });
});

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
    const restored = facts.filter(
      (f) => f.change === "removed" && f.since !== "36.0",
    );
    // Only the five AllocationVapp properties (moved into a 35.0 base) hold before 36.0.
    expect(restored.map((f) => f.path.split("/")[0])).toEqual(
      Array(5).fill("vcloud:AllocationVappVdcTemplateSpecificationType"),
    );
    const user = at36.types.find(
      (t) => t.id === "{http://www.vmware.com/vcloud/v1.5}UserType",
    );
    expect(JSON.stringify(user)).not.toContain("AlertEmail");
  });
});
