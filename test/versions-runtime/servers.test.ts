/**
 * One package (generated at 36.0), servers of older versions: against a server that speaks only
 * 30.0, only 32.0 or only 33.0, the session speaks that version (`apiVersion`, `Accept`), a body
 * with a property added after it and a stub of an operation added after it are refused before
 * anything is sent, and a body valid at that version is sent and accepted (the server checks it at
 * its version). Negotiation picks the newest listed version the package supports.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../runtime/client/index.js";
import {
  startHttpServer,
  type RecordedRequest,
  type TestHttpServer,
} from "../helpers/http-server.js";
import { generatePackage36, type Doc, type Package36 } from "./package-36.js";

let pkg: Package36;
beforeAll(async () => {
  pkg = await generatePackage36();
}, 120_000);
afterAll(() => pkg?.remove());

let server: TestHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const CREDENTIALS = { user: "admin", org: "acme", password: "secret" };

function versionsXml(url: string, versions: readonly string[]): string {
  const infos = versions
    .map(
      (v) =>
        `<VersionInfo deprecated="false"><Version>${v}</Version><LoginUrl>${url}/api/sessions</LoginUrl></VersionInfo>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?><SupportedVersions xmlns="http://www.vmware.com/vcloud/versions">${infos}</SupportedVersions>`;
}

function taskXml(url: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Task xmlns="http://www.vmware.com/vcloud/v1.5" href="${url}/api/task/t-1" name="task" status="running" operationName="vappUpdateVm" type="application/vnd.vmware.vcloud.task+xml"/>`;
}

function errorXml(message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error xmlns="http://www.vmware.com/vcloud/v1.5" message="${message.replace(/[<&"]/g, "")}" majorErrorCode="400" minorErrorCode="BAD_REQUEST"/>`;
}

/**
 * A server that lists only `versions` (`GET /api/versions`), logs in at `/api/sessions`, and
 * answers PUT /api/vApp/{id} and the compute policy actions with a Task, after checking the body
 * at `speaks` as it would (anything it does not know is a 400).
 */
async function serverSpeaking(
  versions: readonly string[],
  speaks = versions[versions.length - 1],
): Promise<TestHttpServer> {
  const s = await startHttpServer();
  server = s;
  s.on("GET", "/api/versions", {
    headers: { "content-type": "application/*+xml;version=" + speaks },
    body: versionsXml(s.url, versions),
  });
  s.on("POST", "/api/sessions", {
    headers: {
      "content-type": `application/vnd.vmware.vcloud.session+xml;version=${speaks}`,
      "x-vcloud-authorization": "token-1",
    },
    body: `<?xml version="1.0" encoding="UTF-8"?><Session xmlns="http://www.vmware.com/vcloud/v1.5" user="admin" org="acme" href="${s.url}/api/session/" type="application/vnd.vmware.vcloud.session+xml"/>`,
  });
  const task = (request: RecordedRequest) => {
    if (request.body) {
      const violations = pkg.validate(pkg.fromXml(request.body), {
        apiVersion: speaks,
      });
      if (violations.length)
        return {
          status: 400,
          headers: {
            "content-type": "application/vnd.vmware.vcloud.error+xml",
          },
          body: errorXml(violations.map((v) => v.message).join("; ")),
        };
    }
    return {
      status: 202,
      headers: {
        "content-type": `application/vnd.vmware.vcloud.task+xml;version=${speaks}`,
      },
      body: taskXml(s.url),
    };
  };
  s.on("PUT", /^\/api\/vApp\/[^/]+$/, task);
  s.on("POST", /^\/api\/vApp\/[^/]+\/action\/[A-Za-z]+$/, task);
  return s;
}

/** A vApp with one VM; `vm` adds to the VM. */
function vapp(vm: Record<string, unknown> = {}): Doc {
  return {
    element: "vcloud:VApp",
    value: { name: "app", Children: { Vm: [{ name: "web-01", ...vm }] } },
  };
}

const POLICY = {
  href: "https://vcd.example.com/cloudapi/1.0.0/vdcComputePolicies/p1",
};

