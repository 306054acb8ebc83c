/**
 * vcd-codegen runtime, simulator: a vApp's `NetworkConfigSection` (GET, and PUT: a task of the vApp,
 * checked first, applied when the task succeeds), and the section as the vApp's own body lists it.
 * Rules in store/vapp-network-rules.ts (networks, fence modes, IP scopes), store/vapp-network-
 * features.ts (NAT, firewall, DHCP, static routes) and store/vm-addresses.ts (VMs' addresses).
 */
import { badRequest } from "../fault.js";
import type { VApp, VAppNetwork, VAppTemplate, Value } from "../store/model.js";
import { connections } from "../store/vm-rules.js";
import { VAppNetworkRules } from "../store/vapp-network-rules.js";
import { checkAddressesKept } from "../store/vm-addresses.js";
import { bodyValue, ok, type Ctx, type HandlerTable } from "./context.js";
import { kindOf, uuidOf } from "./hrefs.js";
import { MT } from "./media-types.js";
import { taskReply } from "./refs.js";
import { targetOf } from "./target.js";

export const NETWORK_CONFIG_SECTION =
  "application/vnd.vmware.vcloud.networkConfigSection+xml";

/** The vApp's NetworkConfigSection (without `$element`): its networks, each parent as a reference. */
export function networkConfigSection(ctx: Ctx, vapp: VApp): Value {
  const path = `${ctx.hrefs.vapp(vapp.id)}/networkConfigSection/`;
  const networks = new VAppNetworkRules(ctx.store).networks(vapp);
  return sectionValue(ctx, path, networks, true);
}

/**
 * A vApp template's NetworkConfigSection: one network per network its VMs connect to, bridged to
 * the org VDC network of that name in the template's VDC (what instantiating it gives by default);
 * read only in the simulator (a PUT gets the fallback's answer).
 */
function templateSection(ctx: Ctx, template: VAppTemplate): Value {
  const rules = new VAppNetworkRules(ctx.store);
  const names = new Set(
    template.vms.flatMap((vm) => connections(vm).map((c) => String(c.network))),
  );
  names.delete("none");
  const path = `${ctx.hrefs.vAppTemplate(template.id)}/networkConfigSection/`;
  const networks = [...names].map((name) =>
    rules.defaultNetwork(template, name),
  );
  return sectionValue(ctx, path, networks, false);
}

function sectionValue(
  ctx: Ctx,
  path: string,
  networks: readonly VAppNetwork[],
  editable: boolean,
): Value {
  const h = ctx.hrefs;
  return {
    href: h.abs(path),
    type: NETWORK_CONFIG_SECTION,
    required: false,
    Info: { $value: "The configuration parameters for logical networks" },
    ...(editable
      ? { Link: h.link("edit", "PUT", path, NETWORK_CONFIG_SECTION) }
      : {}),
    NetworkConfig: networks.map((n) => {
      const parent = n.parentId
        ? ctx.store.networks.get(n.parentId)
        : undefined;
      const configuration = (n.config.Configuration ?? {}) as Value;
      return {
        ...n.config,
        networkName: n.name,
        Configuration: {
          ...configuration,
          ...(parent
            ? {
                ParentNetwork: {
                  href: h.abs(h.network(parent.id)),
                  name: parent.name,
                  type: MT.network,
                },
              }
            : {}),
        },
      };
    }),
  };
}

function vappOnly(ctx: Ctx): VApp {
  const { vapp, vm } = targetOf(ctx);
  if (vm)
    throw badRequest(
      "The NetworkConfigSection belongs to the vApp, not to its VMs.",
    );
  return vapp;
}

export const vappNetworkHandlers: HandlerTable = {
  "GET /vAppTemplate/{id}/networkConfigSection": {
    handle: (ctx) => {
      if (kindOf(ctx.params.id) !== "vappTemplate")
        throw badRequest(
          "The NetworkConfigSection belongs to the vApp template, not to its VMs.",
        );
      const template = ctx.store.template(ctx.user, uuidOf(ctx.params.id));
      return ok(
        "vcloud:NetworkConfigSection",
        templateSection(ctx, template),
        NETWORK_CONFIG_SECTION,
      );
    },
  },
  "GET /vApp/{id}/networkConfigSection": {
    handle: (ctx) =>
      ok(
        "vcloud:NetworkConfigSection",
        networkConfigSection(ctx, vappOnly(ctx)),
        NETWORK_CONFIG_SECTION,
      ),
  },
  "PUT /vApp/{id}/networkConfigSection": {
    handle: (ctx) => {
      const vapp = vappOnly(ctx);
      const rules = new VAppNetworkRules(ctx.store);
      const networks = rules.check(vapp, bodyValue(ctx), vapp.vms);
      rules.checkInUse(vapp, networks);
      checkAddressesKept(ctx.store, vapp, networks);
      ctx.rules.requireIdle({ vapp });
      const task = ctx.store.tasks.start({
        operationName: "vappUpdateVapp",
        aliases: [ctx.op.name],
        operation: `Updating Virtual Application ${vapp.name}(${vapp.id})`,
        owner: { kind: "vApp", id: vapp.id, name: vapp.name },
        orgId: vapp.orgId,
        userId: ctx.user.id,
        apply: () => {
          vapp.networkConfig = networks;
          vapp.networks = networks.map((n) => n.name);
        },
      });
      return taskReply(ctx, task);
    },
  },
};
