/** findLink, findLinks, operationForLink on real documents and the real operation paths; a link as a stub's target. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createClient,
  findLink,
  findLinks,
  followLink,
  methodsForRel,
  operationForLink,
  type HasLinks,
  type LinkLike,
  type OperationInfo,
} from "../../../runtime/client/index.js";
import { resolveOptions } from "../../../generator/config/options.js";
import { operationRow } from "../../../generator/emit/client/emit-operations-table.js";
import { ModelIndex } from "../../../generator/model/model-index.js";
import { buildModel } from "../../../generator/pipeline.js";
import { PROJECT_ROOT, VCD_API_36_DIR } from "../../helpers/vcd-inputs.js";
import {
  startHttpServer,
  type TestHttpServer,
} from "../../helpers/http-server.js";
import {
  clientFor,
  operation,
  packageOperations,
  OPS,
  packageBinding,
  sample,
  taskXml,
  xmlHeaders,
} from "./fixtures.js";

const VAPP_SAMPLE = "libcloud-vcloud_1_5/api_vApp_undeployTest.xml";
const ROOT = "https://vm-vcloud/api";

let vapp: HasLinks & { Children?: { Vm?: HasLinks[] } };
let operations: OperationInfo[];
beforeAll(async () => {
  const { documents } = await packageBinding();
  vapp = documents.fromXml(sample(VAPP_SAMPLE)).value as typeof vapp;
  operations = await packageOperations();
});

describe("findLinks and findLink", () => {
  it("find by rel (exactly), by media type (case-insensitively), or all", () => {
    const all = findLinks(vapp);
    expect(all.length).toBeGreaterThan(10);
    const downs = findLinks(vapp, "down");
    expect(downs.length).toBeGreaterThanOrEqual(4);
    expect(downs.every((l) => l.rel === "down")).toBe(true);
    expect(findLinks(vapp, "Down")).toEqual([]);

    const meta = findLink(
      vapp,
      "down",
      "APPLICATION/vnd.vmware.vcloud.METADATA+xml; version=30.0",
    );
    expect(meta?.href).toBe(
      `${ROOT}/vApp/vapp-8c57a5b6-e61b-48ca-8a78-3b70ee65ef6a/metadata`,
    );
    expect(findLink(vapp, "power:powerOn")?.href).toBe(
      `${ROOT}/vApp/vapp-8c57a5b6-e61b-48ca-8a78-3b70ee65ef6a/power/action/powerOn`,
    );
  });

  it("a missing link is undefined, not an error", () => {
    expect(findLink(vapp, "power:powerOff")).toBeUndefined();
    expect(
      findLink(vapp, "down", "application/vnd.vmware.vcloud.nothing+xml"),
    ).toBeUndefined();
    expect(findLinks(undefined)).toEqual([]);
    expect(findLink({}, "edit")).toBeUndefined();
  });
});

describe("operationForLink", () => {
  it("finds the operation of each link of a real vApp among the real operations", () => {
    const found = findLinks(vapp).map((link) => {
      const op = operationForLink(operations, link, ROOT);
      return `${link.rel} -> ${op ? `${op.method} ${op.path}` : "none"}`;
    });
    expect(found).toEqual(
      expect.arrayContaining([
        "power:powerOn -> POST /vApp/{id}/power/action/powerOn",
        "deploy -> POST /vApp/{id}/action/deploy",
        "down -> GET /network/{id}",
        "down -> GET /vApp/{id}/controlAccess",
        "controlAccess -> POST /vApp/{id}/action/controlAccess",
        "recompose -> POST /vApp/{id}/action/recomposeVApp",
        "up -> GET /vdc/{id}",
        "edit -> PUT /vApp/{id}",
        "remove -> DELETE /vApp/{id}",
        "down -> GET /vApp/{id}/owner",
        "down -> GET /vApp/{id}/metadata",
      ]),
    );
  });

  it("the VM's links too (sections with a trailing slash, screen, media actions)", () => {
    const vm = vapp.Children?.Vm?.[0];
    expect(vm).toBeDefined();
    const lookup = (rel: string) => {
      const link = findLink(vm, rel);
      expect(link, rel).toBeDefined();
      const op = operationForLink(operations, link!, ROOT);
      return op && `${op.method} ${op.path}`;
    };
    expect(lookup("power:powerOn")).toBe(
      "POST /vApp/{id}/power/action/powerOn",
    );
    expect(lookup("edit")).toBe("PUT /vApp/{id}");
  });

  it("the rel picks the method among those of one path", () => {
    const href = `${ROOT}/vApp/vapp-1`;
    const method = (rel: string) =>
      operationForLink(operations, { rel, href }, ROOT)?.method;
    expect(method("edit")).toBe("PUT");
    expect(method("remove")).toBe("DELETE");
    expect(method("self")).toBe("GET");
    expect(method("alternate")).toBe("GET");
    expect(
      operationForLink(
        operations,
        { rel: "down", href: `${ROOT}/vApp/vapp-1/power/action/powerOn` },
        ROOT,
      ),
    ).toBeUndefined();
    expect(methodsForRel("power:powerOn")).toEqual(["POST", "GET"]);
    expect(methodsForRel("add")).toEqual(["POST"]);
  });

  it("outside the API root, or a path no template has: undefined; another host is fine", () => {
    expect(
      operationForLink(
        operations,
        { rel: "down", href: "https://vm-vcloud/other/vApp/vapp-1" },
        ROOT,
      ),
    ).toBeUndefined();
    expect(
      operationForLink(
        operations,
        { rel: "down", href: `${ROOT}/no/such/thing` },
        ROOT,
      ),
    ).toBeUndefined();
    expect(
      operationForLink(
        operations,
        { rel: "up", href: "https://proxy.example/api/vdc/v-1" },
        ROOT,
      )?.path,
    ).toBe("/vdc/{id}");
  });

  it("the most literal template wins; then the media type among one method", () => {
    const rows = [
      operation({ name: "byId", method: "GET", path: "/thing/{id}" }),
      operation({ name: "special", method: "GET", path: "/thing/special/" }),
      operation({
        name: "editA",
        method: "PUT",
        path: "/thing/{id}",
        requestBodies: [
          { mediaType: "application/vnd.a+xml", type: "", element: "" },
        ],
      }),
      operation({
        name: "editB",
        method: "PUT",
        path: "/thing/{id}",
        requestBodies: [
          { mediaType: "application/vnd.b+xml", type: "", element: "" },
        ],
      }),
    ];
    const find = (link: LinkLike) =>
      operationForLink(rows, link, "http://h/api/")?.name;
    expect(find({ rel: "down", href: "http://h/api/thing/special" })).toBe(
      "special",
    );
    expect(find({ rel: "down", href: "http://h/api/thing/t-1/" })).toBe("byId");
    expect(
      find({
        rel: "edit",
        href: "http://h/api/thing/t-1",
        type: "application/VND.B+xml",
      }),
    ).toBe("editB");
    expect(find({ rel: "edit", href: "http://h/api/thing/t-1" })).toBe("editA");
  });
});

/** A VDC as real servers (vCD 9.x, 10.x) send it: its query links are typed as the records their GET answers. */
const VDC_XML = (host: string) => `<?xml version="1.0" encoding="UTF-8"?>
<Vdc xmlns="http://www.vmware.com/vcloud/v1.5" status="1" name="acme-vdc" id="urn:vcloud:vdc:4f6c" href="${host}/api/vdc/4f6c" type="application/vnd.vmware.vcloud.vdc+xml">
  <Link rel="up" href="${host}/api/org/a93c" type="application/vnd.vmware.vcloud.org+xml"/>
  <Link rel="down" href="${host}/api/vdc/4f6c/metadata" type="application/vnd.vmware.vcloud.metadata+xml"/>
  <Link rel="edit" href="${host}/api/vdc/4f6c" type="application/vnd.vmware.vcloud.vdc+xml"/>
  <Link rel="add" href="${host}/api/vdc/4f6c/action/instantiateVAppTemplate" type="application/vnd.vmware.vcloud.instantiateVAppTemplateParams+xml"/>
  <Link rel="edgeGateways" href="${host}/api/admin/vdc/4f6c/edgeGateways" type="application/vnd.vmware.vcloud.query.records+xml"/>
  <Link rel="add" href="${host}/api/admin/vdc/4f6c/networks" type="application/vnd.vmware.vcloud.orgVdcNetwork+xml"/>
  <Link rel="orgVdcNetworks" href="${host}/api/admin/vdc/4f6c/networks" type="application/vnd.vmware.vcloud.query.records+xml"/>
  <Link rel="alternate" href="${host}/api/admin/vdc/4f6c" type="application/vnd.vmware.admin.vdc+xml"/>
  <AllocationModel>AllocationVApp</AllocationModel>
  <ComputeCapacity>
    <Cpu><Units>MHz</Units><Allocated>0</Allocated><Limit>0</Limit><Reserved>0</Reserved><Used>0</Used></Cpu>
    <Memory><Units>MB</Units><Allocated>0</Allocated><Limit>0</Limit><Reserved>0</Reserved><Used>0</Used></Memory>
  </ComputeCapacity>
  <NicQuota>0</NicQuota>
  <NetworkQuota>20</NetworkQuota>
  <VmQuota>0</VmQuota>
  <IsEnabled>true</IsEnabled>
</Vdc>`;

