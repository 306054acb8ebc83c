/**
 * The operations of every document from 27.0 to 36.0 in the one package generated at 36.0, against
 * servers on 127.0.0.1 that list the versions real vCD releases list: what the documents say is
 * read here with JSON.parse (not with the generator), and the package must agree.
 *
 * - renames: every operation an older document lists and the next one does not, where the next one
 *   has an operation of the same method, media types and path once a literal prefix before a
 *   parameter is dropped, is one operation, as old as its oldest path (a 29.0 session sends
 *   `reconfigureVm`, to the URL a 9.1 server answers);
 * - operations the 36.0 document dropped: each has its stub, marked with the version that dropped
 *   it, sent by a session speaking an older version and refused (before sending) from that version;
 * - the relocate actions, whose type carries `removed-in` and which every document lists.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../runtime/client/index.js";
import type { Simulator, SimulatorOptions } from "../../simulator/binding.js";
import {
  startHttpServer,
  type TestHttpServer,
} from "../helpers/http-server.js";
import { PROJECT_ROOT, VCD_API_36_DIR } from "../helpers/vcd-inputs.js";
import { generatePackage36, type Package36 } from "./package-36.js";

const VERSIONS = [
  "27.0",
  "29.0",
  "30.0",
  "31.0",
  "32.0",
  "33.0",
  "34.0",
  "35.0",
  "35.2",
  "36.0",
];

interface DocOp {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly media: string;
}

/** Every operation of a version's document, with the media types it takes and answers. */
function documentOf(version: string): Map<string, DocOp> {
  const doc = JSON.parse(
    readFileSync(
      join(VCD_API_36_DIR, "operations", `${version}.openapi.json`),
      "utf8",
    ),
  ) as {
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: { content?: object };
          responses?: Record<string, { content?: object }>;
        }
      >
    >;
  };
  const ops = new Map<string, DocOp>();
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "put", "post", "delete"].includes(method)) continue;
      const request = Object.keys(op.requestBody?.content ?? {});
      const responses = Object.entries(op.responses ?? {})
        .filter(([status]) => status.startsWith("2"))
        .flatMap(([, r]) => Object.keys(r.content ?? {}));
      const id = `${method.toUpperCase()} ${path}`;
      ops.set(id, {
        id,
        method,
        path,
        media:
          `${[...new Set(request)].sort().join(",")} -> ${[...new Set(responses)].sort().join(",")}`.toLowerCase(),
      });
    }
  return ops;
}

const docs = new Map(VERSIONS.map((v) => [v, documentOf(v)]));

/** The renames between consecutive documents: [old id, new id, last version of the old path]. */
function renames(): [string, string, string][] {
  const bare = (path: string) =>
    path.replace(/\/[^/{}]+(\{[^/{}]+\})(?=\/|$)/g, "/$1");
  const found: [string, string, string][] = [];
  VERSIONS.slice(1).forEach((version, i) => {
    const before = docs.get(VERSIONS[i])!;
    const after = docs.get(version)!;
    for (const old of before.values()) {
      if (after.has(old.id)) continue;
      for (const next of after.values())
        if (
          next.method === old.method &&
          next.path !== old.path &&
          bare(next.path) === bare(old.path) &&
          next.media === old.media
        )
          found.push([old.id, next.id, VERSIONS[i]]);
    }
  });
  return found;
}

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

const rowOf = (id: string) =>
  pkg.operations.find((o) => `${o.method} ${o.path}` === id);

