/**
 * A test HTTP server for each test of a file: started before each test, closed after it. The
 * object returned stands for the server of the test running, so a file declares it once:
 *
 * ```ts
 * const server = serverPerTest();
 * it("...", async () => { server.on("GET", "/api/versions", answer); ... });
 * ```
 */
import { afterEach, beforeEach } from "vitest";
import { startHttpServer, type TestHttpServer } from "./http-server.js";

export function serverPerTest(): TestHttpServer {
  let current: TestHttpServer | undefined;
  beforeEach(async () => {
    current = await startHttpServer();
  });
  afterEach(async () => {
    await running().close();
  });
  const running = (): TestHttpServer => {
    if (!current) throw new Error("The test server runs only within a test.");
    return current;
  };
  return {
    get url() {
      return running().url;
    },
    get port() {
      return running().port;
    },
    get requests() {
      return running().requests;
    },
    on: (...args) => running().on(...args),
    fallback: (responder) => running().fallback(responder),
    reset: () => running().reset(),
    close: () => running().close(),
  };
}
