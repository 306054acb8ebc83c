/**
 * vcd-codegen runtime, simulator: the events vCD records of what it does (the `event` and
 * `adminEvent` queries read them, and each is published as a notification when AMQP is set:
 * ../notifications/). An event has vCD's type (`com/vmware/vcloud/event/<object>/<action>`, the
 * Programming Guide's "Notification Types" tables, ../shared/seeds/003_*.txt), the entity it is
 * about, its organization and user, a timestamp and whether the operation succeeded. Retention is
 * bounded: the oldest are dropped past `limit` (vCD keeps its audit trail by days; a simulator that
 * runs long must stay bounded).
 */
import { randomUUID } from "node:crypto";

/** The kind of an entity an event is about, as URNs write it (`urn:vcloud:<kind>:<uuid>`). */
export interface EventEntity {
  readonly kind: string;
  readonly id: string;
  readonly name: string;
}

export interface SimEvent {
  readonly eventId: string;
  /** `com/vmware/vcloud/event/vapp/deploy`, or an extension's own type for an Event it posted. */
  readonly type: string;
  readonly timestamp: string;
  readonly success: boolean;
  readonly entity: EventEntity;
  readonly orgId: string;
  readonly userId: string;
  /** The task the event ends (and its owner), when there is one. */
  readonly taskId?: string;
  readonly taskOwner?: EventEntity;
  /** `com.vmware.vcloud` for vCD's own, an extension's namespace for one it posted. */
  readonly serviceNamespace: string;
  readonly description?: string;
}

export type NewEvent = Omit<
  SimEvent,
  "eventId" | "timestamp" | "serviceNamespace"
> & { readonly serviceNamespace?: string };

export const DEFAULT_EVENT_LIMIT = 10_000;

export class Events {
  private kept: SimEvent[] = [];
  private readonly listeners = new Set<(event: SimEvent) => void>();

  constructor(
    private readonly now: () => number,
    private readonly limit: number = DEFAULT_EVENT_LIMIT,
  ) {}

  record(event: NewEvent): SimEvent {
    const full: SimEvent = {
      ...event,
      eventId: randomUUID(),
      timestamp: new Date(this.now()).toISOString(),
      serviceNamespace: event.serviceNamespace ?? "com.vmware.vcloud",
    };
    this.kept.push(full);
    if (this.kept.length > this.limit)
      this.kept.splice(0, this.kept.length - this.limit);
    for (const listener of this.listeners) {
      try {
        listener(full);
      } catch {
        // a listener (the notification publisher) never breaks the action that recorded the event
      }
    }
    return full;
  }

  /** Every event kept, oldest first. */
  all(): readonly SimEvent[] {
    return this.kept;
  }

  /** Calls `listener` for every event recorded from now on; returns how to stop. */
  listen(listener: (event: SimEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.kept = [];
  }
}
