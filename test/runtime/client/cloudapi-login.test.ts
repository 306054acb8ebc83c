/**
 * The cloudapi login of vCD 10.4 (API 37.0) and later, against real HTTP servers answering like
 * each: a 10.4 (versions 30.0 to 37.0, the cloudapi `LoginUrl` on the newer versions or on all,
 * the XML `POST /api/sessions` still there) and a 38.0 (no `POST /api/sessions`). For a tenant user
 * and for the system administrator (`/cloudapi/1.0.0/sessions/provider`); the bearer token then on
 * XML calls; the cloudapi's JSON errors; logout (`DELETE /cloudapi/1.0.0/sessions/{id}`).
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  VcdAbortError,
  VcdApiError,
  VcdAuthError,
  VcdResponseError,
  VcdTimeoutError,
  type CloudapiSession,
  type LoginSession,
  type Reply,
} from "../../../runtime/client/index.js";
import type { Document } from "../../../runtime/xml/index.js";
import {
  type RecordedRequest,
  type ScriptedAnswer,
} from "../../helpers/http-server.js";
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

const SESSIONS = "/cloudapi/1.0.0/sessions";
const PROVIDER = "/cloudapi/1.0.0/sessions/provider";
const SESSION_ID = "urn:vcloud:session:5f4b8c1e-0d2a-4c1b-9a3e-7e2d1c0b9a87";
const TENANT_TOKEN = "eyJhbGciOiJSUzI1NiJ9.tenant.signature";
const PROVIDER_TOKEN = "eyJhbGciOiJSUzI1NiJ9.provider.signature";
const CREDENTIALS = { user: "alice", org: "acme", password: "s3cret" };
const ADMIN = { user: "administrator", org: "System", password: "VMware1!" };

/** `from`..`to` by whole versions: `30.0, 31.0, ...`. */
function range(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `${from + i}.0`);
}

/**
 * `GET /api/versions` as the server lists it: `cloudapiFrom` is the first version whose
 * `LoginUrl` is `/cloudapi/1.0.0/sessions` (the earlier ones: `/api/sessions`).
 */
function serveVersions(versions: readonly string[], cloudapiFrom: number) {
  server.on("GET", "/api/versions", {
    headers: xmlHeaders(
      `application/*+xml;version=${versions[versions.length - 1]}`,
    ),
    body: versionsXml(
      versions.map((version) => ({
        version,
        loginUrl:
          Number(version) >= cloudapiFrom
            ? `${server.url}${SESSIONS}`
            : `${server.url}/api/sessions`,
      })),
    ),
  });
}

/** The user@org of a Basic Authorization header. */
function basicUser(request: RecordedRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith("Basic ")) return undefined;
  const text = Buffer.from(header.slice(6), "base64").toString("utf8");
  return text.slice(0, text.indexOf(":"));
}

/** A cloudapi JSON error answer (`common/error.yaml`). */
function jsonError(
  status: number,
  minorErrorCode: string,
  message: string,
): ScriptedAnswer {
  return {
    status,
    headers: { "content-type": "application/json;version=37.0" },
    body: JSON.stringify({ minorErrorCode, message, stackTrace: null }),
  };
}

/** The JSON `Session` a 10.4 server answers with (fields of `auth/sessions.yaml`, and one newer). */
function sessionJson(user: string, org: string, roles: string[]) {
  return {
    id: SESSION_ID,
    site: { name: "vcd-site", id: "urn:vcloud:site:0c5c" },
    user: { name: user, id: "urn:vcloud:user:2f0b" },
    org: { name: org, id: "urn:vcloud:org:9a1d" },
    operatingOrg: { name: org, id: "urn:vcloud:org:9a1d" },
    location: `vcd-site@${org}`,
    roles,
    roleRefs: roles.map((name, i) => ({
      name,
      id: `urn:vcloud:role:${i}`,
    })),
    sessionIdleTimeoutMinutes: 30,
  };
}

function jsonSession(
  user: string,
  org: string,
  roles: string[],
  token: string,
): ScriptedAnswer {
  return {
    headers: {
      "content-type": "application/json;version=37.0",
      "X-VMWARE-VCLOUD-ACCESS-TOKEN": token,
      "X-VMWARE-VCLOUD-TOKEN-TYPE": "Bearer",
    },
    body: JSON.stringify(sessionJson(user, org, roles)),
  };
}