/** A server that lists `versions` (as vCD lists them), logs in, and answers every other request with a Task. */
async function serverListing(
  versions: readonly string[],
): Promise<TestHttpServer> {
  const s = await startHttpServer();
  server = s;
  const speaks = versions[versions.length - 1];
  const infos = versions
    .map(
      (v) =>
        `<VersionInfo deprecated="false"><Version>${v}</Version><LoginUrl>${s.url}/api/sessions</LoginUrl></VersionInfo>`,
    )
    .join("");
  s.on("GET", "/api/versions", {
    headers: { "content-type": "application/*+xml;version=" + speaks },
    body: `<?xml version="1.0" encoding="UTF-8"?><SupportedVersions xmlns="http://www.vmware.com/vcloud/versions">${infos}</SupportedVersions>`,
  });
  s.on("POST", "/api/sessions", {
    headers: {
      "content-type": `application/vnd.vmware.vcloud.session+xml;version=${speaks}`,
      "x-vcloud-authorization": "token-1",
    },
    body: `<?xml version="1.0" encoding="UTF-8"?><Session xmlns="http://www.vmware.com/vcloud/v1.5" user="admin" org="acme" href="${s.url}/api/session/" type="application/vnd.vmware.vcloud.session+xml"/>`,
  });
  const task = {
    status: 202,
    headers: {
      "content-type": `application/vnd.vmware.vcloud.task+xml;version=${speaks}`,
    },
    body: `<?xml version="1.0" encoding="UTF-8"?><Task xmlns="http://www.vmware.com/vcloud/v1.5" href="${s.url}/api/task/t-1" name="task" status="running" operationName="vappUpdateVm" type="application/vnd.vmware.vcloud.task+xml"/>`,
  };
  s.on("POST", /^\/api\/vdc\/[^/]+\/media$/, (request) => ({
    status: 201,
    headers: {
      "content-type": `application/vnd.vmware.vcloud.media+xml;version=${speaks}`,
      location: `${s.url}/api/media/m-1`,
    },
    // What vCD answers: the request's Media, with its href (an upload is then PUT to its File's link).
    body: request.body.replace(
      /<Media /,
      `<Media href="${s.url}/api/media/m-1" `,
    ),
  }));
  s.on("POST", /^\/api\/.*$/, task);
  s.on("PUT", /^\/api\/.*$/, task);
  return s;
}