interface Case {
  readonly version: string;
  /** A property the version does not have, and the violation it gives. */
  readonly tooNew: Record<string, unknown>;
  readonly violation: string;
  /** Something the version has that 30.0 did not (or nothing new, at 30.0). */
  readonly valid: Record<string, unknown>;
  /** A stub of an operation added after the version, and the version it needs. */
  readonly stub: string;
  readonly needs: string;
}

const CASES: readonly Case[] = [
  {
    version: "30.0",
    tooNew: { VdcComputePolicy: POLICY },
    violation: "VApp.Children.Vm[0].VdcComputePolicy: version: added in 31.0",
    valid: { Description: "at 30.0" },
    stub: "getCpom",
    needs: "32.0",
  },
  {
    version: "32.0",
    tooNew: { ComputePolicy: { VmSizingPolicy: POLICY } },
    violation: "VApp.Children.Vm[0].ComputePolicy: version: added in 33.0",
    valid: { VdcComputePolicy: POLICY },
    stub: "checkComputePolicyCompliance",
    needs: "33.0",
  },
  {
    version: "33.0",
    tooNew: { encrypted: true },
    violation: "VApp.Children.Vm[0].encrypted: version: added in 34.0",
    valid: { ComputePolicy: { VmSizingPolicy: POLICY } },
    stub: "moveVApp",
    needs: "34.0",
  },
];

