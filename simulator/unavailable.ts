/**
 * vcd-codegen runtime, simulator: a vCD whose load balancer has no cell to hand requests to for a
 * moment (cells restarting, in maintenance): `sim.failNextRequests(n, 503)` answers the next `n`
 * requests, whatever they are, `503 Service Unavailable` before any check, and nothing is done.
 * The answer is the load balancer's, not a cell's, so it is no vCD `Error` document: the HTML page
 * HAProxy sends by default (its built-in 503 errorfile, `Cache-Control: no-cache`, the connection
 * closed), the load balancer of vCD's reference deployments; `retryAfter` adds `Retry-After`
 * (seconds), as a balancer configured to send one does.
 */
import type { Rendered } from "./render.js";

/** HAProxy's built-in 503 page, byte for byte as it sends it. */
const HAPROXY_503 =
  "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n";

export class Unavailable {
  #left = 0;
  #retryAfter: number | undefined;

  /** The next `count` requests answer 503 (with `Retry-After: retryAfter` when given). */
  schedule(count: number, retryAfter?: number): void {
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError(
        `failNextRequests: the count must be a whole number from 0, not ${count}`,
      );
    if (
      retryAfter !== undefined &&
      !(Number.isInteger(retryAfter) && retryAfter >= 0)
    )
      throw new RangeError(
        `failNextRequests: retryAfter must be whole seconds from 0, not ${retryAfter}`,
      );
    this.#left = count;
    this.#retryAfter = retryAfter;
  }

  /** The 503 for this request when one is due, else undefined. */
  take(): Rendered | undefined {
    if (this.#left === 0) return undefined;
    this.#left--;
    return {
      status: 503,
      headers: {
        "Content-Type": "text/html",
        "Cache-Control": "no-cache",
        Connection: "close",
        ...(this.#retryAfter === undefined
          ? {}
          : { "Retry-After": String(this.#retryAfter) }),
      },
      body: Buffer.from(HAPROXY_503),
      contentType: "text/html",
    };
  }

  clear(): void {
    this.#left = 0;
    this.#retryAfter = undefined;
  }
}
