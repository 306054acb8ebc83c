/**
 * vcd-codegen runtime, simulator: an answer that came before the request's body was read (refused
 * first, or too large): the connection closes once it is sent, and what the client still sends is
 * discarded, not kept, until it stops or the linger time is up (so that the client reads the
 * answer rather than a reset). Used by the API's server and by the transfer service.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** How long a connection closed with its body unread may still send before it is destroyed. */
const LINGER_MS = 1000;

export function closeUnread(req: IncomingMessage, res: ServerResponse): void {
  res.shouldKeepAlive = false;
  res.setHeader("Connection", "close");
  res.once("finish", () => {
    req.resume();
    setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
  });
}
