/**
 * vcd-codegen runtime, simulator: tasks. A task is queued, then running (its progress rising), then
 * done; each step takes `stepMs`, and each poll of the task moves it on one step too. When it ends
 * its effect is applied (or, told to fail, its failure); the store settles tasks before every request.
 * A finished task is kept for the retention time after it ends, then dropped (vCD too drops tasks at
 * their `expiryTime`; the simulator's default is shorter, so that a long run stays bounded).
 */
import { invalidState } from "../fault.js";
import type { IdSource } from "./ids.js";
import type { EntityRef, Task } from "./model.js";

export interface TaskSpec {
  readonly operationName: string;
  /** Other names `failNextTask` may use for it (the operation's name in the table). */
  readonly aliases?: readonly string[];
  readonly operation: string;
  readonly owner: EntityRef;
  readonly orgId: string;
  readonly userId: string;
  /** What the task does when it succeeds. */
  readonly apply: () => void;
  /** What its failure leaves behind. */
  readonly fail?: () => void;
  /**
   * A name the task takes when it succeeds (a rename: the VDC's id and the new name): held while the
   * task runs, so that no other write takes it meanwhile (`reserved`); released when the task ends,
   * however it ends. Several names: each is held (a VM's new addresses, store/vm-addresses.ts).
   */
  readonly reserves?: string | readonly string[];
  /**
   * Held: the task runs (status `running`) until `release` ends it, as an upload's task does while
   * its transfer is open; time and polls do not move it on.
   */
  readonly held?: boolean;
  /** What cancelling it leaves behind (an upload's transfer and template removed). */
  readonly cancelled?: () => void;
  /** An extension service's namespace (a task it posted to a tasks list). */
  readonly serviceNamespace?: string;
}

const STEPS_TO_END = 3;

export class Tasks {
  private readonly tasks = new Map<string, Task>();
  /** The tasks not yet done: what `settle` and `active` look at (finished ones are only kept). */
  private readonly open = new Set<Task>();
  /** Finished tasks by the time they ended, oldest first (Map order): what `settle` drops from. */
  private readonly finished = new Map<Task, number>();
  private readonly effects = new Map<string, TaskSpec>();
  private readonly failures = new Map<string, string>();
  /** Tasks held by a blocking task (../blocking-tasks/): running, moved on by nothing until unblocked. */
  private readonly blocked = new Set<string>();
  /** Where a task's steps count from once it was unblocked (the time and its polls then). */
  private readonly resumed = new Map<string, { at: number; polls: number }>();

  constructor(
    private readonly ids: IdSource,
    private readonly stepMs: number,
    private readonly now: () => number,
    /** Called whenever a task moves on (the store's revision). */
    private readonly changed: () => void = () => {},
    /** How long a finished task is kept, in ms. */
    private readonly retentionMs: number = Infinity,
    /** Called once when a task ends, however it ends (the store records its event). */
    private readonly ended: (task: Task) => void = () => {},
    /** Called when a task starts, with the names of its operation (a blocking task may hold it). */
    private readonly started: (
      task: Task,
      names: readonly string[],
    ) => void = () => {},
  ) {}

  start(spec: TaskSpec): Task {
    const kind = [spec.operationName, ...(spec.aliases ?? [])].find((k) =>
      this.failures.has(k),
    );
    const failWith = kind === undefined ? undefined : this.failures.get(kind);
    if (kind !== undefined) this.failures.delete(kind);
    const created = this.now();
    const task: Task = {
      id: this.ids.next("task"),
      operationName: spec.operationName,
      operation: spec.operation,
      owner: spec.owner,
      orgId: spec.orgId,
      userId: spec.userId,
      created,
      startTime: new Date(created).toISOString(),
      status: spec.held ? "running" : "queued",
      progress: 0,
      polls: 0,
      ...(failWith !== undefined ? { failWith } : {}),
      ...(spec.serviceNamespace !== undefined
        ? { serviceNamespace: spec.serviceNamespace }
        : {}),
    };
    this.tasks.set(task.id, task);
    this.open.add(task);
    this.effects.set(task.id, spec);
    this.changed();
    this.started(task, [spec.operationName, ...(spec.aliases ?? [])]);
    return task;
  }

  /** Holds a task (a blocking task's parent): it runs, and nothing moves it on until `unblock`. */
  block(task: Task): void {
    if (isDone(task)) return;
    this.blocked.add(task.id);
    task.status = "running";
    this.changed();
  }

  /** Lets a held task run on: its steps count from now. */
  unblock(task: Task): void {
    if (!this.blocked.delete(task.id)) return;
    this.resumed.set(task.id, { at: this.now(), polls: task.polls });
    this.changed();
  }

  isBlocked(task: Task): boolean {
    return this.blocked.has(task.id);
  }

  failNext(kind: string, message: string): void {
    this.failures.set(kind, message);
  }

  get(id: string): Task | undefined {
    return this.tasks.get(id);
  }

