/**
 * Transfers log in again when the session's token is refused (`createClient({ reauthenticate })`),
 * against the 30.0 package's simulator with a short token idle time-out: a piece sent after the
 * token expired (the source paused longer than the idle time) is refused with a 401, the session is
 * renewed once and the piece sent again; a download's GET likewise. Without `reauthenticate` the
 * upload fails with a `VcdTransferError` whose cause is a `VcdAuthError`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../runtime/client/client.js";
import type { ClientOptions } from "../../runtime/client/types.js";
import type { Simulator } from "../../simulator/binding.js";
import type { ClientPackage } from "../helpers/generated-packages.js";
import { credentialsOf, tenantAdmin } from "../helpers/tenant-admin.js";
import {
  transferEntry,
  type Transfer,
  type Value,
} from "../transfers/client-fixture.js";
import { bytesOf } from "../transfers/helpers.js";
import {
  logins,
  requestLog,
  sessionPackage,
  type PackageErrors,
} from "./session-package.js";

/**
 * How long a token lives unused in this simulator: longer than the client's task polls (250 ms,
 * then 500 ms), so that only the transfer's own pause lets it expire.
 */
const IDLE_MS = 600;

let pkg: ClientPackage;
let errors: PackageErrors;
let sim: Simulator;
let transfer: Transfer;
let catalog: Value;

beforeAll(async () => {
  ({ pkg, errors } = await sessionPackage());
  transfer = await transferEntry();
  sim = await pkg.startSimulator({ tokenIdleTimeout: IDLE_MS, taskStepMs: 2 });
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

const idle = () => new Promise((resolve) => setTimeout(resolve, IDLE_MS + 300));

/** Statuses of the client's requests to the transfer service, and a fetch recording them. */
function transferLog(pauseFirstGet = false) {
  const statuses: string[] = [];
  let paused = false;
  const recording: typeof fetch = async (input, init) => {
    const url = String(input);
    const method = init?.method ?? "GET";
    if (!url.includes("/transfer/")) return fetch(input, init);
    // The token expires between the download being enabled and its GET.
    if (pauseFirstGet && method === "GET" && !paused) {
      paused = true;
      await idle();
    }
    const response = await fetch(input, init);
    statuses.push(`${method} ${response.status}`);
    return response;
  };
  return { statuses, fetch: recording };
}

/** A logged-in client with a request log and `fetch`, re-logging in unless `options` says otherwise. */
async function loggedIn(
  fetchImpl: typeof fetch,
  options: Partial<ClientOptions> = {},
) {
  const log = requestLog();
  const credentials = credentialsOf(tenantAdmin(sim));
  const client: VcdClient = pkg.createClient({
    baseUrl: sim.url,
    timeout: 5_000,
    fetch: fetchImpl,
    middleware: [log.middleware],
    reauthenticate: async () => credentials,
    ...options,
  });
  await client.login(credentials);
  if (!catalog) {
    const records = (await pkg.api.getCatalogsQuery(client)) as {
      value: { Record: { href: string }[] };
    };
    catalog = (await client.get(records.value.Record[0].href)).value as Value;
  }
  log.sent.length = 0;
  return { client, sent: log.sent };
}

/** 300 000 bytes in two chunks, with a pause longer than the token's idle time between them. */
function pausing(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  return (async function* () {
    yield new Uint8Array(bytes.subarray(0, 100_000));
    await idle();
    yield new Uint8Array(bytes.subarray(100_000));
  })();
}

describe("transfers and re-login", () => {
  it("a piece refused after the token expired is sent again once the session is renewed: one login", async () => {
    const log = transferLog();
    const { client, sent } = await loggedIn(log.fetch);
    const iso = bytesOf(300_000, 41);
    const result = await transfer.uploadMedia(client, catalog, {
      name: "relogin.iso",
      imageType: "iso",
      file: pausing(iso),
      size: iso.length,
      pieceSize: 100_000,
    });
    expect(result.file.bytes).toBe(iso.length);
    expect(Number(result.media.size)).toBe(iso.length);
    expect(log.statuses).toEqual(["PUT 200", "PUT 401", "PUT 200", "PUT 200"]);
    expect(logins(sent)).toBe(1);
  });

  it("a download's GET refused after the token expired is asked again once the session is renewed", async () => {
    const setup = await loggedIn(fetch);
    const iso = bytesOf(50_000, 42);
    const { media } = await transfer.uploadMedia(setup.client, catalog, {
      name: "relogin-down.iso",
      imageType: "iso",
      file: new Uint8Array(iso),
    });
    const log = transferLog(true);
    const { client, sent } = await loggedIn(log.fetch);
    const chunks: Uint8Array[] = [];
    const result = await transfer.downloadMedia(
      client,
      media,
      async (chunk) => {
        chunks.push(new Uint8Array(chunk));
      },
    );
    expect(result.file.bytes).toBe(iso.length);
    expect(Buffer.concat(chunks).equals(Buffer.from(iso))).toBe(true);
    expect(log.statuses).toEqual(["GET 401", "GET 200"]);
    expect(logins(sent)).toBe(1);
  });

  it("without reauthenticate, the refused piece fails the upload: VcdTransferError, its cause a VcdAuthError", async () => {
    const log = transferLog();
    const { client, sent } = await loggedIn(log.fetch, {
      reauthenticate: undefined,
    });
    const iso = bytesOf(300_000, 43);
    const error = await transfer
      .uploadMedia(client, catalog, {
        name: "no-relogin.iso",
        imageType: "iso",
        file: pausing(iso),
        size: iso.length,
        pieceSize: 100_000,
      })
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe("VcdTransferError");
    const cause = (error as Error).cause;
    expect(cause).toBeInstanceOf(errors.VcdAuthError);
    expect((cause as { status: number }).status).toBe(401);
    expect(log.statuses).toEqual(["PUT 200", "PUT 401"]);
    expect(logins(sent)).toBe(0);
  });
});
