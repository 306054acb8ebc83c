/**
 * `vcd-codegen import-operations` on a small hand-made document shaped like those of
 * ccouzens/vcloud-rest-openapi (JSON media types with `;version=`, `$ref`s to `<prefix>_<Type>`,
 * `query-parameter_*` schemas, descriptions everywhere): the output is our facts-only format, read by
 * the generator's own loader; bad input is an error naming the JSON path.
 */
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { xmlMediaType } from "../../generator/import/media-types.js";
import { xsdTypeOf } from "../../generator/import/schema-names.js";
import { readOperations } from "../../generator/load/read-operations.js";
import { runCli } from "../helpers/run-cli.js";
import { PROJECT_ROOT } from "../helpers/vcd-inputs.js";

const json = (type: string, ref: string) => ({
  [`application/vnd.vmware.${type}+json;version=30.0`]: {
    schema: { $ref: `#/components/schemas/${ref}` },
  },
});
const bearer = [{ bearerAuth: [] }];
const idParameter = {
  in: "path",
  name: "id",
  required: true,
  schema: { type: "string" },
  style: "simple",
};

/** A JSON document the tests reach deep into and change (any: its paths are the test's to name). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JsonDocument = Record<string, any>;

/** The shape of ccouzens/vcloud-rest-openapi's 30.0.json, in small. */
function sourceDocument(): JsonDocument {
  return {
    openapi: "3.0.2",
    info: {
      title: "vCloud Director",
      license: { name: "© 2018 VMware, Inc. All rights reserved." },
      version: "Revision 20180216 Version 30.0",
    },
    paths: {
      "/sessions": {
        post: {
          tags: ["user"],
          description: "Log in.",
          responses: {
            "2XX": {
              description: "SessionType",
              content: json("vcloud.session", "vcloud_SessionType"),
            },
          },
          security: [{ basicAuth: [] }],
        },
      },
      "/admin/catalog/{id}": {
        get: {
          tags: ["admin"],
          description: "Retrieve a catalog.",
          responses: {
            "2XX": {
              description: "CatalogType",
              content: json("admin.catalog", "vcloud_AdminCatalogType"),
            },
          },
          security: bearer,
        },
        put: {
          tags: ["admin"],
          description: "Update a catalog.",
          requestBody: {
            content: json("admin.catalog", "vcloud_AdminCatalogType"),
            required: true,
          },
          responses: {
            "2XX": {
              description: "UserType",
              content: json("admin.catalog", "vcloud_AdminCatalogType"),
            },
          },
          security: bearer,
        },
        delete: {
          tags: ["admin"],
          description: "Delete a catalog.",
          parameters: [
            {
              in: "query",
              name: "force",
              schema: { $ref: "#/components/schemas/query-parameter_force" },
              style: "form",
            },
            {
              in: "query",
              name: "recursive",
              schema: {
                $ref: "#/components/schemas/query-parameter_recursive",
              },
              style: "form",
            },
          ],
          responses: {
            "2XX": {
              description: "a task",
              content: json("vcloud.task", "vcloud_TaskType"),
            },
          },
          security: bearer,
        },
        parameters: [idParameter],
      },
      "/admin/extension/service/aclrule/{id}": {
        get: {
          tags: ["extension"],
          description: "Retrieve (GET) ACL rule",
          deprecated: true,
          responses: {
            "2XX": {
              description: "success",
              content: json("admin.aclRule", "vcloud-ext_AclRuleType"),
            },
          },
          security: bearer,
        },
        delete: {
          tags: ["extension"],
          description: "Delete (DELETE) ACL rule",
          responses: { "2XX": { description: "success" } },
          security: bearer,
        },
        parameters: [idParameter],
      },
      "/vApp/{id}/productSections": {
        get: {
          tags: ["user"],
          description: "Retrieve a list of product sections.",
          responses: {
            "2XX": {
              description: "a section",
              content: json(
                "vcloud.productSections",
                "vcloud_ProductSectionListType",
              ),
            },
          },
          security: bearer,
        },
        parameters: [idParameter],
      },
      "/vApp/{id}/ovf": {
        get: {
          tags: ["user"],
          description: "A section.",
          responses: {
            "2XX": {
              description: "",
              content: json("vcloud.ovfSection", "ovf_Section_Type"),
            },
          },
          security: bearer,
        },
        parameters: [idParameter],
      },
    },
    components: {
      schemas: {
        "query-parameter_force": { type: "boolean" },
        "query-parameter_recursive": { type: "boolean" },
        vcloud_TaskType: {
          title: "vcloud_TaskType",
          description: "A task.",
          type: "object",
        },
      },
      securitySchemes: {
        basicAuth: { type: "http", scheme: "basic" },
        bearerAuth: { type: "http", scheme: "bearer" },
      },
    },
    tags: [
      { name: "user", description: "User API" },
      { name: "admin" },
      { name: "extension" },
    ],
  };
}