async function loggedIn(s: TestHttpServer): Promise<VcdClient> {
  const client = pkg.createClient({ baseUrl: `${s.url}/api`, timeout: 5_000 });
  await client.login({ user: "admin", org: "acme", password: "secret" });
  return client;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

const VM = {
  element: "vcloud:Vm",
  value: { name: "web-01" },
};

describe("renamed paths are one operation", () => {
  it("the documents rename exactly the operations our facts list with their evidence: reconfigureVm and the PUT of a VM, at 30.0", () => {
    expect(renames().sort()).toEqual([
      [
        "POST /vApp/vm-{id}/action/reconfigureVm",
        "POST /vApp/{id}/action/reconfigureVm",
        "29.0",
      ],
      ["PUT /vApp/vm-{id}", "PUT /vApp/{id}", "29.0"],
    ]);
    const facts = JSON.parse(
      readFileSync(
        join(PROJECT_ROOT, "schemas/vcd-api.operations.json"),
        "utf8",
      ),
    ) as {
      renamed: Record<
        string,
        { formerly: string; from: string; until: string }
      >;
    };
    expect(
      Object.entries(facts.renamed)
        .map(([id, r]) => [r.formerly, id, r.until])
        .sort(),
    ).toEqual(renames().sort());
  });

  it("each rename is one row under its new path, as old as the oldest document that lists either path", () => {
    for (const [oldId, newId] of renames()) {
      expect(rowOf(oldId), oldId).toBeUndefined();
      const row = rowOf(newId)!;
      expect(row, newId).toBeDefined();
      const oldest = VERSIONS.find(
        (v) => docs.get(v)!.has(oldId) || docs.get(v)!.has(newId),
      );
      // The oldest document lists it: no addedIn (as old as the package's oldest version).
      expect(oldest).toBe("27.0");
      expect(row.addedIn).toBeUndefined();
      expect(row.removedIn).toBeUndefined();
    }
  });

  it("a session speaking 29.0 (vCD 9.1) sends reconfigureVm to the URL that server lists", async () => {
    const s = await serverListing(["27.0", "29.0"]);
    const client = await loggedIn(s);
    expect(client.apiVersion).toBe("29.0");
    const reply = await pkg.api.reconfigureVm(client, { id: "vm-7f6e" }, VM);
    expect(reply.status).toBe(202);
    const sent = s.requests.at(-1)!;
    expect(sent.method).toBe("POST");
    // `/vApp/vm-{id}/action/reconfigureVm` of the 29.0 document, for the VM's id `7f6e`.
    expect(sent.path).toBe("/api/vApp/vm-7f6e/action/reconfigureVm");
    expect(sent.headers["content-type"]).toBe(
      "application/vnd.vmware.vcloud.vm+xml",
    );
    expect(sent.headers.accept).toBe("application/*+xml;version=29.0");
  });
});

describe("operations the 36.0 document dropped", () => {
  /** Every operation of 27.0..35.2 that 36.0 does not list (nor under a new path): its last version. */
  function droppedByDocuments(): Map<string, string> {
    const renamed = new Set(renames().map(([oldId]) => oldId));
    const last = new Map<string, string>();
    for (const v of VERSIONS.slice(0, -1))
      for (const id of docs.get(v)!.keys())
        if (!docs.get("36.0")!.has(id) && !renamed.has(id)) last.set(id, v);
    return last;
  }

  it("each has a stub marked with the version whose document first lacks it (or is left out, with its reason)", () => {
    const dropped = droppedByDocuments();
    expect(dropped.size).toBe(38);
    const leftOut: string[] = [];
    for (const [id, last] of dropped) {
      const row = rowOf(id);
      if (!row) {
        leftOut.push(id);
        continue;
      }
      expect(row.removedIn, id).toBe(VERSIONS[VERSIONS.indexOf(last) + 1]);
      const first = VERSIONS.find((v) => docs.get(v)!.has(id))!;
      expect(row.addedIn, id).toBe(first === "27.0" ? undefined : first);
    }
    // The two vCloud Air operations whose types no XSD defines (schemas/vcd-api.operations.json).
    expect(leftOut.sort()).toEqual([
      "GET /admin/edgeGateway/{gatewayId}/externalIpUsage",
      "PUT /admin/edgeGateway/{gatewayId}/action/manageExternalIpAddresses",
    ]);
    // No operation of the 36.0 document is marked so.
    for (const id of docs.get("36.0")!.keys())
      expect(rowOf(id)?.removedIn, id).toBeUndefined();
    // One name per stub, and every stub is there.
    const names = pkg.operations.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names)
      expect(typeof pkg.api[name], name).toBe("function");
  });

  it("uploadVAppTemplate, createMedia and getSupportedSystemsInfo are gone from 34.0", () => {
    expect(rowOf("POST /vdc/{id}/action/uploadVAppTemplate")).toMatchObject({
      name: "uploadVAppTemplate",
      removedIn: "34.0",
      requestType: "vcloud:UploadVAppTemplateParamsType",
    });
    expect(rowOf("POST /vdc/{id}/media")).toMatchObject({
      name: "createMedia",
      removedIn: "34.0",
      requestType: "vcloud:MediaType",
    });
    expect(rowOf("GET /supportedSystemsInfo")).toMatchObject({
      name: "getSupportedSystemsInfo",
      removedIn: "34.0",
    });
  });

  it("a session speaking 33.0 (vCD 10.0) sends them", async () => {
    const s = await serverListing(["31.0", "32.0", "33.0"]);
    const client = await loggedIn(s);
    expect(client.apiVersion).toBe("33.0");
    const reply = await pkg.api.createMedia(
      client,
      { id: "vdc-1" },
      { name: "disk.iso", imageType: "iso", size: "1024" },
    );
    expect(reply.status).toBe(201);
    expect(reply.element).toBe("vcloud:Media");
    const sent = s.requests.at(-1)!;
    expect(sent.path).toBe("/api/vdc/vdc-1/media");
    expect(sent.headers["content-type"]).toBe(
      "application/vnd.vmware.vcloud.media+xml",
    );
    expect(sent.body).toContain('imageType="iso"');
  });

  it.each(["34.0", "36.0"])(
    "a session speaking %s refuses them before sending",
    async (version) => {
      const s = await serverListing(["33.0", version]);
      const client = await loggedIn(s);
      expect(client.apiVersion).toBe(version);
      const sent = s.requests.length;
      for (const [name, body] of [
        ["createMedia", { name: "disk.iso", imageType: "iso", size: "1024" }],
        ["uploadVAppTemplate", { name: "t" }],
      ] as const) {
        const row = pkg.operations.find((o) => o.name === name)!;
        const error = await rejection(
          pkg.api[name](client, { id: "vdc-1" }, body),
        );
        expect(error).toBeInstanceOf(pkg.VcdRequestError);
        expect((error as Error).message).toBe(
          `${name} (POST ${row.path}) is gone from API version 34.0; this session speaks ${version}`,
        );
      }
      const error = await rejection(pkg.api.getSupportedSystemsInfo(client));
      expect(error).toBeInstanceOf(pkg.VcdRequestError);
      expect(s.requests.length).toBe(sent);
    },
  );
});

