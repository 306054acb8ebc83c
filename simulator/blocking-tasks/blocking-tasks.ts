/**
 * vcd-codegen runtime, simulator: blocking tasks (vCloud API Programming Guide 5.5, "Retrieve or
 * Update Blocking Task Settings", "Take Action on a Blocking Task", "Extend The Timeout
 * Expiration of an Active Task", pp. 318-327). A task whose operation name (the task's
 * `operationName`, the names of the guide's "Task Operations" tables: `vappPowerOn`,
 * `vdcInstantiateVapp`, `vdcComposeVapp`, ...) is on the settings' list is held when it starts: its
 * parent task stays `running`, a BlockingTask (`active`) refers to it, and a
 * `com/vmware/vcloud/event/blockingtask/create` event is recorded (so notified, with the task's
 * name at the end of the routing key). Then:
 *
 * - `resume` lets the parent run on (to success, or to the failure it was told to have);
 * - `abort` ends it `aborted` (its transient objects cleaned up, as a cancel does);
 * - `fail` ends it in `error` with the message;
 * - `updateProgress` sets the timeout to now plus `TimeoutValueInMilliseconds` (when given);
 * - when nobody acts before the timeout, the settings' timeout action (`resume`, `abort`, `fail`)
 *   is taken (on the next request: the simulator moves on when asked, as its tasks do).
 *
 * Each action records its event (`blockingtask/resume`, `/abort`, `/fail`: the guide's table 10-5).
 * A blocking task whose parent ended otherwise (cancelled) is no longer active.
 */
import { badRequest } from "../fault.js";
import type { Events } from "../events/events.js";
import { urnKindOf } from "../events/event-type.js";
import type { IdSource } from "../store/ids.js";
import type { EntityRef, Task } from "../store/model.js";
import { isDone, type Tasks } from "../store/tasks.js";

export type TimeoutAction = "resume" | "abort" | "fail";
export const TIMEOUT_ACTIONS: readonly TimeoutAction[] = [
  "resume",
  "abort",
  "fail",
];

export interface BlockingSettings {
  readonly timeoutAction: TimeoutAction;
  readonly timeoutMs: number;
  /** The operation names that block. */
  readonly operations: readonly string[];
}

/** The simulator's defaults (vCD's are not in the guide): abort after a day, nothing blocks. */
export const DEFAULT_BLOCKING_SETTINGS: BlockingSettings = {
  timeoutAction: "abort",
  timeoutMs: 24 * 3600 * 1000,
  operations: [],
};

export type BlockingStatus = "active" | "resumed" | "aborted" | "failed";

export interface BlockingTask {
  readonly id: string;
  readonly taskId: string;
  /** The parent's operation name (the guide's BlockingTask `name`). */
  readonly name: string;
  readonly orgId: string;
  readonly userId: string;
  readonly owner: EntityRef;
  readonly created: number;
  status: BlockingStatus;
  timeoutAt: number;
  timeoutAction: TimeoutAction;
  /** The message of the last action on it. */
  message?: string;
}

const EVENT = "com/vmware/vcloud/event/blockingtask";

export class BlockingTasks {
  settings: BlockingSettings = DEFAULT_BLOCKING_SETTINGS;
  private readonly kept = new Map<string, BlockingTask>();

  constructor(
    private readonly ids: () => IdSource,
    private readonly now: () => number,
    private readonly tasks: () => Tasks,
    private readonly events: Events,
  ) {}

  /** A task started: held by a new blocking task when one of its names is on the list. */
  started(task: Task, names: readonly string[]): void {
    if (!names.some((n) => this.settings.operations.includes(n))) return;
    this.tasks().block(task);
    const created = this.now();
    const bt: BlockingTask = {
      id: this.ids().next("blockingTask"),
      taskId: task.id,
      name: task.operationName,
      orgId: task.orgId,
      userId: task.userId,
      owner: task.owner,
      created,
      status: "active",
      timeoutAt: created + this.settings.timeoutMs,
      timeoutAction: this.settings.timeoutAction,
    };
    this.kept.set(bt.id, bt);
    this.record(bt, "create");
  }

  get(id: string): BlockingTask | undefined {
    const bt = this.kept.get(id);
    if (bt) this.settleOne(bt);
    return bt;
  }

  /** The blocking tasks still active (the system's `blockingTasks` list). */
  active(): BlockingTask[] {
    this.settle();
    return [...this.kept.values()].filter((b) => b.status === "active");
  }

  resume(bt: BlockingTask, message: string): void {
    this.settleOne(bt);
    this.take(bt, "resume", message);
  }

  abort(bt: BlockingTask, message: string): void {
    this.settleOne(bt);
    this.take(bt, "abort", message);
  }

  fail(bt: BlockingTask, message: string): void {
    this.settleOne(bt);
    this.take(bt, "fail", message);
  }

  /** A new timeout, from now (none given: as it was). */
  updateProgress(
    bt: BlockingTask,
    message: string,
    timeoutMs: number | undefined,
  ): void {
    this.settleOne(bt);
    this.activeParent(bt);
    bt.message = message;
    if (timeoutMs !== undefined) bt.timeoutAt = this.now() + timeoutMs;
  }

  /** Takes the timeout action of every active blocking task past its timeout. */
  settle(): void {
    for (const bt of this.kept.values()) this.settleOne(bt);
  }

  clear(): void {
    this.kept.clear();
    this.settings = DEFAULT_BLOCKING_SETTINGS;
  }

  private settleOne(bt: BlockingTask): void {
    if (bt.status !== "active") return;
    const task = this.tasks().get(bt.taskId);
    if (!task || isDone(task)) {
      bt.status = "aborted"; // its parent ended otherwise (cancelled, dropped)
      return;
    }
    if (this.now() < bt.timeoutAt) return;
    this.take(
      bt,
      bt.timeoutAction,
      `The blocking task timed out; its timeout action ${bt.timeoutAction} was taken.`,
    );
  }

  /** An action on an active blocking task: its parent runs on, or ends aborted or in error. */
  private take(bt: BlockingTask, action: TimeoutAction, message: string): void {
    const task = this.activeParent(bt);
    bt.message = message;
    if (action === "resume") {
      bt.status = "resumed";
      this.tasks().unblock(task);
    } else if (action === "abort") {
      bt.status = "aborted";
      this.tasks().cancel(task);
    } else {
      bt.status = "failed";
      this.tasks().release(task, message);
    }
    this.record(bt, action);
  }

  /** The parent of an active blocking task; an ended one is refused. */
  private activeParent(bt: BlockingTask): Task {
    const task = this.tasks().get(bt.taskId);
    if (bt.status !== "active" || !task || isDone(task))
      throw badRequest(
        `The blocking task ${bt.id} is no longer active (it is ${bt.status}).`,
      );
    return task;
  }

  private record(bt: BlockingTask, action: string): void {
    this.events.record({
      type: `${EVENT}/${action}`,
      success: true,
      entity: { kind: "blockingTask", id: bt.id, name: bt.name },
      orgId: bt.orgId,
      userId: bt.userId,
      taskId: bt.taskId,
      taskOwner: {
        kind: urnKindOf(bt.owner.kind),
        id: bt.owner.id,
        name: bt.owner.name,
      },
      ...(bt.message !== undefined ? { description: bt.message } : {}),
    });
  }
}
