/**
 * Operations documents of several versions (27.0, 29.0, 30.0), shaped as the real ones are, on a
 * small inline schema: a type a document names is live at its version; a path renamed by a literal
 * prefix before a parameter (`vm-{id}` -> `{id}`) is one operation, as old as its oldest path;
 * operations the newest document dropped keep their stubs, marked with the version that dropped
 * them; a version older than every document gets the oldest one's operations that it has.
 */
import { describe, expect, it } from "vitest";
import type { Model, Operation } from "../../generator/model/ir.js";
import { buildModel } from "../../generator/pipeline.js";
import {
  TNS,
  schema,
  schemaSetConfig,
  writeTree,
} from "../helpers/inline-schema.js";

const XSD = schema(`
  <xs:complexType name="ThingType">
    <xs:annotation><xs:appinfo><meta:content-type>application/vnd.test.thing</meta:content-type></xs:appinfo></xs:annotation>
    <xs:sequence><xs:element name="Name" type="xs:string"/></xs:sequence>
  </xs:complexType>
  <xs:element name="Thing" type="ThingType"/>
  <xs:complexType name="MoveParamsType">
    <xs:annotation><xs:appinfo><meta:content-type>application/vnd.test.moveParams</meta:content-type><meta:version removed-in="29.0"/></xs:appinfo></xs:annotation>
    <xs:sequence><xs:element name="Target" type="xs:string"/></xs:sequence>
  </xs:complexType>
  <xs:element name="MoveParams" type="MoveParamsType"/>
  <xs:complexType name="UnnamedGoneType">
    <xs:annotation><xs:appinfo><meta:version removed-in="29.0"/></xs:appinfo></xs:annotation>
    <xs:sequence><xs:element name="Name" type="xs:string"/></xs:sequence>
  </xs:complexType>
  <xs:element name="UnnamedGone" type="UnnamedGoneType"/>
  <xs:complexType name="Since27Type">
    <xs:annotation><xs:appinfo><meta:content-type>application/vnd.test.since27</meta:content-type><meta:version added-in="27.0"/></xs:appinfo></xs:annotation>
    <xs:sequence><xs:element name="Name" type="xs:string"/></xs:sequence>
  </xs:complexType>
  <xs:element name="Since27" type="Since27Type"/>
  <xs:complexType name="LabelType">
    <xs:annotation><xs:appinfo><meta:content-type>application/vnd.test.label</meta:content-type></xs:appinfo></xs:annotation>
    <xs:sequence><xs:element name="Text" type="xs:string"/></xs:sequence>
  </xs:complexType>
  <xs:element name="Label" type="LabelType"/>
`);

const ID = [
  { in: "path", name: "id", required: true, schema: { type: "string" } },
];
const content = (mediaType: string, type: string) => ({
  content: { [mediaType]: { schema: { "x-xsd-type": type } } },
});
const THING = content("application/vnd.test.thing+xml", "t:ThingType");

/** An operation as the documents give one: a tag, bearer auth, 2XX content. */
function op(
  answer: ReturnType<typeof content> | undefined,
  request?: ReturnType<typeof content>,
) {
  return {
    tags: ["user"],
    ...(request ? { requestBody: { required: true, ...request } } : {}),
    responses: { "2XX": { description: "", ...(answer ?? {}) } },
    security: [{ bearerAuth: [] }],
  };
}

const COMMON = {
  "/thing/{id}": { parameters: ID, get: op(THING) },
  "/move/{id}/action/move": {
    parameters: ID,
    post: op(
      THING,
      content("application/vnd.test.moveParams+xml", "t:MoveParamsType"),
    ),
  },
  "/legacy/{id}": { parameters: ID, get: op(THING) },
  "/since27": {
    get: op(content("application/vnd.test.since27+xml", "t:Since27Type")),
  },
  // A media type the type's own (application/vnd.test.label) disagrees with.
  "/label": {
    get: op(content("application/vnd.test.caption+xml", "t:LabelType")),
  },
};
const OLD_PATHS = {
  // Renamed at 30.0: the same media types, `vm-{id}` -> `{id}`.
  "/thing/vm-{id}/action/reconfigure": {
    parameters: ID,
    post: op(THING, THING),
  },
  // Moved at 30.0 with other media types: not the same operation.
  "/thing/vm-{id}/label": {
    parameters: ID,
    put: op(
      undefined,
      content("application/vnd.test.label+xml", "t:LabelType"),
    ),
  },
  // Moved under another parent: not a rename either.
  "/hwv/{id}": { parameters: ID, get: op(THING) },
};