/**
 * The cloudapi login as vCD does it: the tenant endpoint refuses the System organization, the
 * provider endpoint every other; both check the Accept header names JSON.
 */
function serveCloudapiLogin() {
  server.on("POST", SESSIONS, (request) => {
    const who = basicUser(request);
    if (!request.headers.accept?.startsWith("application/json"))
      return jsonError(
        406,
        "NOT_ACCEPTABLE",
        "The request has invalid accept header",
      );
    if (!who || who.toLowerCase().endsWith("@system"))
      return jsonError(
        401,
        "UNAUTHORIZED",
        "This user is not allowed to log in at this endpoint",
      );
    const [user, org] = who.split("@");
    return jsonSession(user, org, ["Organization Administrator"], TENANT_TOKEN);
  });
  server.on("POST", PROVIDER, (request) => {
    const who = basicUser(request);
    if (!who?.endsWith("@System"))
      return jsonError(401, "UNAUTHORIZED", "Invalid credentials");
    return jsonSession(
      who.split("@")[0],
      "System",
      ["System Administrator"],
      PROVIDER_TOKEN,
    );
  });
  server.on("DELETE", `${SESSIONS}/${SESSION_ID}`, { status: 204 });
}

/** The XML login of `POST /api/sessions` (10.4 still has it). */
function serveXmlLogin() {
  server.on("POST", "/api/sessions", {
    headers: xmlHeaders("session", {
      "x-vcloud-authorization": "xml-session-token",
      "X-VMWARE-VCLOUD-ACCESS-TOKEN": "eyJ.xml-login.bearer",
      "X-VMWARE-VCLOUD-TOKEN-TYPE": "Bearer",
    }),
    body: sample("jclouds-labs-vcloud-director/session.xml"),
  });
}

/** vCD 10.4: 30.0 to 37.0; the cloudapi login URL from `cloudapiFrom` on; the XML login works. */
function serveVcd104(cloudapiFrom = 37) {
  serveVersions(range(30, 37), cloudapiFrom);
  serveXmlLogin();
  serveCloudapiLogin();
}

/** vCD 10.5 (38.0): `POST /api/sessions` is gone (`goneStatus`). */
function serveVcd105(cloudapiFrom = 30, goneStatus = 405) {
  serveVersions(range(30, 38), cloudapiFrom);
  server.on("POST", "/api/sessions", {
    status: goneStatus,
    headers: { "content-type": "text/html" },
    body: goneStatus === 405 ? "Method Not Allowed" : "Not Found",
  });
  serveCloudapiLogin();
}

function serveVApp() {
  server.on("GET", "/api/vApp/vapp-1", {
    headers: xmlHeaders("vApp"),
    body: sample("jclouds-labs-vcloud-director/vapp/vApp.xml"),
  });
}

function paths() {
  return server.requests.map((r) => `${r.method} ${r.path}`);
}

