/**
 * vcd-codegen runtime, simulator: provider VDCs (provider API, system administrator only): their
 * references, the `VMWProviderVdc` (extension) and `ProviderVdc` (admin) views with capacity and
 * the org VDCs on them, creation from a resource pool (`providervdcsparams`: 201 with the creating
 * task), enable/disable, delete (a task; refused while an org VDC uses it). Rules in
 * provider/provider-vdcs.ts; vCloud API Programming Guide 5.5, "Create a Provider VDC" and
 * "Retrieve a List of Provider VDCs" (the guide's "Managing a Cloud").
 */
import { forbidden } from "../fault.js";
import type { ProviderVdc } from "../provider/model.js";
import { PROVIDER_MT, providerPaths } from "../provider/media-types.js";
import { ProviderVdcChanges } from "../provider/provider-vdc-changes.js";
import { NetworkPoolRules } from "../provider/network-pools.js";
import { ProviderVdcRules } from "../provider/provider-vdcs.js";
import { urn } from "../store/ids.js";
import type { Value } from "../store/model.js";
import {
  bodyValue,
  ok,
  type Ctx,
  type HandlerTable,
  type Reply,
} from "./context.js";
import { adminPaths } from "./admin-views.js";
import { idOfRef } from "./hrefs.js";
import { vimObjectRef, vimServerRef } from "./provider-vcenter.js";
import { networkPoolRef, taskReply, tasksInProgress } from "./refs.js";
import { listOf, textOf } from "../store/document-values.js";

const ADMIN_VDC = "application/vnd.vmware.admin.vdc+xml";

const rules = (ctx: Ctx) => new ProviderVdcRules(ctx.store);
const changes = (ctx: Ctx) => new ProviderVdcChanges(ctx.store);
/** The last segment of a reference's href (an id or a moref), decoded; "" without an href. */
const lastSegment = (v: unknown): string =>
  decodeURIComponent(idOfRef(v) ?? "");

function pvdcOf(ctx: Ctx): ProviderVdc {
  if (!ctx.store.isSystemAdmin(ctx.user)) throw forbidden();
  // handlers/entities.ts has refused an id that names no provider VDC
  return ctx.store.provider.providerVdcs.get(ctx.params.id)!;
}

const pvdcRef = (ctx: Ctx, p: ProviderVdc) => ({
  href: ctx.hrefs.abs(providerPaths.providerVdc(p.id)),
  name: p.name,
  type: PROVIDER_MT.providerVdc,
});

/** The datastores (by moref) its resource pools see, each once. */
const datastoresOf = (ctx: Ctx, p: ProviderVdc): string[] => [
  ...new Set(
    rules(ctx)
      .poolsOf(p)
      .flatMap((r) => r.datastores),
  ),
];

/** What the `ProviderVdc` and `VMWProviderVdc` views share (`ProviderVdcType`). */
function common(ctx: Ctx, p: ProviderVdc): Value {
  const c = rules(ctx).capacity(p);
  const server = rules(ctx).vimServerOf(p);
  const byMoref = new Map(server.datastores.map((d) => [d.moref, d]));
  const stores = datastoresOf(ctx, p).flatMap((d) => byMoref.get(d) ?? []);
  const total = stores.reduce((n, d) => n + d.capacityMb, 0);
  const free = stores.reduce((n, d) => n + d.freeMb, 0);
  return {
    name: p.name,
    id: urn("providervdc", p.id),
    status: p.ready ? 1 : 0,
    ...(p.description !== undefined ? { Description: p.description } : {}),
    ...tasksInProgress(ctx, p.id),
    ComputeCapacity: {
      Cpu: {
        Units: "MHz",
        Allocation: c.cpuAllocatedMhz,
        Total: c.cpuMhz,
        Used: 0,
        Overhead: 0,
      },
      Memory: {
        Units: "MB",
        Allocation: c.memoryAllocatedMb,
        Total: c.memoryMb,
        Used: 0,
        Overhead: 0,
      },
    },
    StorageCapacity: {
      Units: "MB",
      Allocation: 0,
      Total: total,
      Used: total - free,
      Overhead: 0,
    },
    StorageProfiles: {
      ProviderVdcStorageProfile: p.storageProfiles.map((name) => ({
        href: ctx.hrefs.abs(providerPaths.pvdcStorageProfile(p.id, name)),
        name,
        type: PROVIDER_MT.pvdcStorageProfile,
      })),
    },
    Vdcs: {
      Vdc: rules(ctx)
        .vdcsOn(p)
        .map((v) => ({
          href: ctx.hrefs.abs(adminPaths.vdc(v.id)),
          name: v.name,
          type: ADMIN_VDC,
        })),
    },
    IsEnabled: p.enabled,
    NetworkPoolReferences: {
      NetworkPoolReference: new NetworkPoolRules(ctx.store)
        .poolsOf(p)
        .map((pool) => networkPoolRef(ctx, pool)),
    },
  };
}

