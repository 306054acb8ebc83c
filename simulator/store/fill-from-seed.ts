/**
 * vcd-codegen runtime, simulator: filling a store from a seed: organizations with their users,
 * networks, VDCs, catalogs and templates (each template's VMs with default sections), then the
 * predefined roles (with their rights, from rights.ts).
 */
import type {
  Catalog,
  CatalogItem,
  Network,
  Org,
  Role,
  User,
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
import type { IdSource } from "./ids.js";
import { PREDEFINED_RIGHTS } from "./rights.js";
import {
  defaultGuestCustomization,
  defaultNetworkConnection,
} from "./vm-sections.js";

/**
 * What filling needs of a store: its id source, clock and maps, and how it makes a VM. The store
 * calls `fillFromSeed` with itself; this file does not import it, so the two do not import each other.
 */
export interface SeedTarget {
  readonly ids: IdSource;
  readonly now: () => number;
  readonly orgs: Map<string, Org>;
  readonly users: Map<string, User>;
  readonly networks: Map<string, Network>;
  readonly vdcs: Map<string, Vdc>;
  readonly catalogs: Map<string, Catalog>;
  readonly catalogItems: Map<string, CatalogItem>;
  readonly templates: Map<string, VAppTemplate>;
  readonly roles: Map<string, Role>;
  newVm(seed: SeedVm, parentId: string, network: Network | undefined): Vm;
}

export function fillFromSeed(store: SeedTarget, seed: SeedData): void {
  seed.orgs.forEach((seedOrg, index) => loadOrg(store, seedOrg, index));
  for (const name of ROLE_NAMES) {
    const role: Role = {
      id: store.ids.next("role"),
      name,
      rights: [...PREDEFINED_RIGHTS[name]],
      readOnly: true,
    };
    store.roles.set(role.id, role);
  }
}

/** A VM of a seed's description, powered off and not yet customized. */
export function newVm(
  ids: IdSource,
  seed: SeedVm,
  parentId: string,
  network: Network | undefined,
  hostNumber: number,
): Vm {
  const id = ids.next("vm");
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
    network: defaultNetworkConnection(id, network, hostNumber),
    products: [],
  };
}

function loadOrg(store: SeedTarget, seed: SeedOrg, index: number): void {
  const org: Org = {
    id: store.ids.next("org"),
    name: seed.name,
    fullName: seed.fullName,
    enabled: true,
    ...(seed.description !== undefined
      ? { description: seed.description }
      : {}),
  };
  store.orgs.set(org.id, org);
  seed.users.forEach((u, userIndex) => {
    // A role the simulator does not know would give a user no rights, and every check would
    // refuse them without saying why: refused here, at its JSON path.
    if (!ROLE_NAMES.includes(u.role))
      throw new Error(
        `seed: orgs[${index}].users[${userIndex}].role: unknown role ${JSON.stringify(u.role)} (the simulator knows ${ROLE_NAMES.join(", ")})`,
      );
    const user: User = { id: store.ids.next("user"), orgId: org.id, ...u };
    store.users.set(user.id, user);
  });
  const admin = [...store.users.values()].find((u) => u.orgId === org.id);
  const networkByName = new Map<string, Network>();
  for (const n of seed.networks ?? []) {
    const network: Network = {
      id: store.ids.next("network"),
      orgId: org.id,
      ...n,
    };
    store.networks.set(network.id, network);
    networkByName.set(n.name, network);
  }
  const vdcByName = new Map<string, Vdc>();
  for (const v of seed.vdcs ?? []) {
    const vdc: Vdc = {
      id: store.ids.next("vdc"),
      orgId: org.id,
      name: v.name,
      networkIds: (v.networks ?? []).flatMap((n) => {
        const id = networkByName.get(n)?.id;
        return id ? [id] : [];
      }),
    };
    store.vdcs.set(vdc.id, vdc);
    vdcByName.set(v.name, vdc);
  }
  const created = new Date(store.now()).toISOString();
  for (const c of seed.catalogs ?? []) {
    const catalog: Catalog = {
      id: store.ids.next("catalog"),
      orgId: org.id,
      name: c.name,
      itemIds: [],
      created,
      ...(c.description !== undefined ? { description: c.description } : {}),
    };
    store.catalogs.set(catalog.id, catalog);
    for (const i of c.items) {
      const vdc = vdcByName.get(i.vdc);
      if (!vdc)
        throw new Error(
          `seed: catalog item ${i.name}: no VDC ${i.vdc} in ${seed.name}`,
        );
      const template: VAppTemplate = {
        id: store.ids.next("vAppTemplate"),
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
        store.newVm(vm, template.id, networkByName.get(vm.network ?? "")),
      );
      store.templates.set(template.id, template);
      const item: CatalogItem = {
        id: store.ids.next("catalogItem"),
        catalogId: catalog.id,
        name: i.name,
        templateId: template.id,
      };
      store.catalogItems.set(item.id, item);
      catalog.itemIds.push(item.id);
    }
  }
}
