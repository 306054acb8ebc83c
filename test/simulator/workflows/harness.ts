/**
 * The Programming Guide's workflows through the generated 30.0 package: its client, its stubs by
 * name and its link helpers, against its simulator (recording every body it sends, for libxml2).
 */
import { expect } from "vitest";
import type { VcdClient } from "../../../runtime/client/client.js";
import type {
  Simulator,
  SimulatorOptions,
} from "../../../simulator/binding.js";
import {
  loadClientPackage,
  loadPackage,
  type ClientPackage,
  type GeneratedPackage,
} from "../../helpers/generated-packages.js";

export type Value = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export interface Link {
  readonly rel: string;
  readonly href: string;
  readonly type?: string;
  readonly name?: string;
}
export interface Answer {
  element: string | null;
  value: Value;
  status: number;
  location?: string;
}

export interface Workflow {
  readonly sim: Simulator;
  readonly pkg: ClientPackage;
  readonly index: GeneratedPackage;
  readonly client: VcdClient;
  /** A stub of the package by name, with this client. */
  call(name: string, ...args: unknown[]): Promise<Answer>;
  /** The link of `rel` (and `type`) the value carries; fails the test when there is none. */
  link(value: Value, rel: string, type?: string): Link;
  /** Waits (bounded) for a task, which must succeed. */
  done(task: unknown): Promise<Value>;
  /** Logs in as the first seeded user of `role` (`System Administrator`: org System). */
  loginAs(role: string): Promise<Value>;
  close(): Promise<void>;
}

export async function startWorkflow(
  options: SimulatorOptions = {},
): Promise<Workflow> {
  const pkg = await loadClientPackage("30.0");
  const index = await loadPackage("30.0");
  const sim = await pkg.startSimulator({
    taskStepMs: 2,
    recordBodies: true,
    ...options,
  });
  const client = pkg.createClient({ baseUrl: sim.url, timeout: 5_000 });
  const findLink = index.findLink as (
    v: unknown,
    rel: string,
    type?: string,
  ) => Link | undefined;
  const waitForTask = index.waitForTask as (
    c: VcdClient,
    t: unknown,
    o: object,
  ) => Promise<Value>;
  return {
    sim,
    pkg,
    index,
    client,
    call: (name, ...args) => {
      const stub = pkg.api[name];
      if (!stub) throw new Error(`no stub ${name}`);
      return stub(client, ...args) as Promise<Answer>;
    },
    link: (value, rel, type) => {
      const found = findLink(value, rel, type);
      expect(found, `${value.name}: a ${rel} link ${type ?? ""}`).toBeDefined();
      return found!;
    },
    done: async (task) => {
      const end = await waitForTask(client, task, {
        interval: 2,
        timeout: 5_000,
      });
      expect(end.status).toBe("success");
      return end;
    },
    loginAs: async (role) => {
      const user = sim.users.find((u) => u.role === role)!;
      const session = await client.login({
        user: user.name,
        org: user.org,
        password: user.password,
      });
      return session.value as Value;
    },
    close: () => sim.close(),
  };
}

/** The tenant organization's org, VDC, catalog and template (as its administrator sees them). */
export async function tenant(w: Workflow) {
  const list = await w.call("getOrg");
  const ref = (list.value.Org as Value[]).find((o) => o.name !== "System")!;
  const org = (await w.call("getOrgById", ref)).value;
  const vdc = (
    await w.call(
      "getVdc",
      w.link(org, "down", "application/vnd.vmware.vcloud.vdc+xml"),
    )
  ).value;
  const catalog = (
    await w.call(
      "getCatalog",
      w.link(org, "down", "application/vnd.vmware.vcloud.catalog+xml"),
    )
  ).value;
  const item = (
    await w.call("getCatalogItem", catalog.CatalogItems.CatalogItem[0])
  ).value;
  return { org, vdc, catalog, item, templateHref: item.Entity.href as string };
}

/** A vApp instantiated from the seeded template, once its task is done. */
export async function instantiate(
  w: Workflow,
  vdc: Value,
  templateHref: string,
  name: string,
): Promise<Value> {
  const made = await w.call(
    "instantiateVAppTemplate",
    w.link(
      vdc,
      "add",
      "application/vnd.vmware.vcloud.instantiateVAppTemplateParams+xml",
    ),
    { name, Source: { href: templateHref }, AllEULAsAccepted: true },
  );
  for (const task of made.value.Tasks?.Task ?? []) await w.done(task);
  return (await w.call("getVApp", made.value)).value;
}

