/**
 * Between two public releases a client sends only what both allow (see
 * schemas/vcd-api.version-facts.json): a particle or attribute with `requiredBelow` is required when
 * checked or written below that version though optional, and one with `removedIn` is refused from
 * that version on; a type or element with a `gap` (one release between two that have it lacked it)
 * is refused in the gap; without a version (the package's own) none applies. Reading is not affected.
 */
import { describe, expect, it } from "vitest";
import {
  readDocument,
  validateDocument,
  writeDocument,
  type SchemaData,
} from "../../../runtime/xml/index.js";

const NS = "urn:send";
const DATA: SchemaData = {
  namespaces: [["s", NS]],
  types: {
    "s:SettingsType": {
      kind: "complex",
      content: {
        group: "sequence",
        items: [
          { element: "s:Name", prop: "Name", type: "xs:string" },
          // Required in the older release, optional from 35.2: required when sent below 35.2.
          {
            element: "s:SyncStart",
            prop: "SyncStart",
            type: "xs:string",
            min: 0,
            requiredBelow: 35.2,
          },
          // Removed in the newer release (32.0): not to be sent from 31.0.
          {
            element: "s:Overhead",
            prop: "Overhead",
            type: "xs:int",
            min: 0,
            removedIn: 31,
          },
        ],
      },
      attributes: [
        { name: "size", prop: "size", type: "xs:long", requiredBelow: 33 },
        { name: "legacy", prop: "legacy", type: "xs:string", removedIn: 31 },
      ],
    },
    "s:HolderType": {
      kind: "complex",
      content: {
        group: "sequence",
        items: [
          {
            element: "s:Item",
            prop: "Item",
            type: "s:ItemType",
            min: 0,
            ref: true,
          },
        ],
      },
    },
    "s:ItemType": {
      kind: "complex",
      attributes: [{ name: "n", prop: "n", type: "xs:int" }],
    },
    "s:NewItemType": { kind: "complex", base: "s:ItemType", gap: [34, 36] },
    "s:LicensingType": {
      kind: "complex",
      attributes: [{ name: "count", prop: "count", type: "xs:int" }],
      gap: [34, 36],
    },
  },
  elements: {
    "s:Settings": { type: "s:SettingsType" },
    "s:Licensing": { type: "s:LicensingType", gap: [34, 36] },
    "s:Holder": { type: "s:HolderType" },
    "s:Item": { type: "s:ItemType", substitutes: ["s:NewItem"] },
    "s:NewItem": { type: "s:ItemType", gap: [34, 36] },
  },
};

const doc = (value: Record<string, unknown>) => ({
  element: "s:Settings",
  value: { Name: "n", ...value },
});
const messages = (value: Record<string, unknown>, apiVersion?: string) =>
  validateDocument(DATA, doc(value), apiVersion ? { apiVersion } : {}).map(
    (v) => v.message,
  );

describe("what a client may send between two releases", () => {
  it("requires what became optional when checked below the version it became optional in", () => {
    expect(messages({}, "32.0")).toEqual([
      "Settings.size: required: expected attribute size",
      "Settings.SyncStart: required: expected element s:SyncStart",
    ]);
    expect(messages({}, "34.0")).toEqual([
      "Settings.SyncStart: required: expected element s:SyncStart",
    ]);
    expect(messages({}, "35.2")).toEqual([]);
    expect(messages({})).toEqual([]);
  });

  it("refuses what was removed from the version it may no longer be sent at", () => {
    const removed = { size: "1", SyncStart: "x", Overhead: 5, legacy: "l" };
    expect(messages(removed, "30.0")).toEqual([]);
    expect(messages(removed, "31.0")).toEqual([
      "Settings.legacy: version: not sent from 31.0 (removed)",
      "Settings.Overhead: version: not sent from 31.0 (removed)",
    ]);
    expect(messages(removed)).toEqual([]);
  });

  it("toXml at a version refuses a removed property, and leaves it out when told to omit what that version lacks", () => {
    const value = doc({ SyncStart: "x", size: "1", Overhead: 5 });
    expect(() => writeDocument(DATA, value, { apiVersion: "31.0" })).toThrow(
      /Settings\.Overhead: version: not sent from 31\.0 \(removed\)/,
    );
    const xml = writeDocument(DATA, value, {
      apiVersion: "31.0",
      omitNewer: true,
    });
    expect(xml).not.toContain("Overhead");
    expect(writeDocument(DATA, value, { apiVersion: "30.0" })).toContain(
      "<s:Overhead>5</s:Overhead>",
    );
  });

  it("reads what either release has at any version", () => {
    const xml = `<s:Settings xmlns:s="${NS}" legacy="l"><s:Name>n</s:Name><s:Overhead>5</s:Overhead></s:Settings>`;
    expect(readDocument(DATA, xml).value).toMatchObject({
      legacy: "l",
      Overhead: 5,
    });
  });
});

