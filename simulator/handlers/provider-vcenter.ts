/**
 * vcd-codegen runtime, simulator: the cloud's vCenter servers (provider API, system administrator
 * only: the `extension` tag's 403 for anyone else): `GET /admin/extension` with its links, the
 * `vimServerReferences`, a `VimServer` with its `down` links to its resource pools, networks
 * (port groups), storage profiles and VMs (vCloud API Programming Guide 5.5, "Finding Available
 * vCenter Resources", p. 242, Table 72), and `registervimserver` (provider/vcenters.ts).
 */
import { badRequest, noAccess } from "../fault.js";
import type { VimHost, VimServer } from "../provider/model.js";
import {
  CatalogImports,
  type CatalogImportParams,
} from "../provider/import-catalog.js";
import {
  EXTERNAL_NETWORK_MT,
  NETWORK_POOL_MT,
  PROVIDER_MT,
  providerPaths,
} from "../provider/media-types.js";
import { VCenterRules } from "../provider/vcenters.js";
import { importVmAsVApp, importVmIntoVApp } from "../provider/import-vm.js";
import { urn } from "../store/ids.js";
import type { Value } from "../store/model.js";
import { without } from "../store/without.js";
import { bodyValue, ok, type Ctx, type HandlerTable } from "./context.js";
import { idOfHref, uuidOf } from "./hrefs.js";
import { mediaValue } from "./media.js";
import { templateCreated, vappValue, vmValue } from "./vapp-view.js";
import { taskReply, type RefValue } from "./refs.js";
import { textOf } from "../store/document-values.js";

/** The registered vCenter of the path's id (handlers/entities.ts has refused any other). */
export function vimServerOf(ctx: Ctx, id: string): VimServer {
  const server = ctx.store.provider.vimServers.get(id);
  if (!server) throw noAccess("vimServer", id);
  return server;
}

export function vimServerRef(ctx: Ctx, server: VimServer): RefValue {
  return {
    href: ctx.hrefs.abs(providerPaths.vimServer(server.id)),
    name: server.name,
    type: PROVIDER_MT.vimServer,
  };
}

/** A `VimObjectRef`: a managed object of a vCenter by its moref and vSphere type. */
export const vimObjectRef = (
  ctx: Ctx,
  server: VimServer,
  moref: string,
  type: string,
): Value => ({
  VimServerRef: vimServerRef(ctx, server),
  MoRef: moref,
  VimObjectType: type,
});

function vimServerValue(ctx: Ctx, server: VimServer): Value {
  const h = ctx.hrefs;
  const path = providerPaths.vimServer(server.id);
  const vms = server.vms.length;
  return {
    ...vimServerRef(ctx, server),
    id: urn("vimserver", server.id),
    Link: [
      ...h.link("up", "GET", "/admin/extension/vimServerReferences"),
      ...h.link("edit", "PUT", path, PROVIDER_MT.vimServer),
      ...h.link("down", "GET", `${path}/vmsList`, PROVIDER_MT.vmsList),
      ...h.link(
        "down",
        "GET",
        `${path}/resourcePoolList`,
        PROVIDER_MT.resourcePoolList,
      ),
      ...h.link("down", "GET", `${path}/networks`, PROVIDER_MT.networks),
      ...h.link(
        "down",
        "GET",
        `${path}/storageProfiles`,
        PROVIDER_MT.storageProfiles,
      ),
      ...h.link(
        "add",
        "POST",
        `${path}/importVmAsVApp`,
        PROVIDER_MT.importVmAsVApp,
      ),
      ...h.link("add", "POST", `${path}/importVm`, PROVIDER_MT.importVm),
      ...h.link(
        "add",
        "POST",
        `${path}/importVmAsVAppTemplate`,
        PROVIDER_MT.importVmAsVAppTemplate,
      ),
      ...h.link("add", "POST", `${path}/importMedia`, PROVIDER_MT.importMedia),
      ...h.link(
        "down",
        "GET",
        `${path}/hostReferences`,
        PROVIDER_MT.hostReferences,
      ),
      ...h.link("refresh", "POST", `${path}/action/refresh`),
      ...h.link(
        "refreshStorageProfiles",
        "POST",
        `${path}/action/refreshStorageProfiles`,
      ),
      ...h.link(
        "forcevimserverreconnect",
        "POST",
        `${path}/action/forcevimserverreconnect`,
      ),
      ...h.link("unregister", "POST", `${path}/action/unregister`),
      ...h.link(
        "add",
        "POST",
        `${path}/importVmIntoExistingVApp`,
        "application/vnd.vmware.admin.importVmIntoExistingVAppParams+xml",
      ),
    ],
    Username: server.username,
    Url: server.url,
    IsEnabled: server.enabled,
    IsConnected: true,
    Uuid: server.uuid,
    VcVersion: server.version,
    totalVmCount: vms,
    totalCpuMhz: server.resourcePools.reduce((n, r) => n + r.cpuMhz, 0),
    totalMemMb: server.resourcePools.reduce((n, r) => n + r.memoryMb, 0),
    totalStorageMb: server.datastores.reduce((n, d) => n + d.capacityMb, 0),
    freeStorageMb: server.datastores.reduce((n, d) => n + d.freeMb, 0),
  };
}

