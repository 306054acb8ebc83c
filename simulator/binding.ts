/**
 * vcd-codegen runtime, simulator: what a generated package hands the simulator (its own operations
 * table, document functions and schema descriptors), and the options of one simulator.
 */
import type { OperationInfo } from "../runtime/client/operation.js";
import type {
  Document,
  ReadOptions,
  SchemaData,
  Violation,
} from "../runtime/xml/index.js";
import type { SeedData, SeedScale } from "./store/seed.js";

export interface SimulatorDocuments {
  fromXml(xml: string, options?: ReadOptions): Document;
  /** `apiVersion` with `omitNewer`: written as a server speaking that version answers. */
  toXml(
    doc: Document,
    options?: { strict?: boolean; apiVersion?: string; omitNewer?: boolean },
  ): string;
  /** `apiVersion`: the version to check at (a request body, at the version the request asked for). */
  validate(doc: Document, options?: { apiVersion?: string }): Violation[];
}

export interface SimulatorBinding {
  /** The API version the package speaks (`36.0`): the newest the simulator accepts. */
  readonly apiVersion: string;
  /** The oldest version the package supports (default `apiVersion`): the oldest the simulator accepts. */
  readonly lowestApiVersion?: string;
  readonly operations: readonly OperationInfo[];
  readonly documents: SimulatorDocuments;
  readonly schema: SchemaData;
}

export interface SimulatorOptions {
  /** 0 (the default): a free port. The simulator always binds 127.0.0.1. */
  readonly port?: number;
  /** The data it starts from (and `reset()` returns to): an object, or the path of a JSON file. Default: `defaultSeed`. */
  readonly seed?: SeedData | string;
  /**
   * Many vApps built straight into the store on top of the seed (and again on `reset()`):
   * `{ vapps: 100_000, vmsPerVApp: 1 }` takes a few seconds. Overrides the seed's own `scale`.
   */
  readonly scale?: SeedScale;
  /** How long a token lives without use, in ms (default 30 minutes, as vCD). */
  readonly tokenIdleTimeout?: number;
  /** How long each step of a task takes, in ms (default 1000): queued, running (two steps), then done. Each poll of the task also moves it on a step. */
  readonly taskStepMs?: number;
  /**
   * How long a finished task is kept (readable, listed) after it ends, in ms (default 15 minutes);
   * then it is dropped, so that a long run keeps a bounded number of them.
   */
  readonly taskRetentionMs?: number;
  /** The largest request body it reads, in bytes (default 512 KB, vCD's limit); larger is a 413. */
  readonly maxRequestBytes?: number;
  /**
   * How many connections it holds open at once (default 256); one more is accepted and closed at
   * once by Node (`server.maxConnections`), so that a client opening sockets cannot exhaust it.
   */
  readonly maxConnections?: number;
  /** How long a client may take to send a request's headers, in ms (default 10 s); then Node answers 408 and closes. */
  readonly headersTimeoutMs?: number;
  /** How long it may take to send a whole request, body included, in ms (default 30 s); then 408. */
  readonly requestTimeoutMs?: number;
  /**
   * The input's `xsd` folder (the XSD set of vmware/vcd-api-schemas): its schemas are served under
   * `/api/v1.5/schema/` by file name (`master.xsd`), by folder path as well
   * (`/api/v1.5/schema/extension/services.xsd`, so that relative includes resolve on the server),
   * and at `/api/versions/schema/versions.xsd`, without login. Without it those paths answer 404.
   */
  readonly schemaDir?: string;
  /**
   * A folder of static files served beside the API (GET and HEAD of any path outside `/api`), as
   * vCD serves UI plugins from its own origin: a browser app in it talks to the simulator from the
   * same origin. Without it those paths answer 404.
   */
  readonly staticDir?: string;
  /**
   * The API versions it speaks (`["32.0"]`: an older server, for a newer client): listed in
   * `/api/versions` and accepted in `Accept`. Default: every version vCD released from the
   * package's oldest supported one (`LOWEST_API_VERSION`) to its own.
   */
  readonly versions?: readonly string[];
  /**
   * Keep every response body sent, in `sentBodies` (default false: a long-running simulator would
   * keep them all). Tests that validate what the simulator sent turn it on.
   */
  readonly recordBodies?: boolean;
  /**
   * How long an extension service has to answer a request its API filter claimed, in ms (default
   * 10 s); then the client is answered 504 `GATEWAY_TIMEOUT`.
   */
  readonly extensionTimeoutMs?: number;
}

/** One response the simulator sent, as sent. */
export interface SentBody {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export interface SimulatorUser {
  readonly org: string;
  readonly name: string;
  readonly password: string;
  readonly role: string;
}

export interface Simulator {
  /** `http://127.0.0.1:PORT/api`. */
  readonly url: string;
  /** The seeded credentials: the system administrator first (org `System`), then the tenants' users. */
  readonly users: readonly SimulatorUser[];
  /** The versions it speaks, oldest first (as `/api/versions` lists them). */
  readonly versions: readonly string[];
  /** With `recordBodies`: every XML body sent since the start, in order (error documents included); else empty. */
  readonly sentBodies: readonly SentBody[];
  /** The next task of this kind (its `operationName`, such as `vappPowerOn`, or the operation's name, such as `powerOnVApp`) ends in `error`. */
  failNextTask(kind: string, message?: string): void;
  /**
   * The next `count` requests (any, login included) answer `503 Service Unavailable` before any
   * check, as vCD's load balancer does with no cell to hand them to: HAProxy's HTML page, not a vCD
   * `Error`; nothing is done. `retryAfter` (whole seconds) adds a `Retry-After` header. A new call
   * replaces what is left of the last one; 0 ends it.
   */
  failNextRequests(
    count: number,
    status: 503,
    options?: { readonly retryAfter?: number },
  ): void;
  /**
   * The temporary folder where the transfer service keeps uploaded bytes (one per simulator, in the
   * OS's temporary folder, made at the first transfer or when read): emptied by `reset()`,
   * removed by `close()`.
   */
  readonly transferFolder: string;
  /** Back to the seed: every entity, session, task and transfer as at the start. */
  reset(): void;
  /** Stops the server and removes the transfer folder. */
  close(): Promise<void>;
}

export const DEFAULT_TOKEN_IDLE_TIMEOUT: number = 30 * 60 * 1000;
export const DEFAULT_TASK_STEP_MS: number = 1000;
export const DEFAULT_TASK_RETENTION_MS: number = 15 * 60 * 1000;
export const DEFAULT_HEADERS_TIMEOUT_MS: number = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS: number = 30_000;
export const DEFAULT_MAX_CONNECTIONS: number = 256;
