/**
 * The queries (`GET /vApps/query`, `GET /admin/orgs/query`, ..., `GET /query`) answer in the
 * format their `format` parameter names, records by default (vCloud API Programming Guide,
 * "Packaged Queries", "Query Parameters"): on the real 30.0 and 36.0 sets each of the 24 takes the
 * three formats; its stub is typed by the format asked for (a TypeScript program over the
 * generated declarations), and reads the answer of that format and no other, against the
 * simulator and against a server answering as vCD does.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { resolveOptions } from "../../generator/config/options.js";
import { buildModel } from "../../generator/pipeline.js";
import type { VcdClient } from "../../runtime/client/client.js";
import type { OperationInfo } from "../../runtime/client/index.js";
import type { Simulator } from "../../simulator/binding.js";
import {
  loadClientPackage,
  type ClientPackage,
} from "../helpers/generated-packages.js";
import { serverPerTest } from "../helpers/server-per-test.js";
import { credentialsOf, tenantAdmin } from "../helpers/tenant-admin.js";
import { PROJECT_ROOT, VCD_API_36_DIR } from "../helpers/vcd-inputs.js";
import { runTsc } from "../helpers/tsc.js";

const FORMAT = (f: string) => `application/vnd.vmware.vcloud.query.${f}+xml`;
const FORMATS = ["references", "records", "idrecords"].map(FORMAT);
const QUERY_PARAMETERS = [
  "filter",
  "sortAsc",
  "sortDesc",
  "format",
  "page",
  "pageSize",
  "offset",
  "fields",
  "links",
];

let pkg: ClientPackage;
beforeAll(async () => {
  pkg = await loadClientPackage("30.0");
});

function queries<O extends { method: string; path: string }>(
  operations: readonly O[],
): O[] {
  return operations.filter(
    (op) => op.method === "GET" && /(^|\/)query$/.test(op.path),
  );
}

describe("on the real sets", () => {
  it("each of the 24 GET .../query of the 30.0 package answers the three formats, and takes format", () => {
    const found = queries(pkg.operations);
    expect(found.length).toBe(24);
    for (const op of found) {
      expect(op.responseMediaTypes, op.path).toEqual(
        expect.arrayContaining(FORMATS),
      );
      const records = op.responses.filter(
        (r) => r.mediaType === FORMAT("records"),
      );
      expect(
        records.map((r) => r.element),
        op.path,
      ).toEqual(["vcloud:QueryResultRecords"]);
      expect(
        op.queryParameters.map((q) => q.name),
        op.path,
      ).toEqual(expect.arrayContaining(QUERY_PARAMETERS));
    }
  });

  it.each(["27.0", "36.0"])(
    "and in the 36.0 set's model at %s, whose documents name only the references answer (at 27.0 neither answers nor parameters; /vApps/query never its parameters)",
    async (apiVersion) => {
      const options = await resolveOptions(
        { input: VCD_API_36_DIR, apiVersion },
        {},
        PROJECT_ROOT,
      );
      const found = queries(buildModel(options).model.operations);
      expect(found.length).toBe(24);
      for (const op of found) {
        expect(
          [...new Set(op.responses.map((r) => r.mediaType))],
          op.path,
        ).toEqual(expect.arrayContaining(FORMATS));
        expect(
          op.queryParameters.map((q) => q.name),
          op.path,
        ).toEqual(expect.arrayContaining(QUERY_PARAMETERS));
      }
      const vapps = found.find((op) => op.path === "/vApps/query")!;
      expect(vapps.overrides?.join(" ")).toContain("'Query Parameters'");
      const typed = found.find((op) => op.path === "/query")!;
      expect(typed.queryParameters.map((q) => q.name)).toContain("type");
      expect(typed.responses.map((r) => r.element)).toContain(
        "{http://www.vmware.com/vcloud/v1.5}QueryList",
      );
    },
    60_000,
  );
});

describe("against the simulator", () => {
  let sim: Simulator;
  let client: VcdClient;
  beforeAll(async () => {
    sim = await pkg.startSimulator({ taskStepMs: 5 });
    client = pkg.createClient({ baseUrl: sim.url, timeout: 5_000 });
    await client.login(credentialsOf(tenantAdmin(sim)));
  }, 60_000);
  afterAll(async () => {
    await sim?.close();
  });

  const query = (name: string, format?: string) =>
    pkg.api[name](
      client,
      {},
      format === undefined ? {} : { query: { format } },
    ) as Promise<{ element: string; value: Record<string, unknown> }>;

  it("the default call reads the records vCD sends; references and idrecords when asked for", async () => {
    for (const name of [
      "getVAppsQuery",
      "getVmsQuery",
      "getVAppTemplatesQuery",
      "getCatalogsQuery",
      "getMediaListQuery",
      "getOrgsQuery",
      "getUsersQuery",
    ]) {
      const records = await query(name);
      expect(records.element, name).toBe("vcloud:QueryResultRecords");
      expect(records.value.type, name).toBe(FORMAT("records"));
      const ids = await query(name, "idrecords");
      expect(ids.element, name).toBe("vcloud:QueryResultRecords");
      expect(ids.value.type, name).toBe(FORMAT("idrecords"));
      const refs = await query(name, "references");
      expect(refs.element, name).toMatch(/^vcloud:[A-Za-z]+References$/);
      expect(refs.value.type, name).toBe(FORMAT("references"));
    }
    const templates = await query("getVAppTemplatesQuery", "references");
    expect(templates.element).toBe("vcloud:VAppTemplateReferences");
    const row = (await query("getVAppTemplatesQuery")).value.Record as {
      $element: string;
    }[];
    expect(row[0].$element).toBe("vcloud:VAppTemplateRecord");
  });

  it("a link whose href names the format (a records page's alternate links) is read in that format", async () => {
    const records = await query("getCatalogsQuery");
    const links = records.value.Link as {
      rel: string;
      type: string;
      href: string;
    }[];
    const alternate = (format: string) =>
      links.find((l) => l.rel === "alternate" && l.type === FORMAT(format))!;
    expect(alternate("references").href).toContain("format=references");
    const refs = (await pkg.api.getCatalogsQuery(
      client,
      alternate("references"),
    )) as { element: string };
    expect(refs.element).toBe("vcloud:CatalogReferences");
    const typed = (await pkg.api.getCatalogsQuery(
      client,
      alternate("references"),
      { query: { format: "references" } },
    )) as { element: string };
    expect(typed.element).toBe("vcloud:CatalogReferences");
    const ids = (await pkg.api.getCatalogsQuery(
      client,
      alternate("idrecords"),
    )) as { element: string; value: { type: string } };
    expect(ids.value.type).toBe(FORMAT("idrecords"));
  });

  it("GET /query: the QueryList without type, the type's records with it", async () => {
    const list = await query("getQuery");
    expect(list.element).toBe("vcloud:QueryList");
    const records = (await pkg.api.getQuery(
      client,
      {},
      { query: { type: "catalog" } },
    )) as { element: string };
    expect(records.element).toBe("vcloud:QueryResultRecords");
  });
});

describe("against a server answering as vCD does", () => {
  const server = serverPerTest();
  const RECORDS = (url: string, format: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><QueryResultRecords xmlns="http://www.vmware.com/vcloud/v1.5" href="${url}/api/admin/orgs/query?page=1&amp;pageSize=25&amp;format=${format}" name="organization" page="1" pageSize="25" total="1" type="${FORMAT(format)}"><Link href="${url}/api/admin/orgs/query?page=1&amp;pageSize=25&amp;format=references" rel="alternate" type="${FORMAT("references")}"/><OrgRecord displayName="Default Organization" href="${url}/api/org/7b83" isEnabled="true" isReadOnly="false" name="Default"/></QueryResultRecords>`;
  const REFERENCES = (url: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><OrgReferences xmlns="http://www.vmware.com/vcloud/v1.5" href="${url}/api/admin/orgs/query?format=references" name="organization" page="1" pageSize="25" total="1" type="${FORMAT("references")}"><OrgReference href="${url}/api/org/7b83" name="Default" type="application/vnd.vmware.admin.organization+xml"/></OrgReferences>`;

  function serve(
    format: string,
    contentType = `${FORMAT(format)};version=30.0`,
  ) {
    server.reset(); // this answer replaces the last
    server.on("GET", "/api/admin/orgs/query", {
      headers: { "content-type": contentType },
      body:
        format === "references"
          ? REFERENCES(server.url)
          : RECORDS(server.url, format),
    });
  }

  async function loggedIn(): Promise<VcdClient> {
    const client = pkg.createClient({
      baseUrl: `${server.url}/api`,
      timeout: 5_000,
    });
    client.resume("token");
    return client;
  }

  const orgs = (client: VcdClient, query?: object) =>
    pkg.api.getOrgsQuery(client, {}, query ? { query } : {});

  it("the default call reads the records answer (API reference, GET-OrganizationsFromQuery)", async () => {
    serve("records");
    const reply = await orgs(await loggedIn());
    expect(reply.element).toBe("vcloud:QueryResultRecords");
    expect(server.requests[0].path).toBe("/api/admin/orgs/query");
  });

  it("with the generic Content-Type application/*+xml too", async () => {
    serve("records", "application/*+xml;version=30.0");
    const reply = await orgs(await loggedIn());
    expect(reply.element).toBe("vcloud:QueryResultRecords");
  });

  it("format=references reads the references; format=idrecords the idrecords", async () => {
    serve("references");
    const refs = await orgs(await loggedIn(), { format: "references" });
    expect(refs.element).toBe("vcloud:OrgReferences");
    expect(server.requests[0].target).toBe(
      "/api/admin/orgs/query?format=references",
    );
    serve("idrecords");
    const ids = await orgs(await loggedIn(), { format: "idrecords" });
    expect(ids.element).toBe("vcloud:QueryResultRecords");
  });

  it("an answer of another format than asked for is a VcdResponseError: the stub's type would lie", async () => {
    serve("references");
    await expect(orgs(await loggedIn())).rejects.toMatchObject({
      name: "VcdResponseError",
      message: expect.stringContaining(
        `media type ${FORMAT("references")}, expected ${FORMAT("records")}`,
      ),
    });
    serve("references", "application/*+xml;version=30.0");
    await expect(orgs(await loggedIn())).rejects.toMatchObject({
      name: "VcdResponseError",
      message: expect.stringContaining(
        "root element vcloud:OrgReferences, expected vcloud:QueryResultRecords",
      ),
    });
    serve("records");
    await expect(
      orgs(await loggedIn(), { format: "references" }),
    ).rejects.toMatchObject({ name: "VcdResponseError" });
  });

  it("an operation without format takes all its answers, as declared", async () => {
    const row = pkg.operations.find(
      (op: OperationInfo) => op.path === "/admin/vdc/{id}/edgeGateways",
    )!;
    expect(row.queryParameters.some((q) => q.name === "format")).toBe(false);
    server.on("GET", "/api/admin/vdc/v-1/edgeGateways", {
      headers: { "content-type": FORMAT("references") },
      body: `<?xml version="1.0" encoding="UTF-8"?><References xmlns="http://www.vmware.com/vcloud/v1.5" type="${FORMAT("references")}"/>`,
    });
    const client = await loggedIn();
    const reply = await client.call(row, { id: "v-1" }, undefined);
    expect(reply.element).toBe("vcloud:References");
  });
});

describe("typed by format", () => {
  it("a program over the generated declarations: records by default, each format's answer, no other format", () => {
    const dir = mkdtempSync(join(tmpdir(), "vcd-codegen-query-types-"));
    try {
      const api = resolve(inject("generatedDir"), "30.0/dist/api/index.js");
      writeFileSync(
        join(dir, "check.ts"),
        `import { getOrgsQuery, getQuery, getVAppsQuery } from ${JSON.stringify(api)};
import type { VcdClient } from ${JSON.stringify(resolve(inject("generatedDir"), "30.0/dist/runtime/client/index.js"))};
declare const client: VcdClient;
type Records = "vcloud:QueryResultRecords";
export async function check(): Promise<unknown> {
  const byDefault: Records = (await getVAppsQuery(client)).element;
  const filtered: Records = (await getVAppsQuery(client, {}, { query: { filter: "name==a" } })).element;
  const ids: Records = (await getOrgsQuery(client, {}, { query: { format: "idrecords" } })).element;
  const refs = await getOrgsQuery(client, {}, { query: { format: "references" } });
  // @ts-expect-error references are no records
  const wrong: Records = refs.element;
  const ref: \`vcloud:\${string}References\` | \`vmext:\${string}References\` = refs.element;
  // @ts-expect-error a format no query has
  await getVAppsQuery(client, {}, { query: { format: "json" } });
  const list = await getQuery(client);
  const listOrRecords: Records | "vcloud:QueryList" = list.element;
  return [byDefault, filtered, ids, wrong, ref, listOrRecords];
}
`,
      );
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({
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
      );
      const tsc = runTsc(dir);
      expect(tsc.output).toBe("");
      expect(tsc.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
