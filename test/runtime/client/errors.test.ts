/** Every typed error, each from a real server (or a closed port) answering with it. */
import { describe, expect, it } from "vitest";
import {
  VcdAbortError,
  VcdApiError,
  VcdAuthError,
  VcdError,
  VcdNetworkError,
  VcdNotAcceptableError,
  VcdRequestError,
  VcdResponseError,
  VcdTimeoutError,
  VcdUnsupportedMediaTypeError,
} from "../../../runtime/client/index.js";
import { closedPort } from "../../helpers/http-server.js";
import { serverPerTest } from "../../helpers/server-per-test.js";
import {
  clientFor,
  ERROR_HEADERS,
  errorXml,
  OPS,
  sample,
  xmlHeaders,
} from "./fixtures.js";

const server = serverPerTest();

const VAPP_XML = sample("jclouds-labs-vcloud-director/vapp/vApp.xml");

/** The error `call(getVApp, { id: "vapp-1" })` rejects with. */
async function failure(options: Parameters<typeof clientFor>[1] = {}) {
  const client = await clientFor(server.url, options);
  return client
    .call(OPS.getVApp, { id: "vapp-1" }, undefined)
    .then(() => undefined)
    .catch((e: unknown) => e as VcdError);
}

const URL_OF = () => `${server.url}/api/vApp/vapp-1`;

describe("error statuses", () => {
  it("403 with an Error body (a real one): VcdApiError with its fields", async () => {
    server.on("GET", "/api/vApp/vapp-1", {
      status: 403,
      headers: ERROR_HEADERS,
      body: sample("jclouds-labs-vcloud-director/task/error403.xml"),
    });
    const error = (await failure()) as VcdApiError;
    expect(error).toBeInstanceOf(VcdApiError);
    expect(error).not.toBeInstanceOf(VcdAuthError);
    expect(error.name).toBe("VcdApiError");
    expect(error.status).toBe(403);
    expect(error.method).toBe("GET");
    expect(error.url).toBe(URL_OF());
    expect(error.operation).toBe("getVApp");
    expect(error.majorErrorCode).toBe(403);
    expect(error.minorErrorCode).toBe("ACCESS_TO_RESOURCE_IS_FORBIDDEN");
    expect(error.serverMessage).toBe(
      'No access to entity "com.vmware.vcloud.entity.org:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee".',
    );
    expect(error.error?.message).toBe(error.serverMessage);
    expect(error.message).toContain("403 ACCESS_TO_RESOURCE_IS_FORBIDDEN");
    expect(error.message).toContain(error.serverMessage);
    expect(error.message).toContain(URL_OF());
  });

  it("404 with an Error body carrying vendor code and stack trace", async () => {
    server.on("GET", "/api/vApp/vapp-1", {
      status: 404,
      headers: ERROR_HEADERS,
      body: errorXml({
        message: "[ 1234 ] The requested resource was not found",
        major: 404,
        minor: "RESOURCE_NOT_FOUND",
        vendor: "V-17",
        stack: "at com.vmware...",
      }),
    });
    const error = (await failure()) as VcdApiError;
    expect(error).toBeInstanceOf(VcdApiError);
    expect([
      error.status,
      error.majorErrorCode,
      error.minorErrorCode,
      error.vendorSpecificErrorCode,
      error.stackTrace,
    ]).toEqual([404, 404, "RESOURCE_NOT_FOUND", "V-17", "at com.vmware..."]);
    expect(error.headers?.get("content-type")).toContain("error+xml");
  });

  it("401 with an Error body: VcdAuthError, still a VcdApiError with the fields", async () => {
    server.on("GET", "/api/vApp/vapp-1", {
      status: 401,
      headers: ERROR_HEADERS,
      body: errorXml({ message: "expired", major: 401, minor: "UNAUTHORIZED" }),
    });
    const error = (await failure()) as VcdAuthError;
    expect(error).toBeInstanceOf(VcdAuthError);
    expect(error).toBeInstanceOf(VcdApiError);
    expect(error.name).toBe("VcdAuthError");
    expect(error.serverMessage).toBe("expired");
    expect(error.minorErrorCode).toBe("UNAUTHORIZED");
  });

  it("406: VcdNotAcceptableError", async () => {
    server.on("GET", "/api/vApp/vapp-1", {
      status: 406,
      headers: ERROR_HEADERS,
      body: errorXml({
        message:
          "The request has invalid accept header: Invalid API version requested.",
        major: 406,
        minor: "NOT_ACCEPTABLE",
      }),
    });
    const error = (await failure()) as VcdNotAcceptableError;
    expect(error).toBeInstanceOf(VcdNotAcceptableError);
    expect(error.name).toBe("VcdNotAcceptableError");
    expect(error.status).toBe(406);
    expect(error.minorErrorCode).toBe("NOT_ACCEPTABLE");
  });

  it("415 without a body: VcdUnsupportedMediaTypeError", async () => {
    server.on("GET", "/api/vApp/vapp-1", { status: 415 });
    const error = (await failure()) as VcdUnsupportedMediaTypeError;
    expect(error).toBeInstanceOf(VcdUnsupportedMediaTypeError);
    expect(error.status).toBe(415);
    expect(error.error).toBeUndefined();
    expect(error.message).toContain("415");
  });

  it("500 without a body: VcdApiError with the status and no Error", async () => {
    server.on("GET", "/api/vApp/vapp-1", { status: 500 });
    const error = (await failure()) as VcdApiError;
    expect(error).toBeInstanceOf(VcdApiError);
    expect(error.status).toBe(500);
    expect(error.statusText).toBe("Internal Server Error");
    expect(error.error).toBeUndefined();
    expect(error.body).toBe("");
    expect(error.message).toBe(`GET ${URL_OF()}: 500 Internal Server Error`);
  });

  it("502 with an HTML body: VcdApiError keeping the text", async () => {
    server.on("GET", "/api/vApp/vapp-1", {
      status: 502,
      headers: { "content-type": "text/html" },
      body: "<html><body>Bad Gateway</body></html>",
    });
    const error = (await failure()) as VcdApiError;
    expect(error).toBeInstanceOf(VcdApiError);
    expect(error.error).toBeUndefined();
    expect(error.body).toContain("Bad Gateway");
  });
});

