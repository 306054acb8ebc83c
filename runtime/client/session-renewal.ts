/**
 * vcd-codegen runtime, client: logging in again when the session's token is refused
 * (`createClient({ reauthenticate })`). One re-login serves every call refused meanwhile (single
 * flight); a call renews only a session that is still the one it was sent with: not after
 * `logout()` or `resume()` ended it (the user's own decision), and not when it carried no token. The
 * re-login, the user's callback included, is bounded by the client's time-out; a waiting call also
 * by its own signal and time-out.
 */
import { startDeadline, untilAborted } from "./deadline.js";
import {
  VcdAbortError,
  VcdReauthenticationError,
  VcdTimeoutError,
  type VcdAuthError,
} from "./errors.js";

/** What a request was sent with: the token, and the session it belonged to. */
export interface SentWith<T> {
  readonly token: T | undefined;
  readonly session: number;
}

export class SessionRenewal<T> {
  /** The re-login under way (one for every call whose token was refused meanwhile). */
  #renewing: Promise<void> | undefined;
  /** Bumped when the user ends or replaces the session (`logout`, `resume`). */
  #session = 0;

  constructor(
    /** Logs in again; undefined when the client has no `reauthenticate`. */
    private readonly relogin: (() => Promise<void>) | undefined,
    /** The session's token now. */
    private readonly token: () => T | undefined,
    /** The bound of one re-login, in ms (the client's time-out). */
    private readonly timeout: number,
  ) {}

  /** The user ended or replaced the session: what was sent with it is renewed no more. */
  ended(): void {
    this.#session++;
  }

  /** What a request about to be sent goes with. */
  sentWith(): SentWith<T> {
    return { token: this.token(), session: this.#session };
  }

  /** Whether a 401 to a request sent with `sent` may log in again. */
  mayRenew(sent: SentWith<T>): boolean {
    return (
      this.relogin !== undefined &&
      sent.token !== undefined &&
      sent.session === this.#session
    );
  }

  /**
   * Renews the session after `refused` (a request sent with `sent`): at once when another call
   * has renewed it since, else by the re-login under way or a new one. The login does not run
   * under one call's signal (others wait for it too); each call stops waiting when its own signal
   * aborts or its `timeout` runs out.
   */
  async renew(
    sent: SentWith<T>,
    refused: VcdAuthError,
    signal: AbortSignal | undefined,
    timeout: number,
  ): Promise<void> {
    const now = this.token();
    if (now !== undefined && now !== sent.token) return;
    const renewing = (this.#renewing ??= this.#bounded().finally(() => {
      this.#renewing = undefined;
    }));
    const deadline = startDeadline(timeout, signal);
    const context = {
      method: refused.method,
      url: refused.url,
      operation: refused.operation,
    };
    try {
      await untilAborted(renewing, deadline.signal);
    } catch (error) {
      if (deadline.aborted)
        throw new VcdAbortError({ ...context, cause: signal?.reason });
      if (deadline.timedOut)
        throw new VcdReauthenticationError(
          refused,
          new VcdTimeoutError(timeout, { ...context, cause: error }),
        );
      throw new VcdReauthenticationError(refused, error);
    } finally {
      deadline.dispose();
    }
  }

  /** One re-login, bounded by the client's time-out (the user's callback included). */
  async #bounded(): Promise<void> {
    const deadline = startDeadline(this.timeout);
    try {
      await untilAborted(this.relogin!(), deadline.signal);
    } catch (error) {
      if (deadline.timedOut)
        throw new VcdTimeoutError(this.timeout, {
          method: "POST",
          url: "(logging in again)",
          cause: error,
        });
      throw error;
    } finally {
      deadline.dispose();
    }
  }
}
