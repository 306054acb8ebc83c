/**
 * vcd-codegen runtime, simulator: the blocking-task settings (`/admin/extension/settings/blockingTask`
 * and its `operations` list), the system's active blocking tasks (`/admin/extension/blockingTasks`,
 * a `BlockingTaskReferences`), one blocking task with its action links, and the actions `resume`,
 * `abort`, `fail` (a `BlockingTaskOperationParams`, 204) and `updateProgress` (a
 * `BlockingTaskUpdateProgressParams`, answered with the blocking task). The rules are the store's
 * (../blocking-tasks/blocking-tasks.ts). The operations table declares no body for the settings'
 * PUTs; the bodies are the types vCD documents for them (`BlockingTaskSettingsType`, and
 * `TaskOperationListType` as `vmext:BlockingTaskOperations`).
 */
import { badRequest, noAccess } from "../fault.js";
import {
  TIMEOUT_ACTIONS,
  type BlockingTask,
  type TimeoutAction,
} from "../blocking-tasks/blocking-tasks.js";
import { urn } from "../store/ids.js";
import { bodyValue, ok, type Ctx, type HandlerTable } from "./context.js";
import { entityRef, orgRef, userRef } from "./refs.js";

const SETTINGS = "/admin/extension/settings/blockingTask";
const MT = {
  settings: "application/vnd.vmware.admin.blockingTaskSettings+xml",
  operations: "application/vnd.vmware.admin.taskOperationList+xml",
  list: "application/vnd.vmware.admin.blockingTaskList+xml",
  task: "application/vnd.vmware.admin.blockingTask+xml",
  params: "application/vnd.vmware.admin.blockingTaskOperationParams+xml",
  progress:
    "application/vnd.vmware.admin.blockingTaskUpdateProgressOperationParams+xml",
  extension: "application/vnd.vmware.admin.vmwExtension+xml",
};

type Value = Record<string, unknown>;

const operationsOf = (v: unknown): string[] => {
  const ops = (v as { Operation?: unknown } | undefined)?.Operation;
  const list = Array.isArray(ops) ? ops : ops === undefined ? [] : [ops];
  return list.map((o) => String(o).trim()).filter((o) => o !== "");
};

function settingsValue(ctx: Ctx): Value {
  const s = ctx.store.blockingTasks.settings;
  return {
    href: ctx.hrefs.abs(SETTINGS),
    type: MT.settings,
    Link: [
      ...ctx.hrefs.link("edit", "PUT", SETTINGS, MT.settings),
      ...ctx.hrefs.link("down", "GET", `${SETTINGS}/operations`, MT.operations),
    ],
    TimeoutAction: s.timeoutAction,
    BlockingTaskOperations: { Operation: [...s.operations] },
    // an xs:long: the package reads and writes it as a string
    TimeoutInMilliseconds: String(s.timeoutMs),
  };
}

const operationsValue = (ctx: Ctx): Value => ({
  href: ctx.hrefs.abs(`${SETTINGS}/operations`),
  type: MT.operations,
  Operation: [...ctx.store.blockingTasks.settings.operations],
});

function timeoutActionOf(v: unknown): TimeoutAction {
  const action = String(v ?? "").trim();
  if (!(TIMEOUT_ACTIONS as readonly string[]).includes(action))
    throw badRequest(
      `TimeoutAction must be one of ${TIMEOUT_ACTIONS.join(", ")}, not "${action}".`,
    );
  return action as TimeoutAction;
}

const path = (bt: BlockingTask): string =>
  `/admin/extension/blockingTask/${bt.id}`;

function blockingTaskValue(ctx: Ctx, bt: BlockingTask): Value {
  const h = ctx.hrefs;
  const at = path(bt);
  const task = ctx.store.tasks.get(bt.taskId);
  const org = ctx.store.orgs.get(bt.orgId);
  const actions =
    bt.status === "active"
      ? [
          ...h.link("resume", "POST", `${at}/action/resume`, MT.params),
          ...h.link("abort", "POST", `${at}/action/abort`, MT.params),
          ...h.link("fail", "POST", `${at}/action/fail`, MT.params),
          ...h.link(
            "updateProgress",
            "POST",
            `${at}/action/updateProgress`,
            MT.progress,
          ),
        ]
      : [];
  return {
    status: bt.status,
    timeoutDate: new Date(bt.timeoutAt).toISOString(),
    timeoutAction: bt.timeoutAction,
    createdTime: new Date(bt.created).toISOString(),
    name: bt.name,
    id: urn("blockingTask", bt.id),
    href: h.abs(at),
    type: MT.task,
    Link: [
      ...actions,
      ...(task
        ? h.link(
            "up",
            "GET",
            h.task(task.id),
            "application/vnd.vmware.vcloud.task+xml",
          )
        : []),
    ],
    ...(bt.message !== undefined ? { Description: bt.message } : {}),
    Organization: org ? orgRef(ctx, org) : { href: h.abs(h.org(bt.orgId)) },
    User: userRef(ctx, ctx.store.users.get(bt.userId)),
    TaskOwner: entityRef(ctx, bt.owner),
  };
}

