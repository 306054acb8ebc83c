/**
 * vcd-codegen runtime, amqp: the routing keys of vCD's notifications, and binding patterns for a
 * topic exchange. Evidence: vCloud API Programming Guide 5.5, chapter 10, "Routing key"
 * (`operationSuccess.entity.org.user.subType1.subType2...subTypeN.[taskName]`: the UUIDs of the
 * entity, org and user, then the type with `/` as `.`, then for task and blocking-task events the
 * task's operation name, as `true.#.com.vmware.vcloud.event.blockingtask.create.vdcInstantiateVapp`
 * in the vCAT "Blocking Tasks and Notifications Use Cases").
 *
 * A topic exchange splits keys and patterns at `.`: `*` is exactly one word, `#` zero or more.
 */
import { VcdAmqpError } from "./amqp-error.js";
import {
  EVENT_TYPE_PREFIX,
  TASK_OBJECT_TYPES,
  type NotificationType,
} from "./notification-types.js";

/** The parts of a notification's routing key. */
export interface RoutingKey {
  readonly operationSuccess: boolean;
  readonly entityUUID: string;
  readonly orgUUID: string;
  readonly userUUID: string;
  /** `com/vmware/vcloud/event/vapp/create`. */
  readonly type: NotificationType;
  /** The task's operation name after the type (`vdcInstantiateVapp`), for task events. */
  readonly taskName?: string;
}

const TYPE_WORDS = EVENT_TYPE_PREFIX.split("/").filter(Boolean); // com vmware vcloud event

/** One word of a key: no `.`, and not empty. */
function word(value: string, what: string): string {
  if (value === "" || value.includes("."))
    throw new VcdAmqpError(
      "bad-routing-key",
      `routing key: the ${what} "${value}" is not one word (empty, or holds a ".")`,
    );
  return value;
}

/** `true.<entity>.<org>.<user>.com.vmware.vcloud.event.vapp.create` -> its parts. */
export function parseRoutingKey(key: string): RoutingKey {
  const words = key.split(".");
  const at = words.indexOf("com", 4);
  const prefixEnd = at + TYPE_WORDS.length;
  if (
    words.length < 4 + TYPE_WORDS.length + 2 ||
    at !== 4 ||
    words.slice(at, prefixEnd).join(".") !== TYPE_WORDS.join(".")
  )
    throw new VcdAmqpError(
      "bad-routing-key",
      `routing key "${key}" is not <operationSuccess>.<entity>.<org>.<user>.com.vmware.vcloud.event.<object>.<event>`,
    );
  const [success, entityUUID, orgUUID, userUUID] = words;
  if (success !== "true" && success !== "false")
    throw new VcdAmqpError(
      "bad-routing-key",
      `routing key "${key}": its first word "${success}" is not true or false`,
    );
  for (const [value, what] of [
    [entityUUID, "entity"],
    [orgUUID, "org"],
    [userUUID, "user"],
  ] as const)
    if (value === "")
      throw new VcdAmqpError(
        "bad-routing-key",
        `routing key "${key}": its ${what} word is empty`,
      );
  const typeAndTask = words.slice(prefixEnd);
  // Only task and blocking-task keys carry a task name (the guide's "taskName"); other types may
  // have three words (`group/privilege/modify`).
  const withTask = TASK_OBJECT_TYPES.includes(typeAndTask[0]);
  const typeWordsOf = withTask ? typeAndTask.slice(0, 2) : typeAndTask;
  const rest = withTask ? typeAndTask.slice(2) : [];
  if (typeWordsOf.some((w) => w === "") || rest.length > 1)
    throw new VcdAmqpError(
      "bad-routing-key",
      `routing key "${key}": its type "${typeAndTask.join(".")}" has an empty word or more than one task name word`,
    );
  return {
    operationSuccess: success === "true",
    entityUUID,
    orgUUID,
    userUUID,
    type: `${EVENT_TYPE_PREFIX}${typeWordsOf.join("/")}`,
    ...(rest.length ? { taskName: rest[0] } : {}),
  };
}

/** The type's words after `com/vmware/vcloud/event/` (`vapp`, `create`). */
function typeWords(type: string): string[] {
  if (!type.startsWith(EVENT_TYPE_PREFIX))
    throw new VcdAmqpError(
      "bad-routing-key",
      `routing key: the type "${type}" does not start with ${EVENT_TYPE_PREFIX}`,
    );
  const words = type.slice(EVENT_TYPE_PREFIX.length).split("/");
  for (const each of words) word(each, `type's part`);
  return words;
}

/** The routing key vCD gives a notification of these parts. */
export function buildRoutingKey(parts: RoutingKey): string {
  const type = typeWords(parts.type);
  if (parts.taskName !== undefined && !TASK_OBJECT_TYPES.includes(type[0]))
    throw new VcdAmqpError(
      "bad-routing-key",
      `routing key: a task name ("${parts.taskName}") follows only a task or blockingtask type, not ${parts.type}`,
    );
  return [
    String(parts.operationSuccess),
    word(parts.entityUUID, "entity"),
    word(parts.orgUUID, "org"),
    word(parts.userUUID, "user"),
    ...TYPE_WORDS,
    ...type,
    ...(parts.taskName !== undefined
      ? [word(parts.taskName, "task name")]
      : []),
  ].join(".");
}

/** What a binding selects; a part left out matches anything. */
export interface NotificationFilter {
  readonly operationSuccess?: boolean;
  readonly entityUUID?: string;
  readonly orgUUID?: string;
  readonly userUUID?: string;
  /**
   * One type (`com/vmware/vcloud/event/vapp/create`), or a type with `*` words
   * (`com/vmware/vcloud/event/vapp/*`: every vApp event). Left out: every type.
   */
  readonly type?: NotificationType;
  /**
   * The task name after the type (task and blockingtask events only): a name, `null` for none,
   * left out for any or none (the pattern ends in `#`). With a name or `null` and no `type`, the
   * pattern has two `*` words for the type (the types of two words).
   */
  readonly taskName?: string | null;
}

/**
 * The binding pattern (topic exchange) of exactly the notifications `filter` selects:
 * `{ orgUUID, type: "com/vmware/vcloud/event/vapp/create" }` ->
 * `*.*.<org>.*.com.vmware.vcloud.event.vapp.create.#`.
 */
export function bindingPattern(filter: NotificationFilter = {}): string {
  const any = (value: string | undefined, what: string) =>
    value === undefined ? "*" : word(value, what);
  const tail =
    filter.taskName === undefined
      ? ["#"]
      : filter.taskName === null
        ? []
        : [word(filter.taskName, "task name")];
  // Any type and any task name: `#` alone (a type may have two words or three).
  const type =
    filter.type !== undefined
      ? typeWords(filter.type)
      : tail[0] === "#"
        ? []
        : ["*", "*"];
  return [
    filter.operationSuccess === undefined
      ? "*"
      : String(filter.operationSuccess),
    any(filter.entityUUID, "entity"),
    any(filter.orgUUID, "org"),
    any(filter.userUUID, "user"),
    ...TYPE_WORDS,
    ...type,
    ...tail,
  ].join(".");
}

/** The UUID of a URN (`urn:vcloud:org:70` -> `70`), as routing keys carry it. */
export function uuidOfUrn(urn: string): string {
  const at = urn.lastIndexOf(":");
  return at < 0 ? urn : urn.slice(at + 1);
}
