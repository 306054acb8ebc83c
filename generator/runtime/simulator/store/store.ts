/**
 * vcd-codegen runtime, simulator: the store, vCD's state and rules without HTTP (moto's backend).
 * It holds organizations, users, networks, VDCs, catalogs, templates, vApps, sessions and tasks, is
 * filled from a seed and goes back to it on `reset()`. The rules that change vApps live in vapps.ts.
 */
import { forbidden, noAccess, unauthorized } from "../fault.js";
import { IdSource } from "./ids.js";
import type {
  Catalog,
  CatalogItem,
  Group,
  Role,
  Network,
  Org,
  User,
  VApp,
  VAppTemplate,
  Vdc,
  Vm,
} from "./model.js";
import { Status } from "./model.js";
import {
  ROLE_NAMES,
  type SeedData,
  type SeedOrg,
  type SeedVm,
} from "./seed.js";
import type { AccessControl } from "./access.js";
import type { MetadataEntry } from "./metadata.js";
import { Sessions } from "./sessions.js";
import { Tasks } from "./tasks.js";
import {
  defaultGuestCustomization,
  defaultNetworkConnection,
} from "./vm-sections.js";

export interface StoreOptions {
  readonly tokenIdleTimeout: number;
  readonly taskStepMs: number;
  readonly now?: () => number;
}

export class Store {
  readonly now: () => number;
  ids: IdSource = new IdSource("vcd-simulator");
  readonly orgs: Map<string, Org> = new Map();
  readonly users: Map<string, User> = new Map();
  readonly networks: Map<string, Network> = new Map();
  readonly vdcs: Map<string, Vdc> = new Map();
  readonly catalogs: Map<string, Catalog> = new Map();
  readonly catalogItems: Map<string, CatalogItem> = new Map();
  readonly templates: Map<string, VAppTemplate> = new Map();
  readonly vapps: Map<string, VApp> = new Map();
  readonly groups: Map<string, Group> = new Map();
  readonly roles: Map<string, Role> = new Map();
  /** Access settings by the id of the vApp, template or catalog. */
  readonly access: Map<string, AccessControl> = new Map();
  /** Metadata entries by the id of the entity they belong to. */
  readonly metadata: Map<string, MetadataEntry[]> = new Map();
  readonly sessions: Sessions;
  tasks: Tasks;

  constructor(
    private readonly seed: SeedData,
    private readonly options: StoreOptions,
  ) {
    this.now = options.now ?? (() => Date.now());
    this.sessions = new Sessions(options.tokenIdleTimeout, this.now);
    this.tasks = new Tasks(this.ids, options.taskStepMs, this.now);
    this.load();
  }

