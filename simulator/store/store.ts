/**
 * vcd-codegen runtime, simulator: the store, vCD's state and rules without HTTP (moto's backend).
 * It holds organizations, users, networks, VDCs, catalogs, templates, vApps, sessions and tasks, is
 * filled from a seed and goes back to it on `reset()`. The rules that change vApps live in vapps.ts.
 */
import { DEFAULT_TASK_RETENTION_MS } from "../binding.js";
import { noAccess, unauthorized } from "../fault.js";
import { accessLevelOf } from "./access-levels.js";
import { IdSource } from "./ids.js";
import { fillAtScale } from "./fill-at-scale.js";
import { fillFromSeed, newVm } from "./fill-from-seed.js";
import type {
  AccessControl,
  AccessLevel,
  Catalog,
  CatalogItem,
  Disk,
  EdgeGateway,
  Group,
  Media,
  MetadataEntry,
  Network,
  Org,
  Role,
  Task,
  User,
  VApp,
  VAppTemplate,
  Value,
  Vdc,
  Vm,
} from "./model.js";
import type { SeedData, SeedVm } from "./seed.js";
import { RIGHTS } from "./rights.js";
import { Sessions } from "./sessions.js";
import { Tasks } from "./tasks.js";
import { BlockingTasks } from "../blocking-tasks/blocking-tasks.js";
import { Events } from "../events/events.js";
import { ExtensionServices } from "../extensions/services.js";
import { fillProvider } from "../provider/fill.js";
import { ProviderState } from "../provider/state.js";
import { taskEventType, urnKindOf } from "../events/event-type.js";

export interface StoreOptions {
  readonly tokenIdleTimeout: number;
  readonly taskStepMs: number;
  /** How long a finished task is kept, in ms (default `DEFAULT_TASK_RETENTION_MS`, 15 minutes, as the simulator's option). */
  readonly taskRetentionMs?: number;
  readonly now?: () => number;
}

export class Store {
  readonly now: () => number;
  ids: IdSource = new IdSource("vcd-simulator");
  readonly orgs: Map<string, Org> = new Map();
  readonly users: Map<string, User> = new Map();
  readonly networks: Map<string, Network> = new Map();
  readonly edgeGateways: Map<string, EdgeGateway> = new Map();
  readonly vdcs: Map<string, Vdc> = new Map();
  readonly catalogs: Map<string, Catalog> = new Map();
  readonly catalogItems: Map<string, CatalogItem> = new Map();
  readonly templates: Map<string, VAppTemplate> = new Map();
  readonly vapps: Map<string, VApp> = new Map();
  readonly disks: Map<string, Disk> = new Map();
  readonly media: Map<string, Media> = new Map();
  readonly groups: Map<string, Group> = new Map();
  readonly roles: Map<string, Role> = new Map();
  /** Access settings by the id of the vApp, template or catalog. */
  readonly access: Map<string, AccessControl> = new Map();
  /** Metadata entries by the id of the entity they belong to. */
  readonly metadata: Map<string, MetadataEntry[]> = new Map();
  /** The system settings documents as last PUT, by their path (handlers/system-settings.ts). */
  readonly settings: Map<string, Value> = new Map();
  /** vCenter servers and provider VDCs (provider/): the provider API's state. */
  readonly provider: ProviderState = new ProviderState();
  readonly sessions: Sessions;
  tasks: Tasks;
  /** What vCD records of every action (events.ts): the event queries read them, AMQP publishes them. */
  readonly events: Events;
  /** Tasks held until an extension resumes, aborts or fails them (../blocking-tasks/). */
  readonly blockingTasks: BlockingTasks;
  /** The registered extension services, their API filters, links and rights (../extensions/). */
  readonly extensionServices: ExtensionServices = new ExtensionServices(
    () => this.ids,
  );
  /**
   * Bumped on every change of the state (a request that may change it, a task moving on, a reset):
   * what the response cache of GETs is keyed by.
   */
  revision = 0;

  constructor(
    private readonly seed: SeedData,
    private readonly options: StoreOptions,
  ) {
    this.now = options.now ?? (() => Date.now());
    this.sessions = new Sessions(options.tokenIdleTimeout, this.now);
    this.events = new Events(this.now);
    this.blockingTasks = new BlockingTasks(
      () => this.ids,
      this.now,
      () => this.tasks,
      this.events,
    );
    this.tasks = this.newTasks();
    this.load();
  }

  /** What the store keeps by the ids of deleted entities (their metadata and access settings): dropped. */
  forget(ids: Iterable<string>): void {
    for (const id of ids) {
      this.metadata.delete(id);
      this.access.delete(id);
    }
  }

  /** The state changed (what a cached representation was rendered from may be stale). */
  touch(): void {
    this.revision++;
  }

