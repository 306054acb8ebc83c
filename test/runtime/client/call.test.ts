/** `call`: URLs, headers, bodies and how answers are read, against a real HTTP server. */
import { describe, expect, it } from "vitest";
import {
  VcdRequestError,
  VcdResponseError,
  type Middleware,
  type PathParameters,
} from "../../../runtime/client/index.js";
import { ValidationError, type Document } from "../../../runtime/xml/index.js";
import { serverPerTest } from "../../helpers/server-per-test.js";
import {
  clientFor,
  OPS,
  packageBinding,
  sample,
  xmlHeaders,
} from "./fixtures.js";

const server = serverPerTest();

const VAPP_XML = sample("jclouds-labs-vcloud-director/vapp/vApp.xml");
const VM_XML = sample("jclouds-labs-vcloud-director/vm/vm.xml");
const TASK_XML = sample("jclouds-labs-vcloud-director/vapp/vAppRebootTask.xml");
const GUEST_XML = sample(
  "libcloud-vcloud_1_5/get_api_vApp_vm_dd75d1d3_5b7b_48f0_aff3_69622ab7e045_guestCustomizationSection.xml",
);

async function guestSection(): Promise<Document> {
  const { documents } = await packageBinding();
  return documents.fromXml(GUEST_XML);
}