  /** A client reads the task: it moves on a step. */
  poll(id: string): Task | undefined {
    const task = this.tasks.get(id);
    if (task && !isDone(task)) {
      task.polls++;
      this.advance(task);
    }
    return task;
  }

  /** Moves every open task on as time has passed, and drops the finished ones past the retention time. */
  settle(): void {
    for (const task of this.open) this.advance(task);
    const oldest = this.now() - this.retentionMs;
    let dropped = false;
    for (const [task, ended] of this.finished) {
      if (ended > oldest) break;
      this.finished.delete(task);
      this.tasks.delete(task.id);
      dropped = true;
    }
    if (dropped) this.changed();
  }

  /** How many tasks are kept (open and finished). */
  get size(): number {
    return this.tasks.size;
  }

  /** Tasks still at work on an entity. */
  active(entityId: string): Task[] {
    const found: Task[] = [];
    for (const t of this.open) if (t.owner.id === entityId) found.push(t);
    return found;
  }

  /**
   * Refuses an operation on an entity with a task at work: vCD's BUSY_ENTITY (400). The message is
   * the form vCD 9.x-10.x answers, `The entity <name> is busy completing an operation.` (reported in
   * fog/fog#3620); newer vCD names the entity's reference and the operation instead (`The entity Ref:
   * com.vmware.vcloud.entity.vm:<uuid> is busy completing an operation VAPP_UPDATE_VM.`,
   * vmware/go-vcloud-director#616, vmware/terraform-provider-vcd#649). The older form is kept: it
   * needs no mapping of operations to vCD's internal names, and clients match on the minor code.
   */
  requireIdle(entityId: string, name: string): void {
    if (this.active(entityId).length)
      throw invalidState(
        "BUSY_ENTITY",
        `The entity ${name} is busy completing an operation.`,
      );
  }

  /** Whether a task at work holds that name (`TaskSpec.reserves`). */
  reserved(name: string): boolean {
    for (const t of this.open)
      if ([this.effects.get(t.id)?.reserves].flat().includes(name)) return true;
    return false;
  }

  all(): Task[] {
    return [...this.tasks.values()];
  }

  cancel(task: Task): void {
    if (isDone(task)) return;
    const spec = this.effects.get(task.id);
    task.status = "aborted";
    task.endTime = new Date(this.now()).toISOString();
    this.effects.delete(task.id);
    this.open.delete(task);
    this.blocked.delete(task.id);
    this.resumed.delete(task.id);
    this.finished.set(task, this.now());
    this.changed();
    spec?.cancelled?.();
    this.ended(task);
  }

  /** A held task's progress (0..99 while it runs). */
  progress(task: Task, percent: number): void {
    if (isDone(task)) return;
    const progress = Math.max(0, Math.min(99, Math.floor(percent)));
    if (progress === task.progress) return;
    task.progress = progress;
    this.changed();
  }

  /** Ends a held task: it succeeds (its effect applied), or fails with the message (its failure left). */
  release(task: Task, failure?: string): void {
    if (isDone(task)) return;
    const spec = this.effects.get(task.id);
    this.effects.delete(task.id);
    this.open.delete(task);
    this.blocked.delete(task.id);
    this.resumed.delete(task.id);
    this.finished.set(task, this.now());
    task.endTime = new Date(this.now()).toISOString();
    const message = failure ?? task.failWith;
    if (message !== undefined) {
      task.status = "error";
      task.errorMessage = message;
      spec?.fail?.();
    } else {
      task.status = "success";
      task.progress = 100;
      spec?.apply();
    }
    this.changed();
    this.ended(task);
  }

  clear(): void {
    this.tasks.clear();
    this.open.clear();
    this.finished.clear();
    this.effects.clear();
    this.failures.clear();
    this.blocked.clear();
    this.resumed.clear();
  }

  private advance(task: Task): void {
    if (this.effects.get(task.id)?.held || this.blocked.has(task.id)) return;
    const from = this.resumed.get(task.id) ?? { at: task.created, polls: 0 };
    const steps =
      Math.floor((this.now() - from.at) / Math.max(this.stepMs, 1)) +
      task.polls -
      from.polls;
    if (steps <= 0) return;
    if (steps < STEPS_TO_END) {
      const progress = Math.round((steps * 100) / STEPS_TO_END);
      if (task.status === "running" && task.progress === progress) return;
      task.status = "running";
      task.progress = progress;
      this.changed();
      return;
    }
    const spec = this.effects.get(task.id);
    this.effects.delete(task.id);
    this.open.delete(task);
    this.blocked.delete(task.id);
    this.resumed.delete(task.id);
    this.finished.set(task, this.now());
    this.changed();
    task.endTime = new Date(this.now()).toISOString();
    if (task.failWith !== undefined) {
      task.status = "error";
      task.errorMessage = task.failWith;
      spec?.fail?.();
    } else {
      task.status = "success";
      task.progress = 100;
      spec?.apply();
    }
    this.ended(task);
  }
}

export const isDone = (task: Task): boolean =>
  task.status === "success" ||
  task.status === "error" ||
  task.status === "aborted";