function document(version: string, paths: object): string {
  return JSON.stringify(
    { openapi: "3.0.3", info: { version }, paths },
    null,
    1,
  );
}

const FILES = {
  "main.xsd": XSD,
  "operations/27.0.openapi.json": document("27.0", { ...COMMON, ...OLD_PATHS }),
  "operations/29.0.openapi.json": document("29.0", {
    ...COMMON,
    ...OLD_PATHS,
    "/added29": { get: op(THING) },
  }),
  "operations/30.0.openapi.json": document("30.0", {
    "/thing/{id}": COMMON["/thing/{id}"],
    "/move/{id}/action/move": COMMON["/move/{id}/action/move"],
    "/since27": COMMON["/since27"],
    "/label": COMMON["/label"],
    "/thing/{id}/action/reconfigure": {
      parameters: ID,
      post: op(THING, THING),
    },
    "/thing/{id}/label": {
      parameters: ID,
      put: op(THING, content("application/vnd.test.label+xml", "t:LabelType")),
    },
    "/vdc/{vdcId}/hwv/{id}": {
      parameters: [
        {
          in: "path",
          name: "vdcId",
          required: true,
          schema: { type: "string" },
        },
        ...ID,
      ],
      get: op(THING),
    },
    // Takes the name a dropped operation would have had.
    "/admin/legacy": { get: op(THING) },
  }),
};

const dir = writeTree(FILES);

function build(apiVersion: string) {
  return buildModel({
    inputDir: dir,
    apiVersion,
    schemaSet: schemaSetConfig(["main.xsd"], {
      file: `${dir}/schema-set.json`,
      operations: "operations/{version}.openapi.json",
      operationPrefixes: { t: TNS },
    }),
    nameOverrides: new Map(),
    operationNameOverrides: new Map(),
  });
}

const byId = (model: Model) =>
  new Map<string, Operation>(model.operations.map((o) => [o.id, o]));
const hasType = (model: Model, local: string) =>
  model.types.some((t) => t.id === `{${TNS}}${local}`);

describe("a type an operations document names is live at its version", () => {
  it("MoveParamsType, removed in 29.0 by its annotation, is kept where the 30.0 document names it; an unnamed removed type is not", () => {
    const { model } = build("30.0");
    expect(hasType(model, "MoveParamsType")).toBe(true);
    expect(model.elements.some((e) => e.id === `{${TNS}}MoveParams`)).toBe(
      true,
    );
    expect(byId(model).get("POST /move/{id}/action/move")?.request).toEqual([
      {
        mediaType: "application/vnd.test.moveParams+xml",
        type: `{${TNS}}MoveParamsType`,
        element: `{${TNS}}MoveParams`,
      },
    ]);
    expect(hasType(model, "UnnamedGoneType")).toBe(false);
    expect(model.elements.some((e) => e.id === `{${TNS}}UnnamedGone`)).toBe(
      false,
    );
  });
});

