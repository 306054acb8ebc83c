/**
 * vcd-codegen runtime, simulator: the cloud's vCenter servers (provider API, system administrator
 * only: the `extension` tag's 403 for anyone else): `GET /admin/extension` with its links, the
 * `vimServerReferences`, a `VimServer` with its `down` links to its resource pools, networks
 * (port groups), storage profiles and VMs (vCloud API Programming Guide 5.5, "Finding Available
 * vCenter Resources", p. 242, Table 72), and `registervimserver` (provider/vcenters.ts).
 */
import { badRequest, noAccess } from "../fault.js";
import type { VimServer } from "../provider/model.js";
import {
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
import { vappValue } from "./vapp-view.js";
import { taskReply, type RefValue } from "./refs.js";

const text = (v: unknown): string | undefined =>
  typeof v === "string" ? v : undefined;

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
              "application/vnd.vmware.admin.vmwExternalNetworkReferences+xml",
            ),
            ...h.link(
              "add",
              "POST",
              `${root}/externalnets`,
              "application/vnd.vmware.admin.vmwexternalnet+xml",
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
      const href = (b.Vdc as Value | undefined)?.href;
      if (typeof href !== "string")
        throw badRequest("The request has no Vdc reference (an href).");
      const vdc = ctx.store.vdc(ctx.user, idOfHref(href));
      const { vapp } = importVmAsVApp(
        ctx.store,
        ctx.user,
        server(ctx),
        vdc,
        {
          moref: text(b.VmMoRef) ?? "",
          ...(text(b.name) !== undefined ? { name: text(b.name) } : {}),
          ...(text(b.Description) !== undefined
            ? { description: text(b.Description) }
            : {}),
          ...(text(b.VmName) !== undefined ? { vmName: text(b.VmName) } : {}),
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
      const href = (b.VApp as Value | undefined)?.href;
      if (typeof href !== "string")
        throw badRequest("The request has no VApp reference (an href).");
      const vapp = ctx.store.vapp(ctx.user, uuidOf(idOfHref(href)));
      const task = importVmIntoVApp(
        ctx.store,
        ctx.rules,
        ctx.user,
        server(ctx),
        vapp,
        { moref: text(b.VmMoRef) ?? "", vmName: text(b.VmName) ?? "" },
        [ctx.op.name],
      );
      return taskReply(ctx, task);
    },
  },
  "POST /admin/extension/action/registervimserver": {
    handle: (ctx) => {
      const b = bodyValue(ctx);
      const vc = (b.VimServer ?? {}) as Value;
      const registered = new VCenterRules(ctx.store).register(ctx.user, {
        name: text(vc.name) ?? "",
        url: text(vc.Url) ?? "",
        username: text(vc.Username) ?? "",
        password: text(vc.Password),
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
