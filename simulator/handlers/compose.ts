/**
 * vcd-codegen runtime, simulator: compose, recompose, clone and capture: the requests' sources (a
 * vApp template, a template's VM, a vApp's VM, a vApp) resolved from their hrefs, then the rules of
 * store/compose.ts. Compose and clone answer 201 with the new vApp (its task inside), recompose and
 * capture to a catalog 202 with a task, capture to a VDC 201 with the new template. A clone that
 * moves (`IsSourceDelete`) needs on its source what deleting it does.
 */
import { badRequest, forbidden } from "../fault.js";
import { allows } from "../store/access-levels.js";
import { CompositionRules, type CreateParams } from "../store/compose.js";
import type { Value, Vm } from "../store/model.js";
import { RIGHTS } from "../store/rights.js";
import {
  bodyValue,
  type Ctx,
  type HandlerTable,
  type Reply,
} from "./context.js";
import { idOfHref, kindOf, uuidOf } from "./hrefs.js";
import { taskReply } from "./refs.js";
import { targetOf } from "./target.js";
import { networkSectionOf } from "./instantiation-params.js";
import { templateCreated, vappValue } from "./vapp-view.js";

const rules = (ctx: Ctx) => new CompositionRules(ctx.store, ctx.rules);
const hrefOf = (v: unknown): string =>
  String((v as { href?: unknown } | undefined)?.href ?? "");

/** The VMs an href names: a template's (all of them), a template VM, or a vApp's VM. */
function vmsOf(ctx: Ctx, href: string): Vm[] {
  const id = idOfHref(href);
  const kind = kindOf(id);
  if (kind === "vappTemplate")
    return ctx.store.template(ctx.user, uuidOf(id)).vms;
  if (kind === "vm")
    return href.includes("/vAppTemplate/")
      ? [ctx.store.templateVm(ctx.user, uuidOf(id)).vm]
      : [ctx.store.vm(ctx.user, uuidOf(id)).vm];
  throw badRequest(`The source ${href} is not a vApp template or a VM.`);
}

function vappOf(ctx: Ctx, href: string) {
  const id = idOfHref(href);
  if (kindOf(id) !== "vapp")
    throw badRequest(`The source ${href} is not a vApp.`);
  return ctx.store.vapp(ctx.user, uuidOf(id));
}

function params(b: Value): CreateParams {
  return {
    name: typeof b.name === "string" ? b.name : "",
    ...(typeof b.Description === "string"
      ? { description: b.Description }
      : {}),
    powerOn: b.powerOn === true,
    deploy: b.deploy === true,
    ...networkSectionOf(b),
  };
}

const sourcedVms = (ctx: Ctx, b: Value): Vm[] =>
  ((b.SourcedItem as Value[] | undefined) ?? []).flatMap((item) =>
    vmsOf(ctx, hrefOf(item.Source)),
  );

function createdVApp(ctx: Ctx, vapp: Parameters<typeof vappValue>[1]): Reply {
  return {
    status: 201,
    doc: { element: "vcloud:VApp", value: vappValue(ctx, vapp) },
    headers: { Location: ctx.hrefs.abs(ctx.hrefs.vapp(vapp.id)) },
  };
}

export const composeHandlers: HandlerTable = {
  "POST /vdc/{id}/action/composeVApp": {
    handle: (ctx) => {
      const vdc = ctx.store.vdc(ctx.user, ctx.params.id);
      const b = bodyValue(ctx);
      const { vapp } = rules(ctx).compose(
        ctx.user,
        vdc,
        params(b),
        sourcedVms(ctx, b),
        [ctx.op.name],
      );
      return createdVApp(ctx, vapp);
    },
  },
  "POST /vdc/{id}/action/cloneVApp": {
    handle: (ctx) => {
      const vdc = ctx.store.vdc(ctx.user, ctx.params.id);
      const b = bodyValue(ctx);
      const source = vappOf(ctx, hrefOf(b.Source));
      const move = b.IsSourceDelete === true;
      // a move deletes the source: what deleting it needs (FullControl and the delete right)
      if (
        move &&
        !(
          allows(ctx.store.vappLevel(ctx.user, source), "FullControl") &&
          ctx.store.hasRight(ctx.user, RIGHTS.vappDelete)
        )
      )
        throw forbidden();
      const { vapp } = rules(ctx).clone(
        ctx.user,
        vdc,
        source,
        params(b),
        move,
        [ctx.op.name],
      );
      return createdVApp(ctx, vapp);
    },
  },
  "POST /vApp/{id}/action/recomposeVApp": {
    handle: (ctx) => {
      const { vapp, vm } = targetOf(ctx);
      if (vm) throw badRequest("Only a vApp can be recomposed.");
      const b = bodyValue(ctx);
      const remove = ((b.DeleteItem as Value[] | undefined) ?? []).map((d) =>
        uuidOf(idOfHref(hrefOf(d))),
      );
      return taskReply(
        ctx,
        rules(ctx).recompose(ctx.user, vapp, sourcedVms(ctx, b), remove, [
          ctx.op.name,
        ]),
      );
    },
  },
  "POST /catalog/{id}/action/captureVApp": {
    handle: (ctx) => {
      const catalog = ctx.store.catalog(ctx.user, ctx.params.id);
      const b = bodyValue(ctx);
      const source = vappOf(ctx, hrefOf(b.Source));
      const vdc = ctx.store.vdcs.get(source.vdcId)!;
      const name = typeof b.name === "string" ? b.name : "";
      const description =
        typeof b.Description === "string" ? b.Description : undefined;
      return taskReply(
        ctx,
        rules(ctx).capture(ctx.user, vdc, source, name, description, catalog, [
          ctx.op.name,
        ]).task,
      );
    },
  },
  "POST /vdc/{id}/action/captureVApp": {
    handle: (ctx) => {
      const vdc = ctx.store.vdc(ctx.user, ctx.params.id);
      const b = bodyValue(ctx);
      const source = vappOf(ctx, hrefOf(b.Source));
      const name = typeof b.name === "string" ? b.name : "";
      const description =
        typeof b.Description === "string" ? b.Description : undefined;
      const { template } = rules(ctx).capture(
        ctx.user,
        vdc,
        source,
        name,
        description,
        undefined,
        [ctx.op.name],
      );
      return templateCreated(ctx, template);
    },
  },
};
