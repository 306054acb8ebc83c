/**
 * The simulator holds at most `maxConnections` connections open at once: one more is closed as soon
 * as it is accepted, and once a connection closes a new one is served again.
 */
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import { startWith } from "./helpers/simulator.js";

let sim: Simulator;
let port: number;
const open: Socket[] = [];

beforeAll(async () => {
  ({ sim } = await startWith({ maxConnections: 2 }));
  port = Number(new URL(sim.url).port);
}, 60_000);

afterAll(async () => {
  for (const socket of open) socket.destroy();
  await sim?.close();
});

/** A connection, once connected. */
function connected(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => resolve(socket));
    socket.once("error", reject);
    open.push(socket);
  });
}

/** Whether the server closes the socket within `ms`. */
function closedWithin(socket: Socket, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.on("error", () => {});
    socket.once("close", () => {
      clearTimeout(timer);
      resolve(true);
    });
    socket.resume();
  });
}

/** The status line answered to `GET /api/versions` on the socket, within 5 s. */
function statusLine(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no answer")), 5000);
    let text = "";
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString("latin1");
      if (text.includes("\r\n")) {
        clearTimeout(timer);
        resolve(text.slice(0, text.indexOf("\r\n")));
      }
    });
    socket.write("GET /api/versions HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  });
}

describe("the cap on connections", () => {
  it("closes the connection beyond maxConnections at once, and serves a new one after one closes", async () => {
    const first = await connected();
    const second = await connected();
    // Both held open (they are within the cap), and served.
    expect(await statusLine(second)).toMatch(/^HTTP\/1\.1 200/);
    const third = await connected();
    expect(await closedWithin(third, 3000)).toBe(true);
    expect(first.destroyed).toBe(false);
    first.destroy();
    // The server sees the close, then takes a new connection.
    await new Promise((r) => setTimeout(r, 200));
    const fourth = await connected();
    expect(await statusLine(fourth)).toMatch(/^HTTP\/1\.1 200/);
  });
});
