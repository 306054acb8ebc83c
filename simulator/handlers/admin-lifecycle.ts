/**
 * vcd-codegen runtime, simulator: enabling and disabling organizations and VDCs (204), and deleting
 * them (202 with the task that removes them). Rules in store/admin-lifecycle.ts.
 */
import { LifecycleRules } from "../store/admin-lifecycle.js";
import type { Ctx, HandlerTable, Reply } from "./context.js";
import { taskReply } from "./refs.js";

const rules = (ctx: Ctx) => new LifecycleRules(ctx.store);
const vdc = (ctx: Ctx) => ctx.store.vdc(ctx.user, ctx.params.id);
const org = (ctx: Ctx) => ctx.store.org(ctx.user, ctx.params.id);
const done: Reply = { status: 204 };

export const lifecycleHandlers: HandlerTable = {
  "POST /admin/vdc/{id}/action/enable": {
    handle: (ctx) => (rules(ctx).enableVdc(ctx.user, vdc(ctx), true), done),
  },
  "POST /admin/vdc/{id}/action/disable": {
    handle: (ctx) => (rules(ctx).enableVdc(ctx.user, vdc(ctx), false), done),
  },
  "DELETE /admin/vdc/{id}": {
    handle: (ctx) =>
      taskReply(ctx, rules(ctx).deleteVdc(ctx.user, vdc(ctx), [ctx.op.name])),
  },
  "POST /admin/org/{id}/action/enable": {
    handle: (ctx) => (rules(ctx).enableOrg(ctx.user, org(ctx), true), done),
  },
  "POST /admin/org/{id}/action/disable": {
    handle: (ctx) => (rules(ctx).enableOrg(ctx.user, org(ctx), false), done),
  },
  "DELETE /admin/org/{id}": {
    handle: (ctx) =>
      taskReply(ctx, rules(ctx).deleteOrg(ctx.user, org(ctx), [ctx.op.name])),
  },
};