describe("vCD 10.4 (API 37.0)", () => {
  it("the client speaking 30.0 follows the LoginUrl 30.0 lists: the XML login, as before", async () => {
    serveVcd104(37);
    const client = await clientFor(server.url);
    const reply = await client.login(CREDENTIALS);
    expect(reply.kind).toBe("xml");
    expect(reply.element).toBe("vcloud:Session");
    expect(client.session?.kind).toBe("xml");
    expect(client.tokenKind).toBe("bearer");
    expect(client.token).toBe("eyJ.xml-login.bearer");
    expect(paths()).toEqual(["GET /api/versions", "POST /api/sessions"]);
    expect(server.requests[1].headers.accept).toBe(
      "application/*+xml;version=30.0",
    );
  });

  it("a LoginUrl under /cloudapi for the version spoken: the cloudapi login, the JSON Session, the bearer token on XML calls", async () => {
    serveVcd104(30);
    serveVApp();
    const client = await clientFor(server.url);
    const reply = await client.login(CREDENTIALS);
    expect(reply.kind).toBe("cloudapi");
    expect(reply.status).toBe(200);
    expect(reply.url).toBe(`${server.url}${SESSIONS}`);
    expect(reply.headers.get("x-vmware-vcloud-access-token")).toBe(
      TENANT_TOKEN,
    );
    if (reply.kind !== "cloudapi") throw new Error("not a cloudapi login");
    expect(reply.element).toBeUndefined();
    expect(reply.value.id).toBe(SESSION_ID);
    expect(reply.value.user?.name).toBe("alice");
    expect(reply.value.org?.name).toBe("acme");
    expect(reply.value.roles).toEqual(["Organization Administrator"]);
    expect(reply.value.roleRefs?.[0]?.name).toBe("Organization Administrator");
    expect(reply.value.sessionIdleTimeoutMinutes).toBe(30);
    // A field the 36.0 OpenAPI does not describe is kept as sent.
    expect(reply.value.operatingOrg).toEqual({
      name: "acme",
      id: "urn:vcloud:org:9a1d",
    });
    expect(client.session).toEqual({ kind: "cloudapi", value: reply.value });
    expect(client.token).toBe(TENANT_TOKEN);
    expect(client.tokenKind).toBe("bearer");

    const post = server.requests[1];
    expect(`${post.method} ${post.path}`).toBe(`POST ${SESSIONS}`);
    // The client speaks 30.0; the cloudapi sessions exist from 33.0, the lowest listed from there.
    expect(post.headers.accept).toBe("application/json;version=33.0");
    expect(basicUser(post)).toBe("alice@acme");

    await client.call(OPS.getVApp, { id: "vapp-1" }, undefined);
    const later = server.requests[2];
    expect(later.path).toBe("/api/vApp/vapp-1");
    expect(later.headers.authorization).toBe(`Bearer ${TENANT_TOKEN}`);
    expect(later.headers.accept).toBe("application/*+xml;version=30.0");
    expect(later.headers["x-vcloud-authorization"]).toBeUndefined();
  });

  it("a client speaking 37.0 logs in at the cloudapi with Accept version 37.0", async () => {
    serveVcd104(37);
    const client = await clientFor(server.url, { apiVersion: "37.0" });
    const reply = await client.login(CREDENTIALS);
    expect(reply.kind).toBe("cloudapi");
    expect(paths()).toEqual(["GET /api/versions", `POST ${SESSIONS}`]);
    expect(server.requests[1].headers.accept).toBe(
      "application/json;version=37.0",
    );
  });

  it("the system administrator logs in at /cloudapi/1.0.0/sessions/provider", async () => {
    serveVcd104(30);
    serveVApp();
    const client = await clientFor(server.url);
    const reply = await client.login(ADMIN);
    expect(reply.kind).toBe("cloudapi");
    expect(paths()).toEqual(["GET /api/versions", `POST ${PROVIDER}`]);
    expect(basicUser(server.requests[1])).toBe("administrator@System");
    const session = client.session;
    if (session?.kind !== "cloudapi") throw new Error("not a cloudapi session");
    expect(session.value.org?.name).toBe("System");
    expect(session.value.roles).toEqual(["System Administrator"]);
    expect(client.token).toBe(PROVIDER_TOKEN);
    await client.call(OPS.getVApp, { id: "vapp-1" }, undefined);
    expect(server.requests[2].headers.authorization).toBe(
      `Bearer ${PROVIDER_TOKEN}`,
    );
  });

  it("the organization name System is matched in any case", async () => {
    serveVersions(range(30, 37), 30);
    server.on("POST", PROVIDER, jsonSession("root", "system", [], "t"));
    const client = await clientFor(server.url);
    await client.login({ user: "root", org: "system", password: "p" });
    expect(paths()).toEqual(["GET /api/versions", `POST ${PROVIDER}`]);
  });

  it("the system administrator on an XML LoginUrl logs in at it (no provider endpoint there)", async () => {
    serveVcd104(37);
    const client = await clientFor(server.url);
    const reply = await client.login(ADMIN);
    expect(reply.kind).toBe("xml");
    expect(paths()).toEqual(["GET /api/versions", "POST /api/sessions"]);
  });

  it("an XML LoginUrl that answers JSON: read as the cloudapi Session (the Content-Type decides)", async () => {
    serveVersions(range(30, 37), 99);
    server.on("POST", "/api/sessions", jsonSession("alice", "acme", [], "j"));
    server.on("DELETE", `${SESSIONS}/${SESSION_ID}`, { status: 204 });
    const client = await clientFor(server.url);
    const reply = await client.login(CREDENTIALS);
    expect(reply.kind).toBe("cloudapi");
    expect(server.requests[1].headers.accept).toBe(
      "application/*+xml;version=30.0",
    );
    await client.logout();
    expect(paths()[2]).toBe(`DELETE ${SESSIONS}/${SESSION_ID}`);
  });
});