function vmwProviderVdcValue(ctx: Ctx, p: ProviderVdc): Value {
  const h = ctx.hrefs;
  const path = providerPaths.providerVdc(p.id);
  const server = rules(ctx).vimServerOf(p);
  return {
    ...common(ctx, p),
    href: h.abs(path),
    type: PROVIDER_MT.providerVdc,
    Link: [
      ...h.link(
        "up",
        "GET",
        "/admin/extension/providerVdcReferences",
        PROVIDER_MT.providerVdcReferences,
      ),
      ...h.link(
        "alternate",
        "GET",
        providerPaths.adminProviderVdc(p.id),
        PROVIDER_MT.adminProviderVdc,
      ),
      ...h.link(
        p.enabled ? "disable" : "enable",
        "POST",
        `${path}/action/${p.enabled ? "disable" : "enable"}`,
      ),
      ...h.link("remove", "DELETE", path),
      ...h.link("edit", "PUT", path, PROVIDER_MT.providerVdc),
      ...h.link(
        "down",
        "GET",
        `${path}/resourcePools`,
        PROVIDER_MT.resourcePoolSet,
      ),
      ...h.link(
        "edit",
        "POST",
        `${path}/action/updateResourcePools`,
        PROVIDER_MT.updateResourcePools,
      ),
      ...h.link(
        "edit",
        "POST",
        `${path}/storageProfiles`,
        PROVIDER_MT.updateStorageProfiles,
      ),
      ...h.link(
        "merge",
        "POST",
        `${path}/action/merge`,
        PROVIDER_MT.mergeProviderVdcs,
      ),
    ],
    DataStoreRefs: {
      VimObjectRef: datastoresOf(ctx, p).map((d) =>
        vimObjectRef(ctx, server, d, "DATASTORE"),
      ),
    },
    ResourcePoolRefs: {
      VimObjectRef: [p.resourcePool, ...p.secondaryPools].map((moref) =>
        vimObjectRef(ctx, server, moref, "RESOURCE_POOL"),
      ),
    },
    VimServer: [vimServerRef(ctx, server)],
    HighestSupportedHardwareVersion: "vmx-14",
  };
}

function providerVdcValue(ctx: Ctx, p: ProviderVdc): Value {
  const h = ctx.hrefs;
  const path = providerPaths.adminProviderVdc(p.id);
  return {
    ...common(ctx, p),
    href: h.abs(path),
    type: PROVIDER_MT.adminProviderVdc,
    Link: [
      ...h.link(
        "alternate",
        "GET",
        providerPaths.providerVdc(p.id),
        PROVIDER_MT.providerVdc,
      ),
      ...h.link(
        "down",
        "GET",
        `${path}/vdcReferences`,
        PROVIDER_MT.vdcReferences,
      ),
    ],
  };
}

const setEnabled = (ctx: Ctx, enabled: boolean): Reply => {
  rules(ctx).setEnabled(ctx.user, pvdcOf(ctx), enabled);
  return { status: 204 };
};

