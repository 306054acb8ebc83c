/**
 * vcd-codegen runtime, simulator: the Tasks and Events an extension service posts (vCloud API
 * Programming Guide 5.5, "Service-Specific Tasks and Events", ../shared/seeds/000_*.txt): a
 * system administrator POSTs a `Task` to an organization's tasks list (the admin organization's
 * `task:create` link) and is answered 200 with the task, which the organization's tasks list then
 * lists; it runs until the service PUTs it again with another status (`success`, `error` with its
 * `Error`, `aborted`) or a new `Progress`. "The system always creates an event message when a
 * service posts a Task": a `com/vmware/vcloud/event/task/create` event of the service's namespace
 * (the guide names no type for it). An `Event` POSTed to `/admin/org/{id}/events` (the
 * `event:create` link) is recorded as it is given (type, namespace, success, owner, user): the
 * `event` query then lists it.
 */
import { badRequest, noAccess } from "../fault.js";
import type { EntityRef, Task, Value } from "../store/model.js";
import { isDone } from "../store/tasks.js";
import { bodyValue, ok, type Ctx, type HandlerTable } from "./context.js";
import { idOfHref, uuidOf } from "./hrefs.js";
import { MT } from "./media-types.js";
import { taskValue } from "./refs.js";

const text = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;

/** The entity a reference names (an `Owner`), if the store keeps it; else the organization. */
function ownerOf(ctx: Ctx, ref: unknown, orgId: string): EntityRef {
  const href = text((ref as { href?: unknown } | undefined)?.href);
  const s = ctx.store;
  if (href) {
    const id = uuidOf(idOfHref(href));
    const segment = href.split("/").at(-2) ?? "";
    const found: EntityRef | undefined =
      segment === "vApp" && s.vapps.has(id)
        ? { kind: "vApp", id, name: s.vapps.get(id)!.name }
        : segment === "vdc" && s.vdcs.has(id)
          ? { kind: "vdc", id, name: s.vdcs.get(id)!.name }
          : segment === "catalog" && s.catalogs.has(id)
            ? { kind: "catalog", id, name: s.catalogs.get(id)!.name }
            : segment === "disk" && s.disks.has(id)
              ? { kind: "disk", id, name: s.disks.get(id)!.name }
              : segment === "org" && s.orgs.has(id)
                ? { kind: "org", id, name: s.orgs.get(id)!.name }
                : undefined;
    if (found) return found;
  }
  return { kind: "org", id: orgId, name: s.orgs.get(orgId)!.name };
}

const urnKind = (kind: EntityRef["kind"]): string =>
  kind === "vAppTemplate" ? "vapptemplate" : kind.toLowerCase();

function postedTask(ctx: Ctx): Task {
  const task = ctx.store.tasks.get(ctx.params.id);
  if (!task || !ctx.store.mayReadTask(ctx.user, task))
    throw noAccess("task", ctx.params.id);
  return task;
}

export const serviceTaskHandlers: HandlerTable = {
  "POST /tasksList/{id}": {
    handle: (ctx) => {
      if (!ctx.store.isSystemAdmin(ctx.user))
        throw noAccess("org", ctx.params.id);
      const org = ctx.store.org(ctx.user, ctx.params.id);
      const b = bodyValue(ctx);
      const operationName = text(b.operationName);
      if (!operationName) throw badRequest("A Task needs an operationName.");
      const namespace = text(b.serviceNamespace) ?? "com.vmware.vcloud";
      const owner = ownerOf(ctx, b.Owner, org.id);
      const task = ctx.store.tasks.start({
        operationName,
        operation: text(b.operation) ?? operationName,
        owner,
        orgId: org.id,
        userId: ctx.user.id,
        apply: () => {},
        held: true,
        serviceNamespace: namespace,
      });
      const progress = Number(b.Progress);
      if (Number.isFinite(progress)) ctx.store.tasks.progress(task, progress);
      ctx.store.events.record({
        type: "com/vmware/vcloud/event/task/create",
        success: true,
        entity: { kind: "task", id: task.id, name: operationName },
        orgId: org.id,
        userId: ctx.user.id,
        taskId: task.id,
        taskOwner: {
          kind: urnKind(owner.kind),
          id: owner.id,
          name: owner.name,
        },
        serviceNamespace: namespace,
        description: task.operation,
      });
      if (b.status === "success") ctx.store.tasks.release(task);
      return ok("vcloud:Task", taskValue(ctx, task), MT.task);
    },
  },
  "PUT /task/{id}": {
    handle: (ctx) => {
      const task = postedTask(ctx);
      if (
        !ctx.store.isSystemAdmin(ctx.user) ||
        task.serviceNamespace === undefined
      )
        throw badRequest(
          "Only a task an extension service posted to a tasks list can be updated.",
        );
      if (isDone(task))
        throw badRequest(`The task ${task.id} has ended (${task.status}).`);
      const b = bodyValue(ctx);
      const progress = Number(b.Progress);
      if (Number.isFinite(progress)) ctx.store.tasks.progress(task, progress);
      if (b.status === "success") ctx.store.tasks.release(task);
      else if (b.status === "error")
        ctx.store.tasks.release(
          task,
          text((b.Error as Value | undefined)?.message) ?? "The task failed.",
        );
      else if (b.status === "aborted") ctx.store.tasks.cancel(task);
      return ok("vcloud:Task", taskValue(ctx, task), MT.task);
    },
  },
  "POST /admin/org/{id}/events": {
    handle: (ctx) => {
      if (!ctx.store.isSystemAdmin(ctx.user))
        throw noAccess("org", ctx.params.id);
      const org = ctx.store.org(ctx.user, ctx.params.id);
      const b = bodyValue(ctx);
      const type = text(b.type) ?? text(b.typeFull);
      if (!type) throw badRequest("An Event needs a type.");
      const owner = ownerOf(ctx, b.Owner, org.id);
      const userHref = text((b.User as Value | undefined)?.href);
      const userId =
        userHref && ctx.store.users.has(idOfHref(userHref))
          ? idOfHref(userHref)
          : ctx.user.id;
      ctx.store.events.record({
        type,
        success: b.success !== false,
        entity: { kind: urnKind(owner.kind), id: owner.id, name: owner.name },
        orgId: org.id,
        userId,
        serviceNamespace: text(b.serviceNamespace) ?? "com.vmware.vcloud",
        ...(text(b.Description) ? { description: text(b.Description) } : {}),
      });
      return { status: 204 };
    },
  },
};
