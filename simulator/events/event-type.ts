/**
 * vcd-codegen runtime, simulator: the event type of a task that ended, from its operation name and
 * the kind of its owner. The types are the Programming Guide's "Notification Types" tables (vCloud
 * API Programming Guide 5.5, p. 314-316: `session/login`, `user/create`, `vapp/create`,
 * `vapp/deploy`, `vapp/undeploy`, `vapp/modify`, `vapp/delete`, `vm/...`, `vdc/...`,
 * `vapptemplate/...`, `media/...`, `blockingtask/create`, ...; ../shared/seeds/003_*.txt has the
 * first table). vCD's mapping of its internal operations to event types is not published: the
 * operation name's verb decides here (`vappDeploy` -> deploy, `vdcInstantiateVapp` -> create,
 * `vdcDeleteVapp` -> delete, `vappUndeployPowerOff` -> undeploy), anything else is a `modify` of
 * the owner's kind.
 */
import type { EntityRef, Task } from "../store/model.js";

/** The object part of the type (and the URN kind) for a task owner's kind. */
const OBJECT: Readonly<Record<EntityRef["kind"], string>> = {
  vApp: "vapp",
  vm: "vm",
  vAppTemplate: "vapptemplate",
  vdc: "vdc",
  catalog: "catalog",
  catalogItem: "catalogitem",
  org: "org",
  disk: "disk",
  media: "media",
  network: "network",
  edgeGateway: "edgegateway",
};

/** The URN kind of a task owner (`urn:vcloud:vapp:<uuid>`). */
export const urnKindOf = (kind: EntityRef["kind"]): string =>
  kind === "vAppTemplate"
    ? "vapptemplate"
    : kind === "edgeGateway"
      ? "gateway" // vCD's URNs of edge gateways: urn:vcloud:gateway:<uuid>
      : OBJECT[kind];

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
