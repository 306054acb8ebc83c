/**
 * A slow client cannot hold the simulator: headers that never end, or a body sent a byte at a time,
 * are cut off after the time-outs (Node's 408, then the socket closed), while other clients are
 * served meanwhile. Small time-outs through the simulator's options; raw sockets, bounded waits.
 */
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { ACCEPT, raw } from "../simulator/helpers/http.js";
import type { UserSession } from "../simulator/helpers/session.js";
import { newVApp, sessionOf, startWith } from "./helpers/simulator.js";

/**
 * The time-outs are 300 ms (headers) and 600 ms (request); Node's own are 60 s and 300 s. A cut-off
 * within 5 s proves the simulator's time-outs hold (not held for ever) with room for a loaded machine.
 */
const CUT_OFF_MS = 5000;
/** How long a connection is watched before it counts as held. */
const WINDOW_MS = 8000;

let sim: Simulator;
let pkg: GeneratedPackage;
let admin: UserSession;
let vapp: string;

beforeAll(async () => {
  ({ sim, pkg } = await startWith({
    headersTimeoutMs: 300,
    requestTimeoutMs: 600,
  }));
  admin = await sessionOf(sim, pkg, "acme-admin");
  vapp = await newVApp(admin, "slow");
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

/** A raw connection: what it received, and when it was closed (ms after opening), or undefined within `ms`. */
async function trickle(
  start: string,
  drip: string,
  ms: number,
): Promise<{ received: string; closedAfter: number | undefined }> {
  const url = new URL(sim.url);
  const socket: Socket = connect(Number(url.port), url.hostname);
  await new Promise<void>((resolve) => socket.once("connect", resolve));
  const opened = performance.now();
  let received = "";
  socket.on("data", (d: Buffer) => (received += d.toString()));
  socket.on("error", () => {});
  socket.write(start);
  const timer = setInterval(() => {
    if (!socket.destroyed && socket.writable) socket.write(drip);
  }, 50);
  const closedAfter = await new Promise<number | undefined>((resolve) => {
    const limit = setTimeout(() => resolve(undefined), ms);
    socket.once("close", () => {
      clearTimeout(limit);
      resolve(performance.now() - opened);
    });
  });
  clearInterval(timer);
  socket.destroy();
  return { received, closedAfter };
}

describe("slow connections", () => {
  it("cuts off headers sent a byte at a time after the headers time-out (408)", async () => {
    const other = (async () => {
      await new Promise((r) => setTimeout(r, 100));
      return raw(`${sim.url}/versions`);
    })();
    const r = await trickle(
      "GET /api/versions HTTP/1.1\r\nHost: x\r\n",
      "X",
      WINDOW_MS,
    );
    expect(r.closedAfter).toBeDefined();
    expect(r.closedAfter!).toBeLessThan(CUT_OFF_MS);
    expect(r.received).toMatch(/^HTTP\/1\.1 408/);
    expect((await other).status).toBe(200);
  }, 15_000);

  it("cuts off a body sent a byte at a time after the request time-out", async () => {
    const path = new URL(`${vapp}/metadata/k`).pathname;
    const r = await trickle(
      `PUT ${path} HTTP/1.1\r\nHost: x\r\nAccept: ${ACCEPT}\r\n` +
        `x-vcloud-authorization: ${admin.headers["x-vcloud-authorization"]}\r\n` +
        `Content-Type: application/vnd.vmware.vcloud.metadata.value+xml\r\nContent-Length: 100000\r\n\r\n`,
      "<",
      WINDOW_MS,
    );
    expect(r.closedAfter).toBeDefined();
    expect(r.closedAfter!).toBeLessThan(CUT_OFF_MS);
    expect(r.received).not.toMatch(/^HTTP\/1\.1 2/);
  }, 15_000);

  it("cuts off a connection that sends nothing", async () => {
    const r = await trickle("", "", WINDOW_MS);
    expect(r.closedAfter).toBeDefined();
    expect(r.closedAfter!).toBeLessThan(CUT_OFF_MS);
  }, 15_000);
});
