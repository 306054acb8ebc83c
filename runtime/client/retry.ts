/**
 * vcd-codegen runtime, client: retrying what the server refused without acting on it. Two answers
 * say so: vCD's `400 BUSY_ENTITY` (another task holds the entity: the request is refused before
 * anything is done, and no task is created; the simulator's `Tasks.requireIdle`, after fog/fog#3620,
 * vmware/go-vcloud-director#616 and vmware/terraform-provider-vcd#649, where users meet it right
 * after an instantiate) and `503 Service Unavailable` (the load balancer in front of the cells has
 * no cell to hand the request to, or a cell is starting or stopping: the request reached no cell
 * that could act). So any method may be retried on them, a POST too.
 *
 * Opt-in (`createClient({ retry })`, a call's `options.retry`): bounded attempts, a back-off of
 * full jitter (a random wait between 0 and `baseDelay * 2^n`, capped at `maxDelay`: the callers
 * that wait on one busy vApp, several edits right after its instantiate, are spread over the whole
 * window, which makes the fewest collisions and the least work of the jitter schemes; the deadline,
 * not the jitter, bounds the time), `Retry-After` honoured on a 503 (up to `maxRetryAfter`), an
 * overall deadline after which no attempt starts (each attempt keeps the call's `timeout`), and
 * the caller's signal ending a wait at once. When it gives up, the error thrown is the first one,
 * as it would have been without retries.
 */
import { sleep } from "./deadline.js";
import {
  VcdAbortError,
  VcdApiError,
  VcdRequestError,
  type VcdErrorContext,
} from "./errors.js";

/** How a call retries a `BUSY_ENTITY` or a 503 (every field optional: the defaults below). */
export interface RetryOptions {
  /** Attempts in all, the first included (default 5). */
  readonly attempts?: number;
  /** The cap of the first wait, in ms (default 500); each next one doubles it, up to `maxDelay`. */
  readonly baseDelay?: number;
  /** The largest cap of a wait, in ms (default 10 000). */
  readonly maxDelay?: number;
  /**
   * Milliseconds from the first attempt after which no other starts (default 60 000): a wait
   * that would end later is not begun, and the first error is thrown at once. An attempt keeps
   * the call's `timeout` of its own.
   */
  readonly deadline?: number;
  /** The longest `Retry-After` of a 503 waited, in ms (default 30 000): a longer one is waited this long. */
  readonly maxRetryAfter?: number;
  /** Told before each wait: the attempt that failed (1 for the first), the wait, its error. */
  readonly onRetry?: (retry: RetryEvent) => void;
}

/** What `onRetry` is told. */
export interface RetryEvent {
  /** The attempt that failed: 1 for the first. */
  readonly attempt: number;
  /** The wait before the next, in ms. */
  readonly delay: number;
  readonly error: VcdApiError;
}

/** A client's or a call's retry setting: options, `true` (the defaults) or `false` (none). */
export type RetrySetting = RetryOptions | boolean;

/** Retry options with every field set. */
export type RetryPolicy = Required<Omit<RetryOptions, "onRetry">> &
  Pick<RetryOptions, "onRetry">;

const DEFAULTS: RetryPolicy = {
  attempts: 5,
  baseDelay: 500,
  maxDelay: 10_000,
  deadline: 60_000,
  maxRetryAfter: 30_000,
};

/** The policy of a call: the call's setting over the client's (`false` on the call: none). */
export function retryPolicy(
  client: RetrySetting | undefined,
  call: RetrySetting | undefined,
): RetryPolicy | undefined {
  if (call === false) return undefined;
  if (call === undefined || call === true) {
    if (client === undefined || client === false)
      return call ? checkRetry(true) : undefined;
    return checkRetry(client);
  }
  const base = typeof client === "object" ? withoutUndefined(client) : {};
  return checkRetry({ ...base, ...withoutUndefined(call) });
}

/** The policy of a setting, its numbers checked (a `VcdRequestError` names the bad one). */
export function checkRetry(setting: RetrySetting): RetryPolicy {
  const options = typeof setting === "object" ? setting : {};
  const policy: RetryPolicy = { ...DEFAULTS, ...withoutUndefined(options) };
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1)
    throw new VcdRequestError(
      `retry.attempts must be a whole number from 1, not ${policy.attempts}`,
    );
  for (const name of [
    "baseDelay",
    "maxDelay",
    "deadline",
    "maxRetryAfter",
  ] as const) {
    const value = policy[name];
    if (!(value >= 0) || !Number.isFinite(value))
      throw new VcdRequestError(
        `retry.${name} must be a number of milliseconds from 0, not ${value}`,
      );
  }
  return policy;
}

function withoutUndefined(options: RetryOptions): RetryOptions {
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as RetryOptions;
}

/** Whether an error answer is one the server did not act on: `400 BUSY_ENTITY` or 503. */
export function isRetryable(error: VcdApiError): boolean {
  if (error.status === 503) return true;
  return error.status === 400 && error.minorErrorCode === "BUSY_ENTITY";
}

/** The attempts of one call under a policy: waits between them, or gives up with the first error. */
export class Retries {
  readonly #policy: RetryPolicy;
  readonly #start = Date.now();
  #attempt = 1;
  #first: VcdApiError | undefined;

  constructor(policy: RetryPolicy) {
    this.#policy = policy;
  }

  /**
   * After attempt n failed with a retryable `error`: waits before the next, or throws the first
   * error when no attempt is left or the wait would end past the deadline; a `VcdAbortError` when
   * the signal aborts the wait.
   */
  async backOff(
    error: VcdApiError,
    signal: AbortSignal | undefined,
    context: VcdErrorContext,
  ): Promise<void> {
    this.#first ??= error;
    const policy = this.#policy;
    if (this.#attempt >= policy.attempts) throw this.#first;
    const delay = this.#delay(error);
    if (Date.now() + delay - this.#start > policy.deadline) throw this.#first;
    policy.onRetry?.({ attempt: this.#attempt, delay, error });
    this.#attempt++;
    try {
      await sleep(delay, signal ?? NEVER);
    } catch (reason) {
      throw new VcdAbortError({ ...context, cause: reason });
    }
  }

  /** The wait after the current attempt: a 503's `Retry-After` (bounded), else full jitter. */
  #delay(error: VcdApiError): number {
    const policy = this.#policy;
    const after =
      error.status === 503
        ? retryAfterMs(error.headers?.get("retry-after"))
        : undefined;
    if (after !== undefined) return Math.min(after, policy.maxRetryAfter);
    const cap = Math.min(
      policy.maxDelay,
      policy.baseDelay * 2 ** (this.#attempt - 1),
    );
    return Math.round(Math.random() * cap);
  }
}

/** A signal that never aborts (a call without one). */
const NEVER: AbortSignal = new AbortController().signal;

/**
 * `Retry-After` in ms: delay-seconds or an HTTP-date (RFC 9110, 10.2.3); undefined when absent
 * or unreadable. A date in the past is 0.
 */
export function retryAfterMs(
  value: string | null | undefined,
): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