describe("unexpected answers", () => {
  it("a body that is not XML: VcdResponseError with the text", async () => {
    server.on("GET", "/api/vApp/vapp-1", {
      headers: { "content-type": "application/json" },
      body: '{"name":"web"}',
    });
    const error = (await failure()) as VcdResponseError;
    expect(error).toBeInstanceOf(VcdResponseError);
    expect(error.status).toBe(200);
    expect(error.body).toBe('{"name":"web"}');
    expect(error.contentType).toBe("application/json");
    expect(error.message).toContain("not XML");
  });

  it("malformed XML under an XML media type: VcdResponseError, the parse error as cause", async () => {
    server.on("GET", "/api/vApp/vapp-1", {
      headers: xmlHeaders("vApp"),
      body: "<VApp xmlns='http://www.vmware.com/vcloud/v1.5'><oops></VApp>",
    });
    const error = (await failure()) as VcdResponseError;
    expect(error).toBeInstanceOf(VcdResponseError);
    expect((error.cause as Error).name).toBe("XmlParseError");
  });

  it("a root element the operation does not declare: VcdResponseError naming both", async () => {
    server.on("GET", "/api/vApp/vapp-1", {
      headers: { "content-type": "application/xml" },
      body: sample("jclouds-labs-vcloud-director/session.xml"),
    });
    const error = (await failure()) as VcdResponseError;
    expect(error).toBeInstanceOf(VcdResponseError);
    expect(error.message).toContain("root element vcloud:Session");
    expect(error.message).toContain("vcloud:VApp or vcloud:Vm");
    expect(error.body).toContain("<Session");
  });

  it("a media type the operation does not declare: VcdResponseError", async () => {
    server.on("GET", "/api/vApp/vapp-1", {
      headers: xmlHeaders("vAppTemplate"),
      body: VAPP_XML,
    });
    const error = (await failure()) as VcdResponseError;
    expect(error).toBeInstanceOf(VcdResponseError);
    expect(error.message).toContain(
      "media type application/vnd.vmware.vcloud.vapptemplate+xml",
    );
  });
});