describe("what one release between two others lacked", () => {
  const licensing = { element: "s:Licensing", value: { count: 1 } };
  const at = (apiVersion?: string) =>
    validateDocument(DATA, licensing, apiVersion ? { apiVersion } : {}).map(
      (v) => v.message,
    );

  it("is refused as a root element in the gap, and accepted on both sides of it", () => {
    expect(at("33.0")).toEqual([]);
    expect(at("34.0")).toEqual([
      "Licensing: version: not sent from 34.0 until 36.0 (a release between lacks it)",
    ]);
    expect(at("35.2")).toEqual(at("34.0"));
    expect(at("36.0")).toEqual([]);
    expect(at()).toEqual([]);
    expect(() =>
      writeDocument(DATA, licensing, { apiVersion: "35.0" }),
    ).toThrow(/not sent from 34\.0 until 36\.0/);
    expect(writeDocument(DATA, licensing, { apiVersion: "36.0" })).toContain(
      'count="1"',
    );
  });
});

describe("in the gap, a $type and a substitution group member too", () => {
  const holder = (item: Record<string, unknown>) => ({
    element: "s:Holder",
    value: { Item: { n: 1, ...item } },
  });
  const at = (item: Record<string, unknown>, apiVersion: string) =>
    validateDocument(DATA, holder(item), { apiVersion }).map((v) => v.message);

  it("refuses them in the gap, and writes without them when told to omit what the version lacks", () => {
    expect(at({ $type: "s:NewItemType" }, "35.0")).toEqual([
      "Holder.Item.$type: version: not sent from 34.0 until 36.0 (a release between lacks it)",
    ]);
    expect(at({ $element: "s:NewItem" }, "35.0")).toEqual([
      "Holder.Item.$element: version: not sent from 34.0 until 36.0 (a release between lacks it)",
    ]);
    expect(at({ $type: "s:NewItemType" }, "36.0")).toEqual([]);
    expect(at({ $element: "s:NewItem" }, "33.0")).toEqual([]);
    const typed = writeDocument(DATA, holder({ $type: "s:NewItemType" }), {
      apiVersion: "35.0",
      omitNewer: true,
    });
    expect(typed).not.toContain("xsi:type");
    expect(() =>
      writeDocument(DATA, holder({ $element: "s:NewItem" }), {
        apiVersion: "35.0",
      }),
    ).toThrow(/Holder\.Item\.\$element: version: not sent from 34\.0/);
  });
});

describe("toXml and what a client must still send", () => {
  it("refuses, at a version below requiredBelow, a document without it, strict or not", () => {
    expect(() =>
      writeDocument(DATA, doc({ size: "1" }), { apiVersion: "34.0" }),
    ).toThrow(/Settings\.SyncStart: required: expected element s:SyncStart/);
    expect(
      writeDocument(DATA, doc({ size: "1" }), { apiVersion: "35.2" }),
    ).toContain("<s:Name>n</s:Name>");
  });
});

describe("without a version", () => {
  it("checks nothing by version: everything the package has may be written", () => {
    const licensing = { element: "s:Licensing", value: { count: 1 } };
    expect(validateDocument(DATA, licensing)).toEqual([]);
    expect(writeDocument(DATA, doc({}))).toContain("<s:Name>n</s:Name>");
  });
});