export const providerVdcHandlers: HandlerTable = {
  "GET /admin/extension/providerVdcReferences": {
    handle: (ctx) =>
      ok(
        "vmext:VMWProviderVdcReferences",
        {
          href: ctx.hrefs.abs("/admin/extension/providerVdcReferences"),
          type: PROVIDER_MT.providerVdcReferences,
          ProviderVdcReference: [...ctx.store.provider.providerVdcs.values()]
            .filter((p) => p.ready)
            .map((p) => pvdcRef(ctx, p)),
        },
        PROVIDER_MT.providerVdcReferences,
      ),
  },
  "GET /admin/extension/providervdc/{id}": {
    handle: (ctx) =>
      ok(
        "vmext:VMWProviderVdc",
        vmwProviderVdcValue(ctx, pvdcOf(ctx)),
        PROVIDER_MT.providerVdc,
      ),
  },
  "GET /admin/providervdc/{id}": {
    handle: (ctx) =>
      ok(
        "vcloud:ProviderVdc",
        providerVdcValue(ctx, pvdcOf(ctx)),
        PROVIDER_MT.adminProviderVdc,
      ),
  },
  "GET /admin/providervdc/{id}/vdcReferences": {
    handle: (ctx) => {
      const p = pvdcOf(ctx);
      return ok(
        "vcloud:VdcReferences",
        {
          href: ctx.hrefs.abs(
            `${providerPaths.adminProviderVdc(p.id)}/vdcReferences`,
          ),
          type: PROVIDER_MT.vdcReferences,
          VdcReference: rules(ctx)
            .vdcsOn(p)
            .map((v) => ({
              href: ctx.hrefs.abs(adminPaths.vdc(v.id)),
              name: v.name,
              type: ADMIN_VDC,
            })),
        },
        PROVIDER_MT.vdcReferences,
      );
    },
  },
  "POST /admin/extension/providervdcsparams": {
    handle: (ctx) => {
      const b = bodyValue(ctx);
      const pools = listOf(
        (b.ResourcePoolRefs as Value | undefined)?.VimObjectRef,
      );
      const vimServerId =
        idOfRef(listOf(b.VimServer)[0]) ?? idOfRef(pools[0]?.VimServerRef);
      // the VXLAN pool it is assigned (NetworkPool, or VxlanNetworkPool before 33.0)
      const poolId = idOfRef(b.NetworkPool ?? b.VxlanNetworkPool);
      const poolRules = new NetworkPoolRules(ctx.store);
      const pool =
        poolId === undefined || !ctx.store.isSystemAdmin(ctx.user)
          ? undefined
          : poolRules.forProviderVdc(poolId, vimServerId);
      const { pvdc } = rules(ctx).create(ctx.user, {
        name: textOf(b.name) ?? "",
        description: textOf(b.Description),
        vimServerId,
        resourcePools: pools.map((r) => textOf(r.MoRef) ?? ""),
        storageProfiles: listOf(b.StorageProfile).map((s) => String(s)),
        enabled: b.IsEnabled !== false,
      });
      if (pool) poolRules.assign(pool, pvdc);
      const location = ctx.hrefs.abs(providerPaths.providerVdc(pvdc.id));
      return {
        status: 201,
        doc: {
          element: "vmext:VMWProviderVdc",
          value: vmwProviderVdcValue(ctx, pvdc),
        },
        mediaType: PROVIDER_MT.providerVdc,
        headers: { Location: location },
      };
    },
  },
  "POST /admin/extension/providervdc/{id}/action/enable": {
    handle: (ctx) => setEnabled(ctx, true),
  },
  "POST /admin/extension/providervdc/{id}/action/disable": {
    handle: (ctx) => setEnabled(ctx, false),
  },
  "PUT /admin/extension/providervdc/{id}": {
    handle: (ctx) => {
      const p = pvdcOf(ctx);
      const b = bodyValue(ctx);
      changes(ctx).update(ctx.user, p, {
        name: textOf(b.name) ?? "",
        description: textOf(b.Description),
      });
      return ok(
        "vmext:VMWProviderVdc",
        vmwProviderVdcValue(ctx, p),
        PROVIDER_MT.providerVdc,
      );
    },
  },
  "GET /admin/extension/providervdc/{id}/resourcePools": {
    handle: (ctx) => {
      const p = pvdcOf(ctx);
      const server = rules(ctx).vimServerOf(p);
      const path = providerPaths.providerVdc(p.id);
      return ok(
        "vmext:VMWProviderVdcResourcePoolSet",
        {
          href: ctx.hrefs.abs(`${path}/resourcePools`),
          type: PROVIDER_MT.resourcePoolSet,
          VMWProviderVdcResourcePool: [p.resourcePool, ...p.secondaryPools].map(
            (moref) => ({
              primary: moref === p.resourcePool,
              type: PROVIDER_MT.resourcePool,
              ResourcePoolVimObjectRef: vimObjectRef(
                ctx,
                server,
                moref,
                "RESOURCE_POOL",
              ),
              ResourcePoolRef: {
                href: ctx.hrefs.abs(`/admin/extension/resourcePool/${moref}`),
                name:
                  server.resourcePools.find((r) => r.moref === moref)?.name ??
                  moref,
                type: PROVIDER_MT.resourcePool,
              },
              Enabled: true,
            }),
          ),
        },
        PROVIDER_MT.resourcePoolSet,
      );
    },
  },
  "POST /admin/extension/providervdc/{id}/action/updateResourcePools": {
    handle: (ctx) => {
      const b = bodyValue(ctx);
      const add = listOf(b.AddItem).map((r) => ({
        vimServerId: idOfRef(r.VimServerRef),
        moref: textOf(r.MoRef) ?? "",
      }));
      const remove = listOf(b.DeleteItem).map((r) => lastSegment(r));
      return taskReply(
        ctx,
        changes(ctx).updateResourcePools(ctx.user, pvdcOf(ctx), add, remove),
      );
    },
  },
  "POST /admin/extension/providervdc/{id}/storageProfiles": {
    handle: (ctx) => {
      const p = pvdcOf(ctx);
      const b = bodyValue(ctx);
      const prefix = `${p.id}-`;
      const remove = listOf(b.RemoveStorageProfile).map((r) => {
        const id = lastSegment(r);
        return id.startsWith(prefix) ? id.slice(prefix.length) : id;
      });
      return taskReply(
        ctx,
        changes(ctx).updateStorageProfiles(
          ctx.user,
          p,
          listOf(b.AddStorageProfile).map((s) => String(s)),
          remove,
        ),
      );
    },
  },
  "POST /admin/extension/providervdc/{id}/action/merge": {
    handle: (ctx) => {
      const b = bodyValue(ctx);
      const others = listOf(b.ProviderVdcReference).map((r) => lastSegment(r));
      return taskReply(ctx, changes(ctx).merge(ctx.user, pvdcOf(ctx), others));
    },
  },
  "DELETE /admin/extension/providervdc/{id}": {
    handle: (ctx) => taskReply(ctx, rules(ctx).remove(ctx.user, pvdcOf(ctx))),
  },
};