describe("rel, type and method choose together", () => {
  let rows36: OperationInfo[];
  beforeAll(async () => {
    const options = await resolveOptions(
      { input: VCD_API_36_DIR, apiVersion: "36.0" },
      {},
      PROJECT_ROOT,
    );
    const model = buildModel(options).model;
    const index = new ModelIndex(model);
    rows36 = model.operations.map(
      (op) => operationRow(index, op) as unknown as OperationInfo,
    );
  }, 60_000);

  function lookup(rows: readonly OperationInfo[]) {
    return (rel: string, type?: string) => {
      const link = findLink(vdc, rel, type);
      expect(link, `${rel} ${type ?? ""}`).toBeDefined();
      const op = operationForLink(rows, link!, ROOT);
      return op && `${op.method} ${op.path}`;
    };
  }
  let vdc: HasLinks;
  beforeAll(async () => {
    const { documents } = await packageBinding();
    vdc = documents.fromXml(VDC_XML("https://vm-vcloud")).value as HasLinks;
  });

  it.each([
    ["30.0", () => operations],
    ["36.0", () => rows36],
  ])(
    "a VDC's query links lead to the GET of the records, its add links to the POST (the %s set)",
    (_, rows) => {
      const find = lookup(rows());
      expect(find("edgeGateways")).toBe("GET /admin/vdc/{id}/edgeGateways");
      expect(find("orgVdcNetworks")).toBe("GET /admin/vdc/{id}/networks");
      expect(
        find("add", "application/vnd.vmware.vcloud.orgVdcNetwork+xml"),
      ).toBe("POST /admin/vdc/{id}/networks");
      expect(
        find(
          "add",
          "application/vnd.vmware.vcloud.instantiateVAppTemplateParams+xml",
        ),
      ).toBe("POST /vdc/{id}/action/instantiateVAppTemplate");
      expect(find("edit")).toBe("PUT /vdc/{id}");
      expect(find("alternate")).toBe("GET /admin/vdc/{id}");
      // The records the link's type names are among what that GET answers.
      const networks = operationForLink(
        rows(),
        findLink(vdc, "orgVdcNetworks")!,
        ROOT,
      )!;
      expect(networks.responseMediaTypes).toContain(
        "application/vnd.vmware.vcloud.query.records+xml",
      );
    },
  );

  it("a link's type is what a GET answers or what a POST/PUT takes; without a type, the rel's preferred method", () => {
    const body = (mediaType: string) => [{ mediaType, type: "", element: "" }];
    const rows = [
      operation({
        name: "list",
        method: "GET",
        path: "/things",
        responses: body("application/vnd.list+xml"),
      }),
      operation({
        name: "create",
        method: "POST",
        path: "/things",
        requestBodies: body("application/vnd.thing+xml"),
      }),
      operation({ name: "act", method: "POST", path: "/act" }),
      operation({ name: "read", method: "GET", path: "/act" }),
    ];
    const find = (rel: string, type?: string, href = "http://h/api/things") =>
      operationForLink(rows, { rel, href, type }, "http://h/api")?.name;
    expect(find("things", "application/vnd.list+xml")).toBe("list");
    expect(find("things", "application/VND.thing+xml; version=36.0")).toBe(
      "create",
    );
    // A type neither names: not the POST that takes another body.
    expect(find("things", "application/vnd.other+xml")).toBe("list");
    expect(find("things")).toBe("create");
    expect(find("add", "application/vnd.list+xml")).toBe("create");
    expect(find("down", "application/vnd.thing+xml")).toBe("list");
    // A POST that declares no body stays the action's, whatever the type (the task it answers).
    expect(
      find("act", "application/vnd.vmware.vcloud.task+xml", "http://h/api/act"),
    ).toBe("act");
  });

  it("followLink calls the GET of rel=orgVdcNetworks and reads its records, as a server sends them", async () => {
    const server = await startHttpServer();
    try {
      server.on("GET", "/api/admin/vdc/4f6c/networks", {
        headers: xmlHeaders(
          "application/vnd.vmware.vcloud.query.records+xml;version=30.0",
        ),
        body: `<?xml version="1.0" encoding="UTF-8"?><QueryResultRecords xmlns="http://www.vmware.com/vcloud/v1.5" name="orgVdcNetwork" page="1" pageSize="25" total="1" href="${server.url}/api/admin/vdc/4f6c/networks?page=1&amp;pageSize=25&amp;format=records" type="application/vnd.vmware.vcloud.query.records+xml"><OrgVdcNetworkRecord name="net-1" linkType="1" href="${server.url}/api/admin/network/n-1"/></QueryResultRecords>`,
      });
      const client = createClient(
        { baseUrl: `${server.url}/api`, timeout: 5_000 },
        await packageBinding(await packageOperations()),
      );
      client.resume("tok");
      const { documents } = await packageBinding();
      const value = documents.fromXml(VDC_XML(server.url)).value as HasLinks;
      const reply = await followLink(
        client,
        findLink(value, "orgVdcNetworks")!,
      );
      expect(reply.element).toBe("vcloud:QueryResultRecords");
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        "GET /api/admin/vdc/4f6c/networks",
      ]);
    } finally {
      await server.close();
    }
  });
});