function blockingTaskOf(ctx: Ctx): BlockingTask {
  const bt = ctx.store.blockingTasks.get(ctx.params.id);
  if (!bt) throw noAccess("blockingTask", ctx.params.id);
  return bt;
}

const messageOf = (ctx: Ctx): string =>
  String(bodyValue(ctx).Message ?? "").trim();

export const blockingTaskHandlers: HandlerTable = {
  "GET /admin/extension/settings/blockingTask": {
    handle: (ctx) =>
      ok("vmext:BlockingTaskSettings", settingsValue(ctx), MT.settings),
  },
  "PUT /admin/extension/settings/blockingTask": {
    body: {
      mediaType: MT.settings,
      type: "vmext:BlockingTaskSettingsType",
      element: "vmext:BlockingTaskSettings",
    },
    handle: (ctx) => {
      const b = bodyValue(ctx);
      const timeoutMs = Number(b.TimeoutInMilliseconds);
      if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 0)
        throw badRequest("TimeoutInMilliseconds must be 0 or more.");
      ctx.store.blockingTasks.settings = {
        timeoutAction: timeoutActionOf(b.TimeoutAction),
        timeoutMs,
        operations: operationsOf(b.BlockingTaskOperations),
      };
      return ok("vmext:BlockingTaskSettings", settingsValue(ctx), MT.settings);
    },
  },
  "GET /admin/extension/settings/blockingTask/operations": {
    handle: (ctx) =>
      ok("vmext:BlockingTaskOperations", operationsValue(ctx), MT.operations),
  },
  "PUT /admin/extension/settings/blockingTask/operations": {
    body: {
      mediaType: MT.operations,
      type: "vcloud:TaskOperationListType",
      element: "vmext:BlockingTaskOperations",
    },
    handle: (ctx) => {
      const s = ctx.store.blockingTasks.settings;
      ctx.store.blockingTasks.settings = {
        ...s,
        operations: operationsOf(bodyValue(ctx)),
      };
      return ok(
        "vmext:BlockingTaskOperations",
        operationsValue(ctx),
        MT.operations,
      );
    },
  },
  "GET /admin/extension/blockingTasks": {
    handle: (ctx) =>
      ok(
        "vmext:BlockingTaskReferences",
        {
          href: ctx.hrefs.abs("/admin/extension/blockingTasks"),
          type: MT.list,
          Link: ctx.hrefs.link("up", "GET", "/admin/extension", MT.extension),
          Reference: ctx.store.blockingTasks.active().map((bt) => ({
            href: ctx.hrefs.abs(path(bt)),
            id: urn("blockingTask", bt.id),
            name: bt.name,
            type: MT.task,
          })),
        },
        MT.list,
      ),
  },
  "GET /admin/extension/blockingTask/{id}": {
    handle: (ctx) =>
      ok(
        "vmext:BlockingTask",
        blockingTaskValue(ctx, blockingTaskOf(ctx)),
        MT.task,
      ),
  },
  "POST /admin/extension/blockingTask/{id}/action/resume": {
    handle: (ctx) => {
      ctx.store.blockingTasks.resume(blockingTaskOf(ctx), messageOf(ctx));
      return { status: 204 };
    },
  },
  "POST /admin/extension/blockingTask/{id}/action/abort": {
    handle: (ctx) => {
      ctx.store.blockingTasks.abort(blockingTaskOf(ctx), messageOf(ctx));
      return { status: 204 };
    },
  },
  "POST /admin/extension/blockingTask/{id}/action/fail": {
    handle: (ctx) => {
      ctx.store.blockingTasks.fail(blockingTaskOf(ctx), messageOf(ctx));
      return { status: 204 };
    },
  },
  "POST /admin/extension/blockingTask/{id}/action/updateProgress": {
    handle: (ctx) => {
      const bt = blockingTaskOf(ctx);
      const b = bodyValue(ctx);
      const raw = b.TimeoutValueInMilliseconds;
      const timeoutMs = raw === undefined ? undefined : Number(raw);
      if (
        timeoutMs !== undefined &&
        (!Number.isFinite(timeoutMs) || timeoutMs < 0)
      )
        throw badRequest("TimeoutValueInMilliseconds must be 0 or more.");
      ctx.store.blockingTasks.updateProgress(bt, messageOf(ctx), timeoutMs);
      return ok("vmext:BlockingTask", blockingTaskValue(ctx, bt), MT.task);
    },
  },
};
