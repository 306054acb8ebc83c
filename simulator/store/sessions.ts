/**
 * vcd-codegen runtime, simulator: login sessions. A token lives as long as it is used within the idle
 * timeout (vCD: 30 minutes by default); logging out ends it at once.
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
    const session = this.byToken.get(token);
    if (!session) return undefined;
    if (this.now() - session.lastUsed > this.idleMs) {
      this.byToken.delete(token);
      return undefined;
    }
    session.lastUsed = this.now();
    return session;
  }

  end(token: string): void {
    this.byToken.delete(token);
  }

  clear(): void {
    this.byToken.clear();
  }
}
