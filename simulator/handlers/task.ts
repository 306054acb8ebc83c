/**
 * vcd-codegen runtime, simulator: tasks: reading one (which moves it on) and cancelling it. A task
 * about a vApp is bound by the vApp's access settings (reading it `ReadOnly`, cancelling `Change`;
 * the pipeline checks the level, entities.ts), as the vApp it names would be.
 */
import { noAccess } from "../fault.js";
import type { Ctx, HandlerTable } from "./context.js";
import { taskValue } from "./refs.js";

function visibleTask(ctx: Ctx, poll: boolean) {
  const id = ctx.params.id;
  const task = poll ? ctx.store.tasks.poll(id) : ctx.store.tasks.get(id);
  if (!task || !ctx.store.mayReadTask(ctx.user, task))
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
