/**
 * The session's token and the login's credentials go only to the API root's origin (and those the
 * user trusts): an href on another host, in a document a server sent, is refused before anything
 * is sent; a link to no host of ours cannot carry the session away.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startHttpServer,
  type TestHttpServer,
} from "../../helpers/http-server.js";
import { clientFor, OPS, taskXml, xmlHeaders } from "./fixtures.js";

let api: TestHttpServer;
let other: TestHttpServer;

beforeAll(async () => {
  api = await startHttpServer();
  other = await startHttpServer();
  for (const server of [api, other])
    server.fallback(() => ({
      status: 202,
      headers: xmlHeaders("task"),
      body: taskXml({ href: `${server.url}/api/task/1`, status: "queued" }),
    }));
});

afterAll(async () => {
  await api.close();
  await other.close();
});

describe("where the session goes", () => {
  it("an href on the API root's origin carries the token", async () => {
    const client = await clientFor(api.url);
    client.resume("secret-token");
    await client.call(
      OPS.powerOnVApp,
      { href: `${api.url}/api/vApp/vapp-1/power/action/powerOn` },
      undefined,
    );
    expect(api.requests.at(-1)?.headers.authorization).toBe(
      "Bearer secret-token",
    );
  });

  it("an href on another origin is refused before anything is sent", async () => {
    const client = await clientFor(api.url);
    client.resume("secret-token");
    const before = other.requests.length;
    await expect(
      client.call(
        OPS.powerOnVApp,
        { href: `${other.url}/api/vApp/vapp-1/power/action/powerOn` },
        undefined,
      ),
    ).rejects.toMatchObject({
      name: "VcdRequestError",
      message: expect.stringContaining(
        `refusing to send the session's token to ${other.url}`,
      ),
    });
    expect(other.requests.length).toBe(before);
  });

  it("an origin the user trusts (a proxy's public address) carries it", async () => {
    const client = await clientFor(api.url, { trustedOrigins: [other.url] });
    client.resume("secret-token");
    await client.call(
      OPS.powerOnVApp,
      { href: `${other.url}/api/vApp/vapp-1/power/action/powerOn` },
      undefined,
    );
    expect(other.requests.at(-1)?.headers.authorization).toBe(
      "Bearer secret-token",
    );
  });
});

describe("an href target", () => {
  it("must be a path of the operation: another operation's link is refused before anything is sent", async () => {
    const client = await clientFor(api.url);
    client.resume("secret-token");
    const before = api.requests.length;
    await expect(
      client.call(
        OPS.powerOnVApp,
        { href: `${api.url}/api/vdc/vdc-1` },
        undefined,
      ),
    ).rejects.toMatchObject({
      name: "VcdRequestError",
      message: `powerOnVApp (POST /vApp/{id}/power/action/powerOn) was given the href ${api.url}/api/vdc/vdc-1, which is no such path: the link or reference of another operation?`,
    });
    expect(api.requests.length).toBe(before);
    // Its own path, with a trailing slash and a query, is taken.
    await client.call(
      OPS.powerOnVApp,
      { href: `${api.url}/api/vApp/vapp-1/power/action/powerOn/?x=1` },
      undefined,
    );
    expect(api.requests.length).toBe(before + 1);
  });
});

describe("the API root", () => {
  it("in a browser page, a path (/api) is the page's own origin; elsewhere it is refused", async () => {
    const g = globalThis as { location?: { href: string } };
    expect(g.location).toBeUndefined();
    await expect(clientFor("", { baseUrl: "/api" })).rejects.toThrow(
      "baseUrl is not an absolute URL: /api (a path such as /api is taken relative to the page, in a browser)",
    );
    g.location = { href: `${api.url}/app/index.html` };
    try {
      const client = await clientFor("", { baseUrl: "/api" });
      expect(client.baseUrl).toBe(`${api.url}/api`);
      client.resume("page-token");
      await client.call(OPS.powerOnVApp, { id: "vapp-1" }, undefined);
      expect(api.requests.at(-1)?.path).toBe(
        "/api/vApp/vapp-1/power/action/powerOn",
      );
      expect(api.requests.at(-1)?.headers.authorization).toBe(
        "Bearer page-token",
      );
    } finally {
      delete g.location;
    }
  });
});

describe("hand-set credentials", () => {
  it("a call's own Authorization header goes only where the token may go", async () => {
    const client = await clientFor(api.url);
    const before = other.requests.length;
    await expect(
      client.call(
        OPS.powerOnVApp,
        { href: `${other.url}/api/vApp/vapp-1/power/action/powerOn` },
        undefined,
        { headers: { Authorization: "Bearer hand-set" } },
      ),
    ).rejects.toMatchObject({
      name: "VcdRequestError",
      message: expect.stringContaining(
        "refusing to send the session's headers",
      ),
    });
    expect(other.requests.length).toBe(before);
    await client.call(
      OPS.powerOnVApp,
      { href: `${api.url}/api/vApp/vapp-1/power/action/powerOn` },
      undefined,
      { headers: { Authorization: "Bearer hand-set" } },
    );
    expect(api.requests.at(-1)?.headers.authorization).toBe("Bearer hand-set");
  });
});

describe("redirects", () => {
  it("a redirect to another origin never carries the x-vcloud-authorization token", async () => {
    api.on("GET", "/api/vApp/vapp-moved", {
      status: 302,
      headers: { location: `${other.url}/api/vApp/vapp-moved` },
    });
    const client = await clientFor(api.url);
    client.resume("legacy-token", "vcloud");
    const before = other.requests.length;
    const reply = await client
      .call(OPS.getVApp, { id: "vapp-moved" }, undefined)
      .catch((e: unknown) => e);
    const leaked = other.requests
      .slice(before)
      .filter((r) => r.headers["x-vcloud-authorization"] !== undefined);
    expect(leaked).toEqual([]);
    expect(reply).toBeDefined();
  });
  it("a hand-set x-vcloud-authorization header is not carried to another origin by a redirect", async () => {
    api.on("GET", "/api/vApp/vapp-moved-2", {
      status: 302,
      headers: { location: `${other.url}/api/vApp/vapp-moved-2` },
    });
    const client = await clientFor(api.url, {
      headers: { "X-VCloud-Authorization": "hand-set" },
    });
    const before = other.requests.length;
    await client
      .call(OPS.getVApp, { id: "vapp-moved-2" }, undefined)
      .catch((e: unknown) => e);
    expect(api.requests.at(-1)?.headers["x-vcloud-authorization"]).toBe(
      "hand-set",
    );
    expect(other.requests.length).toBe(before);
  });
});
