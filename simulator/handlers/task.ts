/** vcd-codegen runtime, simulator: tasks: reading one (which moves it on) and cancelling it. */
import { noAccess } from "../fault.js";
import type { Ctx, HandlerTable } from "./context.js";
import { taskValue } from "./refs.js";

function visibleTask(ctx: Ctx, poll: boolean) {
  const id = ctx.params.id;
  const task = poll ? ctx.store.tasks.poll(id) : ctx.store.tasks.get(id);
  if (!task || !ctx.store.canSee(ctx.user, task.orgId))
    throw noAccess("task", id);
  return task;
}

export const taskHandlers: HandlerTable = {
  "GET /task/{id}": {
    handle: (ctx) => ({
      status: 200,
      doc: {
        element: "vcloud:Task",
        value: taskValue(ctx, visibleTask(ctx, true)),
      },
    }),
  },
  "POST /task/{id}/action/cancel": {
    handle: (ctx) => {
      ctx.store.tasks.cancel(visibleTask(ctx, false));
      return { status: 204 };
    },
  },
};
