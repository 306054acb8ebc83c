/** vcd-codegen runtime, simulator: every resource's handlers, by `METHOD path-template`. */
import { accessHandlers } from "./access.js";
import { amqpSettingsHandlers } from "./amqp-settings.js";
import { blockingTaskHandlers } from "./blocking-tasks.js";
import { extensionServiceHandlers } from "./extension-services.js";
import { serviceTaskHandlers } from "./service-tasks.js";
import { adminHandlers } from "./admin.js";
import { lifecycleHandlers } from "./admin-lifecycle.js";
import { catalogItemHandlers } from "./catalog-items.js";
import { catalogHandlers } from "./catalogs.js";
import { composeHandlers } from "./compose.js";
import { diskHandlers } from "./disks.js";
import { edgeGatewayHandlers } from "./edge-gateways.js";
import { entityHandlers } from "./entity.js";
import { vappNetworkHandlers } from "./vapp-networks.js";
import { vdcNetworkListHandlers } from "./vdc-network-lists.js";
import { systemSettingsHandlers } from "./system-settings.js";
import type { HandlerTable } from "./context.js";
import { mediaHandlers } from "./media.js";
import { metadataHandlers } from "./metadata.js";
import { orgHandlers } from "./org.js";
import { providerVCenterHandlers } from "./provider-vcenter.js";
import { providerVdcHandlers } from "./provider-vdcs.js";
import { providerExternalNetworkHandlers } from "./provider-external-networks.js";
import { providerNetworkPoolHandlers } from "./provider-network-pools.js";
import { orgNetworkHandlers } from "./org-networks.js";
import { queryHandlers } from "./query.js";
import { reconfigureHandlers } from "./reconfigure.js";
import { sessionHandlers } from "./session.js";
import { snapshotHandlers } from "./snapshots.js";
import { taskHandlers } from "./task.js";
import { uploadHandlers } from "./uploads.js";
import { vappHandlers } from "./vapp.js";
import { vmSectionHandlers } from "./vm-sections.js";

export const HANDLERS: HandlerTable = {
  ...sessionHandlers,
  ...orgHandlers,
  ...catalogItemHandlers,
  ...vappHandlers,
  ...vmSectionHandlers,
  ...taskHandlers,
  ...queryHandlers,
  ...metadataHandlers,
  ...snapshotHandlers,
  ...adminHandlers,
  ...lifecycleHandlers,
  ...accessHandlers,
  ...composeHandlers,
  ...diskHandlers,
  ...reconfigureHandlers,
  ...uploadHandlers,
  ...mediaHandlers,
  ...catalogHandlers,
  ...entityHandlers,
  ...vappNetworkHandlers,
  ...systemSettingsHandlers,
  ...amqpSettingsHandlers,
  ...blockingTaskHandlers,
  ...extensionServiceHandlers,
  ...serviceTaskHandlers,
  ...providerVCenterHandlers,
  ...providerVdcHandlers,
  ...providerExternalNetworkHandlers,
  ...providerNetworkPoolHandlers,
  ...orgNetworkHandlers,
  ...edgeGatewayHandlers,
  ...vdcNetworkListHandlers,
};

/** The key of an operation row in the handler table: its method and path without a trailing slash. */
export const handlerKey = (method: string, path: string): string =>
  `${method} ${path.replace(/\/+$/, "") || "/"}`;
