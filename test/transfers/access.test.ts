/**
 * Who may use a transfer URL: a session of the transfer's organization (or the system
 * administrator). No session: 401; a user of another organization: 403, and nothing moves; an
 * unknown uuid or a file the transfer does not list: 404; a method other than GET and PUT: 405.
 * These refusals are vCD Error documents, schema-valid.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { sessionOf, startSeeded } from "../simulator/helpers/seeded.js";
import type { UserSession } from "../simulator/helpers/session.js";
import { expectAllValid } from "../simulator/helpers/valid-bodies.js";
import { filesOf, put, startUpload } from "./helpers.js";

let sim: Simulator;
let pkg: GeneratedPackage;
let acme: UserSession;
let globex: UserSession;
let system: UserSession;
let templateHref: string;
let descriptorHref: string;

beforeAll(async () => {
  ({ sim, pkg } = await startSeeded());
  acme = await sessionOf(sim, pkg, "acme-admin");
  globex = await sessionOf(sim, pkg, "globex-admin");
  system = await sessionOf(sim, pkg, "administrator");
  ({ templateHref } = await startUpload(acme, "guarded"));
  descriptorHref = (await filesOf(acme, templateHref)).get(
    "descriptor.ovf",
  )!.href;
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

const ERROR = /^<\?xml[\s\S]*<Error [^>]*minorErrorCode="([A-Z_]+)"/;

describe("a transfer URL", () => {
  it("without a session: 401", async () => {
    const r = await fetch(descriptorHref, { method: "PUT", body: "x" });
    expect(r.status).toBe(401);
    expect(ERROR.exec(await r.text())?.[1]).toBe("UNAUTHORIZED");
  });

  it("behind a load balancer without a cell (failNextRequests): 503 first, as the API's calls, and nothing moves", async () => {
    sim.failNextRequests(1, 503);
    const r = await put(acme, descriptorHref, Buffer.from("<x/>"));
    expect(r.status).toBe(503);
    expect(r.headers.get("content-type")).toMatch(/^text\/html/);
    const files = await filesOf(acme, templateHref);
    expect(files.get("descriptor.ovf")!.bytesTransferred).toBe(0);
  });

  it("another tenant's session: 403, and nothing moves", async () => {
    const r = await put(globex, descriptorHref, Buffer.from("<x/>"));
    expect(r.status).toBe(403);
    expect(ERROR.exec(await r.text())?.[1]).toBe(
      "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
    );
    const files = await filesOf(acme, templateHref);
    expect(files.get("descriptor.ovf")!.bytesTransferred).toBe(0);
  });

  it("an unknown uuid, or a file it does not list: 404", async () => {
    const unknown = descriptorHref.replace(
      /\/transfer\/[^/]+\//,
      "/transfer/00000000-0000-4000-8000-000000000000/",
    );
    const a = await put(acme, unknown, Buffer.from("x"));
    expect(a.status).toBe(404);
    expect(ERROR.exec(await a.text())?.[1]).toBe("RESOURCE_NOT_FOUND");
    const b = await put(
      acme,
      descriptorHref.replace("descriptor.ovf", "other.vmdk"),
      Buffer.from("x"),
    );
    expect(b.status).toBe(404);
  });

  it("another method: 405 with Allow", async () => {
    const r = await fetch(descriptorHref, {
      method: "DELETE",
      headers: {
        "x-vcloud-authorization": acme.headers["x-vcloud-authorization"],
      },
    });
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("GET, PUT");
  });

  it("the system administrator may use it", async () => {
    const r = await put(
      system,
      descriptorHref,
      Buffer.from(
        '<ovf:Envelope xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"><ovf:VirtualSystem ovf:id="vm"/></ovf:Envelope>',
      ),
    );
    expect(r.status, await r.text()).toBe(200);
    const t = await acme.get(templateHref, "vcloud:VAppTemplate");
    expect(Number(t.status)).toBe(8);
  });

  it("every refusal is a schema-valid Error document", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});
