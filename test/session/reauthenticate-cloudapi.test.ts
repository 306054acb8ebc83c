/**
 * Logging in again (`reauthenticate`) where the session is a cloudapi one (the `LoginUrl` the
 * server lists under `/cloudapi/`, as a vCD 10.4 does): the re-login goes to the cloudapi sessions
 * again, at the version spoken, and the new bearer token replays the XML GET. Against a scripted
 * HTTP server on 127.0.0.1 (the simulator has no cloudapi).
 */
import { describe, expect, it } from "vitest";
import { VcdAuthError } from "../../runtime/client/index.js";
import type { RecordedRequest } from "../helpers/http-server.js";
import { serverPerTest } from "../helpers/server-per-test.js";
import {
  clientFor,
  ERROR_HEADERS,
  errorXml,
  OPS,
  sample,
  versionsXml,
  xmlHeaders,
} from "../runtime/client/fixtures.js";

const server = serverPerTest();

const SESSIONS = "/cloudapi/1.0.0/sessions";
const CREDENTIALS = { user: "alice", org: "acme", password: "s3cret" };

/** vCD 10.4's versions (30.0 to 37.0), every one listing the cloudapi login; sessions numbered from 1. */
function serveCloudapiServer(): void {
  server.on("GET", "/api/versions", {
    headers: xmlHeaders("application/*+xml;version=37.0"),
    body: versionsXml(
      Array.from({ length: 8 }, (_, i) => ({
        version: `${30 + i}.0`,
        loginUrl: `${server.url}${SESSIONS}`,
      })),
    ),
  });
  let sessions = 0;
  server.on("POST", SESSIONS, () => {
    sessions++;
    return {
      headers: {
        "content-type": "application/json;version=33.0",
        "X-VMWARE-VCLOUD-ACCESS-TOKEN": `token-${sessions}`,
        "X-VMWARE-VCLOUD-TOKEN-TYPE": "Bearer",
      },
      body: JSON.stringify({
        id: `urn:vcloud:session:${sessions}`,
        user: { name: "alice", id: "urn:vcloud:user:1" },
        org: { name: "acme", id: "urn:vcloud:org:1" },
        roles: ["Organization Administrator"],
      }),
    };
  });
  // Only the newest session's token is accepted (the first one has expired).
  server.on("GET", "/api/vApp/vapp-1", (request: RecordedRequest) =>
    request.headers.authorization === `Bearer token-${sessions}` && sessions > 1
      ? {
          headers: xmlHeaders("vApp"),
          body: sample("jclouds-labs-vcloud-director/vapp/vApp.xml"),
        }
      : {
          status: 401,
          headers: ERROR_HEADERS,
          body: errorXml({
            message: "This operation is denied.",
            major: 401,
            minor: "UNAUTHORIZED",
          }),
        },
  );
}

const paths = () => server.requests.map((r) => `${r.method} ${r.path}`);

describe("reauthenticate with a cloudapi session", () => {
  it("logs in at the cloudapi sessions again, at the version spoken, and replays the GET with the new bearer token", async () => {
    serveCloudapiServer();
    const client = await clientFor(server.url, {
      reauthenticate: async () => CREDENTIALS,
    });
    await client.login(CREDENTIALS);
    expect(client.session?.kind).toBe("cloudapi");
    const version = client.apiVersion;
    const vapp = await client.call(OPS.getVApp, { id: "vapp-1" }, undefined);
    expect(vapp.element).toBe("vcloud:VApp");
    expect(paths()).toEqual([
      "GET /api/versions",
      `POST ${SESSIONS}`,
      "GET /api/vApp/vapp-1",
      "GET /api/versions",
      `POST ${SESSIONS}`,
      "GET /api/vApp/vapp-1",
    ]);
    const [, first, refused, , second, replayed] = server.requests;
    expect(second.headers.accept).toBe(first.headers.accept);
    expect(refused.headers.authorization).toBe("Bearer token-1");
    expect(replayed.headers.authorization).toBe("Bearer token-2");
    expect(client.apiVersion).toBe(version);
    expect(client.session?.kind).toBe("cloudapi");
    expect(client.token).toBe("token-2");
  });

  it("without reauthenticate, the same 401 is thrown and nothing more is sent", async () => {
    serveCloudapiServer();
    const client = await clientFor(server.url);
    await client.login(CREDENTIALS);
    await expect(
      client.call(OPS.getVApp, { id: "vapp-1" }, undefined),
    ).rejects.toBeInstanceOf(VcdAuthError);
    expect(paths()).toHaveLength(3);
  });
});
