/**
 * vcd-codegen runtime, amqp: the notification types vCD names. Evidence: vCloud API Programming
 * Guide 5.5, chapter 10, "Notification Types" (Table 10-2 "User, Group, Role, and Session Events",
 * in ../shared/seeds/003_*.txt, and the tables after it for vApps, VMs, networks, VDCs, catalogs,
 * media, templates, organizations, tasks and blocking tasks); the type is
 * `com/vmware/vcloud/event/<object-type>/<event-type>`.
 */

/** Every `com/vmware/vcloud/event/...` type the guide lists. */
export const NOTIFICATION_TYPES = [
  "com/vmware/vcloud/event/session/login",
  "com/vmware/vcloud/event/user/import",
  "com/vmware/vcloud/event/user/remove",
  "com/vmware/vcloud/event/user/modify",
  "com/vmware/vcloud/event/user/lockout",
  "com/vmware/vcloud/event/user/unlock",
  "com/vmware/vcloud/event/user/lock_expired",
  "com/vmware/vcloud/event/user/create",
  "com/vmware/vcloud/event/user/delete",
  "com/vmware/vcloud/event/group/import",
  "com/vmware/vcloud/event/group/remove",
  "com/vmware/vcloud/event/role/create",
  "com/vmware/vcloud/event/role/modify",
  "com/vmware/vcloud/event/role/delete",
  "com/vmware/vcloud/event/vapp/create_request",
  "com/vmware/vcloud/event/vapp/create",
  "com/vmware/vcloud/event/vapp/modify",
  "com/vmware/vcloud/event/vapp/delete",
  "com/vmware/vcloud/event/vapp/deploy",
  "com/vmware/vcloud/event/vapp/undeploy",
  "com/vmware/vcloud/event/vapp/import",
  "com/vmware/vcloud/event/vapp/runtime_lease_expiry",
  "com/vmware/vcloud/event/vm/create_request",
  "com/vmware/vcloud/event/vm/create",
  "com/vmware/vcloud/event/vm/modify",
  "com/vmware/vcloud/event/vm/delete",
  "com/vmware/vcloud/event/vm/deploy",
  "com/vmware/vcloud/event/vm/undeploy",
  "com/vmware/vcloud/event/vm/import",
  "com/vmware/vcloud/event/vm/change_state",
  "com/vmware/vcloud/event/vm/consolidate",
  "com/vmware/vcloud/event/vm/relocate",
  "com/vmware/vcloud/event/network/create",
  "com/vmware/vcloud/event/network/modify",
  "com/vmware/vcloud/event/network/delete",
  "com/vmware/vcloud/event/network/deploy",
  "com/vmware/vcloud/event/network/undeploy",
  "com/vmware/vcloud/event/vdc/create",
  "com/vmware/vcloud/event/vdc/modify",
  "com/vmware/vcloud/event/vdc/delete",
  "com/vmware/vcloud/event/catalog/create",
  "com/vmware/vcloud/event/catalog/modify",
  "com/vmware/vcloud/event/catalog/delete",
  "com/vmware/vcloud/event/vapptemplate/create",
  "com/vmware/vcloud/event/vapptemplate/modify",
  "com/vmware/vcloud/event/vapptemplate/delete",
  "com/vmware/vcloud/event/vapptemplate/import",
  "com/vmware/vcloud/event/media/create",
  "com/vmware/vcloud/event/media/modify",
  "com/vmware/vcloud/event/media/delete",
  "com/vmware/vcloud/event/media/import",
  "com/vmware/vcloud/event/disk/create",
  "com/vmware/vcloud/event/disk/modify",
  "com/vmware/vcloud/event/disk/delete",
  "com/vmware/vcloud/event/org/create",
  "com/vmware/vcloud/event/org/modify",
  "com/vmware/vcloud/event/org/delete",
  "com/vmware/vcloud/event/task/create",
  "com/vmware/vcloud/event/task/start",
  "com/vmware/vcloud/event/task/complete",
  "com/vmware/vcloud/event/task/abort",
  "com/vmware/vcloud/event/task/fail",
  "com/vmware/vcloud/event/blockingtask/create",
  "com/vmware/vcloud/event/blockingtask/resume",
  "com/vmware/vcloud/event/blockingtask/abort",
  "com/vmware/vcloud/event/blockingtask/fail",
] as const;

/** A type the guide lists. */
export type KnownNotificationType = (typeof NOTIFICATION_TYPES)[number];

/** A type the guide lists, or any other string vCD may send (kept as it came). */
export type NotificationType = KnownNotificationType | (string & {});

/** `com/vmware/vcloud/event/`: what every type starts with. */
export const EVENT_TYPE_PREFIX = "com/vmware/vcloud/event/";
