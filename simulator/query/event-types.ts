/**
 * vcd-codegen runtime, simulator: the query types of events, `event` (an organization's own) and
 * `adminEvent` (an administrator's: all organizations' for the system administrator), over the
 * events the store records (../events/events.ts). The record's attributes are those of
 * QueryResultEventRecordType and QueryResultAdminEventRecordType (queryRecordView.xsd): eventType,
 * timeStamp, eventStatus (0 a success, 1 a failure), userName, orgName, entityType, entityName,
 * serviceNamespace, entity, eventId (and the admin record's org, productVersion). An event has no
 * href of its own: the row's is its entity's.
 */
import type { Ctx } from "../handlers/context.js";
import type { SimEvent } from "../events/events.js";
import { urn } from "../store/ids.js";
import {
  orgRefOf,
  queryType,
  visibleRows,
  type QueryType,
  type Row,
} from "./rows.js";

function eventRow(ctx: Ctx, e: SimEvent, admin: boolean): Row {
  const s = ctx.store;
  const entityUrn = urn(e.entity.kind, e.entity.id);
  const href = ctx.hrefs.abs(`/entity/${entityUrn}`);
  return {
    orgId: e.orgId,
    href,
    urn: entityUrn,
    name: e.type,
    cells: {
      eventType: e.type,
      timeStamp: e.timestamp,
      eventStatus: e.success ? 0 : 1,
      userName: s.users.get(e.userId)?.name,
      orgName: s.orgs.get(e.orgId)?.name,
      entityType: e.entity.kind,
      entityName: e.entity.name,
      serviceNamespace: e.serviceNamespace,
      entity: { href, urn: entityUrn },
      eventId: e.eventId,
      ...(admin ? { org: orgRefOf(ctx, e.orgId) } : {}),
    },
  };
}

const events = (ctx: Ctx) => ctx.store.events.all();

// The schemas have no EventReference: the user's variant's references are the generic ones.
export const EVENT_QUERY_TYPES: readonly QueryType[] = [
  {
    ...queryType(
      "event",
      "Event",
      "Event",
      "application/vnd.vmware.vcloud.entity+xml",
      "user",
      visibleRows(events, eventRow, false),
    ),
    reference: "vcloud:Reference",
    references: "vcloud:References",
  },
  queryType(
    "adminEvent",
    "AdminEvent",
    "AdminEvent",
    "application/vnd.vmware.vcloud.entity+xml",
    "admin",
    visibleRows(events, eventRow, true),
  ),
];