async function loggedIn(s: TestHttpServer): Promise<VcdClient> {
  const client = pkg.createClient({ baseUrl: `${s.url}/api`, timeout: 5_000 });
  await client.login(CREDENTIALS);
  return client;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe.each(CASES)("a server that speaks only $version", (c) => {
  it("the session speaks it: apiVersion and Accept", async () => {
    const s = await serverSpeaking([c.version]);
    const client = pkg.createClient({
      baseUrl: `${s.url}/api`,
      timeout: 5_000,
    });
    expect(client.apiVersion).toBe("36.0");
    await client.login(CREDENTIALS);
    expect(client.apiVersion).toBe(c.version);
    expect(client.token).toBe("token-1");
    const login = s.requests.find((r) => r.method === "POST")!;
    expect(login.headers.accept).toBe(`application/*+xml;version=${c.version}`);
    await pkg.api.updateVApp(client, { id: "vapp-1" }, vapp(c.valid));
    expect(s.requests.at(-1)!.headers.accept).toBe(
      `application/*+xml;version=${c.version}`,
    );
  });

  it("a body with a property added after it is refused before sending", async () => {
    const s = await serverSpeaking([c.version]);
    const client = await loggedIn(s);
    const sent = s.requests.length;
    const error = await rejection(
      pkg.api.updateVApp(client, { id: "vapp-1" }, vapp(c.tooNew)),
    );
    expect(error).toBeInstanceOf(pkg.ValidationError);
    const violations = (error as InstanceType<Package36["ValidationError"]>)
      .violations;
    expect(violations.map((v: { message: string }) => v.message)).toEqual([
      c.violation,
    ]);
    expect((error as Error).message).toContain(c.violation);
    expect(s.requests.length).toBe(sent);
  });

  it("a stub of an operation added after it is refused before sending", async () => {
    const s = await serverSpeaking([c.version]);
    const client = await loggedIn(s);
    const sent = s.requests.length;
    const row = pkg.operations.find((o) => o.name === c.stub)!;
    expect(row.addedIn).toBe(c.needs);
    const stub = pkg.api[c.stub];
    const error = await rejection(
      row.requestBodies.length
        ? stub(client, { id: "x-1" }, {})
        : stub(client, { id: "x-1" }),
    );
    expect(error).toBeInstanceOf(pkg.VcdRequestError);
    expect((error as Error).message).toBe(
      `${c.stub} (${row.method} ${row.path}) needs API version ${c.needs}; this session speaks ${c.version}`,
    );
    expect((error as { operation?: string }).operation).toBe(c.stub);
    expect(s.requests.length).toBe(sent);
  });

  it("a body valid at it is sent and accepted", async () => {
    const s = await serverSpeaking([c.version]);
    const client = await loggedIn(s);
    const reply = await pkg.api.updateVApp(
      client,
      { id: "vapp-1" },
      vapp(c.valid),
    );
    expect(reply.status).toBe(202);
    expect(reply.element).toBe("vcloud:Task");
    const put = s.requests.at(-1)!;
    expect(put.method).toBe("PUT");
    expect(put.path).toBe("/api/vApp/vapp-1");
    expect(put.headers["content-type"]).toBe(
      "application/vnd.vmware.vcloud.vApp+xml",
    );
    const [key] = Object.keys(c.valid);
    expect(put.body).toContain(`<${key}`);
  });
});

describe("operations by version", () => {
  it("an operation added in exactly the version spoken is sent", async () => {
    const s = await serverSpeaking(["33.0"]);
    const client = await loggedIn(s);
    const reply = await pkg.api.checkComputePolicyCompliance(client, {
      id: "vm-1",
    });
    expect(reply.status).toBe(202);
    expect(s.requests.at(-1)!.path).toBe(
      "/api/vApp/vm-1/action/checkComputePolicyCompliance",
    );
  });

  it("at 36.0 (a server that lists it) nothing is refused", async () => {
    const s = await serverSpeaking(["33.0", "36.0"]);
    const client = await loggedIn(s);
    expect(client.apiVersion).toBe("36.0");
    const reply = await pkg.api.updateVApp(
      client,
      { id: "vapp-1" },
      vapp({ encrypted: true, ComputePolicy: { VmSizingPolicy: POLICY } }),
    );
    expect(reply.status).toBe(202);
  });
});

describe("negotiation", () => {
  it("picks the newest version listed from 27.0 to 36.0", async () => {
    const s = await serverSpeaking(
      ["20.0", "30.0", "32.0", "37.0", "38.0"],
      "32.0",
    );
    const client = pkg.createClient({ baseUrl: `${s.url}/api` });
    expect(await client.negotiate()).toBe(`${s.url}/api/sessions`);
    expect(client.apiVersion).toBe("32.0");
  });

  it("prefers the package's own version", async () => {
    const s = await serverSpeaking(["32.0", "35.2", "36.0", "37.0"], "36.0");
    const client = pkg.createClient({ baseUrl: `${s.url}/api` });
    await client.negotiate();
    expect(client.apiVersion).toBe("36.0");
  });

  it("compares versions by number, not by text (35.2 above 35.0)", async () => {
    const s = await serverSpeaking(["35.0", "35.2", "9.0"], "35.2");
    const client = pkg.createClient({ baseUrl: `${s.url}/api` });
    await client.negotiate();
    expect(client.apiVersion).toBe("35.2");
  });

  it("no usable version: VcdVersionError naming the server's versions and the package's range, and no login", async () => {
    const s = await serverSpeaking(["20.0", "26.0", "37.0"], "26.0");
    const client = pkg.createClient({ baseUrl: `${s.url}/api` });
    const error = await rejection(client.login(CREDENTIALS));
    expect(error).toBeInstanceOf(pkg.VcdVersionError);
    const versionError = error as InstanceType<Package36["VcdVersionError"]>;
    expect(versionError.supported).toEqual(["20.0", "26.0", "37.0"]);
    expect(versionError.apiVersion).toBe("36.0");
    expect(versionError.lowestApiVersion).toBe("27.0");
    expect(versionError.message).toContain("20.0, 26.0, 37.0");
    expect(versionError.message).toContain("from 27.0 to 36.0");
    expect(s.requests.map((r) => r.method)).toEqual(["GET"]);
    expect(client.token).toBeUndefined();
    expect(client.apiVersion).toBe("36.0");
  });

  it("a vCD 5.5 (1.5, 5.1, 5.5: nothing in range): VcdVersionError saying what to do, which works", async () => {
    const s = await serverSpeaking(["1.5", "5.1", "5.5"], "5.5");
    const client = pkg.createClient({ baseUrl: `${s.url}/api` });
    const error = await rejection(client.login(CREDENTIALS));
    expect(error).toBeInstanceOf(pkg.VcdVersionError);
    expect((error as Error).message).toBe(
      'the server supports no API version from 27.0 to 36.0, the versions this client speaks (it supports 1.5, 5.1, 5.5): generate a package for a version it lists (vcd-codegen generate --api-version 5.5), or force one with createClient({ apiVersion: "5.5" })',
    );
    expect(s.requests.map((r) => r.method)).toEqual(["GET"]);
    // What it says to do: forcing 5.5 logs in, speaking 5.5.
    const forced = pkg.createClient({
      baseUrl: `${s.url}/api`,
      apiVersion: "5.5",
    });
    await forced.login(CREDENTIALS);
    expect(forced.apiVersion).toBe("5.5");
    expect(s.requests[2].path).toBe("/api/sessions");
    expect(s.requests[2].headers.accept).toBe("application/*+xml;version=5.5");
  });

  it("a vCD 10.4 listing the cloudapi LoginUrl for 36.0 (not only 37.0): the package speaks 36.0 and logs in there", async () => {
    const s = await startHttpServer();
    server = s;
    const loginUrl = (v: string) =>
      ["36.0", "37.0"].includes(v)
        ? `${s.url}/cloudapi/1.0.0/sessions`
        : `${s.url}/api/sessions`;
    const versions = ["33.0", "34.0", "35.0", "35.2", "36.0", "37.0"];
    s.on("GET", "/api/versions", {
      headers: { "content-type": "application/*+xml;version=37.0" },
      body: `<?xml version="1.0" encoding="UTF-8"?><SupportedVersions xmlns="http://www.vmware.com/vcloud/versions">${versions
        .map(
          (v) =>
            `<VersionInfo deprecated="false"><Version>${v}</Version><LoginUrl>${loginUrl(v)}</LoginUrl></VersionInfo>`,
        )
        .join("")}</SupportedVersions>`,
    });
    s.on("POST", "/cloudapi/1.0.0/sessions", {
      headers: {
        "content-type": "application/json;version=36.0",
        "x-vmware-vcloud-access-token": "eyJ.cloudapi.36",
        "x-vmware-vcloud-token-type": "Bearer",
      },
      body: JSON.stringify({
        id: "urn:vcloud:session:1",
        user: { name: "admin", id: "urn:vcloud:user:1" },
        org: { name: "acme", id: "urn:vcloud:org:1" },
        roles: ["Organization Administrator"],
      }),
    });
    s.on("PUT", /^\/api\/vApp\/[^/]+$/, {
      status: 202,
      headers: {
        "content-type": "application/vnd.vmware.vcloud.task+xml;version=36.0",
      },
      body: taskXml(s.url),
    });
    const client = pkg.createClient({
      baseUrl: `${s.url}/api`,
      timeout: 5_000,
    });
    const session = await client.login(CREDENTIALS);
    expect(session.kind).toBe("cloudapi");
    expect(client.apiVersion).toBe("36.0");
    expect(s.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /api/versions",
      "POST /cloudapi/1.0.0/sessions",
    ]);
    expect(s.requests[1].headers.accept).toBe("application/json;version=36.0");
    await pkg.api.updateVApp(client, { id: "vapp-1" }, vapp());
    expect(s.requests[2].headers.authorization).toBe("Bearer eyJ.cloudapi.36");
    expect(s.requests[2].headers.accept).toBe("application/*+xml;version=36.0");
  });

  it("createClient({ apiVersion }) still forces one", async () => {
    const s = await serverSpeaking(["30.0", "31.0", "36.0"], "31.0");
    const client = pkg.createClient({
      baseUrl: `${s.url}/api`,
      apiVersion: "31.0",
    });
    await client.login(CREDENTIALS);
    expect(client.apiVersion).toBe("31.0");
    expect(s.requests[1].headers.accept).toBe("application/*+xml;version=31.0");
    // 31.0 has VdcComputePolicy, not ComputePolicy.
    await pkg.api.updateVApp(
      client,
      { id: "vapp-1" },
      vapp({ VdcComputePolicy: POLICY }),
    );
    const error = await rejection(
      pkg.api.updateVApp(
        client,
        { id: "vapp-1" },
        vapp({ ComputePolicy: { VmSizingPolicy: POLICY } }),
      ),
    );
    expect(error).toBeInstanceOf(pkg.ValidationError);
  });

  it("a forced version the server does not list: VcdVersionError", async () => {
    const s = await serverSpeaking(["30.0", "36.0"], "36.0");
    const client = pkg.createClient({
      baseUrl: `${s.url}/api`,
      apiVersion: "31.0",
    });
    const error = await rejection(client.negotiate());
    expect(error).toBeInstanceOf(pkg.VcdVersionError);
    expect((error as Error).message).toBe(
      "the server does not support API version 31.0 (it supports 30.0, 36.0)",
    );
  });
});
