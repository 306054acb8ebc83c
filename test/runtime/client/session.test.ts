/** Versions, login (both token kinds), logout and resume, against a real HTTP server. */
import { describe, expect, it } from "vitest";
import {
  VcdAuthError,
  VcdRequestError,
  VcdResponseError,
  VcdVersionError,
} from "../../../runtime/client/index.js";
import { serverPerTest } from "../../helpers/server-per-test.js";
import {
  clientFor,
  ERROR_HEADERS,
  errorXml,
  OPS,
  sample,
  versionsXml,
  xmlHeaders,
} from "./fixtures.js";

const server = serverPerTest();

/** The server lists 29.0 and 30.0; 30.0 logs in at a path of its own (not /api/sessions). */
function serveVersions(versions = ["29.0", "30.0"]) {
  server.on("GET", "/api/versions", {
    headers: xmlHeaders("application/*+xml;version=30.0"),
    body: versionsXml(
      versions.map((v) => ({
        version: v,
        loginUrl: `${server.url}/api/login-${v}/sessions`,
      })),
    ),
  });
}

function serveLogin(tokens: Record<string, string>) {
  server.on("POST", "/api/login-30.0/sessions", {
    headers: xmlHeaders("session", tokens),
    body: sample("jclouds-labs-vcloud-director/session.xml"),
  });
}

describe("versions", () => {
  it("GETs /versions without authentication and reads SupportedVersions", async () => {
    serveVersions();
    const client = await clientFor(server.url);
    const reply = await client.versions();
    expect(reply.element).toBe("versioning:SupportedVersions");
    expect(reply.status).toBe(200);
    const infos = (reply.value as { VersionInfo: { Version: string }[] })
      .VersionInfo;
    expect(infos.map((i) => i.Version)).toEqual(["29.0", "30.0"]);
    const [request] = server.requests;
    expect(request.method).toBe("GET");
    expect(request.path).toBe("/api/versions");
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers["x-vcloud-authorization"]).toBeUndefined();
  });

  it("negotiate gives the login URL of the version spoken", async () => {
    serveVersions();
    const client = await clientFor(server.url);
    expect(await client.negotiate()).toBe(
      `${server.url}/api/login-30.0/sessions`,
    );
  });

  it("a server not listing the version: VcdVersionError naming both sides, and no login", async () => {
    serveVersions(["27.0", "29.0"]);
    serveLogin({ "x-vcloud-authorization": "t" });
    const client = await clientFor(server.url);
    const error = await client
      .login({ user: "u", org: "o", password: "p" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdVersionError);
    const versionError = error as VcdVersionError;
    expect(versionError.supported).toEqual(["27.0", "29.0"]);
    expect(versionError.apiVersion).toBe("30.0");
    expect(versionError.message).toContain("27.0, 29.0");
    expect(versionError.message).toContain("30.0");
    expect(server.requests.map((r) => r.method)).toEqual(["GET"]);
    expect(client.token).toBeUndefined();
  });

  it("apiVersion in the options overrides the package's", async () => {
    serveVersions(["29.0"]);
    server.on("POST", "/api/login-29.0/sessions", {
      headers: xmlHeaders("session", { "x-vcloud-authorization": "old" }),
      body: sample("jclouds-labs-vcloud-director/session.xml"),
    });
    const client = await clientFor(server.url, { apiVersion: "29.0" });
    expect(client.apiVersion).toBe("29.0");
    await client.login({ user: "u", org: "o", password: "p" });
    expect(server.requests[1].headers.accept).toBe(
      "application/*+xml;version=29.0",
    );
  });
});

