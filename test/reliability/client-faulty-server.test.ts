/**
 * The client against servers that misbehave (issue 16): answers larger than the client reads
 * (announced by Content-Length, or streamed without one), checked while reading so that memory
 * stays bounded; redirects it does not follow (a loop, too many, another origin for a bearer
 * token, a vcloud token and a login) as a typed error, never `{ element: null }`. Real servers on
 * 127.0.0.1; every test bounded in time.
 */
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  VcdAnswerTooLargeError,
  VcdRedirectError,
  VcdResponseError,
  VcdTimeoutError,
  waitForTask,
  type VcdClient,
} from "../../runtime/client/index.js";
import {
  startHttpServer,
  type TestHttpServer,
} from "../helpers/http-server.js";
import {
  clientFor,
  OPS,
  sample,
  taskXml,
  versionsXml,
  xmlHeaders,
} from "../runtime/client/fixtures.js";

const MiB = 1024 * 1024;

/** A server streaming an endless XML body in 1 MiB chunks (up to `cap`), counting what it could write. */
interface StreamingServer {
  readonly url: string;
  /** Bytes handed to the socket for the last answer, and whether it ended (all `cap` sent). */
  readonly last: { written: number; finished: boolean; closed: Promise<void> };
  close(): Promise<void>;
}

