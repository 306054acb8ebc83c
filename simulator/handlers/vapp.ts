/**
 * vcd-codegen runtime, simulator: vApps and VMs: instantiation from a template (201 with the new vApp
 * and its running task), reading, editing its name and description, power operations,
 * deploy/undeploy and deletion (202 with a task).
 */
import { badRequest, noAccess } from "../fault.js";
import type { PowerAction } from "../store/vapps.js";
import {
  bodyValue,
  ok,
  type Ctx,
  type HandlerEntry,
  type HandlerTable,
} from "./context.js";
import { idOfHref, kindOf, uuidOf } from "./hrefs.js";
import { taskReply } from "./refs.js";
import { targetOf } from "./target.js";
import { networkSectionOf } from "./instantiation-params.js";
import {
  templateValue,
  templateVmValue,
  vappValue,
  vmValue,
} from "./vapp-view.js";

const power = (action: PowerAction): HandlerEntry => ({
  handle: (ctx) =>
    taskReply(
      ctx,
      ctx.rules.power(ctx.user, targetOf(ctx), action, [ctx.op.name]),
    ),
});

function instantiate(ctx: Ctx) {
  const vdc = ctx.store.vdc(ctx.user, ctx.params.id);
  const params = bodyValue(ctx);
  const source = params.Source as { href: string } | undefined;
  const sourceId = source ? idOfHref(source.href) : "";
  if (kindOf(sourceId) !== "vappTemplate")
    throw badRequest(
      `The source ${source?.href ?? ""} is not a vApp template.`,
    );
  const template = ctx.store.template(ctx.user, uuidOf(sourceId));
  const { vapp } = ctx.rules.instantiate(
    ctx.user,
    vdc,
    template,
    {
      name: typeof params.name === "string" ? params.name : "",
      ...(typeof params.Description === "string"
        ? { description: params.Description }
        : {}),
      powerOn: params.powerOn === true,
      deploy: params.deploy === true,
      ...networkSectionOf(params),
    },
    [ctx.op.name],
  );
  const href = ctx.hrefs.abs(ctx.hrefs.vapp(vapp.id));
  return {
    status: 201,
    doc: { element: "vcloud:VApp", value: vappValue(ctx, vapp) },
    headers: { Location: href },
  };
}

export const vappHandlers: HandlerTable = {
  "POST /vdc/{id}/action/instantiateVAppTemplate": { handle: instantiate },
  "GET /vApp/{id}": {
    handle: (ctx) => {
      const { vapp, vm } = targetOf(ctx);
      return vm
        ? ok("vcloud:Vm", vmValue(ctx, vapp, vm))
        : ok("vcloud:VApp", vappValue(ctx, vapp));
    },
  },
  "PUT /vApp/{id}": {
    handle: (ctx) => {
      const body = bodyValue(ctx);
      return taskReply(
        ctx,
        ctx.rules.edit(
          ctx.user,
          targetOf(ctx),
          {
            name: typeof body.name === "string" ? body.name : "",
            ...(typeof body.Description === "string"
              ? { description: body.Description }
              : {}),
          },
          [ctx.op.name],
        ),
      );
    },
  },
  "DELETE /vApp/{id}": {
    handle: (ctx) =>
      taskReply(ctx, ctx.rules.remove(ctx.user, targetOf(ctx), [ctx.op.name])),
  },
  "POST /vApp/{id}/power/action/powerOn": power("powerOn"),
  "POST /vApp/{id}/power/action/powerOff": power("powerOff"),
  "POST /vApp/{id}/power/action/reboot": power("reboot"),
  "POST /vApp/{id}/power/action/reset": power("reset"),
  "POST /vApp/{id}/power/action/shutdown": power("shutdown"),
  "POST /vApp/{id}/power/action/suspend": power("suspend"),
  "POST /vApp/{id}/action/deploy": {
    handle: (ctx) =>
      taskReply(
        ctx,
        ctx.rules.deploy(
          ctx.user,
          targetOf(ctx),
          bodyValue(ctx).powerOn !== false,
          [ctx.op.name],
        ),
      ),
  },
  "POST /vApp/{id}/action/undeploy": {
    handle: (ctx) =>
      taskReply(
        ctx,
        ctx.rules.undeploy(ctx.user, targetOf(ctx), [ctx.op.name]),
      ),
  },
  "GET /vAppTemplate/{id}": {
    handle: (ctx) => {
      const id = ctx.params.id;
      if (kindOf(id) === "vm") {
        const { template, vm } = ctx.store.templateVm(ctx.user, uuidOf(id));
        return ok("vcloud:VAppTemplate", templateVmValue(ctx, template, vm));
      }
      if (kindOf(id) !== "vappTemplate") throw noAccess("vAppTemplate", id);
      return ok(
        "vcloud:VAppTemplate",
        templateValue(ctx, ctx.store.template(ctx.user, uuidOf(id))),
      );
    },
  },
};