  private newTasks(): Tasks {
    return new Tasks(
      this.ids,
      this.options.taskStepMs,
      this.now,
      () => this.touch(),
      this.options.taskRetentionMs ?? DEFAULT_TASK_RETENTION_MS,
      (task) => this.taskEnded(task),
      (task, names) => this.blockingTasks.started(task, names),
    );
  }

  /** A task ended: its event, of the task's owner (a cancelled task's is a failure). */
  private taskEnded(task: Task): void {
    const entity = {
      kind: urnKindOf(task.owner.kind),
      id: task.owner.id,
      name: task.owner.name,
    };
    this.events.record({
      type: taskEventType(task),
      success: task.status === "success",
      entity,
      orgId: task.orgId,
      userId: task.userId,
      taskId: task.id,
      taskOwner: entity,
      description: task.operation,
      ...(task.serviceNamespace !== undefined
        ? { serviceNamespace: task.serviceNamespace }
        : {}),
    });
  }

  reset(): void {
    for (const map of [
      this.orgs,
      this.users,
      this.networks,
      this.edgeGateways,
      this.vdcs,
      this.catalogs,
      this.catalogItems,
      this.templates,
      this.vapps,
      this.disks,
      this.media,
      this.metadata,
      this.groups,
      this.roles,
      this.access,
      this.settings,
    ])
      map.clear();
    this.provider.clear();
    this.sessions.clear();
    this.tasks.clear();
    this.events.clear();
    this.blockingTasks.clear();
    this.extensionServices.clear();
    this.ids = new IdSource("vcd-simulator");
    this.hostNumber = 0;
    this.tasks = this.newTasks();
    this.touch();
    this.load();
  }

  // ---- authentication and privileges ----

  /** `user@org` and a password (Basic credentials): the user, or a 401 as vCD words it. */
  authenticate(login: string, password: string): User {
    const at = login.lastIndexOf("@");
    const [name, orgName] =
      at < 0 ? [login, ""] : [login.slice(0, at), login.slice(at + 1)];
    const org = [...this.orgs.values()].find(
      (o) => o.name.toLowerCase() === orgName.toLowerCase(),
    );
    const user = org
      ? [...this.users.values()].find(
          (u) => u.orgId === org.id && u.name === name,
        )
      : undefined;
    if (!user || user.password !== password)
      throw unauthorized("Invalid credentials");
    return user;
  }

  user(id: string): User {
    const user = this.users.get(id);
    if (!user) throw unauthorized();
    return user;
  }

  systemOrg(): Org {
    return [...this.orgs.values()].find((o) => o.name === "System")!;
  }

  isSystemAdmin(user: User): boolean {
    return (
      user.orgId === this.systemOrg().id && user.role === "System Administrator"
    );
  }

  /** Whether the user administers the organization (its Organization Administrator, or the system administrator). */
  isOrgAdmin(user: User, orgId: string): boolean {
    return (
      this.isSystemAdmin(user) ||
      (user.orgId === orgId && user.role === "Organization Administrator")
    );
  }

  canSee(user: User, orgId: string): boolean {
    return this.isSystemAdmin(user) || user.orgId === orgId;
  }

  /** The role of a user: one of its organization's, else the predefined role of that name. */
  roleOf(user: User): Role | undefined {
    let predefined: Role | undefined;
    for (const role of this.roles.values()) {
      if (role.name !== user.role) continue;
      if (role.orgId === user.orgId) return role;
      if (role.orgId === undefined) predefined = role;
    }
    return predefined;
  }

  /** Whether the user's role holds the right (vCD's name, rights.ts); the system administrator holds every one. */
  hasRight(user: User, right: string): boolean {
    return (
      this.isSystemAdmin(user) ||
      (this.roleOf(user)?.rights.includes(right) ?? false)
    );
  }

  /** Whether a right of this name exists (one of rights.ts, or one a role was given). */
  rightExists(name: string): boolean {
    return (
      (Object.values(RIGHTS) as string[]).includes(name) ||
      [...this.roles.values()].some((r) => r.rights.includes(name)) ||
      this.extensionServices.hasRight(name)
    );
  }

  /** The access level the user has on a vApp: an administrator of its organization full control, else by its owner and settings (access-levels.ts). */
  vappLevel(user: User, vapp: VApp): AccessLevel | undefined {
    if (this.isOrgAdmin(user, vapp.orgId)) return "FullControl";
    if (!this.canSee(user, vapp.orgId)) return undefined;
    return accessLevelOf(user, vapp.ownerId, this.access.get(vapp.id));
  }

  /** The vApp a task is about (its object the vApp or one of its VMs), if it still exists. */
  taskVApp(task: Task): VApp | undefined {
    const o = task.owner;
    if (o.kind === "vApp") return this.vapps.get(o.id);
    return o.kind === "vm" ? this.vappOfVm(o.id) : undefined;
  }