describe("login", () => {
  it("POSTs Basic user@org:password to the discovered URL and keeps the vcloud token", async () => {
    serveVersions();
    serveLogin({ "x-vcloud-authorization": "vcloud-token-1" });
    const client = await clientFor(server.url);
    expect(client.token).toBeUndefined();
    const reply = await client.login({
      user: "adrian",
      org: "JClouds",
      password: "sécret:1",
    });
    expect(reply.element).toBe("vcloud:Session");
    expect((reply.value as { user: string }).user).toBe("adrian@jclouds.org");
    expect(client.token).toBe("vcloud-token-1");
    expect(client.tokenKind).toBe("vcloud");
    expect(client.session?.element).toBe("vcloud:Session");

    const post = server.requests[1];
    expect(post.method).toBe("POST");
    expect(post.path).toBe("/api/login-30.0/sessions");
    expect(post.headers.accept).toBe("application/*+xml;version=30.0");
    const basic = post.headers.authorization!;
    expect(basic.startsWith("Basic ")).toBe(true);
    expect(
      Buffer.from(basic.slice("Basic ".length), "base64").toString("utf8"),
    ).toBe("adrian@JClouds:sécret:1");

    server.on("GET", "/api/vApp/vapp-1", {
      headers: xmlHeaders("vApp"),
      body: sample("jclouds-labs-vcloud-director/vapp/vApp.xml"),
    });
    await client.call(OPS.getVApp, { id: "vapp-1" }, undefined);
    const later = server.requests[2];
    expect(later.headers["x-vcloud-authorization"]).toBe("vcloud-token-1");
    expect(later.headers.authorization).toBeUndefined();
  });

  it("prefers the bearer token when both are sent, and sends it as Authorization: Bearer", async () => {
    serveVersions();
    serveLogin({
      "x-vcloud-authorization": "vcloud-token-2",
      "X-VMWARE-VCLOUD-ACCESS-TOKEN": "eyJhbGciOi.bearer.token",
      "X-VMWARE-VCLOUD-TOKEN-TYPE": "Bearer",
    });
    const client = await clientFor(server.url);
    await client.login({ user: "u", org: "o", password: "p" });
    expect(client.token).toBe("eyJhbGciOi.bearer.token");
    expect(client.tokenKind).toBe("bearer");
    server.on("POST", "/api/vApp/vapp-1/power/action/powerOn", {
      status: 202,
      headers: xmlHeaders("task"),
      body: sample("jclouds-labs-vcloud-director/vapp/vAppRebootTask.xml"),
    });
    await client.call(OPS.powerOnVApp, { id: "vapp-1" }, undefined);
    const later = server.requests[2];
    expect(later.headers.authorization).toBe("Bearer eyJhbGciOi.bearer.token");
    expect(later.headers["x-vcloud-authorization"]).toBeUndefined();
  });

  it("a bearer token alone works too (type header missing: Bearer)", async () => {
    serveVersions();
    serveLogin({ "X-VMWARE-VCLOUD-ACCESS-TOKEN": "only-bearer" });
    const client = await clientFor(server.url);
    await client.login({ user: "u", org: "o", password: "p" });
    expect(client.tokenKind).toBe("bearer");
    expect(client.token).toBe("only-bearer");
  });

  it("bad credentials: VcdAuthError with the server's Error, and no token", async () => {
    serveVersions();
    server.on("POST", "/api/login-30.0/sessions", {
      status: 401,
      headers: ERROR_HEADERS,
      body: errorXml({
        message: "Invalid credentials",
        major: 401,
        minor: "UNAUTHORIZED",
      }),
    });
    const client = await clientFor(server.url);
    const error = await client
      .login({ user: "u", org: "o", password: "wrong" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdAuthError);
    const auth = error as VcdAuthError;
    expect(auth.name).toBe("VcdAuthError");
    expect(auth.status).toBe(401);
    expect(auth.method).toBe("POST");
    expect(auth.url).toBe(`${server.url}/api/login-30.0/sessions`);
    expect(auth.serverMessage).toBe("Invalid credentials");
    expect(auth.minorErrorCode).toBe("UNAUTHORIZED");
    expect(client.token).toBeUndefined();
  });

  it("a login answer without any token: VcdResponseError", async () => {
    serveVersions();
    serveLogin({});
    const client = await clientFor(server.url);
    await expect(
      client.login({ user: "u", org: "o", password: "p" }),
    ).rejects.toBeInstanceOf(VcdResponseError);
    expect(client.token).toBeUndefined();
  });
});

describe("logout and resume", () => {
  it("logout DELETEs /session with the token and forgets it", async () => {
    serveVersions();
    serveLogin({ "x-vcloud-authorization": "tok" });
    server.on("DELETE", "/api/session", { status: 204 });
    const client = await clientFor(server.url);
    await client.login({ user: "u", org: "o", password: "p" });
    await client.logout();
    const del = server.requests[2];
    expect(del.method).toBe("DELETE");
    expect(del.path).toBe("/api/session");
    expect(del.headers["x-vcloud-authorization"]).toBe("tok");
    expect(client.token).toBeUndefined();
    expect(client.session).toBeUndefined();
  });

  it("logout forgets the token also when the server says 401, but keeps it on a 500", async () => {
    server.on("DELETE", "/api/session", { status: 500 }, { times: 1 });
    server.on("DELETE", "/api/session", { status: 401 });
    const client = await clientFor(server.url);
    client.resume("expired", "vcloud");
    await expect(client.logout()).rejects.toMatchObject({ status: 500 });
    expect(client.token).toBe("expired");
    await client.logout();
    expect(client.token).toBeUndefined();
  });

  it("resume uses a token obtained elsewhere (bearer by default)", async () => {
    server.on("GET", "/api/vApp/vapp-1", {
      headers: xmlHeaders("vApp"),
      body: sample("jclouds-labs-vcloud-director/vapp/vApp.xml"),
    });
    const client = await clientFor(server.url);
    client.resume("abc");
    await client.call(OPS.getVApp, { id: "vapp-1" }, undefined);
    client.resume("def", "vcloud");
    await client.call(OPS.getVApp, { id: "vapp-1" }, undefined);
    expect(server.requests[0].headers.authorization).toBe("Bearer abc");
    expect(server.requests[1].headers["x-vcloud-authorization"]).toBe("def");
    expect(server.requests[1].headers.authorization).toBeUndefined();
  });

  it("a baseUrl that is not a URL is refused at once", async () => {
    await expect(clientFor("not a url")).rejects.toBeInstanceOf(
      VcdRequestError,
    );
  });
});
