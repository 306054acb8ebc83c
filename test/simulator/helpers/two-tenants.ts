/**
 * Two tenants alike, for the tests of tenants, rights and access: the default seed's `acme`, and
 * `globex` given the same users (an Organization Administrator, a vApp Author, a vApp User), network,
 * VDC and catalog. Each tenant's administrator then makes a vApp (shared with everyone of the
 * organization at FullControl), a disk, a group and a custom role, so that every kind of id a path can name exists in both; `ids` collects them (as paths write them).
 */
import { expect } from "vitest";
import type { OperationInfo } from "../../../runtime/client/operation.js";
import { defaultSeed } from "../../../simulator/default-seed.js";
import { startSimulator, type Simulator } from "../../../simulator/index.js";
import { SCHEMA_OPERATION_PATHS } from "../../../simulator/schema-files.js";
import type { SeedData, SeedOrg } from "../../../simulator/store/seed.js";
import type { GeneratedPackage } from "../../helpers/generated-packages.js";
import { simulatorBinding } from "./binding.js";
import {
  INSTANTIATE_TYPE,
  instantiateBody,
  UserSession,
  VCLOUD_NS,
  type Entity,
} from "./session.js";

export const TENANTS = ["acme", "globex"] as const;
export type Tenant = (typeof TENANTS)[number];

/** The UUIDs of one tenant's entities, by the kind a path segment names. */
export interface TenantIds {
  readonly org: string;
  readonly vdc: string;
  readonly network: string;
  readonly catalog: string;
  readonly catalogItem: string;
  readonly vAppTemplate: string;
  readonly templateVm: string;
  readonly vApp: string;
  readonly vm: string;
  readonly disk: string;
  readonly task: string;
  readonly user: string;
  readonly group: string;
  readonly role: string;
}

const acme = defaultSeed.orgs.find((o) => o.name === "acme")!;
const rename = (s: string) => s.replace(/acme/g, "globex");

/** `globex` as `acme` is, names aside. */
const globex: SeedOrg = {
  ...acme,
  name: "globex",
  fullName: "Globex Corporation",
  users: acme.users.map((u) => ({
    ...u,
    name: rename(u.name),
    password: rename(u.password),
  })),
  networks: acme.networks?.map((n) => ({ ...n, name: rename(n.name) })),
  vdcs: acme.vdcs?.map((v) => ({
    name: rename(v.name),
    networks: v.networks?.map(rename),
  })),
  catalogs: acme.catalogs?.map((c) => ({
    ...c,
    name: rename(c.name),
    items: c.items.map((i) => ({ ...i, vdc: rename(i.vdc) })),
  })),
};

export const TWO_TENANTS: SeedData = {
  ...defaultSeed,
  orgs: [...defaultSeed.orgs.filter((o) => o.name !== "globex"), globex],
};

/** The UUID at the end of an href (`.../vApp/vapp-<uuid>`: its kind prefix dropped). */
const last = (href: string) =>
  href
    .replace(/\/+$/, "")
    .split("/")
    .pop()!
    .replace(/^[A-Za-z]+-(?=[0-9a-f]{8}-)/, "");

export interface TwoTenants {
  readonly sim: Simulator;
  readonly pkg: GeneratedPackage;
  readonly ids: Readonly<Record<Tenant, TenantIds>>;
  /** The package's operations table. */
  readonly operations: readonly OperationInfo[];
  /** A session of each seeded user, by name (`acme-user`). */
  readonly sessions: Readonly<Record<string, UserSession>>;
}

const ROLE_TYPE = "application/vnd.vmware.admin.role+xml";
const GROUP_TYPE = "application/vnd.vmware.admin.group+xml";
const ACCESS_TYPE = "application/vnd.vmware.vcloud.controlAccess+xml";
const DISK_TYPE = "application/vnd.vmware.vcloud.diskCreateParams+xml";

export async function startTwoTenants(
  options: { recordBodies?: boolean } = {},
): Promise<TwoTenants> {
  const loaded = await simulatorBinding();
  const sim = await startSimulator(loaded.binding, {
    seed: TWO_TENANTS,
    taskStepMs: 1,
    ...options,
  });
  const sessions: Record<string, UserSession> = {};
  for (const u of sim.users)
    sessions[u.name] = await UserSession.open(sim, loaded.pkg, u);
  const ids = {} as Record<Tenant, TenantIds>;
  for (const tenant of TENANTS)
    ids[tenant] = await provision(sessions[`${tenant}-admin`], tenant);
  return {
    sim,
    pkg: loaded.pkg,
    ids,
    sessions,
    operations: loaded.binding.operations,
  };
}

