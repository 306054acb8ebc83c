/**
 * vcd-codegen runtime, simulator: references (`vcloud:ReferenceType` values) to the store's entities,
 * and the rendering of tasks, shared by the resource handlers.
 */
import {
  EXTERNAL_NETWORK_MT,
  NETWORK_POOL_MT,
  PROVIDER_MT,
  providerPaths,
} from "../provider/media-types.js";
import type { NetworkPool } from "../provider/model.js";
import { urn } from "../store/ids.js";
import type { EntityRef, Org, Task, User, Value } from "../store/model.js";
import { isDone } from "../store/tasks.js";
import type { Ctx, Reply } from "./context.js";
import { MT } from "./media-types.js";

/** A `vcloud:ReferenceType` value. */
export interface RefValue {
  readonly href: string;
  readonly name: string;
  readonly type: string;
}

export function orgRef(ctx: Ctx, org: Org): RefValue {
  return {
    href: ctx.hrefs.abs(ctx.hrefs.org(org.id)),
    name: org.name,
    type: MT.org,
  };
}

export function userRef(ctx: Ctx, user: User | undefined): RefValue {
  return user
    ? {
        href: ctx.hrefs.abs(ctx.hrefs.user(user.id)),
        name: user.name,
        type: MT.user,
      }
    : {
        href: ctx.hrefs.abs("/admin/user/unknown"),
        name: "unknown",
        type: MT.user,
      };
}

export function entityRef(ctx: Ctx, ref: EntityRef): RefValue {
  const h = ctx.hrefs;
  const [path, type] = {
    vApp: [h.vapp(ref.id), MT.vApp],
    vm: [h.vm(ref.id), MT.vm],
    vAppTemplate: [h.vAppTemplate(ref.id), MT.vAppTemplate],
    vdc: [h.vdc(ref.id), MT.vdc],
    catalog: [h.catalog(ref.id), MT.catalog],
    catalogItem: [h.catalogItem(ref.id), MT.catalogItem],
    org: [h.org(ref.id), MT.org],
    disk: [h.disk(ref.id), MT.disk],
    media: [h.media(ref.id), MT.media],
    providerVdc: [providerPaths.providerVdc(ref.id), PROVIDER_MT.providerVdc],
    vimServer: [providerPaths.vimServer(ref.id), PROVIDER_MT.vimServer],
    externalNetwork: [
      providerPaths.externalNetwork(ref.id),
      EXTERNAL_NETWORK_MT.network,
    ],
    networkPool: [providerPaths.networkPool(ref.id), NETWORK_POOL_MT.pool],
    network: [h.network(ref.id), MT.orgVdcNetwork],
    edgeGateway: [h.edgeGateway(ref.id), MT.edgeGateway],
  }[ref.kind];
  return { href: h.abs(path), name: ref.name, type };
}

export function taskValue(ctx: Ctx, task: Task): Record<string, unknown> {
  const org = ctx.store.orgs.get(task.orgId);
  const path = ctx.hrefs.task(task.id);
  return {
    status: task.status,
    startTime: task.startTime,
    ...(task.endTime ? { endTime: task.endTime } : {}),
    operationName: task.operationName,
    operation: task.operation,
    serviceNamespace: task.serviceNamespace ?? "com.vmware.vcloud",
    cancelRequested: false,
    expiryTime: new Date(task.created + 90 * 24 * 3600 * 1000).toISOString(),
    name: "task",
    id: urn("task", task.id),
    href: ctx.hrefs.abs(path),
    type: MT.task,
    Link: isDone(task)
      ? []
      : ctx.hrefs.link("task:cancel", "POST", `${path}/action/cancel`),
    Owner: entityRef(ctx, task.owner),
    ...(task.status === "error"
      ? {
          Error: {
            message: task.errorMessage ?? "The task failed.",
            majorErrorCode: 500,
            minorErrorCode: "INTERNAL_SERVER_ERROR",
          },
        }
      : {}),
    User: userRef(ctx, ctx.store.users.get(task.userId)),
    ...(org ? { Organization: orgRef(ctx, org) } : {}),
    Progress: task.progress,
  };
}

/** `Tasks` of an entity: those still at work on it (absent when there are none). */
export function tasksInProgress(ctx: Ctx, entityId: string): Value {
  const active = ctx.store.tasks.active(entityId);
  return active.length
    ? { Tasks: { Task: active.map((t) => taskValue(ctx, t)) } }
    : {};
}

export const taskReply = (ctx: Ctx, task: Task): Reply => ({
  status: 202,
  doc: { element: "vcloud:Task", value: taskValue(ctx, task) },
  headers: { Location: ctx.hrefs.abs(ctx.hrefs.task(task.id)) },
});

export const optional = <K extends string, V>(
  key: K,
  value: V | undefined,
): Partial<Record<K, V>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** A `NetworkPoolReference` (of the pools' list, provider VDCs' and org VDCs' views). */
export const networkPoolRef = (ctx: Ctx, p: NetworkPool): RefValue =>
  entityRef(ctx, { kind: "networkPool", id: p.id, name: p.name });
