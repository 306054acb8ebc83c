/**
 * vcd-codegen runtime, simulator: the entity resolver, `GET /entity/{urn}` (vCloud API Programming
 * Guide, "Retrieve an Object as an Entity": the answer is an `Entity` whose `alternate` link is the
 * object's own href and type; the notifications' EntityLinks name ids to append to it,
 * ../shared/seeds/003_*.txt). Every kind the store keeps is answered. The pipeline has already
 * resolved the URN as a path id (entities.ts): an entity of an organization the user may not see is
 * its 403; an id of a kind known to the store that names nothing is a 404 `RESOURCE_NOT_FOUND`
 * there (the guide gives no refusal for the resolver; 404 is the issue's ask and what a resolver of
 * a missing object means).
 */
import { notFound } from "../fault.js";
import type { Store } from "../store/store.js";
import type { Ctx, HandlerTable } from "./context.js";
import type { Hrefs } from "./hrefs.js";
import { MT } from "./media-types.js";
import {
  EXTERNAL_NETWORK_MT,
  NETWORK_POOL_MT,
  PROVIDER_MT,
  providerPaths,
} from "../provider/media-types.js";

interface Resolved {
  readonly path: string;
  readonly type: string;
  readonly name: string;
}

type Resolve = (s: Store, h: Hrefs, uuid: string) => Resolved | undefined;

const at = (
  path: string,
  type: string,
  e: { readonly name: string } | undefined,
): Resolved | undefined => (e ? { path, type, name: e.name } : undefined);

/** By the URN's kind, lower case (`urn:vcloud:vapptemplate:<uuid>`). */
const BY_KIND: Readonly<Record<string, Resolve>> = {
  vapp: (s, h, u) => at(h.vapp(u), MT.vApp, s.vapps.get(u)),
  vm: (s, h, u) => {
    const vm =
      s.vappOfVm(u)?.vms.find((v) => v.id === u) ??
      s.templateOfVm(u)?.vms.find((v) => v.id === u);
    return vm
      ? at(s.vappOfVm(u) ? h.vm(u) : h.templateVm(u), MT.vm, vm)
      : undefined;
  },
  vapptemplate: (s, h, u) =>
    at(h.vAppTemplate(u), MT.vAppTemplate, s.templates.get(u)),
  org: (s, h, u) => at(h.org(u), MT.org, s.orgs.get(u)),
  vdc: (s, h, u) => at(h.vdc(u), MT.vdc, s.vdcs.get(u)),
  network: (s, h, u) =>
    at(h.network(u), MT.network, s.networks.get(u)) ??
    at(
      providerPaths.externalNetwork(u),
      EXTERNAL_NETWORK_MT.network,
      s.provider.externalNetworks.get(u),
    ),
  // the provider API's (provider/)
  providervdc: (s, _h, u) =>
    at(
      providerPaths.providerVdc(u),
      PROVIDER_MT.providerVdc,
      s.provider.providerVdcs.get(u),
    ),
  vimserver: (s, _h, u) =>
    at(
      providerPaths.vimServer(u),
      PROVIDER_MT.vimServer,
      s.provider.vimServers.get(u),
    ),
  networkpool: (s, _h, u) =>
    at(
      providerPaths.networkPool(u),
      NETWORK_POOL_MT.pool,
      s.provider.networkPools.get(u),
    ),
  catalog: (s, h, u) => at(h.catalog(u), MT.catalog, s.catalogs.get(u)),
  catalogitem: (s, h, u) =>
    at(h.catalogItem(u), MT.catalogItem, s.catalogItems.get(u)),
  disk: (s, h, u) => at(h.disk(u), MT.disk, s.disks.get(u)),
  media: (s, h, u) => at(h.media(u), MT.media, s.media.get(u)),
  gateway: (s, h, u) =>
    at(h.edgeGateway(u), MT.edgeGateway, s.edgeGateways.get(u)),
  task: (s, h, u) => {
    const t = s.tasks.get(u);
    return t ? { path: h.task(u), type: MT.task, name: "task" } : undefined;
  },
  user: (s, h, u) => at(h.user(u), MT.user, s.users.get(u)),
  blockingtask: (s, _h, u) =>
    at(
      `/admin/extension/blockingTask/${u}`,
      "application/vnd.vmware.admin.blockingTask+xml",
      s.blockingTasks.get(u),
    ),
  group: (s, _h, u) =>
    at(
      `/admin/group/${u}`,
      "application/vnd.vmware.admin.group+xml",
      s.groups.get(u),
    ),
  role: (s, _h, u) => at(`/admin/role/${u}`, MT.role, s.roles.get(u)),
};

/** The URN's kind and id, if it is one (`urn:vcloud:vapp:<uuid>`). */
export function parseUrn(
  value: string,
): { readonly kind: string; readonly id: string } | undefined {
  const m = /^urn:vcloud:([A-Za-z]+):(.+)$/.exec(value);
  return m ? { kind: m[1].toLowerCase(), id: m[2] } : undefined;
}

export const entityHandlers: HandlerTable = {
  "GET /entity/{id}": {
    handle: (ctx: Ctx) => {
      const id = ctx.params.id;
      const parsed = parseUrn(id);
      const found =
        parsed && BY_KIND[parsed.kind]?.(ctx.store, ctx.hrefs, parsed.id);
      if (!parsed || !found) throw notFound(`No entity found for "${id}".`);
      return {
        status: 200,
        doc: {
          element: "vcloud:Entity",
          value: {
            name: found.name,
            id,
            href: ctx.hrefs.abs(`/entity/${id}`),
            type: "application/vnd.vmware.vcloud.entity+xml",
            Link: ctx.hrefs.link(
              "alternate",
              "GET",
              found.path,
              found.type,
              found.name,
            ),
          },
        },
      };
    },
  },
};