describe("renamed paths are one operation", () => {
  const at30 = byId(build("30.0").model);

  it("the vm- path of 27.0 and 29.0 is the 30.0 path's past: one operation, as old as the oldest document", () => {
    expect(at30.has("POST /thing/vm-{id}/action/reconfigure")).toBe(false);
    const op = at30.get("POST /thing/{id}/action/reconfigure")!;
    expect(op.addedIn).toBeUndefined();
    expect(op.removedIn).toBeUndefined();
    expect(op.formerPaths).toEqual([
      {
        path: "/thing/vm-{id}/action/reconfigure",
        from: "27.0",
        until: "29.0",
      },
    ]);
    expect(op.source.file).toBe("operations/30.0.openapi.json");
  });

  it("other media types, or another parent, make another operation: the old one dropped, the new one added", () => {
    expect(at30.get("PUT /thing/{id}/label")).toMatchObject({
      addedIn: "30.0",
    });
    expect(at30.get("PUT /thing/{id}/label")?.formerPaths).toBeUndefined();
    expect(at30.get("PUT /thing/vm-{id}/label")).toMatchObject({
      removedIn: "30.0",
    });
    expect(at30.get("GET /vdc/{vdcId}/hwv/{id}")).toMatchObject({
      addedIn: "30.0",
    });
    expect(at30.get("GET /hwv/{id}")).toMatchObject({ removedIn: "30.0" });
  });

  it("at 29.0 the operation is the document's own, at its own path", () => {
    const at29 = byId(build("29.0").model);
    expect(at29.get("POST /thing/vm-{id}/action/reconfigure")).toMatchObject({
      name: "reconfigure",
    });
    expect(
      at29.get("POST /thing/vm-{id}/action/reconfigure")?.formerPaths,
    ).toBeUndefined();
    expect(at29.has("POST /thing/{id}/action/reconfigure")).toBe(false);
  });
});

describe("operations the newest document dropped", () => {
  const at30 = byId(build("30.0").model);

  it("keep their stubs, as the newest document listing them describes them, marked with the version that dropped them", () => {
    expect(at30.get("GET /legacy/{id}")).toMatchObject({
      removedIn: "30.0",
      source: {
        file: "operations/29.0.openapi.json",
        path: 'paths["/legacy/{id}"].get',
      },
    });
    expect(at30.get("GET /legacy/{id}")?.addedIn).toBeUndefined();
    expect(at30.get("GET /added29")).toMatchObject({
      addedIn: "29.0",
      removedIn: "30.0",
    });
    expect(
      [...at30.values()]
        .filter((o) => o.removedIn)
        .map((o) => o.id)
        .sort(),
    ).toEqual([
      "GET /added29",
      "GET /hwv/{id}",
      "GET /legacy/{id}",
      "PUT /thing/vm-{id}/label",
    ]);
  });

  it("are named after the document's own operations, taking none of their names", () => {
    expect(at30.get("GET /admin/legacy")?.name).toBe("getLegacy");
    expect(at30.get("GET /legacy/{id}")?.name).toBe("getLegacyById");
    const names = [...at30.values()].map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("are not added where the document used is the oldest", () => {
    const at27 = build("27.0").model;
    expect(at27.operations.some((o) => o.removedIn || o.addedIn)).toBe(false);
  });
});

describe("a version older than every document", () => {
  const { model, warnings } = build("20.0");

  it("gets the oldest document's operations, with a warning that says so", () => {
    expect(model.operationsSource?.file).toBe("operations/27.0.openapi.json");
    expect(warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /^no operations document for API 20\.0 or below in .*operations \(it has 27\.0, 29\.0, 30\.0\): the operations are those of operations\/27\.0\.openapi\.json that API 20\.0 has/,
      ),
    );
    expect(model.operations.some((o) => o.addedIn || o.removedIn)).toBe(false);
    expect(model.lowestApiVersion).toBe("20.0");
  });

  it("less those whose types 20.0 does not have, or whose media types are not their types' own at 20.0", () => {
    const ids = model.operations.map((o) => o.id).sort();
    expect(ids).toEqual([
      "GET /hwv/{id}",
      "GET /legacy/{id}",
      "GET /thing/{id}",
      "POST /move/{id}/action/move",
      "POST /thing/vm-{id}/action/reconfigure",
      "PUT /thing/vm-{id}/label",
    ]);
    expect(model.operationsSource?.leftOut).toEqual([
      {
        id: "GET /label",
        reason:
          "LabelType's media type at API 20.0 is application/vnd.test.label+xml, not application/vnd.test.caption+xml (the 27.0 document's)",
      },
      { id: "GET /since27", reason: "Since27Type is left out at API 20.0" },
    ]);
  });

  it("where the document is the version's own, the same media type is only a warning", () => {
    const at27 = build("27.0");
    expect(at27.model.operations.some((o) => o.id === "GET /label")).toBe(true);
    expect(at27.warnings.map((w) => w.message)).toContain(
      "GET /label: media type application/vnd.test.caption+xml does not match LabelType's own application/vnd.test.label+xml",
    );
  });
});
