/**
 * vcd-codegen runtime, simulator: the event type of a task that ended, from its operation name and
 * the kind of its owner. The types are the Programming Guide's "Notification Types" tables (vCloud
 * API Programming Guide 5.5, p. 314-316: `session/login`, `user/create`, `vapp/create`,
 * `vapp/deploy`, `vapp/undeploy`, `vapp/modify`, `vapp/delete`, `vm/...`, `vdc/...`,
 * `vappTemplate/...`, `media/...`, `blockingtask/create`, ...; ../shared/seeds/003_*.txt has the
 * first table; the whole list, with its evidence, is runtime/amqp/notification-types.ts). vCD's mapping of its internal operations to event types is not published: the
 * operation name's verb decides here (`vappDeploy` -> deploy, `vdcInstantiateVapp` -> create,
 * `vdcDeleteVapp` -> delete, `vappUndeployPowerOff` -> undeploy), anything else is a `modify` of
 * the owner's kind.
 */
import type { EntityRef, Task } from "../store/model.js";

/**
 * The object part of the type for a task owner's kind, spelled as vCD's event types spell it
 * (`vappTemplate`, `catalogItem`: the vCloud SDK's EventType constants, which
 * runtime/amqp/notification-types.ts lists).
 */
const OBJECT: Readonly<Record<EntityRef["kind"], string>> = {
  vApp: "vapp",
  vm: "vm",
  vAppTemplate: "vappTemplate",
  vdc: "vdc",
  catalog: "catalog",
  catalogItem: "catalogItem",
  org: "org",
  disk: "disk",
  media: "media",
  providerVdc: "providerVdc",
  // com/vmware/vcloud/event/vc/modify ... (runtime/amqp/notification-types.ts)
  vimServer: "vc",
  externalNetwork: "network",
  // not among the SDK's event types: the pool's URN kind (urn:vcloud:networkpool:<uuid>)
  networkPool: "networkPool",
  // network/create and gateway/create ... (runtime/amqp/notification-types.ts); URNs
  // urn:vcloud:network:<uuid> and urn:vcloud:gateway:<uuid>
  network: "network",
  edgeGateway: "gateway",
};

/** The URN kind of a task owner (`urn:vcloud:vapptemplate:<uuid>`): the object in lower case. */
export const urnKindOf = (kind: EntityRef["kind"]): string =>
  OBJECT[kind].toLowerCase();

function actionOf(operationName: string): string {
  const name = operationName.toLowerCase();
  if (name.includes("undeploy") || name.includes("poweroff")) return "undeploy";
  if (name.includes("deploy") || name.includes("poweron")) return "deploy";
  if (name.includes("delete")) return "delete";
  if (
    name.includes("instantiate") ||
    name.includes("compose") ||
    name.includes("create") ||
    name.includes("capture") ||
    name.includes("upload") ||
    name.includes("copy")
  )
    return name.includes("recompose") ? "modify" : "create";
  return "modify";
}

export function taskEventType(task: Task): string {
  return `com/vmware/vcloud/event/${OBJECT[task.owner.kind]}/${actionOf(task.operationName)}`;
}