describe("vCD 10.5 (API 38.0): no POST /api/sessions", () => {
  it("a tenant user logs in at the cloudapi LoginUrl; /api/sessions is never asked", async () => {
    serveVcd105(30);
    serveVApp();
    const client = await clientFor(server.url);
    const reply = await client.login(CREDENTIALS);
    expect(reply.kind).toBe("cloudapi");
    expect(client.token).toBe(TENANT_TOKEN);
    await client.call(OPS.getVApp, { id: "vapp-1" }, undefined);
    expect(paths()).toEqual([
      "GET /api/versions",
      `POST ${SESSIONS}`,
      "GET /api/vApp/vapp-1",
    ]);
    expect(server.requests[2].headers.authorization).toBe(
      `Bearer ${TENANT_TOKEN}`,
    );
  });

  it("the system administrator logs in at the provider endpoint", async () => {
    serveVcd105(30);
    const client = await clientFor(server.url);
    const reply = await client.login(ADMIN);
    expect(reply.kind).toBe("cloudapi");
    expect(client.token).toBe(PROVIDER_TOKEN);
    expect(paths()).toEqual(["GET /api/versions", `POST ${PROVIDER}`]);
  });

  for (const status of [404, 405]) {
    it(`an XML LoginUrl listed for 30.0 that answers ${status}: the login goes to the cloudapi LoginUrl the server lists`, async () => {
      serveVcd105(37, status);
      const client = await clientFor(server.url);
      const reply = await client.login(ADMIN);
      expect(reply.kind).toBe("cloudapi");
      expect(paths()).toEqual([
        "GET /api/versions",
        "POST /api/sessions",
        `POST ${PROVIDER}`,
      ]);
      expect(client.token).toBe(PROVIDER_TOKEN);
    });
  }

  it("405 at /api/sessions and no cloudapi LoginUrl listed: the 405 as a VcdApiError", async () => {
    serveVcd105(99, 405);
    const client = await clientFor(server.url);
    const error = await client.login(CREDENTIALS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdApiError);
    expect((error as VcdApiError).status).toBe(405);
    expect((error as VcdApiError).url).toBe(`${server.url}/api/sessions`);
    expect(paths()).toEqual(["GET /api/versions", "POST /api/sessions"]);
    expect(client.token).toBeUndefined();
  });

  it("401 at /api/sessions is no reason to try elsewhere", async () => {
    serveVersions(range(30, 38), 37);
    server.on("POST", "/api/sessions", {
      status: 401,
      headers: ERROR_HEADERS,
      body: errorXml({
        message: "Invalid credentials",
        major: 401,
        minor: "UNAUTHORIZED",
      }),
    });
    serveCloudapiLogin();
    const client = await clientFor(server.url);
    await expect(client.login(CREDENTIALS)).rejects.toBeInstanceOf(
      VcdAuthError,
    );
    expect(paths()).toEqual(["GET /api/versions", "POST /api/sessions"]);
  });
});