describe("the stubs' TSDoc", () => {
  /** The TSDoc just above `export function name(` in the package's user stubs. */
  function docOf(name: string): string {
    const source = readFileSync(join(pkg.dir, "src/api/user.ts"), "utf8");
    const at = source.indexOf(`export function ${name}(`);
    expect(at, name).toBeGreaterThan(0);
    return source.slice(source.lastIndexOf("/**", at), at);
  }

  it("names a renamed operation's former path and the documents that list it", () => {
    expect(docOf("reconfigureVm")).toContain(
      " * The 27.0 to 29.0 operations documents list it at `/vApp/vm-{id}/action/reconfigureVm`: the same URL for the ids it takes (one operation, as old as that path).",
    );
  });

  it("says when a dropped operation went, and which document describes it", () => {
    const doc = docOf("createMedia");
    expect(doc).toContain(
      " * Gone from the operations documents in 34.0 (described here as `operations/33.0.openapi.json`, the newest to list it, describes it): a session that speaks 34.0 or later refuses it before sending.",
    );
    expect(doc).toContain(
      " * @deprecated Gone from the operations documents in 34.0.",
    );
  });
});

describe("the 36.0 package's simulator", () => {
  it("answers a dropped operation at the versions that have it, and 404 from the one that dropped it", async () => {
    const { startSimulator } = (await import(
      pathToFileURL(join(pkg.dir, "dist/simulator.js")).href
    )) as { startSimulator: (o?: SimulatorOptions) => Promise<Simulator> };
    const sim = await startSimulator({ taskStepMs: 5 });
    try {
      const admin = sim.users[0];
      const at = async (version: string) => {
        const accept = `application/*+xml;version=${version}`;
        const login = await fetch(`${sim.url}/sessions`, {
          method: "POST",
          headers: {
            accept,
            authorization: `Basic ${btoa(`${admin.name}@${admin.org}:${admin.password}`)}`,
          },
          signal: AbortSignal.timeout(5_000),
        });
        const token = login.headers.get("x-vmware-vcloud-access-token")!;
        const response = await fetch(`${sim.url}/supportedSystemsInfo`, {
          headers: { accept, authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(5_000),
        });
        return { status: response.status, text: await response.text() };
      };
      expect((await at("33.0")).status).toBe(200);
      const gone = await at("34.0");
      expect(gone.status).toBe(404);
      expect(gone.text).toContain(
        "it is gone from API version 34.0, this request asks for 34.0",
      );
    } finally {
      await sim.close();
    }
  });
});

describe("the relocate actions", () => {
  it("every document lists them, and the package has both stubs, for every version it speaks", () => {
    for (const v of VERSIONS) {
      expect(docs.get(v)!.has("POST /vApp/{id}/action/relocate"), v).toBe(true);
      expect(
        docs.get(v)!.has("POST /vAppTemplate/{id}/action/relocate"),
        v,
      ).toBe(true);
    }
    for (const id of [
      "POST /vApp/{id}/action/relocate",
      "POST /vAppTemplate/{id}/action/relocate",
    ])
      expect(rowOf(id), id).toMatchObject({
        requestType: "vcloud:RelocateParamsType",
        requestMediaType: "application/vnd.vmware.vcloud.relocateVmParams+xml",
      });
  });

  it("a session speaking 31.0 (pyvcloud's VM.relocate) sends a RelocateParams", async () => {
    const s = await serverListing(["30.0", "31.0"]);
    const client = await loggedIn(s);
    const row = rowOf("POST /vApp/{id}/action/relocate")!;
    const reply = await pkg.api[row.name](
      client,
      { id: "vm-1" },
      { Datastore: { href: `${s.url}/api/admin/extension/datastore/ds-1` } },
    );
    expect(reply.status).toBe(202);
    const sent = s.requests.at(-1)!;
    expect(sent.path).toBe("/api/vApp/vm-1/action/relocate");
    expect(sent.headers["content-type"]).toBe(
      "application/vnd.vmware.vcloud.relocateVmParams+xml",
    );
    expect(sent.body).toMatch(
      /<RelocateParams [^>]*><Datastore href="[^"]+\/ds-1"\/><\/RelocateParams>/,
    );
  });
});