/** The page of a list (`page` from 1, `pageSize` default 25, at most 128) and the number of pages. */
function paged<T>(ctx: Ctx, items: readonly T[]) {
  const size = Math.min(
    128,
    Math.max(1, Number(ctx.query.get("pageSize") ?? 25) || 25),
  );
  const pages = Math.max(1, Math.ceil(items.length / size));
  const page = Math.min(
    pages,
    Math.max(1, Number(ctx.query.get("page") ?? 1) || 1),
  );
  return {
    items: items.slice((page - 1) * size, page * size),
    page,
    numberOfPages: pages,
  };
}

const server = (ctx: Ctx) => vimServerOf(ctx, ctx.params.id);

const reread = (ctx: Ctx, operationName: string) =>
  taskReply(
    ctx,
    new VCenterRules(ctx.store).reread(ctx.user, server(ctx), operationName),
  );

/** The href of a reference element of the body (`what` names it in the refusal). */
function hrefOf(v: unknown, what: string): string {
  const href = (v as Value | undefined)?.href;
  if (typeof href !== "string")
    throw badRequest(`The request has no ${what} reference (an href).`);
  return href;
}

/** An import's `name`, `Description`, `Vdc` and `Catalog`, resolved as the caller sees them. */
function catalogImportParams(ctx: Ctx, b: Value): CatalogImportParams {
  const name = textOf(b.name);
  const description = textOf(b.Description);
  return {
    ...(name !== undefined ? { name } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(b.Vdc !== undefined
      ? { vdc: ctx.store.vdc(ctx.user, idOfHref(hrefOf(b.Vdc, "Vdc"))) }
      : {}),
    ...(b.Catalog !== undefined
      ? {
          catalog: ctx.store.catalog(
            ctx.user,
            idOfHref(hrefOf(b.Catalog, "Catalog")),
          ),
        }
      : {}),
  };
}

const hostRef = (ctx: Ctx, host: VimHost): RefValue => ({
  href: ctx.hrefs.abs(providerPaths.host(host.id)),
  name: host.name,
  type: PROVIDER_MT.host,
});

/** The host of the path's id and its vCenter (handlers/entities.ts has refused any other). */
function hostOf(ctx: Ctx, id: string): { server: VimServer; host: VimHost } {
  for (const s of ctx.store.provider.vimServers.values()) {
    const host = s.hosts.find((h) => h.id === id);
    if (host) return { server: s, host };
  }
  throw noAccess("host", id);
}

const hostReferences = (ctx: Ctx, href: string, hosts: readonly VimHost[]) =>
  ok(
    "vmext:VMWHostReferences",
    {
      href,
      type: PROVIDER_MT.hostReferences,
      HostReference: hosts.map((h) => hostRef(ctx, h)),
    },
    PROVIDER_MT.hostReferences,
  );
const listHref = (ctx: Ctx, list: string) =>
  ctx.hrefs.abs(`${providerPaths.vimServer(ctx.params.id)}/${list}`);

export const providerVCenterHandlers: HandlerTable = {
  "GET /admin/extension": {
    handle: (ctx) => {
      const h = ctx.hrefs;
      const root = "/admin/extension";
      return ok(
        "vmext:VMWExtension",
        {
          href: h.abs(root),
          type: PROVIDER_MT.extension,
          Link: [
            ...h.link(
              "add",
              "POST",
              `${root}/action/registervimserver`,
              PROVIDER_MT.registerVimServer,
            ),
            ...h.link(
              "down",
              "GET",
              `${root}/vimServerReferences`,
              PROVIDER_MT.vimServerReferences,
            ),
            ...h.link(
              "down",
              "GET",
              `${root}/providerVdcReferences`,
              PROVIDER_MT.providerVdcReferences,
            ),
            ...h.link(
              "add",
              "POST",
              `${root}/providervdcsparams`,
              PROVIDER_MT.createProviderVdc,
            ),
            ...h.link(
              "down",
              "GET",
              `${root}/externalNetworkReferences`,
              EXTERNAL_NETWORK_MT.references,
            ),
            ...h.link(
              "add",
              "POST",
              `${root}/externalnets`,
              EXTERNAL_NETWORK_MT.network,
            ),
            ...h.link(
              "down",
              "GET",
              `${root}/networkPoolReferences`,
              NETWORK_POOL_MT.references,
            ),
            ...h.link(
              "add",
              "POST",
              `${root}/networkPools`,
              NETWORK_POOL_MT.created,
            ),
            ...h.link("down", "GET", `${root}/settings`),
          ],
        },
        PROVIDER_MT.extension,
      );
    },
  },
  "GET /admin/extension/vimServerReferences": {
    handle: (ctx) =>
      ok(
        "vmext:VMWVimServerReferences",
        {
          href: ctx.hrefs.abs("/admin/extension/vimServerReferences"),
          type: PROVIDER_MT.vimServerReferences,
          VimServerReference: [...ctx.store.provider.vimServers.values()].map(
            (s) => vimServerRef(ctx, s),
          ),
        },
        PROVIDER_MT.vimServerReferences,
      ),
  },
  "GET /admin/extension/vimServer/{id}": {
    handle: (ctx) =>
      ok(
        "vmext:VimServer",
        vimServerValue(ctx, server(ctx)),
        PROVIDER_MT.vimServer,
      ),
  },
  "GET /admin/extension/vimServer/{id}/resourcePoolList": {
    handle: (ctx) => {
      const s = server(ctx);
      return ok(
        "vmext:ResourcePoolList",
        {
          href: listHref(ctx, "resourcePoolList"),
          type: PROVIDER_MT.resourcePoolList,
          ResourcePool: s.resourcePools.map((r) => ({
            name: r.name,
            id: urn("resourcepool", r.moref),
            MoRef: r.moref,
            VimObjectType: "RESOURCE_POOL",
            DataStoreRefs: {
              VimObjectRef: r.datastores.map((d) =>
                vimObjectRef(ctx, s, d, "DATASTORE"),
              ),
            },
          })),
        },
        PROVIDER_MT.resourcePoolList,
      );
    },
  },
  "GET /admin/extension/vimServer/{id}/networks": {
    handle: (ctx) => {
      const s = server(ctx);
      return ok(
        "vmext:VimObjectRefList",
        {
          href: listHref(ctx, "networks"),
          type: PROVIDER_MT.networks,
          VimObjectRefs: {
            VimObjectRef: s.networks.map((n) =>
              vimObjectRef(ctx, s, n.moref, n.type),
            ),
          },
        },
        PROVIDER_MT.networks,
      );
    },
  },
  "GET /admin/extension/vimServer/{id}/storageProfiles": {
    handle: (ctx) => {
      const s = server(ctx);
      const byMoref = new Map(s.datastores.map((d) => [d.moref, d]));
      return ok(
        "vmext:VMWStorageProfiles",
        {
          href: listHref(ctx, "storageProfiles"),
          type: PROVIDER_MT.storageProfiles,
          VMWStorageProfile: s.storageProfiles.map((p) => {
            const stores = p.datastores.flatMap((d) => byMoref.get(d) ?? []);
            return {
              name: p.name,
              MoRef: p.moref,
              VimObjectType: "STORAGE_PROFILE",
              FreeStorageMb: stores.reduce((n, d) => n + d.freeMb, 0),
              TotalStorageMb: stores.reduce((n, d) => n + d.capacityMb, 0),
              DataStoreRefs: {
                VimObjectRef: p.datastores.map((d) =>
                  vimObjectRef(ctx, s, d, "DATASTORE"),
                ),
              },
            };
          }),
        },
        PROVIDER_MT.storageProfiles,
      );
    },
  },
  "GET /admin/extension/vimServer/{id}/vmsList": {
    handle: (ctx) => {
      const s = server(ctx);
      const { items, page, numberOfPages } = paged(ctx, s.vms);
      return ok(
        "vmext:VmObjectRefsList",
        {
          page,
          numberOfPages,
          VmObjectRef: items.map((vm) => ({
            name: vm.name,
            ...vimObjectRef(ctx, s, vm.moref, "VIRTUAL_MACHINE"),
          })),
        },
        PROVIDER_MT.vmsList,
      );
    },
  },
  "POST /admin/extension/vimServer/{id}/importVmAsVApp": {
    handle: (ctx) => {
      const b = bodyValue(ctx);
      const vdc = ctx.store.vdc(ctx.user, idOfHref(hrefOf(b.Vdc, "Vdc")));
      const { vapp } = importVmAsVApp(
        ctx.store,
        ctx.user,
        server(ctx),
        vdc,
        {
          moref: textOf(b.VmMoRef) ?? "",
          ...(textOf(b.name) !== undefined ? { name: textOf(b.name) } : {}),
          ...(textOf(b.Description) !== undefined
            ? { description: textOf(b.Description) }
            : {}),
          ...(textOf(b.VmName) !== undefined
            ? { vmName: textOf(b.VmName) }
            : {}),
        },
        [ctx.op.name],
      );
      return {
        status: 201,
        doc: { element: "vcloud:VApp", value: vappValue(ctx, vapp) },
        headers: { Location: ctx.hrefs.abs(ctx.hrefs.vapp(vapp.id)) },
      };
    },
  },
  "POST /admin/extension/vimServer/{id}/importVmIntoExistingVApp": {
    handle: (ctx) => {
      const b = bodyValue(ctx);
      const vapp = ctx.store.vapp(
        ctx.user,
        uuidOf(idOfHref(hrefOf(b.VApp, "VApp"))),
      );
      const task = importVmIntoVApp(
        ctx.store,
        ctx.rules,
        ctx.user,
        server(ctx),
        vapp,
        { moref: textOf(b.VmMoRef) ?? "", vmName: textOf(b.VmName) ?? "" },
        [ctx.op.name],
      );
      return taskReply(ctx, task);
    },
  },
  "PUT /admin/extension/vimServer/{id}": {
    handle: (ctx) => {
      const vc = bodyValue(ctx);
      const s = server(ctx);
      return taskReply(
        ctx,
        new VCenterRules(ctx.store).update(ctx.user, s, {
          name: textOf(vc.name) ?? "",
          url: textOf(vc.Url) ?? "",
          username: textOf(vc.Username) ?? "",
          enabled: vc.IsEnabled !== false,
        }),
      );
    },
  },
  "POST /admin/extension/vimServer/{id}/action/refresh": {
    handle: (ctx) => reread(ctx, "vimServerRefresh"),
  },
  "POST /admin/extension/vimServer/{id}/action/refreshStorageProfiles": {
    handle: (ctx) => reread(ctx, "vimServerRefreshStorageProfiles"),
  },
  "POST /admin/extension/vimServer/{id}/action/forcevimserverreconnect": {
    handle: (ctx) => reread(ctx, "vimServerForceReconnect"),
  },
  "POST /admin/extension/vimServer/{id}/action/unregister": {
    handle: (ctx) =>
      taskReply(
        ctx,
        new VCenterRules(ctx.store).unregister(ctx.user, server(ctx)),
      ),
  },
  "GET /admin/extension/vimServer/{id}/hostReferences": {
    handle: (ctx) =>
      hostReferences(ctx, listHref(ctx, "hostReferences"), server(ctx).hosts),
  },
  "GET /admin/extension/hostReferences": {
    handle: (ctx) =>
      hostReferences(
        ctx,
        ctx.hrefs.abs("/admin/extension/hostReferences"),
        [...ctx.store.provider.vimServers.values()].flatMap((s) => s.hosts),
      ),
  },
  "GET /admin/extension/host/{id}": {
    handle: (ctx) => {
      const found = hostOf(ctx, ctx.params.id);
      const { host } = found;
      return ok(
        "vmext:Host",
        {
          ...hostRef(ctx, host),
          id: urn("host", host.id),
          Link: [
            ...ctx.hrefs.link(
              "up",
              "GET",
              providerPaths.vimServer(found.server.id),
              PROVIDER_MT.vimServer,
            ),
          ],
          Ready: true,
          Available: true,
          Enabled: true,
          Busy: false,
          EnableHostForHostSpanning: true,
          CpuType: host.cpuType,
          NumOfCpuCoresPhysical: host.cpuCores,
          NumOfCpuCoresLogical: host.cpuCores * 2,
          NumOfCpusPackages: 1,
          NumOfCpusLogical: host.cpuCores * 2,
          CpuTotal: host.cpuMhz,
          MemUsed: 0,
          MemTotal: host.memoryMb,
          HostOsName: "VMware ESXi",
          HostOsVersion: host.osVersion,
          VmMoRef: host.moref,
        },
        PROVIDER_MT.host,
      );
    },
  },
  "POST /admin/extension/vimServer/{id}/importVm": {
    handle: (ctx) => {
      const b = bodyValue(ctx);
      const vdc = ctx.store.vdc(ctx.user, idOfHref(hrefOf(b.Vdc, "Vdc")));
      const name = textOf(b.VmName) ?? "";
      const { vapp } = importVmAsVApp(
        ctx.store,
        ctx.user,
        server(ctx),
        vdc,
        { moref: textOf(b.VmMoRef) ?? "", name, vmName: name },
        [ctx.op.name],
      );
      const vm = vapp.vms[0];
      return {
        status: 201,
        doc: { element: "vcloud:Vm", value: vmValue(ctx, vapp, vm) },
        headers: { Location: ctx.hrefs.abs(ctx.hrefs.vm(vm.id)) },
      };
    },
  },
  "POST /admin/extension/vimServer/{id}/importVmAsVAppTemplate": {
    handle: (ctx) => {
      const b = bodyValue(ctx);
      const { template } = new CatalogImports(ctx.store).vmAsTemplate(
        ctx.user,
        server(ctx),
        textOf(b.VmMoRef) ?? "",
        {
          ...catalogImportParams(ctx, b),
          ...(textOf(b.VmName) !== undefined
            ? { vmName: textOf(b.VmName) }
            : {}),
        },
        [ctx.op.name],
      );
      return templateCreated(ctx, template);
    },
  },
  "POST /admin/extension/vimServer/{id}/importMedia": {
    handle: (ctx) => {
      const b = bodyValue(ctx);
      if (b.Vdc === undefined)
        throw badRequest("The request has no Vdc reference (an href).");
      const { media } = new CatalogImports(ctx.store).media(
        ctx.user,
        server(ctx),
        {
          datastore: textOf(b.DatastoreMoRef) ?? "",
          path: textOf(b.SourcePath) ?? "",
        },
        catalogImportParams(ctx, b),
        [ctx.op.name],
      );
      return {
        status: 201,
        doc: { element: "vcloud:Media", value: mediaValue(ctx, media) },
        headers: { Location: ctx.hrefs.abs(ctx.hrefs.media(media.id)) },
      };
    },
  },
  "POST /admin/extension/action/registervimserver": {
    handle: (ctx) => {
      const b = bodyValue(ctx);
      const vc = (b.VimServer ?? {}) as Value;
      const registered = new VCenterRules(ctx.store).register(ctx.user, {
        name: textOf(vc.name) ?? "",
        url: textOf(vc.Url) ?? "",
        username: textOf(vc.Username) ?? "",
        password: textOf(vc.Password),
        enabled: vc.IsEnabled !== false,
      });
      const shield = b.ShieldManager as Value | undefined;
      return ok(
        "vmext:RegisterVimServerParams",
        {
          VimServer: vimServerValue(ctx, registered),
          ...(shield ? { ShieldManager: without(shield, "Password") } : {}),
        },
        PROVIDER_MT.registerVimServer,
      );
    },
  },
};
