/**
 * vcd-codegen runtime, simulator: the events of administration that is not a task: a user or a
 * role created or deleted (`com/vmware/vcloud/event/user/create`, `user/delete`, `role/create`:
 * the Programming Guide's table 10-2, ../shared/seeds/003_*.txt; `role/delete`: the vCloud SDK for
 * .NET 5.5's event types), recorded for the entity's organization, by the user who acted.
 */
import type { Store } from "../store/store.js";
import type { User } from "../store/model.js";

export function recordAdminEvent(
  store: Store,
  actor: User,
  type: "user/create" | "user/delete" | "role/create" | "role/delete",
  entity: {
    readonly id: string;
    readonly name: string;
    readonly orgId?: string;
  },
): void {
  store.events.record({
    type: `com/vmware/vcloud/event/${type}`,
    success: true,
    entity: { kind: type.split("/")[0], id: entity.id, name: entity.name },
    orgId: entity.orgId ?? actor.orgId,
    userId: actor.id,
  });
}