  /** Whether the user may read a task: of an organization they see and, about a vApp, one they may read (vappLevel). */
  mayReadTask(user: User, task: Task): boolean {
    if (!this.canSee(user, task.orgId)) return false;
    const vapp = this.taskVApp(task);
    return vapp === undefined || this.vappLevel(user, vapp) !== undefined;
  }

  /** The vApp holding the VM of this id, if any. */
  vappOfVm(vmId: string): VApp | undefined {
    for (const vapp of this.vapps.values())
      if (vapp.vms.some((v) => v.id === vmId)) return vapp;
    return undefined;
  }

  /** The vApp template holding the VM of this id, if any. */
  templateOfVm(vmId: string): VAppTemplate | undefined {
    for (const template of this.templates.values())
      if (template.vms.some((v) => v.id === vmId)) return template;
    return undefined;
  }

  // ---- look-ups, as the user may see them ----

  org(user: User, id: string): Org {
    return this.visible(user, this.orgs.get(id), (o) => o.id, "org", id);
  }

  vdc(user: User, id: string): Vdc {
    return this.visible(user, this.vdcs.get(id), (v) => v.orgId, "vdc", id);
  }

  network(user: User, id: string): Network {
    return this.visible(
      user,
      this.networks.get(id),
      (n) => n.orgId,
      "network",
      id,
    );
  }

  catalog(user: User, id: string): Catalog {
    return this.visible(
      user,
      this.catalogs.get(id),
      (c) => c.orgId,
      "catalog",
      id,
    );
  }

  catalogItem(user: User, id: string): CatalogItem {
    const item = this.catalogItems.get(id);
    const orgId = item ? this.catalogs.get(item.catalogId)?.orgId : undefined;
    if (!item || orgId === undefined || !this.canSee(user, orgId))
      throw noAccess("catalogItem", id);
    return item;
  }

  template(user: User, id: string): VAppTemplate {
    return this.visible(
      user,
      this.templates.get(id),
      (t) => t.orgId,
      "vAppTemplate",
      id,
    );
  }

  mediaImage(user: User, id: string): Media {
    return this.visible(user, this.media.get(id), (m) => m.orgId, "media", id);
  }

  disk(user: User, id: string): Disk {
    return this.visible(user, this.disks.get(id), (d) => d.orgId, "disk", id);
  }

  /** A vApp the user may read (of their organization, and theirs, shared with them, or administered by them). */
  vapp(user: User, id: string): VApp {
    const vapp = this.vapps.get(id);
    if (!vapp || !this.vappLevel(user, vapp)) throw noAccess("vapp", id);
    return vapp;
  }

  /** A VM of a vApp (not of a template) the user may read, with its vApp. */
  vm(user: User, id: string): { vapp: VApp; vm: Vm } {
    const vapp = this.vappOfVm(id);
    const vm = vapp?.vms.find((v) => v.id === id);
    if (vapp && vm && this.vappLevel(user, vapp)) return { vapp, vm };
    throw noAccess("vm", id);
  }

  templateVm(user: User, id: string): { template: VAppTemplate; vm: Vm } {
    const template = this.templateOfVm(id);
    const vm = template?.vms.find((v) => v.id === id);
    if (template && vm && this.canSee(user, template.orgId))
      return { template, vm };
    throw noAccess("vm", id);
  }

  /** The organization an entity id (of any kind the store holds) belongs to. */
  orgOf(id: string): string | undefined {
    if (this.orgs.has(id)) return id;
    const owner =
      this.users.get(id)?.orgId ??
      this.vdcs.get(id)?.orgId ??
      this.networks.get(id)?.orgId ??
      this.edgeGateways.get(id)?.orgId ??
      this.catalogs.get(id)?.orgId ??
      this.templates.get(id)?.orgId ??
      this.vapps.get(id)?.orgId ??
      this.disks.get(id)?.orgId ??
      this.groups.get(id)?.orgId;
    if (owner) return owner;
    const item = this.catalogItems.get(id);
    if (item) return this.catalogs.get(item.catalogId)?.orgId;
    for (const holder of [...this.vapps.values(), ...this.templates.values()])
      if (holder.vms.some((vm) => vm.id === id)) return holder.orgId;
    return undefined;
  }

  private visible<T>(
    user: User,
    entity: T | undefined,
    orgOf: (e: T) => string,
    kind: string,
    id: string,
  ): T {
    if (!entity || !this.canSee(user, orgOf(entity))) throw noAccess(kind, id);
    return entity;
  }

  // ---- seeding ----

  private load(): void {
    fillFromSeed(this, this.seed);
    if (this.seed.scale) fillAtScale(this, this.seed.scale);
    fillProvider(this, this.seed);
  }

  /** A VM made from a seed's description (numbered hosts, default sections). */
  newVm(seed: SeedVm, parentId: string, network: Network | undefined): Vm {
    return newVm(this.ids, seed, parentId, network, this.hostNumber++);
  }

  private hostNumber = 0;
}