describe("requests", () => {
  it("sends Accept with the version, the token, the client's and the call's headers", async () => {
    server.on("GET", "/api/vApp/vapp-1", {
      headers: xmlHeaders("vApp"),
      body: VAPP_XML,
    });
    const client = await clientFor(server.url, {
      headers: { "X-Client": "c", "X-Both": "client" },
    });
    client.resume("tok");
    const reply = await client.call(OPS.getVApp, { id: "vapp-1" }, undefined, {
      headers: {
        "X-VMWARE-VCLOUD-TENANT-CONTEXT": "org-1",
        "X-Both": "call",
      },
    });
    expect(reply.element).toBe("vcloud:VApp");
    expect(reply.status).toBe(200);
    expect(reply.url).toBe(`${server.url}/api/vApp/vapp-1`);
    expect(reply.location).toBeUndefined();
    expect(reply.headers.get("content-type")).toContain("vApp+xml");
    const [request] = server.requests;
    expect(request.method).toBe("GET");
    expect(request.headers.accept).toBe("application/*+xml;version=30.0");
    expect(request.headers.authorization).toBe("Bearer tok");
    expect(request.headers["x-client"]).toBe("c");
    expect(request.headers["x-both"]).toBe("call");
    expect(request.headers["x-vmware-vcloud-tenant-context"]).toBe("org-1");
    expect(request.headers["content-type"]).toBeUndefined();
    expect(request.body).toBe("");
  });

  it("percent-encodes path parameters and appends the query (undefined left out)", async () => {
    // getMetadataValue (this row) declares no answer: the 204 is its reply; deleteVApp declares a
    // Task, so its empty answer is refused (the requests are what counts here).
    server.on("*", /.*/, { status: 204 });
    const client = await clientFor(server.url);
    await client.call(
      OPS.getMetadataValue,
      { id: "a b/c?d", key: 42 },
      undefined,
    );
    await expect(
      client.call(OPS.deleteVApp, { id: "vapp-1" }, undefined, {
        query: { force: true, recursive: undefined, "x y": "1&2" },
      }),
    ).rejects.toMatchObject({ name: "VcdResponseError" });
    expect(server.requests[0].path).toBe("/api/vApp/a%20b%2Fc%3Fd/metadata/42");
    expect(server.requests[0].target).toBe(
      "/api/vApp/a%20b%2Fc%3Fd/metadata/42",
    );
    expect(server.requests[1].method).toBe("DELETE");
    expect(server.requests[1].path).toBe("/api/vApp/vapp-1");
    expect(server.requests[1].target).toBe(
      "/api/vApp/vapp-1?force=true&x%20y=1%262",
    );
    expect([...server.requests[1].query]).toEqual([
      ["force", "true"],
      ["x y", "1&2"],
    ]);
  });

  it("an href target is used as is, the query appended after its own", async () => {
    server.on("*", /.*/, {
      status: 202,
      headers: xmlHeaders("task"),
      body: TASK_XML,
    });
    const client = await clientFor(server.url);
    const link = {
      rel: "power:powerOn",
      href: `${server.url}/elsewhere/vApp/vapp-9/power/action/powerOn?x=1`,
    };
    const reply = await client.call(OPS.powerOnVApp, link, undefined, {
      query: { y: 2 },
    });
    expect(reply.element).toBe("vcloud:Task");
    expect(server.requests[0].method).toBe("POST");
    expect(server.requests[0].target).toBe(
      "/elsewhere/vApp/vapp-9/power/action/powerOn?x=1&y=2",
    );
  });

  it("a missing path parameter is a VcdRequestError, before any request", async () => {
    const client = await clientFor(server.url);
    const targets: (PathParameters | undefined)[] = [
      undefined,
      {},
      { id: "" },
      { key: "k" },
      { id: "..", key: "k" },
      { id: "v", key: "." },
    ];
    for (const target of targets) {
      const error = await client
        .call(OPS.getMetadataValue, target, undefined)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VcdRequestError);
      expect((error as Error).message).toMatch(
        /path parameter "(id|key)" (is missing|may not be)/,
      );
    }
    expect(server.requests).toHaveLength(0);
  });

  it("a body is validated, written, and sent with its shape's Content-Type", async () => {
    server.on("PUT", "/api/vApp/vm-1/guestCustomizationSection/", {
      status: 202,
      headers: xmlHeaders("task"),
      body: TASK_XML,
    });
    const client = await clientFor(server.url);
    const body = await guestSection();
    const reply = await client.call(
      OPS.updateGuestCustomizationSection,
      { id: "vm-1" },
      body,
    );
    expect(reply.status).toBe(202);
    expect(reply.element).toBe("vcloud:Task");
    const [request] = server.requests;
    expect(request.method).toBe("PUT");
    expect(request.headers["content-type"]).toBe(
      "application/vnd.vmware.vcloud.guestCustomizationSection+xml",
    );
    const { documents } = await packageBinding();
    const sent = documents.fromXml(request.body);
    expect(sent.element).toBe("vcloud:GuestCustomizationSection");
    expect(sent.value).toMatchObject({
      ComputerName: "VMMast-001",
      AdminPassword: "aabbccddee",
      Enabled: true,
    });
  });

  it("a body that breaks the schema is never sent: ValidationError with the violations", async () => {
    server.on("*", /.*/, {
      status: 202,
      headers: xmlHeaders("task"),
      body: TASK_XML,
    });
    const client = await clientFor(server.url);
    const body = await guestSection();
    const value = { ...(body.value as Record<string, unknown>) };
    delete value.Info;
    value.ComputerName = 17;
    const error = await client
      .call(
        OPS.updateGuestCustomizationSection,
        { id: "vm-1" },
        { element: body.element, value },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).violations.map((v) => v.path);
    expect(paths.some((p) => p.includes("Info"))).toBe(true);
    expect(paths.some((p) => p.includes("ComputerName"))).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it("a bare value goes as the operation's only shape; a reply read earlier can be sent back", async () => {
    server.on("GET", "/api/vApp/vm-1/guestCustomizationSection/", {
      headers: xmlHeaders("guestCustomizationSection"),
      body: GUEST_XML,
    });
    server.on("PUT", "/api/vApp/vm-1/guestCustomizationSection/", {
      status: 202,
      headers: xmlHeaders("task"),
      body: TASK_XML,
    });
    const client = await clientFor(server.url);
    const { documents } = await packageBinding();
    const body = await guestSection();
    const value = { ...(body.value as Record<string, unknown>) };
    value.ComputerName = "renamed";
    await client.call(
      OPS.updateGuestCustomizationSection,
      { id: "vm-1" },
      value,
    );
    const read = await client.call(
      OPS.getGuestCustomizationSection,
      { id: "vm-1" },
      undefined,
    );
    await client.call(
      OPS.updateGuestCustomizationSection,
      { id: "vm-1" },
      read,
    );
    const [first, , third] = server.requests;
    expect(first.headers["content-type"]).toBe(
      "application/vnd.vmware.vcloud.guestCustomizationSection+xml",
    );
    expect(documents.fromXml(first.body)).toMatchObject({
      element: "vcloud:GuestCustomizationSection",
      value: { ComputerName: "renamed" },
    });
    expect(documents.fromXml(third.body)).toMatchObject({
      element: "vcloud:GuestCustomizationSection",
      value: { ComputerName: "VMMast-001" },
    });
  });

  it("an operation of several shapes takes the one of the document's element, and no bare value", async () => {
    server.on("PUT", "/api/vApp/vm-1", {
      status: 202,
      headers: xmlHeaders("task"),
      body: TASK_XML,
    });
    const client = await clientFor(server.url);
    const { documents } = await packageBinding();
    const vm = documents.fromXml(VM_XML);
    const vapp = documents.fromXml(VAPP_XML);
    await client.call(OPS.updateVApp, { id: "vm-1" }, vm);
    await client.call(OPS.updateVApp, { id: "vm-1" }, vapp);
    expect(server.requests.map((r) => r.headers["content-type"])).toEqual([
      "application/vnd.vmware.vcloud.vm+xml",
      "application/vnd.vmware.vcloud.vApp+xml",
    ]);
    expect(documents.fromXml(server.requests[0].body).element).toBe(
      "vcloud:Vm",
    );
    const bare = await client
      .call(OPS.updateVApp, { id: "vm-1" }, vm.value as object)
      .catch((e: unknown) => e);
    expect(bare).toBeInstanceOf(VcdRequestError);
    expect((bare as Error).message).toContain("give a document");
    expect(server.requests).toHaveLength(2);
  });

  it("a body of a type the operation does not take, or none where it needs one: VcdRequestError, nothing sent", async () => {
    const client = await clientFor(server.url);
    const { documents } = await packageBinding();
    const vapp = documents.fromXml(VAPP_XML);
    const wrong = await client
      .call(OPS.updateGuestCustomizationSection, { id: "vm-1" }, vapp)
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(VcdRequestError);
    expect((wrong as Error).message).toContain(
      "vcloud:GuestCustomizationSection (application/vnd.vmware.vcloud.guestCustomizationSection+xml)",
    );
    expect((wrong as Error).message).toContain("not vcloud:VApp");
    await expect(
      client.call(
        OPS.updateGuestCustomizationSection,
        { id: "vm-1" },
        undefined,
      ),
    ).rejects.toBeInstanceOf(VcdRequestError);
    await expect(
      client.call(OPS.powerOnVApp, { id: "vapp-1" }, vapp),
    ).rejects.toThrow(/takes no body/);
    expect(server.requests).toHaveLength(0);
  });
});

describe("answers", () => {
  it("narrows on element: either declared root is read", async () => {
    server.on("GET", "/api/vApp/vm-1", {
      headers: xmlHeaders("vm"),
      body: VM_XML,
    });
    const client = await clientFor(server.url);
    const reply = await client.call(OPS.getVApp, { id: "vm-1" }, undefined);
    expect(reply.element).toBe("vcloud:Vm");
    expect((reply.value as { name: string }).name).toBe("ubuntu");
  });

  it("compares media types case-insensitively and without parameters", async () => {
    server.on("GET", "/api/vApp/vapp-1", {
      headers: {
        "content-type":
          "application/VND.vmware.vcloud.vapp+xml; version=30.0; charset=utf-8",
      },
      body: VAPP_XML,
    });
    const client = await clientFor(server.url);
    const reply = await client.call(OPS.getVApp, { id: "vapp-1" }, undefined);
    expect(reply.element).toBe("vcloud:VApp");
  });

  it("the generic application/*+xml;version=X real servers send: the root decides, and must be one the operation declares", async () => {
    for (const [path, body] of [
      ["/api/vApp/vapp-1", VAPP_XML],
      ["/api/vApp/vm-1", VM_XML],
      ["/api/vApp/vapp-2", TASK_XML],
    ])
      server.on("GET", path, {
        headers: { "content-type": "application/*+xml;version=30.0" },
        body,
      });
    server.on("PUT", "/api/vApp/vm-1/guestCustomizationSection/", {
      status: 202,
      headers: { "content-type": "APPLICATION/*+XML; version=30.0" },
      body: TASK_XML,
    });
    const client = await clientFor(server.url);
    const vapp = await client.call(OPS.getVApp, { id: "vapp-1" }, undefined);
    expect(vapp.element).toBe("vcloud:VApp");
    expect((vapp.value as { name: string }).name).toBe("vApp_switbeck_18");
    const vm = await client.call(OPS.getVApp, { id: "vm-1" }, undefined);
    expect(vm.element).toBe("vcloud:Vm");
    const task = await client.call(
      OPS.updateGuestCustomizationSection,
      { id: "vm-1" },
      await guestSection(),
    );
    expect(task.element).toBe("vcloud:Task");
    // A root the operation does not declare is still refused, whatever the generic type.
    await expect(
      client.call(OPS.getVApp, { id: "vapp-2" }, undefined),
    ).rejects.toMatchObject({
      name: "VcdResponseError",
      message: expect.stringContaining(
        "root element vcloud:Task, expected vcloud:VApp or vcloud:Vm",
      ),
    });
  });

  it("a specific media type the operation does not declare is still refused", async () => {
    server.on("GET", "/api/vApp/vapp-1", {
      headers: xmlHeaders("vdc"),
      body: VAPP_XML,
    });
    const client = await clientFor(server.url);
    await expect(
      client.call(OPS.getVApp, { id: "vapp-1" }, undefined),
    ).rejects.toMatchObject({
      name: "VcdResponseError",
      message: expect.stringContaining(
        "media type application/vnd.vmware.vcloud.vdc+xml, expected",
      ),
    });
  });

  it("204, and 2xx with an empty body, give NoContent with the HTTP facts where the operation declares no document", async () => {
    server.on("GET", "/api/open/1", { status: 204 });
    server.on("GET", "/api/open/2", { status: 200, body: "" });
    const client = await clientFor(server.url);
    const a = await client.call(OPS.openGet, { id: 1 }, undefined);
    const b = await client.call(OPS.openGet, { id: 2 }, undefined);
    expect([a.element, a.value, a.status]).toEqual([null, undefined, 204]);
    expect([b.element, b.value, b.status]).toEqual([null, undefined, 200]);
    expect(a.url).toBe(`${server.url}/api/open/1`);
  });

  it("where the operation declares a document (what its stub's type says), an empty answer is refused", async () => {
    server.on("DELETE", "/api/vApp/vapp-1", { status: 204 });
    const client = await clientFor(server.url);
    await expect(
      client.call(OPS.deleteVApp, { id: "vapp-1" }, undefined),
    ).rejects.toMatchObject({
      name: "VcdResponseError",
      message: expect.stringContaining("no document in the answer"),
    });
  });

  it("201 gives the Location", async () => {
    server.on("POST", "/api/vApp/vapp-1/metadata", {
      status: 201,
      headers: { location: "/api/vApp/vapp-1/metadata/new" },
    });
    const client = await clientFor(server.url);
    const { documents } = await packageBinding();
    const reply = await client.call(
      OPS.createThing,
      { id: "vapp-1" },
      {
        element: "vcloud:Metadata",
        value: {},
      },
    );
    expect(reply.status).toBe(201);
    expect(reply.location).toBe(`${server.url}/api/vApp/vapp-1/metadata/new`);
    expect(server.requests[0].headers["content-type"]).toBe(
      "application/vnd.vmware.vcloud.metadata+xml",
    );
    expect(documents.fromXml(server.requests[0].body).element).toBe(
      "vcloud:Metadata",
    );
  });

  it("303: followed, and location says where it led; a middleware's redirect: manual does not make it an empty reply", async () => {
    server.on("GET", "/api/vApp/vapp-old", {
      status: 303,
      headers: { location: `/api/vApp/vapp-new` },
    });
    server.on("GET", "/api/vApp/vapp-new", {
      headers: xmlHeaders("vApp"),
      body: VAPP_XML,
    });
    const client = await clientFor(server.url);
    client.resume("tok", "vcloud");
    const followed = await client.call(
      OPS.getVApp,
      { id: "vapp-old" },
      undefined,
    );
    expect(followed.element).toBe("vcloud:VApp");
    expect(followed.url).toBe(`${server.url}/api/vApp/vapp-new`);
    expect(followed.location).toBe(`${server.url}/api/vApp/vapp-new`);
    expect(server.requests[1].headers["x-vcloud-authorization"]).toBe("tok");

    const manual: Middleware = {
      onRequest: ({ request }) => new Request(request, { redirect: "manual" }),
    };
    // getVApp's type holds a VApp or a Vm, never { element: null }: the client follows it itself.
    const unfollowing = await clientFor(server.url, { middleware: [manual] });
    const seeOther = await unfollowing.call(
      OPS.getVApp,
      { id: "vapp-old" },
      undefined,
    );
    expect(seeOther.status).toBe(200);
    expect(seeOther.element).toBe("vcloud:VApp");
    expect(seeOther.location).toBe(`${server.url}/api/vApp/vapp-new`);
  });

  it("a 202 Task is taken where the operation declares it or declares nothing, and refused where it declares another document", async () => {
    for (const id of ["vapp-1", "vapp-2"])
      server.on("GET", `/api/vApp/${id}`, {
        status: id === "vapp-1" ? 202 : 200,
        headers: xmlHeaders("task"),
        body: TASK_XML,
      });
    server.on("GET", "/api/open/1", {
      status: 202,
      headers: xmlHeaders("task"),
      body: TASK_XML,
    });
    const client = await clientFor(server.url);
    for (const id of ["vapp-1", "vapp-2"])
      await expect(
        client.call(OPS.getVApp, { id }, undefined),
      ).rejects.toBeInstanceOf(VcdResponseError);
    const open = await client.call(OPS.openGet, { id: 1 }, undefined);
    expect(open.element).toBe("vcloud:Task");
    server.on("POST", /\/power\/action\/powerOn$/, {
      status: 202,
      headers: xmlHeaders("task"),
      body: TASK_XML,
    });
    const declared = await client.call(
      OPS.powerOnVApp,
      { id: "vapp-1" },
      undefined,
    );
    expect(declared.element).toBe("vcloud:Task");
  });

  it("an open operation (no declared answer) takes any document; get() follows any href", async () => {
    server.on("GET", "/api/open/1", {
      headers: xmlHeaders("task"),
      body: TASK_XML,
    });
    server.on("GET", "/api/vApp/vapp-1", {
      headers: xmlHeaders("vApp"),
      body: VAPP_XML,
    });
    server.on("GET", "/api/empty", { status: 204 });
    const client = await clientFor(server.url);
    client.resume("tok");
    const open = await client.call(OPS.openGet, { id: 1 }, undefined);
    expect(open.element).toBe("vcloud:Task");
    const got = await client.get({ href: `${server.url}/api/vApp/vapp-1` });
    expect(got.element).toBe("vcloud:VApp");
    const relative = await client.get("vApp/vapp-1", { query: { a: "b" } });
    expect(relative.element).toBe("vcloud:VApp");
    expect(server.requests[2].target).toBe("/api/vApp/vapp-1?a=b");
    expect(server.requests[2].headers.authorization).toBe("Bearer tok");
    await expect(client.get(`${server.url}/api/empty`)).rejects.toThrow(
      /no document/,
    );
  });
});

describe("middleware", () => {
  it("onRequest runs in order and may replace the request; onResponse runs in reverse and may replace the answer", async () => {
    server.on("GET", "/api/vApp/vapp-1", { status: 204 });
    const order: string[] = [];
    const first: Middleware = {
      onRequest({ request, operation }) {
        order.push(`request 1 ${operation?.name}`);
        const headers = new Headers(request.headers);
        headers.set("x-trace", "t-1");
        return new Request(request, { headers });
      },
      onResponse({ response }) {
        order.push(`response 1 ${response.status}`);
      },
    };
    const second: Middleware = {
      onRequest({ request }) {
        order.push(`request 2 ${request.headers.get("x-trace")}`);
      },
      onResponse() {
        order.push("response 2");
        return new Response(VAPP_XML, {
          status: 200,
          headers: xmlHeaders("vApp"),
        });
      },
    };
    const client = await clientFor(server.url, { middleware: [first, second] });
    const reply = await client.call(OPS.getVApp, { id: "vapp-1" }, undefined);
    expect(reply.element).toBe("vcloud:VApp");
    expect(order).toEqual([
      "request 1 getVApp",
      "request 2 t-1",
      "response 2",
      "response 1 200",
    ]);
    expect(server.requests[0].headers["x-trace"]).toBe("t-1");
  });

  it("onRequest may answer without any network", async () => {
    const cache: Middleware = {
      onRequest: () =>
        new Response(VAPP_XML, { status: 200, headers: xmlHeaders("vApp") }),
    };
    const client = await clientFor(server.url, { middleware: [cache] });
    const reply = await client.call(OPS.getVApp, { id: "vapp-1" }, undefined);
    expect(reply.element).toBe("vcloud:VApp");
    expect(server.requests).toHaveLength(0);
  });

  it("the user's fetch is used, called without a this", async () => {
    const seen: string[] = [];
    const client = await clientFor(server.url, {
      fetch: function (this: unknown, input, init) {
        // A URL and init (no middleware), or a Request (with middleware): both are fetch's own.
        const url = input instanceof Request ? input.url : String(input);
        seen.push(`${String(this)} ${url} ${init?.method ?? ""}`);
        return fetch(input, init);
      },
    });
    server.on("GET", "/api/vApp/vapp-1", {
      headers: xmlHeaders("vApp"),
      body: VAPP_XML,
    });
    await client.call(OPS.getVApp, { id: "vapp-1" }, undefined);
    expect(seen).toEqual([`undefined ${server.url}/api/vApp/vapp-1 GET`]);
  });
});