export const section = (vm: Value, element: string): Value =>
  (vm.Section as Value[]).find((s) => s.$element === element)!;

/** A client of its own, logged in as `login` (the workflow's client keeps its session). */
export async function clientAs(
  w: Workflow,
  login: { org: string; name: string; password: string },
): Promise<VcdClient> {
  const client = w.pkg.createClient({ baseUrl: w.sim.url, timeout: 5_000 });
  await client.login({
    user: login.name,
    org: login.org,
    password: login.password,
  });
  return client;
}

/** The typed `VcdApiError` a call is refused with: its status, vCD's minor code and message. */
export async function refusal(call: Promise<unknown>): Promise<{
  status: number;
  minor: string;
  message: string;
}> {
  const error = (await call.then(
    () => expect.unreachable("the call was not refused"),
    (e: unknown) => e,
  )) as { name: string; status: number; error?: Value; message: string };
  expect(error.name, error.message).toBe("VcdApiError");
  return {
    status: error.status,
    minor: error.error?.minorErrorCode as string,
    message: error.error?.message as string,
  };
}

/** What `refusal` gives for vCD's 400 BAD_REQUEST with `message`. */
export const badRequest = (
  message: string,
): { status: number; minor: string; message: string } => ({
  status: 400,
  minor: "BAD_REQUEST",
  message,
});

/**
 * The `VMWExternalNetwork` of a port group of the seeded vCenter vc1: IP scope `gateway`/24 with
 * the static `ranges`.
 */
export async function externalNetworkBody(
  w: Workflow,
  name: string,
  portGroup: string,
  gateway: string,
  ranges: readonly (readonly [string, string])[],
): Promise<Value> {
  const servers = (
    await w.call("getVimServerReferences", {
      href: `${w.sim.url}/admin/extension/vimServerReferences`,
    })
  ).value.VimServerReference as Value[];
  const vc1 = servers.find((s) => s.name === "vc1")!;
  return {
    name,
    Configuration: {
      ...ipScopes(
        gateway,
        ranges.map(([start, end]) => ({
          StartAddress: start,
          EndAddress: end,
        })),
      ),
      FenceMode: "isolated",
    },
    VimPortGroupRef: {
      VimServerRef: { href: vc1.href },
      MoRef: portGroup,
      VimObjectType: "DV_PORTGROUP",
    },
  };
}

/** That external network created (the caller is the system administrator), once its creation task is done. */
export async function externalNetwork(
  w: Workflow,
  ...args: Parameters<typeof externalNetworkBody> extends [Workflow, ...infer R]
    ? R
    : never
): Promise<Value> {
  const made = await w.call(
    "createExternalnets",
    { href: `${w.sim.url}/admin/extension/externalnets` },
    await externalNetworkBody(w, ...args),
  );
  expect(made.status).toBe(201);
  await w.done(made.value.Tasks.Task[0]);
  return (await w.call("getExternalnet", made.value)).value;
}

/** The network `value` (org VDC or external) with its first IP scope changed by `change`. */
export const withScope = (value: Value, change: Value): Value => ({
  ...value,
  Configuration: {
    ...value.Configuration,
    IpScopes: {
      IpScope: [{ ...value.Configuration.IpScopes.IpScope[0], ...change }],
    },
  },
});

/** `IpScopes` with one scope `gateway`/24 (its static `ranges`, if any), as a `Configuration` holds it. */
export const ipScopes = (gateway: string, ranges?: Value[]): Value => ({
  IpScopes: {
    IpScope: [
      {
        IsInherited: false,
        Gateway: gateway,
        Netmask: "255.255.255.0",
        IsEnabled: true,
        ...(ranges ? { IpRanges: { IpRange: ranges } } : {}),
      },
    ],
  },
});

/** The `adminEvent` query's records of the entity named `name`. */
export async function adminEvents(w: Workflow, name: string): Promise<Value[]> {
  const page = await w.call(
    "getQuery",
    {},
    {
      query: {
        type: "adminEvent",
        format: "records",
        filter: `entityName==${name}`,
      },
    },
  );
  return (page.value.Record ?? []) as Value[];
}
