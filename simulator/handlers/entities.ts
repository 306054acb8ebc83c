/**
 * vcd-codegen runtime, simulator: the entities a request's path names, resolved for every operation
 * (the stateful core and the ~550 others alike) before any answer. Each path parameter is an id of
 * the kind its segment names (`/vApp/{id}`: a `vapp-<uuid>` or a `vm-<uuid>`; `/vdc/{vdcId}`: a VDC;
 * `/entity/{id}`: a URN of any kind), looked up in the store's collection of that kind; a kind the
 * store keeps none of (`/media/{id}`, `/providervdc/{id}`, ...) names an entity
 * that exists nowhere. An id that exists nowhere, or an entity of an organization the user may not
 * see, is refused alike: 403 `ACCESS_TO_RESOURCE_IS_FORBIDDEN`, "No access to entity ..."; an id
 * that is no UUID at all, 400 (`malformedId`).
 *
 * Evidence: vCD does not tell a missing entity from a forbidden one: a made-up id of an org, a VDC,
 * or a media is answered 403 ACCESS_TO_RESOURCE_IS_FORBIDDEN, `No access to entity
 * "com.vmware.vcloud.entity.vdc:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"` (../shared/vcd-samples,
 * jclouds-labs-vcloud-director/{org,vdc,media}/error403-fake.xml), the answer it gives for another
 * organization's entity too (org/error403-catalog.xml). The samples hold none for a made-up task
 * id: task/error403.xml names `entity.org:aaaaaaaa-...`, jclouds' answer to `GET
 * /tasksList/aaaaaaaa-...` (a tasks list's id is its org's, answered so here); a task's own id
 * is answered `entity.task:<uuid>` by the samples' pattern (the kind of the entity the path names).
 */
import { badRequest, noAccess, notFound } from "../fault.js";
import { StorageRules } from "../store/storage.js";
import type { Store } from "../store/store.js";
import type { User, VApp } from "../store/model.js";
import { kindOf, uuidOf } from "./hrefs.js";

/** An entity a path names: its vCD kind, id, organization (none: shared by all, a predefined role) and the vApp whose access settings apply. */
export interface NamedEntity {
  readonly kind: string;
  readonly id: string;
  readonly orgId: string | undefined;
  readonly vapp?: VApp;
}

type Found = Omit<NamedEntity, "kind" | "id"> | undefined;
type Resolver = (store: Store, uuid: string, id: string) => Found;

const inOrg = (orgId: string | undefined): Found =>
  orgId === undefined ? undefined : { orgId };