describe("the cloudapi's errors and odd answers", () => {
  it("a 401 with the cloudapi's JSON error: VcdAuthError with its message and code, no token", async () => {
    serveVersions(range(30, 37), 30);
    server.on(
      "POST",
      SESSIONS,
      jsonError(401, "UNAUTHORIZED", "Invalid credentials for user alice"),
    );
    const client = await clientFor(server.url);
    const error = await client
      .login({ ...CREDENTIALS, password: "wrong" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdAuthError);
    const auth = error as VcdAuthError;
    expect(auth.status).toBe(401);
    expect(auth.method).toBe("POST");
    expect(auth.url).toBe(`${server.url}${SESSIONS}`);
    expect(auth.serverMessage).toBe("Invalid credentials for user alice");
    expect(auth.minorErrorCode).toBe("UNAUTHORIZED");
    expect(auth.majorErrorCode).toBeUndefined();
    expect(auth.error).toBeUndefined();
    expect(auth.cloudapiError).toEqual({
      minorErrorCode: "UNAUTHORIZED",
      message: "Invalid credentials for user alice",
    });
    expect(auth.message).toBe(
      `POST ${server.url}${SESSIONS}: 401 UNAUTHORIZED: Invalid credentials for user alice`,
    );
    expect(client.token).toBeUndefined();
    expect(client.session).toBeUndefined();
  });

  it("a JSON error with a stack trace keeps it; another status is a VcdApiError", async () => {
    serveVersions(range(30, 37), 30);
    server.on("POST", SESSIONS, {
      status: 500,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        minorErrorCode: "INTERNAL_SERVER_ERROR",
        message: "[ 1a2b ] boom",
        stackTrace: "com.vmware.Boom\n\tat x",
      }),
    });
    const client = await clientFor(server.url);
    const error = (await client
      .login(CREDENTIALS)
      .catch((e: unknown) => e)) as VcdApiError;
    expect(error).toBeInstanceOf(VcdApiError);
    expect(error).not.toBeInstanceOf(VcdAuthError);
    expect(error.status).toBe(500);
    expect(error.serverMessage).toBe("[ 1a2b ] boom");
    expect(error.minorErrorCode).toBe("INTERNAL_SERVER_ERROR");
    expect(error.stackTrace).toBe("com.vmware.Boom\n\tat x");
  });

  const odd: [string, ScriptedAnswer][] = [
    [
      "not JSON",
      {
        headers: {
          "content-type": "application/json",
          "X-VMWARE-VCLOUD-ACCESS-TOKEN": "t",
        },
        body: "{not json",
      },
    ],
    [
      "a JSON array",
      {
        headers: {
          "content-type": "application/json",
          "X-VMWARE-VCLOUD-ACCESS-TOKEN": "t",
        },
        body: "[]",
      },
    ],
    [
      "no body",
      {
        headers: {
          "content-type": "application/json",
          "X-VMWARE-VCLOUD-ACCESS-TOKEN": "t",
        },
        body: "",
      },
    ],
    [
      "no token",
      {
        headers: { "content-type": "application/json" },
        body: JSON.stringify(sessionJson("alice", "acme", [])),
      },
    ],
  ];
  for (const [what, answer] of odd) {
    it(`a cloudapi login answer with ${what}: VcdResponseError, no token`, async () => {
      serveVersions(range(30, 37), 30);
      server.on("POST", SESSIONS, answer);
      const client = await clientFor(server.url);
      const error = await client.login(CREDENTIALS).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VcdResponseError);
      expect((error as VcdResponseError).url).toBe(`${server.url}${SESSIONS}`);
      expect(client.token).toBeUndefined();
      expect(client.session).toBeUndefined();
    });
  }

  it("a cloudapi login that hangs: VcdTimeoutError in the call's timeout", async () => {
    serveVersions(range(30, 37), 30);
    server.on("POST", SESSIONS, { hang: true });
    const client = await clientFor(server.url);
    const started = Date.now();
    const error = await client
      .login(CREDENTIALS, { timeout: 200 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdTimeoutError);
    expect((error as VcdTimeoutError).url).toBe(`${server.url}${SESSIONS}`);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("a cloudapi login aborted by the caller's signal: VcdAbortError", async () => {
    serveVersions(range(30, 37), 30);
    server.on("POST", SESSIONS, { hang: true });
    const client = await clientFor(server.url);
    const controller = new AbortController();
    const pending = client
      .login(CREDENTIALS, { signal: controller.signal })
      .catch((e: unknown) => e);
    while (server.requests.length < 2)
      await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort(new Error("user gave up"));
    const error = await pending;
    expect(error).toBeInstanceOf(VcdAbortError);
    expect((error as VcdAbortError).method).toBe("POST");
  });
});

describe("logout of a cloudapi session", () => {
  it("DELETEs /cloudapi/1.0.0/sessions/{id} with the bearer token and forgets it", async () => {
    serveVcd104(30);
    const client = await clientFor(server.url);
    await client.login(CREDENTIALS);
    await client.logout();
    const del = server.requests[2];
    expect(`${del.method} ${del.path}`).toBe(
      `DELETE ${SESSIONS}/${SESSION_ID}`,
    );
    expect(del.headers.authorization).toBe(`Bearer ${TENANT_TOKEN}`);
    expect(del.headers.accept).toBe("application/json;version=33.0");
    expect(client.token).toBeUndefined();
    expect(client.session).toBeUndefined();
  });

  it("a provider session is deleted at /sessions/{id} too (not below /provider)", async () => {
    serveVcd105(30);
    const client = await clientFor(server.url);
    await client.login(ADMIN);
    await client.logout();
    expect(paths()[2]).toBe(`DELETE ${SESSIONS}/${SESSION_ID}`);
    expect(server.requests[2].headers.authorization).toBe(
      `Bearer ${PROVIDER_TOKEN}`,
    );
  });

  it("forgets the token when the server says 401 (JSON); keeps it on a 500 with its JSON error", async () => {
    serveVersions(range(30, 37), 30);
    server.on("POST", SESSIONS, jsonSession("alice", "acme", [], "tok"));
    server.on(
      "DELETE",
      `${SESSIONS}/${SESSION_ID}`,
      jsonError(500, "INTERNAL_SERVER_ERROR", "try later"),
      { times: 1 },
    );
    server.on(
      "DELETE",
      `${SESSIONS}/${SESSION_ID}`,
      jsonError(401, "UNAUTHORIZED", "session expired"),
    );
    const client = await clientFor(server.url);
    await client.login(CREDENTIALS);
    const error = await client.logout().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdApiError);
    expect((error as VcdApiError).status).toBe(500);
    expect((error as VcdApiError).serverMessage).toBe("try later");
    expect((error as VcdApiError).method).toBe("DELETE");
    expect(client.token).toBe("tok");
    expect(client.session?.kind).toBe("cloudapi");
    await client.logout();
    expect(client.token).toBeUndefined();
    expect(client.session).toBeUndefined();
  });

  it("after an XML login, or a resumed token, logout DELETEs /api/session as before", async () => {
    serveVcd104(37);
    server.on("DELETE", "/api/session", { status: 204 });
    const client = await clientFor(server.url);
    await client.login(CREDENTIALS);
    await client.logout();
    client.resume("elsewhere");
    await client.logout();
    expect(paths()).toEqual([
      "GET /api/versions",
      "POST /api/sessions",
      "DELETE /api/session",
      "DELETE /api/session",
    ]);
  });

  it("a logout that hangs: VcdTimeoutError, and the token is kept", async () => {
    serveVersions(range(30, 37), 30);
    server.on("POST", SESSIONS, jsonSession("alice", "acme", [], "tok"));
    server.on("DELETE", `${SESSIONS}/${SESSION_ID}`, { hang: true });
    const client = await clientFor(server.url);
    await client.login(CREDENTIALS);
    await expect(client.logout({ timeout: 200 })).rejects.toBeInstanceOf(
      VcdTimeoutError,
    );
    expect(client.token).toBe("tok");
  });
});

describe("types", () => {
  it("kind tells the two sessions apart", () => {
    expectTypeOf<Reply<LoginSession>>().toHaveProperty("kind");
    type Cloud = Extract<LoginSession, { kind: "cloudapi" }>;
    expectTypeOf<Cloud["value"]>().toEqualTypeOf<CloudapiSession>();
    // A package's own `DocumentFor<"vcloud:Session">` is an XML session as it is.
    const xml: { element: "vcloud:Session"; value: { user: string } } = {
      element: "vcloud:Session",
      value: { user: "u" },
    };
    const session: LoginSession<Document> = xml;
    expect(session.kind).toBeUndefined();
  });
});
