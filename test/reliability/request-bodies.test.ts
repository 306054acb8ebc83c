/**
 * Request bodies cannot exhaust the simulator: a body is read only once the request is routed and
 * authenticated (an unauthenticated request declaring 60 MB is answered 401 before a byte of it is
 * sent, and its connection closed; with `Expect: 100-continue` the client is never asked for it), at
 * most vCD's 512 KB (a 413 Error, declared or found while reading, read no further), with at most
 * 4096 elements nested at most 100 deep (vCD's request limits), and never a DTD or entity.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { VCLOUD_NS, type UserSession } from "../simulator/helpers/session.js";
import { ACCEPT } from "../simulator/helpers/http.js";
import {
  answerOf,
  errorOf,
  newVApp,
  sessionOf,
  startWith,
} from "./helpers/simulator.js";

const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const VALUE_MT = "application/vnd.vmware.vcloud.metadata.value+xml";
const LIMIT = 512 * 1024;

let sim: Simulator;
let pkg: GeneratedPackage;
let admin: UserSession;
let vapp: string;

beforeAll(async () => {
  ({ sim, pkg } = await startWith({}));
  admin = await sessionOf(sim, pkg, "acme-admin");
  vapp = await newVApp(admin, "bodies");
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

const value = (v: string) =>
  `<MetadataValue xmlns="${VCLOUD_NS}" xmlns:xsi="${XSI}"><TypedValue xsi:type="MetadataStringValue"><Value>${v}</Value></TypedValue></MetadataValue>`;

/** A PUT of a metadata value, its headers sent at once, its body left to the test. */
function open(
  key: string,
  headers: Record<string, string | number>,
  authenticated = true,
) {
  const url = new URL(`${vapp}/metadata/${key}`);
  return request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: "PUT",
    headers: {
      Accept: ACCEPT,
      "Content-Type": VALUE_MT,
      ...(authenticated
        ? { "x-vcloud-authorization": admin.headers["x-vcloud-authorization"] }
        : {}),
      ...headers,
    },
  });
}

const closed = (req: ReturnType<typeof request>, ms: number) =>
  new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    req.socket?.once("close", () => {
      clearTimeout(timer);
      resolve(true);
    });
    if (req.socket?.destroyed) resolve(true);
  });

describe("request bodies", () => {
  it("answers an unauthenticated request before its 60 MB body is sent, and closes the connection", async () => {
    const req = open("k", { "Content-Length": 60 * 1024 * 1024 }, false);
    req.flushHeaders();
    const answer = await answerOf(req, 5000);
    expect(answer.status).toBe(401);
    expect(errorOf(pkg, answer.body).minor).toBe("UNAUTHORIZED");
    expect(answer.headers.connection).toBe("close");
    expect(await closed(req, 3000)).toBe(true);
  });

  it("never asks an unauthenticated client that waits for 100 Continue for its body (an authenticated one, yes)", async () => {
    const req = open(
      "k",
      { "Content-Length": 1000, Expect: "100-continue" },
      false,
    );
    let asked = false;
    req.on("continue", () => (asked = true));
    req.flushHeaders();
    const answer = await answerOf(req, 5000);
    expect(answer.status).toBe(401);
    expect(asked).toBe(false);
    req.destroy();
    // An authenticated one is asked, and its body read.
    const body = value("continued");
    const authenticated = open("cont", {
      "Content-Length": Buffer.byteLength(body),
      Expect: "100-continue",
    });
    authenticated.on("continue", () => authenticated.end(body));
    authenticated.flushHeaders();
    const accepted = await answerOf(authenticated, 5000);
    expect(accepted.status, accepted.body).toBe(202);
  });

  it("answers a body declared larger than 512 KB with a 413 Error, without reading it", async () => {
    const req = open("big", { "Content-Length": LIMIT + 1 });
    req.flushHeaders();
    const answer = await answerOf(req, 5000);
    expect(answer.status).toBe(413);
    const error = errorOf(pkg, answer.body);
    expect(error.major).toBe(413);
    expect(error.minor).toBe("REQUEST_ENTITY_TOO_LARGE");
    expect(error.message).toContain(`${LIMIT} bytes`);
    expect(await closed(req, 3000)).toBe(true);
  });

  it("stops reading a chunked body at 512 KB: a 413 Error, the connection closed; a valid body just under is read", async () => {
    const req = open("chunked", { "Transfer-Encoding": "chunked" });
    const chunk = Buffer.alloc(64 * 1024, "x");
    const answered = answerOf(req, 5000);
    let sent = 0;
    // Bounded: at most 2 MB, stopping as soon as the answer has come.
    let done = false;
    void answered.finally(() => (done = true)).catch(() => {});
    while (!done && sent < 2 * 1024 * 1024) {
      if (!req.write(chunk)) await new Promise((r) => setTimeout(r, 5));
      sent += chunk.length;
      await new Promise((r) => setImmediate(r));
    }
    const answer = await answered;
    expect(answer.status).toBe(413);
    expect(errorOf(pkg, answer.body).minor).toBe("REQUEST_ENTITY_TOO_LARGE");
    expect(await closed(req, 3000)).toBe(true);
    const text = "v".repeat(LIMIT - value("").length - 100);
    const r = await admin.send(
      "PUT",
      `${vapp}/metadata/large`,
      VALUE_MT,
      value(text),
    );
    expect(r.status, r.body.slice(0, 300)).toBe(202);
    await admin.waitFor(r.value!);
  });

  it("refuses more than 4096 elements and a depth over 100 (vCD's request limits) with a 400 Error", async () => {
    const many = `<MetadataValue xmlns="${VCLOUD_NS}">${"<Link/>".repeat(4100)}</MetadataValue>`;
    const r1 = await admin.send("PUT", `${vapp}/metadata/many`, VALUE_MT, many);
    expect(r1.status).toBe(400);
    expect(errorOf(pkg, r1.body).message).toContain(
      "more than 4096 XML elements",
    );
    const deep = `<MetadataValue xmlns="${VCLOUD_NS}">${"<a>".repeat(100)}${"</a>".repeat(100)}</MetadataValue>`;
    const r2 = await admin.send("PUT", `${vapp}/metadata/deep`, VALUE_MT, deep);
    expect(r2.status).toBe(400);
    expect(errorOf(pkg, r2.body).message).toContain("deeper than 100");
  });

  it("refuses a DTD, internal or external entities with a 400 Error", async () => {
    for (const prolog of [
      `<!DOCTYPE MetadataValue [<!ENTITY x "${"y".repeat(100)}">]>`,
      `<!DOCTYPE MetadataValue SYSTEM "file:///etc/passwd">`,
    ]) {
      const r = await admin.send(
        "PUT",
        `${vapp}/metadata/dtd`,
        VALUE_MT,
        prolog + value("&x;"),
      );
      expect(r.status, r.body).toBe(400);
      const error = errorOf(pkg, r.body);
      expect(error.minor).toBe("BAD_REQUEST");
      expect(error.message).toContain("DTD is not allowed");
    }
  });
});