/** The store's collection of each kind, by the path segment before the id (and vCD's entity kind). */
const KINDS: Readonly<Record<string, { kind: string; find: Resolver }>> = {
  vApp: {
    kind: "vapp",
    find: (s, uuid, id) => {
      const kind = kindOf(id);
      const vapp =
        kind === "vapp"
          ? s.vapps.get(uuid)
          : kind === "vm"
            ? s.vappOfVm(uuid)
            : undefined;
      return vapp ? { orgId: vapp.orgId, vapp } : undefined;
    },
  },
  vAppTemplate: {
    kind: "vappTemplate",
    find: (s, uuid, id) => {
      const kind = kindOf(id);
      if (kind === "vappTemplate") return inOrg(s.templates.get(uuid)?.orgId);
      if (kind !== "vm") return undefined;
      return inOrg(s.templateOfVm(uuid)?.orgId);
    },
  },
  org: { kind: "org", find: (s, uuid) => inOrg(s.orgs.get(uuid)?.id) },
  tasksList: { kind: "org", find: (s, uuid) => inOrg(s.orgs.get(uuid)?.id) },
  vdc: { kind: "vdc", find: (s, uuid) => inOrg(s.vdcs.get(uuid)?.orgId) },
  // an org VDC's storage profile: its VDC's organization
  vdcStorageProfile: {
    kind: "vdcstorageProfile",
    find: (s, uuid) => inOrg(new StorageRules(s).find(uuid)?.vdc.orgId),
  },
  network: {
    kind: "network",
    // an org network, or (by its URN, urn:vcloud:network:<uuid>) an external network
    find: (s, uuid) =>
      inOrg(
        s.networks.get(uuid)?.orgId ??
          (s.provider.externalNetworks.has(uuid)
            ? s.systemOrg().id
            : undefined),
      ),
  },
  catalog: {
    kind: "catalog",
    find: (s, uuid) => inOrg(s.catalogs.get(uuid)?.orgId),
  },
  catalogItem: {
    kind: "catalogItem",
    find: (s, uuid) => {
      const item = s.catalogItems.get(uuid);
      return inOrg(item && s.catalogs.get(item.catalogId)?.orgId);
    },
  },
  disk: { kind: "disk", find: (s, uuid) => inOrg(s.disks.get(uuid)?.orgId) },
  edgeGateway: {
    kind: "gateway",
    find: (s, uuid) => inOrg(s.edgeGateways.get(uuid)?.orgId),
  },
  media: { kind: "media", find: (s, uuid) => inOrg(s.media.get(uuid)?.orgId) },
  // a task about a vApp (or one of its VMs) is bound by the vApp's access settings
  task: {
    kind: "task",
    find: (s, uuid) => {
      const task = s.tasks.get(uuid);
      const vapp = task && s.taskVApp(task);
      return task && { orgId: task.orgId, ...(vapp ? { vapp } : {}) };
    },
  },
  user: { kind: "user", find: (s, uuid) => inOrg(s.users.get(uuid)?.orgId) },
  // `/admin/extension/blockingTask/{id}`: of the parent task's organization
  blockingTask: {
    kind: "blockingTask",
    find: (s, uuid) => inOrg(s.blockingTasks.get(uuid)?.orgId),
  },
  // an extension service and its filters and links: the system's (no organization)
  service: {
    kind: "service",
    find: (s, uuid) =>
      s.extensionServices.services.has(uuid) ? { orgId: undefined } : undefined,
  },
  apifilter: {
    kind: "apifilter",
    find: (s, uuid) =>
      s.extensionServices.filters.has(uuid) ? { orgId: undefined } : undefined,
  },
  link: {
    kind: "serviceLink",
    find: (s, uuid) =>
      s.extensionServices.links.has(uuid) ? { orgId: undefined } : undefined,
  },
  group: {
    kind: "group",
    find: (s, uuid) => inOrg(s.groups.get(uuid)?.orgId),
  },
  role: {
    kind: "role",
    find: (s, uuid) => {
      const role = s.roles.get(uuid);
      return role ? { orgId: role.orgId } : undefined;
    },
  },
  // the provider API's (provider/): the System organization's, the system administrator's alone
  vimServer: {
    kind: "vimServer",
    find: (s, uuid) =>
      s.provider.vimServers.has(uuid) ? { orgId: s.systemOrg().id } : undefined,
  },
  providervdc: {
    kind: "providervdc",
    find: (s, uuid) =>
      s.provider.providerVdcs.has(uuid)
        ? { orgId: s.systemOrg().id }
        : undefined,
  },
  host: {
    kind: "host",
    find: (s, uuid) =>
      [...s.provider.vimServers.values()].some((v) =>
        v.hosts.some((h) => h.id === uuid),
      )
        ? { orgId: s.systemOrg().id }
        : undefined,
  },
  externalnet: {
    kind: "network",
    find: (s, uuid) =>
      s.provider.externalNetworks.has(uuid)
        ? { orgId: s.systemOrg().id }
        : undefined,
  },
  networkPool: {
    kind: "networkPool",
    find: (s, uuid) =>
      s.provider.networkPools.has(uuid)
        ? { orgId: s.systemOrg().id }
        : undefined,
  },
  right: {
    kind: "right",
    find: (s, _uuid, id) =>
      s.rightExists(id) ? { orgId: undefined } : undefined,
  },
};

/** The segment of a URN's kind (`urn:vcloud:vapp:<uuid>`), and how the path writes its id. */
const URN_KINDS: Readonly<Record<string, [string, (uuid: string) => string]>> =
  {
    vapp: ["vApp", (u) => `vapp-${u}`],
    vm: ["vApp", (u) => `vm-${u}`],
    vapptemplate: ["vAppTemplate", (u) => `vappTemplate-${u}`],
    org: ["org", (u) => u],
    vdc: ["vdc", (u) => u],
    network: ["network", (u) => u],
    catalog: ["catalog", (u) => u],
    catalogitem: ["catalogItem", (u) => u],
    disk: ["disk", (u) => u],
    gateway: ["edgeGateway", (u) => u],
    media: ["media", (u) => u],
    task: ["task", (u) => u],
    blockingtask: ["blockingTask", (u) => u],
    user: ["user", (u) => u],
    group: ["group", (u) => u],
    role: ["role", (u) => u],
    providervdc: ["providervdc", (u) => u],
    vimserver: ["vimServer", (u) => u],
    networkpool: ["networkPool", (u) => u],
  };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Kinds the store keeps none of whose ids are UUIDs nonetheless (a malformed one is answered 400). */
const UUID_KINDS: ReadonlySet<string> = new Set(["media"]);