describe("no answer", () => {
  it("a server that hangs past the timeout: VcdTimeoutError, in time", async () => {
    server.on("GET", "/api/vApp/vapp-1", { hang: true });
    const started = Date.now();
    const error = (await failure({ timeout: 300 })) as VcdTimeoutError;
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(VcdTimeoutError);
    expect(error.timeout).toBe(300);
    expect(error.url).toBe(URL_OF());
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(3_000);
    expect(server.requests).toHaveLength(1);
  }, 10_000);

  it("the call's timeout wins over the client's; the body's reading counts too", async () => {
    server.on("GET", "/api/vApp/vapp-1", {
      headers: xmlHeaders("vApp"),
      hangAfterHeaders: true,
    });
    const client = await clientFor(server.url, { timeout: 60_000 });
    const started = Date.now();
    const error = await client
      .call(OPS.getVApp, { id: "vapp-1" }, undefined, { timeout: 200 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdTimeoutError);
    expect((error as VcdTimeoutError).timeout).toBe(200);
    expect(Date.now() - started).toBeLessThan(3_000);
  }, 10_000);

  it("a fetch that ignores its signal still times out", async () => {
    const client = await clientFor(server.url, {
      timeout: 200,
      fetch: () => new Promise<Response>(() => undefined),
    });
    await expect(
      client.call(OPS.getVApp, { id: "vapp-1" }, undefined),
    ).rejects.toBeInstanceOf(VcdTimeoutError);
  }, 10_000);

  it("a connection refused on a closed port: VcdNetworkError with the code", async () => {
    const port = await closedPort();
    const client = await clientFor(`http://127.0.0.1:${port}`);
    const error = await client
      .call(OPS.getVApp, { id: "vapp-1" }, undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdNetworkError);
    expect((error as VcdNetworkError).code).toBe("ECONNREFUSED");
    expect((error as VcdNetworkError).cause).toBeInstanceOf(TypeError);
    expect((error as VcdNetworkError).url).toBe(
      `http://127.0.0.1:${port}/api/vApp/vapp-1`,
    );
  }, 10_000);

  it("a connection reset: VcdNetworkError", async () => {
    server.on("GET", "/api/vApp/vapp-1", { reset: true });
    const error = await failure();
    expect(error).toBeInstanceOf(VcdNetworkError);
    expect(error?.status).toBeUndefined();
  }, 10_000);

  it("the caller's signal aborting mid-call: VcdAbortError with the reason", async () => {
    server.on("GET", "/api/vApp/vapp-1", { hang: true });
    const client = await clientFor(server.url);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user left")), 100);
    const error = await client
      .call(OPS.getVApp, { id: "vapp-1" }, undefined, {
        signal: controller.signal,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdAbortError);
    expect(((error as VcdAbortError).cause as Error).message).toBe("user left");
  }, 10_000);

  it("a signal aborted before the call: VcdAbortError, nothing sent", async () => {
    const client = await clientFor(server.url);
    const error = await client
      .call(OPS.getVApp, { id: "vapp-1" }, undefined, {
        signal: AbortSignal.abort(),
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdAbortError);
    expect(server.requests).toHaveLength(0);
  });

  it("a timeout that is not a positive number: VcdRequestError", async () => {
    const client = await clientFor(server.url);
    await expect(
      client.call(OPS.getVApp, { id: "vapp-1" }, undefined, { timeout: 0 }),
    ).rejects.toBeInstanceOf(VcdRequestError);
    expect(server.requests).toHaveLength(0);
  });
});