describe("a link as a stub's target", () => {
  let server: TestHttpServer;
  beforeAll(async () => {
    server = await startHttpServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("powerOn(client, link): the call goes to the link's href", async () => {
    server.on("GET", "/api/vApp/vapp-8c57a5b6-e61b-48ca-8a78-3b70ee65ef6a", {
      headers: xmlHeaders("vApp"),
      body: sample(VAPP_SAMPLE).replaceAll("https://vm-vcloud", server.url),
    });
    server.on("POST", /\/power\/action\/powerOn$/, () => ({
      status: 202,
      headers: xmlHeaders("task"),
      body: taskXml({ href: `${server.url}/api/task/1`, status: "queued" }),
    }));
    const client = await clientFor(server.url);
    client.resume("tok");
    const got = await client.call(
      OPS.getVApp,
      { id: "vapp-8c57a5b6-e61b-48ca-8a78-3b70ee65ef6a" },
      undefined,
    );
    const link = findLink(got.value as HasLinks, "power:powerOn");
    expect(link).toBeDefined();
    expect(operationForLink(client.operations, link!, client.baseUrl)).toBe(
      OPS.powerOnVApp,
    );
    const reply = await client.call(OPS.powerOnVApp, link, undefined);
    expect(reply.element).toBe("vcloud:Task");
    const post = server.requests[1];
    expect(post.method).toBe("POST");
    expect(post.path).toBe(
      "/api/vApp/vapp-8c57a5b6-e61b-48ca-8a78-3b70ee65ef6a/power/action/powerOn",
    );
    expect(post.headers.authorization).toBe("Bearer tok");
  });

  it("followLink calls what the link means; a link no operation answers is refused before sending", async () => {
    server.on("POST", /\/power\/action\/powerOff$/, () => ({
      status: 202,
      headers: xmlHeaders("task"),
      body: taskXml({ href: `${server.url}/api/task/2`, status: "queued" }),
    }));
    const client = createClient(
      { baseUrl: `${server.url}/api`, timeout: 5_000 },
      await packageBinding(await packageOperations()),
    );
    client.resume("tok");
    const before = server.requests.length;
    const reply = await followLink(client, {
      rel: "power:powerOff",
      href: `${server.url}/api/vApp/vapp-1/power/action/powerOff`,
    });
    expect(reply.element).toBe("vcloud:Task");
    expect(
      server.requests.slice(before).map((r) => `${r.method} ${r.path}`),
    ).toEqual(["POST /api/vApp/vapp-1/power/action/powerOff"]);
    await expect(
      followLink(client, {
        rel: "down",
        href: `${server.url}/api/no/such/path`,
      }),
    ).rejects.toMatchObject({ name: "VcdRequestError" });
    expect(server.requests.length).toBe(before + 1);
  });
});