/**
 * A path id that is no UUID (`/vdc/NOTAUUID`): 400 BAD_REQUEST in vCD's words, which name the
 * expected kind for a VDC and a network and the field otherwise (../shared/vcd-samples,
 * jclouds-labs-vcloud-director/{vdc,network}/error400.xml and {org,media,task}/error400.xml,
 * answers to `GET /vdc/NOTAUUID`, `/network/NOTAUUID`, `/org/NOTAUUID`, `/media/NOTAUUID`).
 */
function malformedId(kind: string) {
  return badRequest(
    kind === "vdc" || kind === "network"
      ? `validation error : EntityRef has incorrect type, expected type is com.vmware.vcloud.entity.${kind}.`
      : "validation error on field 'id': String value has invalid format or length",
  );
}

/** Path parameters that are not ids: metadata keys and domains, schema file names. */
const NOT_IDS: ReadonlySet<string> = new Set([
  "key",
  "domain",
  "schemaFileName",
]);

/**
 * Every entity `path` (an operation's template, `/vApp/{id}/metadata/{key}`) names with `params`,
 * each existing and in an organization `user` may see; else the refusal vCD answers.
 */
export function namedEntities(
  store: Store,
  user: User,
  path: string,
  params: Readonly<Record<string, string>>,
): NamedEntity[] {
  const segments = path.split("/").filter((s) => s !== "");
  const named: NamedEntity[] = [];
  for (let i = 0; i < segments.length; i++) {
    const m = /^\{(.+)\}$/.exec(segments[i]);
    if (!m || NOT_IDS.has(m[1])) continue;
    const id = params[m[1]] ?? "";
    const entity = resolve(store, segments[i - 1] ?? "", id);
    if (entity.orgId !== undefined && !store.canSee(user, entity.orgId))
      throw noAccess(entity.kind, uuidOf(id));
    named.push(entity);
  }
  return named;
}

/**
 * Every entity the hrefs of a request body name on this server's API (`base`, `.../api`), each
 * resolved as a path's id (its last two segments: `/catalogItem/<uuid>`, `/vApp/vm-<uuid>`, a kind
 * the store keeps none of naming an entity that exists nowhere), of an organization `user` may see,
 * and a vApp they may read; else the refusal vCD answers for a path's id. Hrefs elsewhere are not
 * this server's to check.
 */
export function bodyEntities(
  store: Store,
  user: User,
  base: string,
  body: unknown,
): NamedEntity[] {
  const prefix = `${base}/`;
  return hrefsIn(body)
    .filter((href) => href.startsWith(prefix))
    .map((href) => {
      const segments = href
        .slice(prefix.length)
        .split(/[?#]/)[0]
        .split("/")
        .filter((x) => x !== "");
      const id = decodeURIComponent(segments.at(-1) ?? "");
      const entity = resolve(store, segments.at(-2) ?? "", id);
      const readable =
        entity.orgId === undefined ||
        (store.canSee(user, entity.orgId) &&
          (!entity.vapp || store.vappLevel(user, entity.vapp) !== undefined));
      if (!readable) throw noAccess(entity.kind, entity.id);
      return entity;
    });
}

/** The `href` values anywhere in a body's value (elements' attributes), bounded by the body read. */
function hrefsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(hrefsIn);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === "href" && typeof v === "string" ? [v] : hrefsIn(v),
  );
}

function resolve(store: Store, segment: string, id: string): NamedEntity {
  let kinds = KINDS[segment];
  let pathId = id;
  if (segment === "entity") {
    const urn = /^urn:vcloud:([A-Za-z]+):(.+)$/.exec(id);
    const to = urn ? URN_KINDS[urn[1].toLowerCase()] : undefined;
    if (urn && to) {
      kinds = KINDS[to[0]];
      pathId = to[1](urn[2]);
    }
  }
  const uuid = uuidOf(pathId);
  // a VM's id under /vApp or /vAppTemplate is an entity.vm
  const kind =
    kindOf(pathId) === "vm" && kinds?.kind.startsWith("vapp")
      ? "vm"
      : (kinds?.kind ?? segment);
  // a right's id is its name (`/admin/right/vApp%3A%20Power%20Operations`), any other a UUID
  const byUuid =
    kind !== "right" && (kinds !== undefined || UUID_KINDS.has(segment));
  if (byUuid && !UUID.test(uuid)) throw malformedId(kind);
  const found = kinds?.find(store, uuid, pathId);
  // the entity resolver's id that names nothing is a 404 (handlers/entity.ts), any other path's a 403
  if (!found)
    throw segment === "entity" && kinds
      ? notFound(`No entity found for "${id}".`)
      : noAccess(kind, uuid);
  return { kind, id: uuid, ...found };
}
