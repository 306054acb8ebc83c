/**
 * vcd-codegen runtime, client: waiting for tasks (an AWS SDK v3 style waiter). Most changes answer
 * 202 with a `vcloud:Task`; {@link waitForTask} polls its href with a bounded back-off until it
 * ends, under an overall timeout and the caller's signal, so that it never hangs.
 */
import type { Document } from "../xml/index.js";
import type { VcdClient } from "./client.js";
import type { GetOptions } from "./types.js";
import { checkTimeout, sleep, underDeadline } from "./deadline.js";
import {
  VcdRequestError,
  VcdResponseError,
  VcdTaskError,
  type FailedTask,
} from "./errors.js";
import { TASK_ELEMENT } from "./response.js";

/** The task fields the waiter reads (structurally: the generated `vcloud.TaskType` fits). */
export interface TaskLike extends FailedTask {
  /** `queued`, `preRunning`, `running`, `success`, `error`, `canceled`, `aborted`. */
  readonly status: string;
  /** Percent done, when the server says. */
  readonly Progress?: number;
}

/** The statuses a task ends with; only `success` is not a failure. */
export const TASK_END_STATUSES: readonly string[] = [
  "success",
  "error",
  "aborted",
  "canceled",
];

/** Options of {@link waitForTask}. */
export interface WaitForTaskOptions<T extends TaskLike = TaskLike> {
  readonly signal?: AbortSignal;
  /** Milliseconds the whole wait may take (default 10 minutes); then `VcdTimeoutError`. */
  readonly timeout?: number;
  /** Milliseconds before the first poll (default 250); each later wait doubles, up to `maxInterval`. */
  readonly interval?: number;
  /** The longest wait between polls (default 5 000). */
  readonly maxInterval?: number;
  /** Called with the task after each poll. */
  readonly onProgress?: (task: T) => void;
}

/**
 * A document that may be a task: its root is `vcloud:Task`, one of several that include it, or not
 * known (`string`). A document whose root is known and is no task (the `VApp` an instantiation
 * answers, which carries its tasks inside: {@link waitForTasks}) is refused by the compiler.
 */
export type TaskDocument<D extends Document> = string extends D["element"]
  ? unknown
  : "vcloud:Task" extends D["element"]
    ? unknown
    : never;

/** An entity that carries the tasks at work on it (`Tasks`), as vCD answers a new vApp or a media upload. */
export interface WithTasks {
  readonly href?: string;
  readonly Tasks?: { readonly Task?: readonly TaskLike[] };
}

/** Options of {@link waitForTasks}: a wait's, and what the entity read afterwards may be. */
export interface WaitForTasksOptions extends WaitForTaskOptions {
  /** The entity's schema (`VAppSchema`), for a bare client, which reads only tasks without it. */
  readonly accept?: GetOptions["accept"];
}

/** Default overall timeout of a wait: 10 minutes. */
export const DEFAULT_TASK_TIMEOUT = 600_000;

/**
 * Waits until a task ends: resolves with its final value on `success`, rejects with
 * `VcdTaskError` (carrying the task and its `Error`) on `error`, `aborted` or `canceled`. `task` is
 * a Task value, or a document (such as a stub's reply) whose root is `vcloud:Task`. Each poll is a
 * `GET` of the task's href through the client (its token, `Accept` and middleware apply), first
 * after `interval` ms, then after twice as long each time, up to `maxInterval`. When `timeout`
 * elapses: `VcdTimeoutError`; when `signal` aborts: `VcdAbortError`; a failed poll rejects with
 * its own error (it is not retried). A task that has already ended settles without any request.
 */
export function waitForTask<T extends TaskLike>(
  client: VcdClient,
  task: T | { readonly element: "vcloud:Task"; readonly value: T },
  options?: WaitForTaskOptions<T>,
): Promise<T>;
export function waitForTask<D extends Document>(
  client: VcdClient,
  task: D & TaskDocument<D>,
  options?: WaitForTaskOptions,
): Promise<TaskLike>;
export async function waitForTask(
  client: VcdClient,
  task: TaskLike | Document,
  options: WaitForTaskOptions = {},
): Promise<TaskLike> {
  let current = taskValue(task);
  const href = current.href;
  if (typeof href !== "string" || href === "")
    throw new VcdRequestError("waitForTask: the task has no href to poll");
  const timeout = checkTimeout(options.timeout ?? DEFAULT_TASK_TIMEOUT);
  let wait = checkTimeout(options.interval ?? 250, "interval");
  const maxInterval = Math.max(
    wait,
    checkTimeout(options.maxInterval ?? 5_000, "maxInterval"),
  );
  // Named as the waiter and the request it polls with: `GET <href>: waitForTask timed out after`.
  const context = { method: "GET", url: href, operation: "waitForTask" };
  return underDeadline(timeout, options.signal, context, async (signal) => {
    for (;;) {
      if (ended(current)) return current;
      await sleep(wait, signal);
      wait = Math.min(wait * 2, maxInterval);
      const reply = await client.get(href, { signal });
      if (reply.element !== TASK_ELEMENT) {
        throw new VcdResponseError(
          `polling a task gave ${reply.element}, not ${TASK_ELEMENT}`,
          { method: "GET", url: reply.url, status: reply.status, body: "" },
        );
      }
      current = reply.value as TaskLike;
      options.onProgress?.(current);
    }
  });
}

/** True when the task has ended with success; throws `VcdTaskError` when it ended otherwise. */
function ended(task: TaskLike): boolean {
  if (task.status === "success") return true;
  if (TASK_END_STATUSES.includes(task.status)) throw new VcdTaskError(task);
  return false;
}

function taskValue(task: TaskLike | Document): TaskLike {
  if (typeof task !== "object" || task === null)
    throw new VcdRequestError("waitForTask: not a task");
  if ("element" in task && "value" in task) {
    if (task.element !== TASK_ELEMENT)
      throw new VcdRequestError(
        `waitForTask: the document is ${String(task.element)}, not ${TASK_ELEMENT}`,
      );
    return task.value as TaskLike;
  }
  return task as TaskLike;
}

/**
 * Waits until every task an entity carries has ended (the `Tasks` of the `VApp` that
 * `instantiateVAppTemplate` answers, of a `Media` being uploaded, ...), then reads the entity again
 * and resolves with its value as it is now. The tasks are waited for one after the other under one
 * overall `timeout` and the caller's signal; the first that fails rejects with its `VcdTaskError`.
 * `entity` is the value, or a document (a stub's reply) holding it. A bare client is given the
 * entity's schema in `accept` (it reads only tasks without it).
 */
export async function waitForTasks<V extends WithTasks>(
  client: VcdClient,
  entity: V | { readonly element: string; readonly value: V },
  options: WaitForTasksOptions = {},
): Promise<V> {
  const value: V =
    "element" in entity && "value" in entity ? entity.value : (entity as V);
  const href = value.href;
  if (typeof href !== "string" || href === "")
    throw new VcdRequestError("waitForTasks: the entity has no href to read");
  const timeout = checkTimeout(options.timeout ?? DEFAULT_TASK_TIMEOUT);
  // One deadline for all of it: each task's wait and the read that follows run under its signal.
  const context = { method: "GET", url: href, operation: "waitForTasks" };
  return underDeadline(timeout, options.signal, context, async (signal) => {
    for (const task of value.Tasks?.Task ?? [])
      await waitForTask(client, task, { ...options, timeout, signal });
    const reply = await client.get(href, {
      signal,
      ...(options.accept ? { accept: options.accept } : {}),
    });
    return reply.value as V;
  });
}
