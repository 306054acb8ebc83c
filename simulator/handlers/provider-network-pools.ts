/**
 * vcd-codegen runtime, simulator: network pools (provider API, system administrator only): listed
 * (`networkPoolReferences`), created (`POST /admin/extension/networkPools`: 201 with the pool and
 * its creating task in `Tasks`), read, changed (PUT: the pool), deleted (a task), repaired and
 * synchronized (tasks). The pool is written as `vmext:VMWNetworkPool` with the `xsi:type` of its
 * kind. Rules in provider/network-pools.ts.
 */
import { NETWORK_POOL_MT, providerPaths } from "../provider/media-types.js";
import type { NetworkPool, NetworkPoolKind } from "../provider/model.js";
import {
  NetworkPoolRules,
  typeNameOf,
  type NetworkPoolParams,
} from "../provider/network-pools.js";
import { urn } from "../store/ids.js";
import type { Value } from "../store/model.js";
import { bodyValue, ok, type Ctx, type HandlerTable } from "./context.js";
import { idOfRef } from "./hrefs.js";
import { vimObjectRef, vimServerRef } from "./provider-vcenter.js";
import { networkPoolRef, taskReply, tasksInProgress } from "./refs.js";
import { listOf, textOf } from "../store/document-values.js";

const REFERENCES = "/admin/extension/networkPoolReferences";

const KINDS: Readonly<Record<string, NetworkPoolKind>> = {
  "vmext:VlanPoolType": "vlan",
  "vmext:PortGroupPoolType": "portgroup",
  "vmext:VxlanPoolType": "vxlan",
};

/** How many networks draw from it: the isolated and routed networks of the org VDCs using it. */
function usedNetworks(ctx: Ctx, p: NetworkPool): number {
  const { vdcs } = new NetworkPoolRules(ctx.store).usersOf(p);
  const ids = new Set(vdcs.flatMap((v) => v.networkIds));
  return [...ids].filter((id) => {
    const n = ctx.store.networks.get(id);
    return n !== undefined && n.fenceMode !== "bridged";
  }).length;
}

function poolValue(ctx: Ctx, p: NetworkPool): Value {
  const h = ctx.hrefs;
  const server = ctx.store.provider.vimServers.get(p.vimServerId);
  const path = providerPaths.networkPool(p.id);
  const switchRef =
    server && p.switch !== undefined
      ? { VimSwitchRef: vimObjectRef(ctx, server, p.switch, "DV_SWITCH") }
      : {};
  const own: Value =
    p.kind === "vlan"
      ? {
          VlanRange: p.vlanRanges.map((r) => ({ Start: r.start, End: r.end })),
          ...switchRef,
        }
      : p.kind === "portgroup"
        ? {
            PortGroupRefs: {
              VimObjectRef: server
                ? p.portGroups.map((moref) =>
                    vimObjectRef(
                      ctx,
                      server,
                      moref,
                      server.networks.find((n) => n.moref === moref)?.type ??
                        "DV_PORTGROUP",
                    ),
                  )
                : [],
            },
            ...(server ? { VimServer: vimServerRef(ctx, server) } : {}),
          }
        : switchRef;
  return {
    $type: `vmext:${typeNameOf(p.kind)}`,
    name: p.name,
    id: urn("networkpool", p.id),
    href: h.abs(path),
    type: NETWORK_POOL_MT.pool,
    status: p.ready ? 1 : 0,
    Link: [
      ...h.link("up", "GET", REFERENCES, NETWORK_POOL_MT.references),
      ...h.link("edit", "PUT", path, NETWORK_POOL_MT.pool),
      ...h.link("remove", "DELETE", path),
    ],
    ...(p.description !== undefined ? { Description: p.description } : {}),
    ...tasksInProgress(ctx, p.id),
    ...own,
    UsedNetworksCount: usedNetworks(ctx, p),
  };
}

/** A request's `VMWNetworkPool`, by its `xsi:type`. */
function paramsOf(b: Value): NetworkPoolParams {
  const typeName = textOf(b.$type) ?? "vmext:VMWNetworkPoolType";
  const kind = KINDS[typeName];
  const switchRef = b.VimSwitchRef as Value | undefined;
  const zone = b.TransportZoneRef as Value | undefined;
  return {
    name: textOf(b.name) ?? "",
    description: textOf(b.Description),
    kind,
    typeName: typeName.replace(/^vmext:/, ""),
    vimServerId:
      kind === "portgroup"
        ? idOfRef(b.VimServer)
        : idOfRef(switchRef?.VimServerRef ?? zone?.VimServerRef),
    ...(textOf(switchRef?.MoRef) !== undefined
      ? { switch: textOf(switchRef?.MoRef) }
      : {}),
    vlanRanges: listOf(b.VlanRange).map((r) => ({
      start: Number(r.Start),
      end: Number(r.End),
    })),
    portGroups: listOf(
      (b.PortGroupRefs as Value | undefined)?.VimObjectRef,
    ).map((r) => textOf(r.MoRef) ?? ""),
  };
}

const rules = (ctx: Ctx) => new NetworkPoolRules(ctx.store);
const poolOf = (ctx: Ctx): NetworkPool =>
  // handlers/entities.ts has refused an id that names no network pool
  ctx.store.provider.networkPools.get(ctx.params.id)!;

export const providerNetworkPoolHandlers: HandlerTable = {
  "GET /admin/extension/networkPoolReferences": {
    handle: (ctx) =>
      ok(
        "vmext:VMWNetworkPoolReferences",
        {
          href: ctx.hrefs.abs(REFERENCES),
          type: NETWORK_POOL_MT.references,
          NetworkPoolReference: [...ctx.store.provider.networkPools.values()]
            .filter((p) => p.ready)
            .map((p) => networkPoolRef(ctx, p)),
        },
        NETWORK_POOL_MT.references,
      ),
  },
  "POST /admin/extension/networkPools": {
    handle: (ctx) => {
      const { pool } = rules(ctx).create(ctx.user, paramsOf(bodyValue(ctx)));
      return {
        status: 201,
        doc: { element: "vmext:VMWNetworkPool", value: poolValue(ctx, pool) },
        mediaType: NETWORK_POOL_MT.created,
        headers: {
          Location: ctx.hrefs.abs(providerPaths.networkPool(pool.id)),
        },
      };
    },
  },
  "GET /admin/extension/networkPool/{id}": {
    handle: (ctx) =>
      ok(
        "vmext:VMWNetworkPool",
        poolValue(ctx, poolOf(ctx)),
        NETWORK_POOL_MT.pool,
      ),
  },
  "PUT /admin/extension/networkPool/{id}": {
    handle: (ctx) => {
      const pool = poolOf(ctx);
      rules(ctx).update(ctx.user, pool, paramsOf(bodyValue(ctx)));
      return ok(
        "vmext:VMWNetworkPool",
        poolValue(ctx, pool),
        NETWORK_POOL_MT.pool,
      );
    },
  },
  "DELETE /admin/extension/networkPool/{id}": {
    handle: (ctx) => taskReply(ctx, rules(ctx).remove(ctx.user, poolOf(ctx))),
  },
  "POST /admin/extension/networkPool/{id}/action/repair": {
    handle: (ctx) =>
      taskReply(ctx, rules(ctx).maintain(ctx.user, poolOf(ctx), "repair")),
  },
  "POST /admin/extension/networkPool/{id}/action/sync": {
    handle: (ctx) =>
      taskReply(ctx, rules(ctx).maintain(ctx.user, poolOf(ctx), "sync")),
  },
};