async function startStreamingServer(options: {
  /** The Content-Length to announce (none: chunked). */
  readonly announce?: number;
  readonly status?: number;
  /** The most it sends. */
  readonly cap: number;
}): Promise<StreamingServer> {
  const sockets = new Set<Socket>();
  let last = { written: 0, finished: false, closed: Promise.resolve() };
  const chunk = Buffer.alloc(MiB, "x");
  const server: Server = createServer((_req, res: ServerResponse) => {
    const state = { written: 0, finished: false, closed: Promise.resolve() };
    state.closed = new Promise((resolve) => res.on("close", resolve));
    last = state;
    res.statusCode = options.status ?? 200;
    res.setHeader("content-type", "application/vnd.vmware.vcloud.vApp+xml");
    if (options.announce !== undefined)
      res.setHeader("content-length", String(options.announce));
    res.write("<VApp>");
    const pump = () => {
      while (!res.destroyed && state.written < options.cap) {
        state.written += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      if (!res.destroyed) {
        state.finished = true;
        res.end();
      }
    };
    pump();
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get last() {
      return last;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("an answer larger than the client reads", () => {
  it("Content-Length announcing 600 MB: refused before reading, with the default limit (64 MiB)", async () => {
    const server = await startStreamingServer({
      announce: 600 * 1_000_000,
      cap: 600 * 1_000_000,
    });
    try {
      const client = await clientFor(server.url);
      const started = Date.now();
      const error = await client
        .call(OPS.getVApp, { id: "vapp-huge" }, undefined)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VcdAnswerTooLargeError);
      expect(error).toBeInstanceOf(VcdResponseError);
      const tooLarge = error as VcdAnswerTooLargeError;
      expect(tooLarge.limit).toBe(64 * MiB);
      expect(tooLarge.status).toBe(200);
      expect(tooLarge.method).toBe("GET");
      expect(tooLarge.url).toBe(`${server.url}/api/vApp/vapp-huge`);
      expect(tooLarge.operation).toBe("getVApp");
      expect(tooLarge.message).toContain("Content-Length says 600000000");
      expect(tooLarge.message).toContain("maxAnswerBytes (67108864 bytes)");
      expect(Date.now() - started).toBeLessThan(5_000);
      // The client hung up: the server could not send more than socket buffers hold.
      await server.last.closed;
      expect(server.last.finished).toBe(false);
      expect(server.last.written).toBeLessThan(64 * MiB);
    } finally {
      await server.close();
    }
  }, 20_000);

  it("chunked, without Content-Length: reading stops at the default limit, memory bounded", async () => {
    const server = await startStreamingServer({ cap: 256 * MiB });
    try {
      const client = await clientFor(server.url, { timeout: 15_000 });
      const memory = () =>
        process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
      const before = memory();
      const error = await client
        .call(OPS.getVApp, { id: "vapp-endless" }, undefined)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VcdAnswerTooLargeError);
      expect((error as VcdAnswerTooLargeError).message).not.toContain(
        "Content-Length",
      );
      expect((error as VcdAnswerTooLargeError).body).toBe("");
      // Nothing near the 256 MiB the server would send is held (a whole body read would be).
      expect(memory() - before).toBeLessThan(200 * MiB);
      await server.last.closed;
      // It read up to the limit and no further than the socket buffers past it.
      expect(server.last.finished).toBe(false);
      expect(server.last.written).toBeGreaterThanOrEqual(64 * MiB);
      expect(server.last.written).toBeLessThan(96 * MiB);
    } finally {
      await server.close();
    }
  }, 30_000);

  it("maxAnswerBytes sets the limit, for error answers too (a 500 streaming its body)", async () => {
    const server = await startStreamingServer({ status: 500, cap: 32 * MiB });
    try {
      const client = await clientFor(server.url, { maxAnswerBytes: MiB });
      const error = await client
        .call(OPS.getVApp, { id: "vapp-1" }, undefined)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VcdAnswerTooLargeError);
      expect((error as VcdAnswerTooLargeError).limit).toBe(MiB);
      expect((error as VcdAnswerTooLargeError).status).toBe(500);
      await server.last.closed;
      expect(server.last.written).toBeLessThan(16 * MiB);
    } finally {
      await server.close();
    }
  }, 20_000);

  it("an answer within the limit is read whole (multi-byte characters across chunks too)", async () => {
    const api = await startHttpServer();
    try {
      const vapp = sample("jclouds-labs-vcloud-director/vapp/vApp.xml").replace(
        'name="',
        'name="été ',
      );
      api.on("GET", "/api/vApp/vapp-1", {
        headers: xmlHeaders("vApp"),
        body: vapp,
      });
      const size = Buffer.byteLength(vapp);
      const exact = await clientFor(api.url, { maxAnswerBytes: size });
      const reply = await exact.call(OPS.getVApp, { id: "vapp-1" }, undefined);
      expect(reply.element).toBe("vcloud:VApp");
      expect((reply.value as { name: string }).name).toMatch(/^été /);
      const smaller = await clientFor(api.url, { maxAnswerBytes: size - 1 });
      await expect(
        smaller.call(OPS.getVApp, { id: "vapp-1" }, undefined),
      ).rejects.toBeInstanceOf(VcdAnswerTooLargeError);
    } finally {
      await api.close();
    }
  });

  it("a limit that is not a positive number is refused when the client is made", async () => {
    await expect(
      clientFor("http://127.0.0.1:1", { maxAnswerBytes: 0 }),
    ).rejects.toThrow(
      "maxAnswerBytes must be a positive number of bytes, not 0",
    );
  });
});

describe("redirects the client does not follow", () => {
  let api: TestHttpServer;
  let other: TestHttpServer;
  beforeAll(async () => {
    api = await startHttpServer();
    other = await startHttpServer();
  });
  afterEach(() => {
    api.reset();
    other.reset();
  });
  afterAll(async () => {
    await api.close();
    await other.close();
  });

  const VAPP = () => ({
    headers: xmlHeaders("vApp"),
    body: sample("jclouds-labs-vcloud-director/vapp/vApp.xml"),
  });

  async function bearerClient(): Promise<VcdClient> {
    const client = await clientFor(api.url, { timeout: 5_000 });
    client.resume("bearer-token", "bearer");
    return client;
  }

  it("a loop: VcdRedirectError after it comes back, not fetch's 20 hops", async () => {
    api.on("GET", "/api/vApp/vapp-a", {
      status: 302,
      headers: { location: "/api/vApp/vapp-b" },
    });
    api.on("GET", "/api/vApp/vapp-b", {
      status: 302,
      headers: { location: `${api.url}/api/vApp/vapp-a` },
    });
    const error = await (
      await bearerClient()
    )
      .call(OPS.getVApp, { id: "vapp-a" }, undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdRedirectError);
    const redirect = error as VcdRedirectError;
    expect(redirect.status).toBe(302);
    expect(redirect.location).toBe(`${api.url}/api/vApp/vapp-a`);
    expect(redirect.url).toBe(`${api.url}/api/vApp/vapp-b`);
    expect(redirect.message).toContain("a loop");
    expect(api.requests.map((r) => r.path)).toEqual([
      "/api/vApp/vapp-a",
      "/api/vApp/vapp-b",
    ]);
  });

  it("more than 5 redirects: VcdRedirectError, the sixth not asked for", async () => {
    api.on("GET", /^\/api\/vApp\/vapp-hop\d+$/, (request) => ({
      status: 307,
      headers: {
        location: `/api/vApp/vapp-hop${Number(request.path.slice(18)) + 1}`,
      },
    }));
    const error = await (
      await bearerClient()
    )
      .call(OPS.getVApp, { id: "vapp-hop0" }, undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdRedirectError);
    expect((error as Error).message).toContain("more than 5 redirects");
    expect(api.requests).toHaveLength(6);
  });

  it("a bearer token is not followed to another origin: nothing is sent there", async () => {
    api.on("GET", "/api/vApp/vapp-moved", {
      status: 302,
      headers: { location: `${other.url}/api/vApp/vapp-moved` },
    });
    other.on("GET", "/api/vApp/vapp-moved", VAPP());
    const error = await (
      await bearerClient()
    )
      .call(OPS.getVApp, { id: "vapp-moved" }, undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdRedirectError);
    expect((error as VcdRedirectError).location).toBe(
      `${other.url}/api/vApp/vapp-moved`,
    );
    expect((error as Error).message).toContain("trustedOrigins");
    expect(other.requests).toEqual([]);
    expect(api.requests[0].headers.authorization).toBe("Bearer bearer-token");
  });

  it("a vcloud token redirected to another origin: VcdRedirectError, not { element: null }", async () => {
    api.on("GET", "/api/vApp/vapp-moved", {
      status: 301,
      headers: { location: `${other.url}/api/vApp/vapp-moved` },
    });
    const client = await clientFor(api.url);
    client.resume("legacy-token", "vcloud");
    await expect(
      client.call(OPS.getVApp, { id: "vapp-moved" }, undefined),
    ).rejects.toBeInstanceOf(VcdRedirectError);
    expect(other.requests).toEqual([]);
  });

  it("a login redirected to another origin does not adopt that origin's token", async () => {
    api.on("GET", "/api/versions", {
      headers: xmlHeaders("application/*+xml;version=30.0"),
      body: versionsXml([
        { version: "30.0", loginUrl: `${api.url}/api/sessions` },
      ]),
    });
    api.on("POST", "/api/sessions", {
      status: 307,
      headers: { location: `${other.url}/api/sessions` },
    });
    other.on("POST", "/api/sessions", {
      headers: xmlHeaders("session", {
        "x-vmware-vcloud-access-token": "attacker-token",
        "x-vmware-vcloud-token-type": "Bearer",
      }),
      body: sample("jclouds-labs-vcloud-director/session.xml"),
    });
    const client = await clientFor(api.url);
    const error = await client
      .login({ user: "admin", org: "acme", password: "secret" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdRedirectError);
    expect((error as VcdRedirectError).method).toBe("POST");
    expect((error as Error).message).toContain("credentials");
    expect(client.token).toBeUndefined();
    expect(client.session).toBeUndefined();
    expect(other.requests).toEqual([]);
  });

  it("followed where the session may go: the same origin and trustedOrigins, the token carried", async () => {
    api.on("GET", "/api/vApp/vapp-here", {
      status: 302,
      headers: { location: "/api/vApp/vapp-there" },
    });
    api.on("GET", "/api/vApp/vapp-there", VAPP());
    const client = await bearerClient();
    const reply = await client.call(
      OPS.getVApp,
      { id: "vapp-here" },
      undefined,
    );
    expect(reply.element).toBe("vcloud:VApp");
    expect(reply.url).toBe(`${api.url}/api/vApp/vapp-there`);
    expect(api.requests[1].headers.authorization).toBe("Bearer bearer-token");

    api.on("GET", "/api/vApp/vapp-proxied", {
      status: 308,
      headers: { location: `${other.url}/api/vApp/vapp-proxied` },
    });
    other.on("GET", "/api/vApp/vapp-proxied", VAPP());
    const trusting = await clientFor(api.url, { trustedOrigins: [other.url] });
    trusting.resume("bearer-token", "bearer");
    const proxied = await trusting.call(
      OPS.getVApp,
      { id: "vapp-proxied" },
      undefined,
    );
    expect(proxied.element).toBe("vcloud:VApp");
    expect(other.requests[0].headers.authorization).toBe("Bearer bearer-token");
  });

  it("a 3xx without a Location where the stub's type holds a document: VcdResponseError", async () => {
    api.on("GET", "/api/vApp/vapp-nowhere", { status: 302 });
    const error = await (
      await bearerClient()
    )
      .call(OPS.getVApp, { id: "vapp-nowhere" }, undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdResponseError);
    expect((error as Error).message).toContain("no document in the answer");
  });
});

describe("a task that never ends", () => {
  it("waitForTask's VcdTimeoutError names the waiter, the method and the task's href", async () => {
    const api = await startHttpServer();
    try {
      const href = `${api.url}/api/task/t-1`;
      api.on("GET", "/api/task/t-1", {
        headers: xmlHeaders("task"),
        body: taskXml({ href, status: "running" }),
      });
      const client = await clientFor(api.url);
      const error = await waitForTask(
        client,
        { href, status: "running" },
        { interval: 20, maxInterval: 40, timeout: 300 },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VcdTimeoutError);
      expect(error).toMatchObject({
        method: "GET",
        url: href,
        operation: "waitForTask",
        message: `GET ${href}: waitForTask timed out after 300 ms`,
      });
      expect(api.requests.length).toBeGreaterThan(1);
    } finally {
      await api.close();
    }
  });
});
