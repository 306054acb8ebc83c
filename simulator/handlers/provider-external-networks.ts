/**
 * vcd-codegen runtime, simulator: external networks (provider API, system administrator only): made
 * from a port group of a registered vCenter (`externalnets`: 201 with the `VMWExternalNetwork` and
 * its creation task in `Tasks`), listed (`externalNetworkReferences`), read, changed (`PUT`: 200
 * with the network and the task changing it in `Tasks`, the declared answer being the network),
 * deleted (a task). Rules in provider/external-networks.ts.
 */
import { ExternalNetworkRules } from "../provider/external-networks.js";
import { EXTERNAL_NETWORK_MT, providerPaths } from "../provider/media-types.js";
import type { ExternalNetwork } from "../provider/model.js";
import { urn } from "../store/ids.js";
import type { Value } from "../store/model.js";
import { without } from "../store/without.js";
import { bodyValue, ok, type Ctx, type HandlerTable } from "./context.js";
import { idOfRef } from "./hrefs.js";
import { vimObjectRef } from "./provider-vcenter.js";
import { taskReply, taskValue, tasksInProgress } from "./refs.js";
import { listOf, textOf } from "../store/document-values.js";

const path = providerPaths.externalNetwork;
function networkValue(ctx: Ctx, n: ExternalNetwork): Value {
  const h = ctx.hrefs;
  const server = ctx.store.provider.vimServers.get(n.vimServerId);
  return {
    name: n.name,
    id: urn("network", n.id),
    href: h.abs(path(n.id)),
    type: EXTERNAL_NETWORK_MT.network,
    Link: [
      ...h.link(
        "up",
        "GET",
        "/admin/extension/externalNetworkReferences",
        EXTERNAL_NETWORK_MT.references,
      ),
      ...h.link("edit", "PUT", path(n.id), EXTERNAL_NETWORK_MT.network),
      ...h.link("remove", "DELETE", path(n.id)),
    ],
    ...(n.description !== undefined ? { Description: n.description } : {}),
    ...tasksInProgress(ctx, n.id),
    Configuration: { ...n.configuration, FenceMode: "isolated" },
    ...(server
      ? {
          VimPortGroupRef: vimObjectRef(
            ctx,
            server,
            n.portGroup,
            n.portGroupType,
          ),
        }
      : {}),
  };
}

/** The `Configuration` a body sends, without what the simulator writes (FenceMode, links). */
const configurationOf = (b: Value): Value =>
  without((b.Configuration ?? {}) as Value, "FenceMode", "Link");

const networkOf = (ctx: Ctx): ExternalNetwork =>
  // handlers/entities.ts has refused an id that names no external network
  ctx.store.provider.externalNetworks.get(ctx.params.id)!;

export const providerExternalNetworkHandlers: HandlerTable = {
  "GET /admin/extension/externalNetworkReferences": {
    handle: (ctx) =>
      ok(
        "vmext:VMWExternalNetworkReferences",
        {
          href: ctx.hrefs.abs("/admin/extension/externalNetworkReferences"),
          type: EXTERNAL_NETWORK_MT.references,
          ExternalNetworkReference: [
            ...ctx.store.provider.externalNetworks.values(),
          ].map((n) => ({
            href: ctx.hrefs.abs(path(n.id)),
            name: n.name,
            type: EXTERNAL_NETWORK_MT.network,
          })),
        },
        EXTERNAL_NETWORK_MT.references,
      ),
  },
  "POST /admin/extension/externalnets": {
    handle: (ctx) => {
      const b = bodyValue(ctx);
      const ref = (b.VimPortGroupRef ??
        listOf((b.VimPortGroupRefs as Value | undefined)?.VimObjectRef)[0] ??
        {}) as Value;
      const { network, task } = new ExternalNetworkRules(ctx.store).create(
        ctx.user,
        {
          name: textOf(b.name) ?? "",
          description: textOf(b.Description),
          vimServerId: idOfRef(ref.VimServerRef),
          portGroup: textOf(ref.MoRef) ?? "",
          configuration: configurationOf(b),
        },
      );
      return {
        status: 201,
        doc: {
          element: "vmext:VMWExternalNetwork",
          value: {
            ...networkValue(ctx, network),
            Tasks: { Task: [taskValue(ctx, task)] },
          },
        },
        mediaType: EXTERNAL_NETWORK_MT.network,
        headers: { Location: ctx.hrefs.abs(path(network.id)) },
      };
    },
  },
  "GET /admin/extension/externalnet/{id}": {
    handle: (ctx) =>
      ok(
        "vmext:VMWExternalNetwork",
        networkValue(ctx, networkOf(ctx)),
        EXTERNAL_NETWORK_MT.network,
      ),
  },
  "PUT /admin/extension/externalnet/{id}": {
    handle: (ctx) => {
      const network = networkOf(ctx);
      const b = bodyValue(ctx);
      const ref = (b.VimPortGroupRef ??
        listOf((b.VimPortGroupRefs as Value | undefined)?.VimObjectRef)[0]) as
        Value | undefined;
      const task = new ExternalNetworkRules(ctx.store).update(
        ctx.user,
        network,
        {
          name: textOf(b.name) ?? "",
          description: textOf(b.Description),
          portGroup: textOf(ref?.MoRef),
          configuration: configurationOf(b),
        },
      );
      return ok(
        "vmext:VMWExternalNetwork",
        {
          ...networkValue(ctx, network),
          Tasks: { Task: [taskValue(ctx, task)] },
        },
        EXTERNAL_NETWORK_MT.network,
      );
    },
  },
  "DELETE /admin/extension/externalnet/{id}": {
    handle: (ctx) =>
      taskReply(
        ctx,
        new ExternalNetworkRules(ctx.store).remove(ctx.user, networkOf(ctx)),
      ),
  },
};
