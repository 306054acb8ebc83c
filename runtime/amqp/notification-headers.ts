/**
 * vcd-codegen runtime, amqp: the AMQP headers vCD sets on a notification. Evidence: vCloud API
 * Programming Guide 5.5, chapter 10, Table 10-1 "Notification Headers": `notification.type`,
 * `notification.entityType`, `notification.entityUUID`, `notification.orgUUID`,
 * `notification.userUUID`, `notification.operationSuccess`.
 */
import type { NotificationType } from "./notification-types.js";

/** The notification headers of one message, read; a header vCD did not set is undefined. */
export interface NotificationHeaders {
  readonly type?: NotificationType;
  /** `vapp`, `blockingTask`, ... (as vCD writes it). */
  readonly entityType?: string;
  readonly entityUUID?: string;
  readonly orgUUID?: string;
  readonly userUUID?: string;
  readonly operationSuccess?: boolean;
  /** Every other `notification.*` header, by its name after `notification.`. */
  readonly other: Readonly<Record<string, string>>;
}

const KNOWN = new Set([
  "type",
  "entityType",
  "entityUUID",
  "orgUUID",
  "userUUID",
  "operationSuccess",
]);

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (typeof value === "number" || typeof value === "boolean")
    return String(value);
  return undefined;
}

/** Reads the `notification.*` headers of a message (`message.properties.headers`). */
export function readNotificationHeaders(
  headers: Readonly<Record<string, unknown>> | undefined,
): NotificationHeaders {
  const found: Record<string, string> = {};
  const other: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    if (!name.startsWith("notification.")) continue;
    const value = text(raw);
    if (value === undefined) continue;
    const key = name.slice("notification.".length);
    (KNOWN.has(key) ? found : other)[key] = value;
  }
  const success = found.operationSuccess;
  return {
    ...(found.type !== undefined ? { type: found.type } : {}),
    ...(found.entityType !== undefined ? { entityType: found.entityType } : {}),
    ...(found.entityUUID !== undefined ? { entityUUID: found.entityUUID } : {}),
    ...(found.orgUUID !== undefined ? { orgUUID: found.orgUUID } : {}),
    ...(found.userUUID !== undefined ? { userUUID: found.userUUID } : {}),
    ...(success !== undefined
      ? { operationSuccess: success.toLowerCase() === "true" }
      : {}),
    other,
  };
}
