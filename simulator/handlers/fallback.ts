/**
 * vcd-codegen runtime, simulator: operations outside the stateful core. Once the pipeline has found
 * the entities their path names and the caller's right to them (handlers/entities.ts), they answer a
 * minimal valid document of the declared response type (a task that succeeds with nothing to do
 * where a task is declared: a vApp's or VM's own, busy while it runs, or else its organization's),
 * or 204 where nothing is declared. The entities the body's hrefs name
 * on this server (a `Source`, a `Reference`) are checked first as the path's are (entities.ts).
 */
import type { Ctx, Reply } from "./context.js";
import { bodyEntities } from "./entities.js";
import type { MinimalInstances } from "./minimal.js";
import { taskReply } from "./refs.js";
import { targetOf } from "./target.js";

export function fallback(ctx: Ctx, minimal: MinimalInstances): Reply {
  bodyEntities(ctx.store, ctx.user, ctx.hrefs.base, ctx.body?.value);
  const shape = ctx.op.responses[0];
  if (!shape) return { status: 204 };
  if (shape.element === "vcloud:Task") {
    // A vApp's or VM's operation: its task belongs to it (busy while it runs), as vCD's do.
    if (ctx.op.path.startsWith("/vApp/{id}"))
      return taskReply(
        ctx,
        ctx.rules.statelessTask(ctx.user, targetOf(ctx), ctx.op.name),
      );
    const org = ctx.store.orgs.get(ctx.user.orgId)!;
    const task = ctx.store.tasks.start({
      operationName: ctx.op.name,
      operation: `${ctx.op.method} ${ctx.op.path}`,
      owner: { kind: "org", id: org.id, name: org.name },
      orgId: org.id,
      userId: ctx.user.id,
      apply: () => undefined,
    });
    return taskReply(ctx, task);
  }
  const doc = minimal.element(shape.element);
  if (!doc) return { status: 204 };
  return {
    status: ctx.op.method === "POST" ? 201 : 200,
    doc,
    mediaType: shape.mediaType,
  };
}