const records = async (s: UserSession, type: string): Promise<Entity[]> =>
  ((await s.get(`/query?type=${type}`)).Record as Entity[] | undefined) ?? [];

/** Makes a vApp, a disk, a group and a role in the tenant, and collects its ids. */
async function provision(
  admin: UserSession,
  tenant: Tenant,
): Promise<TenantIds> {
  const org = last(
    (await records(admin, "organization")).find((o) => o.name === tenant)!.href,
  );
  const vdc = last((await records(admin, "orgVdc"))[0].href);
  const item = (await records(admin, "catalogItem"))[0];
  const made = await admin.send(
    "POST",
    `/vdc/${vdc}/action/instantiateVAppTemplate`,
    INSTANTIATE_TYPE,
    instantiateBody(`${tenant}-vapp`, item.entity as string),
  );
  expect(made.status, made.body).toBe(201);
  const task = (made.value!.Tasks as { Task: Entity[] }).Task[0];
  await admin.waitFor(task);
  const vapp = await admin.get(made.value!.href, "vcloud:VApp");
  const shared = await admin.send(
    "POST",
    `${vapp.href}/action/controlAccess`,
    ACCESS_TYPE,
    `<ControlAccessParams xmlns="${VCLOUD_NS}"><IsSharedToEveryone>true</IsSharedToEveryone><EveryoneAccessLevel>FullControl</EveryoneAccessLevel></ControlAccessParams>`,
  );
  expect(shared.status, shared.body).toBe(200);
  const vm = (vapp.Children as { Vm: Entity[] }).Vm[0];
  const template = await admin.get(
    item.entity as string,
    "vcloud:VAppTemplate",
  );
  const templateVm = (template.Children as { Vm: Entity[] }).Vm[0];
  const disk = await admin.send(
    "POST",
    `/vdc/${vdc}/disk`,
    DISK_TYPE,
    `<DiskCreateParams xmlns="${VCLOUD_NS}"><Disk name="${tenant}-disk" size="1048576"/></DiskCreateParams>`,
  );
  expect(disk.status, disk.body).toBe(201);
  const group = await admin.send(
    "POST",
    `/admin/org/${org}/groups`,
    GROUP_TYPE,
    `<Group xmlns="${VCLOUD_NS}" name="${tenant}-group"/>`,
  );
  expect(group.status, group.body).toBe(201);
  const role = await admin.send(
    "POST",
    `/admin/org/${org}/roles`,
    ROLE_TYPE,
    roleBody("Operator", ["vApp: Power Operations"]),
  );
  expect(role.status, role.body).toBe(201);
  const user = (await records(admin, "user")).find(
    (u) => u.name === `${tenant}-user`,
  )!;
  return {
    org,
    vdc,
    network: last((await records(admin, "orgVdcNetwork"))[0].href),
    catalog: last((await records(admin, "catalog"))[0].href),
    catalogItem: last(item.href),
    vAppTemplate: last(item.entity as string),
    templateVm: last(templateVm.href),
    vApp: last(vapp.href),
    vm: last(vm.href),
    disk: last(disk.value!.href),
    task: last(task.href),
    user: last(user.href),
    group: last(group.value!.href),
    role: last(role.value!.href),
  };
}

/** A `Role` body with these rights (by vCD's names). */
export const roleBody = (name: string, rights: readonly string[]): string =>
  `<Role xmlns="${VCLOUD_NS}" name="${name}"><RightReferences>${rights
    .map(
      (r) =>
        `<RightReference href="http://127.0.0.1/api/admin/right/${encodeURIComponent(r)}" name="${r}" type="application/vnd.vmware.admin.right+xml"/>`,
    )
    .join("")}</RightReferences></Role>`;

/** A UUID no entity has. */
export const UNKNOWN = "0badbeef-0000-4000-8000-00000000f00d";

