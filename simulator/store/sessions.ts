/**
 * vcd-codegen runtime, simulator: login sessions. A token lives as long as it is used within the idle
 * timeout (vCD: 30 minutes by default); logging out ends it at once. Sessions are kept in the order
 * of their last use, so that each login or use drops the idle ones from the front: an ended session
 * is not kept past its timeout whether or not its token comes back.
 */
import { randomBytes } from "node:crypto";

export interface Session {
  readonly token: string;
  readonly userId: string;
  lastUsed: number;
}

export class Sessions {
  private readonly byToken = new Map<string, Session>();

  constructor(
    private readonly idleMs: number,
    private readonly now: () => number,
  ) {}

  open(userId: string): Session {
    this.dropIdle();
    const session = {
      token: randomBytes(16).toString("hex"),
      userId,
      lastUsed: this.now(),
    };
    this.byToken.set(session.token, session);
    return session;
  }

  /** The live session of a token (its idle clock restarted), or undefined. */
  use(token: string): Session | undefined {
    this.dropIdle();
    const session = this.byToken.get(token);
    if (!session) return undefined;
    session.lastUsed = this.now();
    this.byToken.delete(token);
    this.byToken.set(token, session);
    return session;
  }

  /** How many sessions are kept. */
  get size(): number {
    return this.byToken.size;
  }

  /** The sessions idle past the timeout, from the least recently used. */
  private dropIdle(): void {
    const now = this.now();
    for (const [token, session] of this.byToken) {
      if (now - session.lastUsed <= this.idleMs) break;
      this.byToken.delete(token);
    }
  }

  end(token: string): void {
    this.byToken.delete(token);
  }

  clear(): void {
    this.byToken.clear();
  }
}
