/**
 * Logging in again when the server refuses the session's token (`createClient({ reauthenticate })`),
 * against the 30.0 package's simulator on 127.0.0.1 with a short token idle time-out: a GET is
 * replayed after the re-login; calls refused at the same time share one login; a POST is not
 * replayed (the session is renewed, its 401 thrown); a failing re-login is a typed error with the
 * call's 401 as `cause`; without `reauthenticate` nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../runtime/client/client.js";
import type { ClientOptions } from "../../runtime/client/types.js";
import type { Simulator } from "../../simulator/binding.js";
import type {
  ClientPackage,
  GeneratedPackage,
} from "../helpers/generated-packages.js";
import { credentialsOf, tenantAdmin } from "../helpers/tenant-admin.js";
import {
  instantiate,
  logins,
  requestLog,
  sessionPackage,
  type PackageErrors,
} from "./session-package.js";

type Value = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** How long a token lives unused in this simulator. */
const IDLE_MS = 150;

let pkg: ClientPackage;
let index: GeneratedPackage;
let errors: PackageErrors;
let sim: Simulator;

beforeAll(async () => {
  ({ pkg, index, errors } = await sessionPackage());
  sim = await pkg.startSimulator({ tokenIdleTimeout: IDLE_MS, taskStepMs: 5 });
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

/** Lets every token the simulator gave expire. */
const idle = () => new Promise((resolve) => setTimeout(resolve, IDLE_MS * 2));

/** A logged-in client with a request log, re-logging in with the tenant administrator's credentials (or `options`' own). */
async function loggedIn(options: Partial<ClientOptions> = {}) {
  const log = requestLog();
  const credentials = credentialsOf(tenantAdmin(sim));
  const client: VcdClient = pkg.createClient({
    baseUrl: sim.url,
    timeout: 5_000,
    middleware: [log.middleware],
    reauthenticate: async () => credentials,
    ...options,
  });
  await client.login(credentials);
  log.sent.length = 0;
  return { client, sent: log.sent };
}

const orgList = (client: VcdClient) =>
  pkg.api.getOrg(client) as Promise<{ element: string; value: Value }>;

describe("reauthenticate", () => {
  it("logs in again after the token expired and replays the GET, at the version spoken", async () => {
    const { client, sent } = await loggedIn();
    const before = client.token;
    const version = client.apiVersion;
    await idle();
    const orgs = await orgList(client);
    expect(orgs.element).toBe("vcloud:OrgList");
    expect(sent).toEqual([
      "GET /api/org",
      "GET /api/versions",
      "POST /api/sessions",
      "GET /api/org",
    ]);
    expect(client.token).toBeDefined();
    expect(client.token).not.toBe(before);
    expect(client.apiVersion).toBe(version);
    expect(client.session?.kind).toBe("xml");
  });

  it("logs in once for every call refused at the same time", async () => {
    const { client, sent } = await loggedIn();
    await idle();
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => orgList(client)),
    );
    expect(replies.map((r) => r.element)).toEqual(
      Array(5).fill("vcloud:OrgList"),
    );
    expect(logins(sent)).toBe(1);
    expect(sent.filter((r) => r === "GET /api/org")).toHaveLength(10);
  });

  it("does not replay a POST: its 401 is thrown once the session is renewed, and the server acted once at the most", async () => {
    const { client, sent } = await loggedIn();
    // What the instantiate needs, read before the token expires.
    const vdcs = await client.get(`${sim.url}/query?type=orgVdc`);
    const vdc = ((vdcs.value as Value).Record as Value[])[0].href as string;
    const items = await client.get(`${sim.url}/query?type=catalogItem`);
    const template = ((items.value as Value).Record as Value[])[0].entity;
    const before = client.token;
    await idle();
    sent.length = 0;
    const error = await pkg.api
      .instantiateVAppTemplate(
        client,
        { href: `${vdc}/action/instantiateVAppTemplate` },
        {
          name: "not-replayed",
          Source: { href: template },
          AllEULAsAccepted: true,
        },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.VcdAuthError);
    expect((error as InstanceType<PackageErrors["VcdAuthError"]>).status).toBe(
      401,
    );
    const posts = sent.filter((r) =>
      r.endsWith("/action/instantiateVAppTemplate"),
    );
    expect(posts).toHaveLength(1);
    expect(logins(sent)).toBe(1);
    // Renewed: the next call goes through with the new token, without another login.
    expect(client.token).not.toBe(before);
    const vapps = await client.get(
      `${sim.url}/query?type=vApp&filter=name==not-replayed`,
    );
    expect((vapps.value as Value).Record ?? []).toHaveLength(0);
    expect(logins(sent)).toBe(1);
  });

  it("replays a PUT and a DELETE", async () => {
    const { client, sent } = await loggedIn();
    const vapp = await instantiate(pkg, client, sim, "replayed-writes");
    const entry = `${vapp}/metadata/colour`;
    const value = index.fromXml(
      `<MetadataValue xmlns="http://www.vmware.com/vcloud/v1.5" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><TypedValue xsi:type="MetadataStringValue"><Value>blue</Value></TypedValue></MetadataValue>`,
    );
    await idle(); // the instantiate's tasks end too (5 ms steps)
    const put = await pkg.api.updateVAppMetadataByKey(
      client,
      { href: entry },
      value,
    );
    expect(put.element).toBe("vcloud:Task");
    expect(logins(sent)).toBe(1);
    await idle();
    const removed = await pkg.api.deleteVAppMetadataByKey(client, {
      href: entry,
    });
    expect(removed.element).toBe("vcloud:Task");
    expect(logins(sent)).toBe(2);
    const path = new URL(entry).pathname;
    expect(sent.filter((r) => r.endsWith(path))).toEqual([
      `PUT ${path}`,
      `PUT ${path}`,
      `DELETE ${path}`,
      `DELETE ${path}`,
    ]);
  });

  it("a failing re-login is a VcdReauthenticationError: the call's 401 its cause, the login's error kept", async () => {
    const admin = tenantAdmin(sim);
    const { client, sent } = await loggedIn({
      reauthenticate: async () => ({
        ...credentialsOf(admin),
        password: "not-the-password",
      }),
    });
    await idle();
    const error = await orgList(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.VcdReauthenticationError);
    const failed = error as InstanceType<
      PackageErrors["VcdReauthenticationError"]
    >;
    expect(failed.cause).toBeInstanceOf(errors.VcdAuthError);
    expect((failed.cause as { url: string }).url).toBe(`${sim.url}/org`);
    expect(failed.loginError).toBeInstanceOf(errors.VcdAuthError);
    expect((failed.loginError as { url: string }).url).toMatch(/\/sessions$/);
    expect(failed.status).toBe(401);
    // Once: the GET is not sent again, and no second login is tried.
    expect(sent.filter((r) => r === "GET /api/org")).toHaveLength(1);
    expect(logins(sent)).toBe(1);
  });

  it("a reauthenticate that throws is the re-login's error", async () => {
    const { client } = await loggedIn({
      reauthenticate: () => {
        throw new Error("the vault is sealed");
      },
    });
    await idle();
    const error = await orgList(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.VcdReauthenticationError);
    expect((error as Error).message).toContain("the vault is sealed");
    expect(
      (error as InstanceType<PackageErrors["VcdReauthenticationError"]>)
        .loginError,
    ).toEqual(new Error("the vault is sealed"));
  });

  it("without reauthenticate, an expired token is a VcdAuthError as before, and nothing more is sent", async () => {
    const { client, sent } = await loggedIn({ reauthenticate: undefined });
    await idle();
    const error = await orgList(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.VcdAuthError);
    expect(error).not.toBeInstanceOf(errors.VcdReauthenticationError);
    expect(sent).toEqual(["GET /api/org"]);
  });

  it("a resumed session without reauthenticate behaves as before", async () => {
    const { client: first } = await loggedIn();
    const client = pkg.createClient({ baseUrl: sim.url, timeout: 5_000 });
    client.resume(first.token!, first.tokenKind);
    expect((await orgList(client)).element).toBe("vcloud:OrgList");
    await idle();
    const error = await orgList(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.VcdAuthError);
    expect(client.token).toBe(first.token);
  });

  it("logout does not log in again", async () => {
    const { client, sent } = await loggedIn();
    await idle();
    await client.logout();
    expect(client.token).toBeUndefined();
    expect(logins(sent)).toBe(0);
  });

  it("after logout, a call does not bring the session back: its 401 is thrown and no login is sent", async () => {
    const { client, sent } = await loggedIn();
    await client.logout();
    sent.length = 0;
    const error = await orgList(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.VcdAuthError);
    expect(error).not.toBeInstanceOf(errors.VcdReauthenticationError);
    expect(sent).toEqual(["GET /api/org"]);
    expect(client.token).toBeUndefined();
  });

  it("a reauthenticate that never answers is bounded by the client's time-out: a VcdReauthenticationError caused by a VcdTimeoutError", async () => {
    const { client } = await loggedIn({
      timeout: 300,
      reauthenticate: () => new Promise(() => undefined),
    });
    await idle();
    const started = Date.now();
    const error = await orgList(client).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error).toBeInstanceOf(errors.VcdReauthenticationError);
    expect(
      (error as InstanceType<PackageErrors["VcdReauthenticationError"]>)
        .loginError,
    ).toBeInstanceOf(errors.VcdTimeoutError);
  });

  it("a raw request's 401 (a transfer's) renews the session through rawAccess(url).renew, once for all, and not after logout", async () => {
    const { client, sent } = await loggedIn();
    await idle();
    const access = client.rawAccess(`${sim.url}/org`);
    access.headers.set("Accept", "application/*+xml;version=30.0");
    const refused = await access.fetch(`${sim.url}/org`, {
      headers: access.headers,
    });
    expect(refused.status).toBe(401);
    const [fresh, again] = await Promise.all([access.renew(), access.renew()]);
    expect(
      fresh?.get("x-vcloud-authorization") ?? fresh?.get("authorization"),
    ).toBeTruthy();
    expect(again).toBeDefined();
    expect(logins(sent)).toBe(1);
    fresh!.set("Accept", "application/*+xml;version=30.0");
    const ok = await access.fetch(`${sim.url}/org`, { headers: fresh! });
    expect(ok.status).toBe(200);
    await client.logout();
    expect(await client.rawAccess(`${sim.url}/org`).renew()).toBeUndefined();
  });
});