/** Path parameters that are not ids, and what to put there. */
const NOT_IDS: Readonly<Record<string, string>> = {
  key: "some-key",
  domain: "GENERAL",
};

/** The operations that name an entity in their path (the ones an id can aim at another tenant). */
export const aimed = (operations: readonly OperationInfo[]): OperationInfo[] =>
  operations.filter(
    (op) =>
      op.auth === "bearer" &&
      !SCHEMA_OPERATION_PATHS.includes(op.path) &&
      /\{(?!key\}|domain\})[^}]+\}/.test(op.path),
  );

export type Ids = (segment: string) => string[];

/** Ids of a tenant for the id after `segment` (a `/vApp/{id}` both its vApp and its VM). */
export const tenantIds =
  (ids: TenantIds): Ids =>
  (segment) => {
    switch (segment) {
      case "vApp":
        return [`vapp-${ids.vApp}`, `vm-${ids.vm}`];
      case "vAppTemplate":
        return [`vappTemplate-${ids.vAppTemplate}`, `vm-${ids.templateVm}`];
      case "org":
      case "tasksList":
        return [ids.org];
      case "vdc":
      case "network":
      case "catalog":
      case "catalogItem":
      case "disk":
      case "task":
      case "user":
      case "group":
      case "role":
        return [ids[segment]];
      case "entity":
        return [`urn:vcloud:vapp:${ids.vApp}`, `urn:vcloud:vdc:${ids.vdc}`];
      default:
        return [UNKNOWN]; // a kind the simulator keeps none of: exists nowhere
    }
  };

export const unknownIds: Ids = (segment) =>
  segment === "vApp"
    ? [`vapp-${UNKNOWN}`, `vm-${UNKNOWN}`]
    : segment === "vAppTemplate"
      ? [`vappTemplate-${UNKNOWN}`]
      : segment === "entity"
        ? [`urn:vcloud:vapp:${UNKNOWN}`]
        : [UNKNOWN];

/** The paths of `op` with every id filled from `ids` (one path per choice of the first id with several). */
export function pathsOf(op: OperationInfo, ids: Ids): string[] {
  const segments = op.path.split("/");
  let paths = [""];
  segments.forEach((segment, i) => {
    if (i === 0) return;
    const m = /^\{(.+)\}$/.exec(segment);
    const choices = !m
      ? [segment]
      : m[1] in NOT_IDS
        ? [NOT_IDS[m[1]]]
        : ids(segments[i - 1]).map(encodeURIComponent);
    paths = paths.flatMap((p) => choices.map((c) => `${p}/${c}`));
  });
  return paths;
}

/** Shares `vapp` (as `admin`, its organization's administrator) with the user at `userHref` at `level`. */
export async function shareVApp(
  admin: UserSession,
  vapp: Entity,
  userHref: string,
  level: string,
): Promise<void> {
  const shared = await admin.send(
    "POST",
    `${vapp.href}/action/controlAccess`,
    ACCESS_TYPE,
    `<ControlAccessParams xmlns="${VCLOUD_NS}"><IsSharedToEveryone>false</IsSharedToEveryone><AccessSettings><AccessSetting><Subject href="${userHref}"/><AccessLevel>${level}</AccessLevel></AccessSetting></AccessSettings></ControlAccessParams>`,
  );
  expect(shared.status, shared.body).toBe(200);
}

/**
 * A new vApp of `admin`'s, instantiated from acme's template in acme's VDC once its task is done, and
 * shared with the user at `userHref` at `level` when one is given.
 */
export async function acmeVApp(
  t: TwoTenants,
  admin: UserSession,
  name: string,
  share?: { readonly userHref: string; readonly level: string },
): Promise<Entity> {
  const made = await admin.send(
    "POST",
    `/vdc/${t.ids.acme.vdc}/action/instantiateVAppTemplate`,
    INSTANTIATE_TYPE,
    instantiateBody(
      name,
      `${t.sim.url}/vAppTemplate/vappTemplate-${t.ids.acme.vAppTemplate}`,
    ),
  );
  expect(made.status, made.body).toBe(201);
  await admin.waitFor((made.value!.Tasks as { Task: Entity[] }).Task[0]);
  if (share) await shareVApp(admin, made.value!, share.userHref, share.level);
  return made.value!;
}
