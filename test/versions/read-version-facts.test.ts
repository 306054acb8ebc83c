/**
 * The reader of the version facts derives, from the release a change first shows in (`changedIn`),
 * the versions each shape holds from for reading (`since`) and sending (`sendSince`), by the policy
 * of the facts file; it refuses a fact whose sending side the descriptors cannot say, naming its
 * JSON path.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readVersionFacts } from "../../generator/config/version-facts.js";
import { GeneratorError } from "../../generator/diagnostics.js";
import { writeTree } from "../helpers/inline-schema.js";

const RELEASES = ["30.0", "32.0", "33.0", "35.2", "36.0"];

function read(facts: unknown[], releases: unknown = RELEASES) {
  const dir = writeTree({
    "facts.json": JSON.stringify({ releases, facts }, null, 2),
  });
  return readVersionFacts(join(dir, "facts.json"));
}

function refusal(facts: unknown[], releases?: unknown): GeneratorError {
  try {
    read(facts, releases);
  } catch (error) {
    if (error instanceof GeneratorError) return error;
    throw error;
  }
  throw new Error("not refused");
}

const optional = (path: string, changedIn: string) => ({
  change: "changed",
  subject: "property",
  path,
  aspect: "minOccurs",
  from: "1",
  to: "0",
  changedIn,
});

describe("the versions a fact holds from", () => {
  it("a widening: for reading from the first version after the older release, for sending from the newer one", () => {
    const [between, adjacent, last] = read([
      optional("t:A/t:x", "35.2"),
      optional("t:A/t:y", "33.0"),
      { change: "added", subject: "element", path: "t:E", changedIn: "36.0" },
    ]);
    expect(between).toMatchObject({ since: "34.0", sendSince: "35.2" });
    expect(adjacent).toMatchObject({ since: "33.0", sendSince: "33.0" });
    expect(last).toMatchObject({ since: "36.0", sendSince: "36.0" });
  });

  it("a narrowing: for reading from the newer release, for sending from the first version after the older one", () => {
    const [removed] = read([
      {
        change: "removed",
        subject: "attribute",
        path: "t:A/@z",
        changedIn: "32.0",
        restore: { type: "xs:int", after: null },
      },
    ]);
    expect(removed).toMatchObject({ since: "32.0", sendSince: "31.0" });
  });

  it("a change that is neither: both from the first version after the older release", () => {
    const [type] = read([
      {
        change: "changed",
        subject: "attribute",
        path: "t:A/@n",
        aspect: "type",
        from: "xs:int",
        to: "xs:long",
        changedIn: "32.0",
      },
    ]);
    expect(type).toMatchObject({ since: "31.0", sendSince: "31.0" });
  });

  it("what one release lacks: not read at it, read again from the version after it, not sent from the version after the release before it until the release after it", () => {
    const [missing] = read([
      { change: "missing", subject: "type", path: "t:T", missingIn: "33.0" },
    ]);
    expect(missing).toMatchObject({
      since: "33.0",
      backIn: "34.0",
      sendSince: "33.0",
      sendBackIn: "35.2",
    });
    const [gap] = read([
      { change: "missing", subject: "element", path: "t:E", missingIn: "35.2" },
    ]);
    expect(gap).toMatchObject({
      since: "35.2",
      backIn: "36.0",
      sendSince: "34.0",
      sendBackIn: "36.0",
    });
  });

  it("a written `since` holds for both, whatever `changedIn` says", () => {
    const [fact] = read([
      { ...optional("t:A/t:x", "35.2"), since: "35.0", note: "evidence" },
    ]);
    expect(fact).toMatchObject({ since: "35.0", sendSince: "35.0" });
  });
});

describe("facts the reader refuses, at their JSON path", () => {
  it("a change between releases whose sending side the descriptors cannot say", () => {
    const narrowed = refusal([
      { ...optional("t:A/t:x", "35.2"), from: "0", to: "1" },
    ]);
    expect(narrowed.objectPath).toBe("facts[0].changedIn");
    expect(narrowed.message).toMatch(/write `since` with a note instead/);
    const grown = refusal([
      {
        ...optional("t:A/t:x", "32.0"),
        aspect: "maxOccurs",
        from: "1",
        to: "unbounded",
      },
    ]);
    expect(grown.objectPath).toBe("facts[0].changedIn");
    const fromTwo = refusal([{ ...optional("t:A/t:x", "32.0"), from: "2" }]);
    expect(fromTwo.objectPath).toBe("facts[0].changedIn");
    // Between adjacent releases (no version between), the same change is fine.
    expect(read([{ ...optional("t:A/t:x", "33.0"), from: "2" }])).toHaveLength(
      1,
    );
  });

  it("a property one release lacks, a release that is not one, releases out of order", () => {
    expect(
      refusal([
        {
          change: "missing",
          subject: "property",
          path: "t:A/t:x",
          missingIn: "35.2",
        },
      ]).objectPath,
    ).toBe("facts[0].subject");
    expect(refusal([optional("t:A/t:x", "34.0")]).objectPath).toBe(
      "facts[0].changedIn",
    );
    expect(refusal([optional("t:A/t:x", "30.0")]).objectPath).toBe(
      "facts[0].changedIn",
    );
    expect(refusal([], ["30.0", "33.0", "32.0"]).objectPath).toBe("releases");
    expect(
      refusal([
        { change: "missing", subject: "type", path: "t:T", missingIn: "36.0" },
      ]).objectPath,
    ).toBe("facts[0].missingIn");
  });
});
