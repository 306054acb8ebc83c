/** The operations document -> the model's operations, on small inline inputs: linking, versions, overrides, errors. */
import { describe, expect, it } from "vitest";
import { GeneratorError } from "../../generator/diagnostics.js";
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
  <xs:complexType name="NewType">
    <xs:annotation><xs:appinfo><meta:version added-in="31.0"/></xs:appinfo></xs:annotation>
    <xs:sequence><xs:element name="Name" type="xs:string"/></xs:sequence>
  </xs:complexType>
  <xs:element name="Thing" type="ThingType"/>
  <xs:element name="OtherThing" type="ThingType"/>
  <xs:element name="New" type="NewType"/>
`);

const body = (mediaType: string, type: string) => ({
  content: { [mediaType]: { schema: { "x-xsd-type": type } } },
});

function document(paths: Record<string, unknown>): string {
  return JSON.stringify(
    { openapi: "3.0.3", info: { version: "30.0" }, paths },
    null,
    1,
  );
}

const THING = {
  parameters: [
    { in: "path", name: "id", required: true, schema: { type: "string" } },
  ],
  get: {
    tags: ["user"],
    parameters: [
      {
        in: "query",
        name: "format",
        required: false,
        schema: { type: "string" },
      },
    ],
    responses: {
      "2XX": {
        description: "",
        ...body("application/vnd.test.thing+xml", "t:ThingType"),
      },
    },
    security: [{ bearerAuth: [] }],
  },
  put: {
    tags: ["admin"],
    requestBody: {
      required: true,
      ...body("application/vnd.test.thing+xml", "t:ThingType"),
    },
    responses: { "2XX": { description: "" } },
    security: [{ bearerAuth: [] }],
    deprecated: true,
  },
};

function build(
  paths: Record<string, unknown>,
  options: {
    apiVersion?: string;
    overrides?: unknown;
    names?: Map<string, string>;
  } = {},
) {
  const files: Record<string, string> = {
    "main.xsd": XSD,
    "operations/30.0.openapi.json": document(paths),
  };
  if (options.overrides)
    files["overrides.json"] = JSON.stringify(options.overrides, null, 1);
  const dir = writeTree(files);
  return buildModel({
    inputDir: dir,
    apiVersion: options.apiVersion ?? "30.0",
    schemaSet: schemaSetConfig(["main.xsd"], {
      file: `${dir}/schema-set.json`,
      operations: "operations/30.0.openapi.json",
      operationPrefixes: { t: TNS },
      ...(options.overrides ? { operationOverrides: "overrides.json" } : {}),
    }),
    nameOverrides: new Map(),
    operationNameOverrides: options.names ?? new Map(),
  });
}

function errorOf(run: () => unknown): GeneratorError {
  try {
    run();
  } catch (error) {
    if (error instanceof GeneratorError) return error;
    throw error;
  }
  throw new Error("no error");
}

describe("operations in the model", () => {
  it("reads method, path, tag, auth, parameters, bodies linked to every element of their type, deprecation", () => {
    const { model } = build({ "/thing/{id}": THING });
    expect(model.operations).toEqual([
      {
        id: "GET /thing/{id}",
        name: "getThing",
        method: "GET",
        path: "/thing/{id}",
        tag: "user",
        auth: "bearer",
        pathParameters: ["id"],
        queryParameters: [
          {
            name: "format",
            required: false,
            // Typed by our facts (schemas/vcd-api.query-parameters.json), not the document's "string".
            value: {
              kind: "enumeration",
              values: ["records", "idrecords", "references"],
            },
          },
        ],
        request: [],
        responses: [
          {
            mediaType: "application/vnd.test.thing+xml",
            type: `{${TNS}}ThingType`,
            element: `{${TNS}}OtherThing`,
          },
          {
            mediaType: "application/vnd.test.thing+xml",
            type: `{${TNS}}ThingType`,
            element: `{${TNS}}Thing`,
          },
        ],
        deprecated: false,
        source: {
          file: "operations/30.0.openapi.json",
          path: 'paths["/thing/{id}"].get',
        },
      },
      expect.objectContaining({
        id: "PUT /thing/{id}",
        name: "updateThing",
        tag: "admin",
        request: [
          expect.objectContaining({ element: `{${TNS}}OtherThing` }),
          expect.objectContaining({ element: `{${TNS}}Thing` }),
        ],
        responses: [],
        deprecated: true,
      }),
    ]);
    expect(model.operationsSource).toEqual({
      file: "operations/30.0.openapi.json",
      version: "30.0",
      listed: 2,
      leftOut: [],
    });
  });

  it("keeps an operation whose type its document names against the type's removed-in, not against an added-in after the version (see operations-across-documents)", () => {
    const paths = {
      "/new": {
        get: {
          tags: ["user"],
          responses: {
            "2XX": {
              description: "",
              ...body("application/vnd.test.new+xml", "t:NewType"),
            },
          },
          security: [{ bearerAuth: [] }],
        },
      },
    };
    // NewType is added in 31.0, yet the document used at 30.0 names it. A release of 30.0 lacks it
    // (as the 35.2 release lacks the OpenIdProviderInfoType, added-in 36.0, that its document
    // names), so the operation is left out at 30.0 and kept from 31.0.
    const at30 = build(paths, { apiVersion: "30.0" }).model;
    expect(at30.operations.map((o) => o.name)).toEqual([]);
    expect(at30.operationsSource?.leftOut).toEqual([
      { id: "GET /new", reason: "NewType is left out at API 30.0" },
    ]);
    expect(at30.types.some((t) => t.id === `{${TNS}}NewType`)).toBe(false);
  });

  it("an operation naming a type the schema set does not have is left out with a warning at its JSON path, and the others are kept", () => {
    const result = build({
      ...{ "/thing/{id}": THING },
      "/other/{id}": {
        ...THING,
        get: {
          ...THING.get,
          responses: {
            "2XX": {
              description: "",
              ...body("application/x+xml", "t:NoSuchType"),
            },
          },
        },
      },
    });
    expect(result.model.operations.map((o) => o.id)).toContain(
      "GET /thing/{id}",
    );
    expect(result.model.operations.map((o) => o.id)).not.toContain(
      "GET /other/{id}",
    );
    expect(result.model.operationsSource?.leftOut).toContainEqual({
      id: "GET /other/{id}",
      reason: 'the schema set has no type "NoSuchType" ({urn:test}NoSuchType)',
    });
    const warning = result.warnings.find((w) =>
      w.message.includes("GET /other/{id}"),
    );
    expect(warning?.message).toBe(
      'GET /other/{id}: the schema set has no type "NoSuchType" ({urn:test}NoSuchType); the operation is left out',
    );
    expect(warning?.objectPath).toBe(
      'paths["/other/{id}"].get.responses["2XX"].content["application/x+xml"].schema["x-xsd-type"]',
    );
    expect(warning?.location?.file).toMatch(
      /operations\/30\.0\.openapi\.json$/,
    );
    expect(warning?.location?.line).toBeGreaterThan(10);
  });

  it("an unknown prefix, an undeclared path parameter and a missing tag are errors naming where", () => {
    expect(
      errorOf(() =>
        build({
          "/x": {
            get: {
              ...THING.get,
              responses: {
                "2XX": { description: "", ...body("a/b+xml", "zz:ThingType") },
              },
            },
          },
        }),
      ).message,
    ).toMatch(/unknown prefix "zz"/);
    expect(
      errorOf(() => build({ "/x/{name}": { get: THING.get } })).message,
    ).toMatch(/the path parameter "name" is not declared/);
    const noTag = errorOf(() =>
      build({ "/x": { get: { ...THING.get, tags: [] } } }),
    );
    expect(noTag.objectPath).toBe('paths["/x"].get.tags');
  });

  it("warns where a media type disagrees with the type's own", () => {
    const { warnings, model } = build({
      "/thing/{id}": {
        ...THING,
        get: {
          ...THING.get,
          responses: {
            "2XX": {
              description: "",
              ...body("application/vnd.test.other+xml", "t:ThingType"),
            },
          },
        },
      },
    });
    expect(model.operations).toHaveLength(2);
    expect(warnings.map((w) => w.message)).toEqual([
      "GET /thing/{id}: media type application/vnd.test.other+xml does not match ThingType's own application/vnd.test.thing+xml",
    ]);
  });

  it("adds the bodies our overrides give, keeping their evidence; an override without evidence is an error", () => {
    const overrides = {
      operations: {
        "PUT /thing/{id}": {
          addResponses: [
            {
              mediaType: "application/vnd.test.thing+xml",
              type: "t:ThingType",
            },
          ],
          evidence: "seen in a real answer",
        },
      },
    };
    const put = build({ "/thing/{id}": THING }, { overrides }).model
      .operations[1];
    expect(put.responses.map((r) => r.element)).toEqual([
      `{${TNS}}OtherThing`,
      `{${TNS}}Thing`,
    ]);
    expect(put.overrides).toEqual(["seen in a real answer"]);
    const error = errorOf(() =>
      build(
        { "/thing/{id}": THING },
        {
          overrides: { operations: { "PUT /thing/{id}": { addRequest: [] } } },
        },
      ),
    );
    expect(error.message).toBe("every override must give its evidence");
    expect(error.objectPath).toBe('operations["PUT /thing/{id}"].evidence');
  });

  it("adds the query parameters our overrides give, optional, after the document's, none twice; a bad list is an error at its path", () => {
    const overrides = (addQueryParameters: unknown) => ({
      operations: {
        "GET /thing/{id}": {
          addQueryParameters,
          evidence: "the guide's query parameters",
        },
      },
    });
    const get = build(
      { "/thing/{id}": THING },
      { overrides: overrides(["page", "format", "pageSize"]) },
    ).model.operations[0];
    expect(get.queryParameters).toEqual([
      {
        name: "format",
        required: false,
        value: {
          kind: "enumeration",
          values: ["records", "idrecords", "references"],
        },
      },
      { name: "page", required: false, value: { kind: "integer" } },
      { name: "pageSize", required: false, value: { kind: "integer" } },
    ]);
    expect(get.overrides).toEqual(["the guide's query parameters"]);
    const error = errorOf(() =>
      build({ "/thing/{id}": THING }, { overrides: overrides(["page", 3]) }),
    );
    expect(error.message).toBe("must be a list of query parameter names");
    expect(error.objectPath).toBe(
      'operations["GET /thing/{id}"].addQueryParameters',
    );
    expect(error.location?.line).toBeGreaterThan(1);
  });

  it("takes stub names from the config", () => {
    const { model } = build(
      { "/thing/{id}": THING },
      { names: new Map([["GET /thing/{id}", "readThing"]]) },
    );
    expect(model.operations.map((o) => o.name)).toEqual([
      "readThing",
      "updateThing",
    ]);
  });

  it("an operation's own parameter wins over the path's of the same name (no duplicate)", () => {
    const { model } = build({
      "/thing/{id}": {
        ...THING,
        parameters: [
          ...THING.parameters,
          {
            in: "query",
            name: "format",
            required: false,
            schema: { type: "string" },
          },
        ],
        get: {
          ...THING.get,
          parameters: [
            {
              in: "query",
              name: "format",
              required: true,
              schema: { type: "string" },
            },
          ],
        },
      },
    });
    expect(model.operations[0].queryParameters).toEqual([
      {
        name: "format",
        required: true,
        value: {
          kind: "enumeration",
          values: ["records", "idrecords", "references"],
        },
      },
    ]);
  });

  it("a document or a response that is not an object is an error at its JSON path, not a crash", () => {
    const dir = writeTree({
      "main.xsd": XSD,
      "operations/30.0.openapi.json": "null",
    });
    const error = errorOf(() =>
      buildModel({
        inputDir: dir,
        apiVersion: "30.0",
        schemaSet: schemaSetConfig(["main.xsd"], {
          operations: "operations/30.0.openapi.json",
          operationPrefixes: { t: TNS },
        }),
        nameOverrides: new Map(),
        operationNameOverrides: new Map(),
      }),
    );
    expect(error.message).toBe("must be an object (an OpenAPI document)");
    const nullResponse = errorOf(() =>
      build({ "/x": { get: { ...THING.get, responses: { "2XX": null } } } }),
    );
    expect(nullResponse.objectPath).toBe('paths["/x"].get.responses["2XX"]');
  });

  it("a stub name from the config that is a reserved word is an error; one for an unknown operation a warning", () => {
    const reserved = errorOf(() =>
      build(
        { "/thing/{id}": THING },
        {
          names: new Map([
            ["DELETE /thing/{id}", "x"],
            ["GET /thing/{id}", "delete"],
          ]),
        },
      ),
    );
    expect(reserved.message).toMatch(
      /"delete" cannot name a stub: it is a reserved word/,
    );
    const { warnings } = build(
      { "/thing/{id}": THING },
      { names: new Map([["GET /no/such", "getNothing"]]) },
    );
    expect(warnings.map((w) => `${w.objectPath}: ${w.message}`)).toEqual([
      'operationNames["GET /no/such"]: names an operation the operations document of API 30.0 does not list',
    ]);
  });
});