  reset(): void {
    for (const map of [
      this.orgs,
      this.users,
      this.networks,
      this.vdcs,
      this.catalogs,
      this.catalogItems,
      this.templates,
      this.vapps,
      this.metadata,
      this.groups,
      this.roles,
      this.access,
    ])
      map.clear();
    this.sessions.clear();
    this.tasks.clear();
    this.ids = new IdSource("vcd-simulator");
    this.hostNumber = 0;
    this.tasks = new Tasks(this.ids, this.options.taskStepMs, this.now);
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

  /** Roles that may create, change and operate vApps (vCD's vApp rights). */
  mayChangeVApps(user: User): boolean {
    return user.role !== "Console Access Only";
  }

  requireVAppRights(user: User): void {
    if (!this.mayChangeVApps(user)) throw forbidden();
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

  vapp(user: User, id: string): VApp {
    return this.visible(user, this.vapps.get(id), (v) => v.orgId, "vapp", id);
  }

  /** A VM of a vApp (not of a template), with its vApp. */
  vm(user: User, id: string): { vapp: VApp; vm: Vm } {
    for (const vapp of this.vapps.values()) {
      const vm = vapp.vms.find((v) => v.id === id);
      if (vm && this.canSee(user, vapp.orgId)) return { vapp, vm };
    }
    throw noAccess("vm", id);
  }

  templateVm(user: User, id: string): { template: VAppTemplate; vm: Vm } {
    for (const template of this.templates.values()) {
      const vm = template.vms.find((v) => v.id === id);
      if (vm && this.canSee(user, template.orgId)) return { template, vm };
    }
    throw noAccess("vm", id);
  }

  /** The organization an entity id (of any kind the store holds) belongs to. */
  orgOf(id: string): string | undefined {
    if (this.orgs.has(id)) return id;
    const owner =
      this.users.get(id)?.orgId ??
      this.vdcs.get(id)?.orgId ??
      this.networks.get(id)?.orgId ??
      this.catalogs.get(id)?.orgId ??
      this.templates.get(id)?.orgId ??
      this.vapps.get(id)?.orgId ??
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
    for (const seedOrg of this.seed.orgs) this.loadOrg(seedOrg);
    for (const name of ROLE_NAMES) {
      const role: Role = {
        id: this.ids.next("role"),
        name,
        rights: [],
        readOnly: true,
      };
      this.roles.set(role.id, role);
    }
  }

  private loadOrg(seed: SeedOrg): void {
    const org: Org = {
      id: this.ids.next("org"),
      name: seed.name,
      fullName: seed.fullName,
      enabled: true,
      ...(seed.description !== undefined
        ? { description: seed.description }
        : {}),
    };
    this.orgs.set(org.id, org);
    for (const u of seed.users) {
      const user: User = { id: this.ids.next("user"), orgId: org.id, ...u };
      this.users.set(user.id, user);
    }
    const admin = [...this.users.values()].find((u) => u.orgId === org.id);
    const networkByName = new Map<string, Network>();
    for (const n of seed.networks ?? []) {
      const network: Network = {
        id: this.ids.next("network"),
        orgId: org.id,
        ...n,
      };
      this.networks.set(network.id, network);
      networkByName.set(n.name, network);
    }
    const vdcByName = new Map<string, Vdc>();
    for (const v of seed.vdcs ?? []) {
      const vdc: Vdc = {
        id: this.ids.next("vdc"),
        orgId: org.id,
        name: v.name,
        networkIds: (v.networks ?? []).flatMap((n) => {
          const id = networkByName.get(n)?.id;
          return id ? [id] : [];
        }),
      };
      this.vdcs.set(vdc.id, vdc);
      vdcByName.set(v.name, vdc);
    }
    const created = new Date(this.now()).toISOString();
    for (const c of seed.catalogs ?? []) {
      const catalog: Catalog = {
        id: this.ids.next("catalog"),
        orgId: org.id,
        name: c.name,
        itemIds: [],
        created,
        ...(c.description !== undefined ? { description: c.description } : {}),
      };
      this.catalogs.set(catalog.id, catalog);
      for (const i of c.items) {
        const vdc = vdcByName.get(i.vdc);
        if (!vdc)
          throw new Error(
            `seed: catalog item ${i.name}: no VDC ${i.vdc} in ${seed.name}`,
          );
        const template: VAppTemplate = {
          id: this.ids.next("vAppTemplate"),
          orgId: org.id,
          vdcId: vdc.id,
          name: i.template.name,
          ownerId: admin?.id ?? "",
          created,
          vms: [],
          ...(i.template.description !== undefined
            ? { description: i.template.description }
            : {}),
        };
        template.vms = i.template.vms.map((vm) =>
          this.newVm(vm, template.id, networkByName.get(vm.network ?? "")),
        );
        this.templates.set(template.id, template);
        const item: CatalogItem = {
          id: this.ids.next("catalogItem"),
          catalogId: catalog.id,
          name: i.name,
          templateId: template.id,
        };
        this.catalogItems.set(item.id, item);
        catalog.itemIds.push(item.id);
      }
    }
  }

  private hostNumber = 0;

  newVm(seed: SeedVm, parentId: string, network: Network | undefined): Vm {
    const id = this.ids.next("vm");
    return {
      id,
      parentId,
      name: seed.name,
      status: Status.POWERED_OFF,
      deployed: false,
      cpus: seed.cpus,
      memoryMb: seed.memoryMb,
      diskMb: seed.diskMb,
      osType: seed.osType,
      osId: seed.osId,
      needsCustomization: true,
      guest: defaultGuestCustomization(id, seed.name),
      network: defaultNetworkConnection(id, network, this.hostNumber++),
      products: [],
    };
  }
}