const work = mkdtempSync(join(tmpdir(), "vcd-codegen-import-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
async function importDoc(
  doc: unknown,
  outName = "30.0.openapi.json",
  ...more: string[]
) {
  const dir = join(work, String(n++));
  const file = join(dir, "source.json");
  const out = join(dir, "operations", outName);
  const { mkdirSync } = await import("node:fs");
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(doc, null, 2));
  const run = await runCli(["import-operations", file, "--out", out, ...more], {
    cwd: PROJECT_ROOT,
  });
  return { run, file, out };
}

describe("import-operations", () => {
  it("converts the document into the facts-only format", async () => {
    const { run, out } = await importDoc(sourceDocument());
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      /^vcd-codegen: imported 8 operations \(5 paths, API 30.0\) from .*source.json -> /,
    );
    const doc = JSON.parse(readFileSync(out, "utf8"));
    expect(doc.info.version).toBe("30.0");
    expect(Object.keys(doc.paths)).toEqual([
      "/admin/catalog/{id}",
      "/admin/extension/service/aclrule/{id}",
      "/sessions",
      "/vApp/{id}/ovf",
      "/vApp/{id}/productSections",
    ]);
    expect(doc.paths["/admin/catalog/{id}"]).toEqual({
      parameters: [
        { in: "path", name: "id", required: true, schema: { type: "string" } },
      ],
      get: {
        tags: ["admin"],
        responses: {
          "2XX": {
            description: "",
            content: {
              "application/vnd.vmware.admin.catalog+xml": {
                schema: { "x-xsd-type": "vcloud:AdminCatalogType" },
              },
            },
          },
        },
        security: [{ bearerAuth: [] }],
      },
      put: {
        tags: ["admin"],
        requestBody: {
          required: true,
          content: {
            "application/vnd.vmware.admin.catalog+xml": {
              schema: { "x-xsd-type": "vcloud:AdminCatalogType" },
            },
          },
        },
        responses: {
          "2XX": {
            description: "",
            content: {
              "application/vnd.vmware.admin.catalog+xml": {
                schema: { "x-xsd-type": "vcloud:AdminCatalogType" },
              },
            },
          },
        },
        security: [{ bearerAuth: [] }],
      },
      delete: {
        tags: ["admin"],
        parameters: [
          {
            in: "query",
            name: "force",
            required: false,
            schema: { type: "boolean" },
          },
          {
            in: "query",
            name: "recursive",
            required: false,
            schema: { type: "boolean" },
          },
        ],
        responses: {
          "2XX": {
            description: "",
            content: {
              "application/vnd.vmware.vcloud.task+xml": {
                schema: { "x-xsd-type": "vcloud:TaskType" },
              },
            },
          },
        },
        security: [{ bearerAuth: [] }],
      },
    });
    expect(doc.components).toEqual({
      securitySchemes: {
        basicAuth: { type: "http", scheme: "basic" },
        bearerAuth: { type: "http", scheme: "bearer" },
      },
    });
    expect(JSON.stringify(doc)).not.toMatch(/Retrieve|description":"[^"]/);
  });

  it("writes what the generator's loader reads", async () => {
    const { out } = await importDoc(sourceDocument());
    const { version, operations } = readOperations(out);
    expect(version).toBe("30.0");
    const rows = operations.map((op) => ({
      id: `${op.method} ${op.path}`,
      tag: op.tag,
      security: op.security,
      path: op.pathParameters,
      query: op.queryParameters.map((q) => q.name),
      request: op.request.map((b) => `${b.mediaType} ${b.xsdType}`),
      responses: op.responses.map((b) => `${b.mediaType} ${b.xsdType}`),
      deprecated: op.deprecated,
    }));
    expect(rows).toEqual([
      {
        id: "GET /admin/catalog/{id}",
        tag: "admin",
        security: ["bearerAuth"],
        path: ["id"],
        query: [],
        request: [],
        responses: [
          "application/vnd.vmware.admin.catalog+xml vcloud:AdminCatalogType",
        ],
        deprecated: false,
      },
      {
        id: "PUT /admin/catalog/{id}",
        tag: "admin",
        security: ["bearerAuth"],
        path: ["id"],
        query: [],
        request: [
          "application/vnd.vmware.admin.catalog+xml vcloud:AdminCatalogType",
        ],
        responses: [
          "application/vnd.vmware.admin.catalog+xml vcloud:AdminCatalogType",
        ],
        deprecated: false,
      },
      {
        id: "DELETE /admin/catalog/{id}",
        tag: "admin",
        security: ["bearerAuth"],
        path: ["id"],
        query: ["force", "recursive"],
        request: [],
        responses: ["application/vnd.vmware.vcloud.task+xml vcloud:TaskType"],
        deprecated: false,
      },
      {
        id: "GET /admin/extension/service/aclrule/{id}",
        tag: "extension",
        security: ["bearerAuth"],
        path: ["id"],
        query: [],
        request: [],
        responses: [
          "application/vnd.vmware.admin.aclRule+xml vcloud-ext:AclRuleType",
        ],
        deprecated: true,
      },
      {
        id: "DELETE /admin/extension/service/aclrule/{id}",
        tag: "extension",
        security: ["bearerAuth"],
        path: ["id"],
        query: [],
        request: [],
        responses: [],
        deprecated: false,
      },
      {
        id: "POST /sessions",
        tag: "user",
        security: ["basicAuth"],
        path: [],
        query: [],
        request: [],
        responses: [
          "application/vnd.vmware.vcloud.session+xml vcloud:SessionType",
        ],
        deprecated: false,
      },
      {
        id: "GET /vApp/{id}/ovf",
        tag: "user",
        security: ["bearerAuth"],
        path: ["id"],
        query: [],
        request: [],
        responses: [
          "application/vnd.vmware.vcloud.ovfSection+xml ovf:Section_Type",
        ],
        deprecated: false,
      },
      {
        id: "GET /vApp/{id}/productSections",
        tag: "user",
        security: ["bearerAuth"],
        path: ["id"],
        query: [],
        request: [],
        responses: [
          "application/vnd.vmware.vcloud.productSections+xml vcloud:ProductSectionListType",
        ],
        deprecated: false,
      },
    ]);
  });

  const broken: [string, (doc: JsonDocument) => void, RegExp, string?][] = [
    [
      "an unknown schema prefix",
      (doc) => {
        doc.paths["/sessions"].post.responses["2XX"].content[
          "application/vnd.vmware.vcloud.session+json;version=30.0"
        ].schema.$ref = "#/components/schemas/vcd_SessionType";
      },
      /source\.json:\d+:\d+: paths\["\/sessions"\]\.post\.responses\["2XX"\]\.content\["application\/vnd\.vmware\.vcloud\.session\+json;version=30\.0"\]\.schema\.\$ref: unknown schema prefix "vcd" in "vcd_SessionType" \(known: vcloud, vcloud-ext, ovf, versioning\)/,
    ],
    [
      "a schema name without a prefix",
      (doc) => {
        doc.paths["/sessions"].post.responses["2XX"].content[
          "application/vnd.vmware.vcloud.session+json;version=30.0"
        ].schema.$ref = "#/components/schemas/QueryResultRecordType";
      },
      /\.schema\.\$ref: the schema "QueryResultRecordType" is not named <prefix>_<Type>/,
    ],
    [
      "a media type that is not vCD's",
      (doc) => {
        doc.paths["/sessions"].post.responses["2XX"].content = {
          "application/json": {
            schema: { $ref: "#/components/schemas/vcloud_SessionType" },
          },
        };
      },
      /paths\["\/sessions"\]\.post\.responses\["2XX"\]\.content\["application\/json"\]: "application\/json" is not a vCD media type/,
    ],
    [
      "a method the XML API does not have",
      (doc) => {
        doc.paths["/sessions"].patch = doc.paths["/sessions"].post;
      },
      /paths\["\/sessions"\]\.patch: PATCH is not a method of the vCD XML API/,
    ],
    [
      "two tags",
      (doc) => {
        doc.paths["/sessions"].post.tags = ["user", "admin"];
      },
      /paths\["\/sessions"\]\.post\.tags: must name exactly one tag \(user, admin, extension\)/,
    ],
    [
      "an unknown security scheme",
      (doc) => {
        doc.paths["/sessions"].post.security = [{ oauth: [] }];
      },
      /paths\["\/sessions"\]\.post\.security\[0\]\.oauth: "oauth" is not in components\.securitySchemes/,
    ],
    [
      "an output named for another version",
      () => {},
      /--out .*29\.0\.openapi\.json names API 29\.0, but the document is for API 30\.0/,
      "29.0.openapi.json",
    ],
  ];

  it.each(broken)(
    "refuses %s, naming where, and writes nothing",
    async (_name, edit, message, outName) => {
      const doc = sourceDocument();
      edit(doc);
      const { run, out } = await importDoc(doc, outName);
      expect(run.err).toMatch(message);
      expect(run.code).toBe(1);
      expect(existsSync(out)).toBe(false);
    },
  );

  it("takes the version from --api-version, and warns about a name the generator will not find", async () => {
    const doc = sourceDocument();
    doc.info.version = "unknown";
    const { run, out } = await importDoc(
      doc,
      "ops.json",
      "--api-version",
      "31.0",
    );
    expect(run.code).toBe(0);
    expect(run.err).toMatch(
      /warning: .*ops\.json: the generator only reads operations\/<version>\.openapi\.json; name it 31\.0\.openapi\.json/,
    );
    expect(JSON.parse(readFileSync(out, "utf8")).info.version).toBe("31.0");
  });
});

describe("media types and schema names", () => {
  it.each([
    [
      "application/vnd.vmware.vcloud.vApp+json;version=30.0",
      "application/vnd.vmware.vcloud.vApp+xml",
    ],
    [
      "application/vnd.vmware.admin.vmwProviderVdcReferences+json",
      "application/vnd.vmware.admin.vmwProviderVdcReferences+xml",
    ],
    [
      "application/vnd.vmware.vcloud.task+xml",
      "application/vnd.vmware.vcloud.task+xml",
    ],
    ["application/*+json;version=36.0", "application/*+xml"],
    ["application/json", undefined],
    ["text/xml", undefined],
  ])("%s -> %s", (given, want) => {
    expect(xmlMediaType(given)).toBe(want);
  });

  const prefixes = {
    vcloud: "v",
    "vcloud-ext": "e",
    ovf: "o",
    versioning: "s",
  };
  it.each([
    ["#/components/schemas/vcloud_VAppType", "vcloud:VAppType"],
    [
      "#/components/schemas/vcloud-ext_VMWProviderVdcType",
      "vcloud-ext:VMWProviderVdcType",
    ],
    ["#/components/schemas/ovf_Section_Type", "ovf:Section_Type"],
    [
      "#/components/schemas/versioning_SupportedVersionsType",
      "versioning:SupportedVersionsType",
    ],
  ])("%s -> %s", (ref, want) => {
    expect(xsdTypeOf(ref, prefixes)).toEqual({ xsdType: want });
  });
});
