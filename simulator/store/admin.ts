/**
 * vcd-codegen runtime, simulator: administration, vCD's rules: the system administrator creates
 * organizations and their VDCs (a VDC is ready when its creation task ends); an organization's
 * administrator creates its users (with a role and a password) and groups; roles belong to an
 * organization (created by its administrator; the predefined ones, which every organization has,
 * cannot be changed), so a role's name is unique within its organization only. Names are unique in
 * their scope (DUPLICATE_NAME otherwise).
 */
import { badRequest, duplicateName, forbidden } from "../fault.js";
import type { Group, Org, Role, Task, User, Vdc } from "./model.js";
import type { Store } from "./store.js";

export interface OrgParams {
  readonly name: string;
  readonly fullName: string;
  readonly description?: string;
  readonly enabled: boolean;
}

export interface VdcParams {
  readonly name: string;
  readonly description?: string;
  readonly allocationModel: string;
  readonly cpuLimitMhz: number;
  readonly memoryLimitMb: number;
  readonly enabled: boolean;
}

export interface UserParams {
  readonly name: string;
  readonly password?: string;
  readonly roleId?: string;
  readonly fullName?: string;
  readonly email?: string;
  readonly enabled: boolean;
}

const ALLOCATION_MODELS = [
  "AllocationVApp",
  "AllocationPool",
  "ReservationPool",
  "Flex",
];

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Refuses a name one of `items` (of the organization, when given) has, case aside. */
function requireNewName(
  items: Iterable<{ readonly name: string; readonly orgId?: string }>,
  name: string,
  orgId?: string,
): void {
  for (const i of items)
    if ((orgId === undefined || i.orgId === orgId) && same(i.name, name))
      throw duplicateName(name);
}

export class AdminRules {
  constructor(private readonly store: Store) {}

  createOrg(user: User, p: OrgParams): Org {
    if (!this.store.isSystemAdmin(user)) throw forbidden();
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(p.name))
      throw badRequest(
        `The organization name "${p.name}" is not valid: use letters, digits, '-', '_' and '.', starting with a letter or digit.`,
      );
    requireNewName(this.store.orgs.values(), p.name);
    const org: Org = {
      id: this.store.ids.next("org"),
      name: p.name,
      fullName: p.fullName,
      enabled: p.enabled,
      ...(p.description !== undefined ? { description: p.description } : {}),
    };
    this.store.orgs.set(org.id, org);
    return org;
  }

  createVdc(user: User, org: Org, p: VdcParams): { vdc: Vdc; task: Task } {
    if (!this.store.isSystemAdmin(user)) throw forbidden();
    if (!ALLOCATION_MODELS.includes(p.allocationModel))
      throw badRequest(
        `The allocation model "${p.allocationModel}" is not one of ${ALLOCATION_MODELS.join(", ")}.`,
      );
    requireNewName(this.store.vdcs.values(), p.name, org.id);
    const vdc: Vdc = {
      id: this.store.ids.next("vdc"),
      orgId: org.id,
      name: p.name,
      networkIds: [],
      allocationModel: p.allocationModel,
      cpuLimitMhz: p.cpuLimitMhz,
      memoryLimitMb: p.memoryLimitMb,
      enabled: p.enabled,
      ready: false,
      ...(p.description !== undefined ? { description: p.description } : {}),
    };
    this.store.vdcs.set(vdc.id, vdc);
    const task = this.store.tasks.start({
      operationName: "vdcCreateVdc",
      operation: `Creating Virtual Datacenter ${vdc.name}(${vdc.id})`,
      owner: { kind: "vdc", id: vdc.id, name: vdc.name },
      orgId: org.id,
      userId: user.id,
      apply: () => (vdc.ready = true),
      fail: () => this.store.vdcs.delete(vdc.id),
    });
    return { vdc, task };
  }

  createUser(user: User, org: Org, p: UserParams): User {
    this.requireOrgAdmin(user, org);
    if (p.name.trim() === "")
      throw badRequest("The user name must not be empty.");
    requireNewName(this.store.users.values(), p.name, org.id);
    if (!p.password)
      throw badRequest(
        "A password is required for a user that is not imported from LDAP.",
      );
    const role = this.roleIn(org, p.roleId);
    if (!role)
      throw badRequest(
        "The user needs a Role: a reference to one of the roles of its organization (GET /api/admin).",
      );
    if (
      role.name === "System Administrator" &&
      org.id !== this.store.systemOrg().id
    )
      throw badRequest(
        "The System Administrator role belongs to the System organization only.",
      );
    const created: User = {
      id: this.store.ids.next("user"),
      orgId: org.id,
      name: p.name,
      password: p.password,
      role: role.name,
      enabled: p.enabled,
      ...(p.fullName !== undefined ? { fullName: p.fullName } : {}),
      ...(p.email !== undefined ? { email: p.email } : {}),
    };
    this.store.users.set(created.id, created);
    return created;
  }

  createGroup(
    user: User,
    org: Org,
    name: string,
    description?: string,
    roleId?: string,
  ): Group {
    this.requireOrgAdmin(user, org);
    requireNewName(this.store.groups.values(), name, org.id);
    const role = this.roleIn(org, roleId);
    if (roleId !== undefined && !role)
      throw badRequest(`There is no role ${roleId} in the organization.`);
    const group: Group = {
      id: this.store.ids.next("group"),
      orgId: org.id,
      name,
      ...(description !== undefined ? { description } : {}),
      ...(role ? { role: role.name } : {}),
    };
    this.store.groups.set(group.id, group);
    return group;
  }

  /** A role of `org`: its own (custom) roles and the predefined ones; names unique among them. */
  createRole(
    user: User,
    org: Org,
    name: string,
    rights: readonly string[],
    description?: string,
  ): Role {
    this.requireOrgAdmin(user, org);
    if (name.trim() === "")
      throw badRequest("The role name must not be empty.");
    requireNewName(
      [...this.store.roles.values()].filter(
        (r) => r.orgId === undefined || r.orgId === org.id,
      ),
      name,
    );
    const role: Role = {
      id: this.store.ids.next("role"),
      orgId: org.id,
      name,
      rights: [...rights],
      readOnly: false,
      ...(description !== undefined ? { description } : {}),
    };
    this.store.roles.set(role.id, role);
    return role;
  }

  /** A role an entity of `org` may have: a predefined one, or one of `org`'s own. */
  private roleIn(org: Org, id: string | undefined): Role | undefined {
    const role = id === undefined ? undefined : this.store.roles.get(id);
    return role && (role.orgId === undefined || role.orgId === org.id)
      ? role
      : undefined;
  }

  private requireOrgAdmin(user: User, org: Org): void {
    if (!this.store.isOrgAdmin(user, org.id)) throw forbidden();
  }
}
