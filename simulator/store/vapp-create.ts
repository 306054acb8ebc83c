/**
 * vcd-codegen runtime, simulator: a new vApp, as instantiation and composition make it: a name unique
 * in its VDC, copies of the source VMs (not yet resolved) and the networks they connect to, and the
 * task that powers it on or off when it succeeds and marks it FAILED_CREATION when it fails.
 */
import { badRequest, duplicateName } from "../fault.js";
import type { Task, User, VApp, Value, Vdc, Vm } from "./model.js";
import { Status } from "./model.js";
import type { Store } from "./store.js";
import { StorageRules } from "./storage.js";
import { connections, copyVm } from "./vm-rules.js";
import { VAppNetworkRules } from "./vapp-network-rules.js";
import { listOf } from "./document-values.js";
import { VmAddresses } from "./vm-addresses.js";

export interface CreateParams {
  readonly name: string;
  readonly description?: string;
  readonly powerOn: boolean;
  readonly deploy: boolean;
  /** The `NetworkConfigSection` of its InstantiationParams, if any (store/vapp-network-rules.ts). */
  readonly networkSection?: Value;
}

/** The trimmed name, refused when empty or when a vApp of the VDC has it or a rename holds it. */
export function newVAppName(store: Store, vdc: Vdc, name: string): string {
  const trimmed = name.trim();
  if (trimmed === "") throw badRequest("The vApp name must not be empty.");
  reservedName(store, vdc.id, trimmed);
  return trimmed;
}

/**
 * What a rename or a new vApp named `name` in the VDC holds while its task runs (`TaskSpec.reserves`);
 * DUPLICATE_NAME when a vApp of the VDC has that name or a running rename holds it.
 */
export function reservedName(
  store: Store,
  vdcId: string,
  name: string,
): string {
  const key = `${vdcId}/${name}`;
  if (
    store.tasks.reserved(key) ||
    [...store.vapps.values()].some((v) => v.vdcId === vdcId && v.name === name)
  )
    throw duplicateName(name);
  return key;
}

/**
 * Stores the vApp of copies of `sources` and starts the task that creates it; refused first when
 * the copies' disks do not fit the VDC's storage (store/storage.ts).
 */
export function createVApp(
  store: Store,
  user: User,
  vdc: Vdc,
  name: string,
  p: CreateParams,
  sources: readonly Vm[],
  operationName: string,
  aliases: readonly string[],
  after?: () => void,
): { vapp: VApp; task: Task } {
  new StorageRules(store).requireRoomForCopies(vdc, sources);
  const vapp: VApp = {
    id: store.ids.next("vapp"),
    orgId: vdc.orgId,
    vdcId: vdc.id,
    name,
    status: Status.UNRESOLVED,
    deployed: false,
    ownerId: user.id,
    created: new Date(store.now()).toISOString(),
    vms: [],
    networks: [],
    ...(p.description !== undefined ? { description: p.description } : {}),
  };
  vapp.vms = sources.map((vm) => copyVm(store.ids, vm, vapp.id));
  if (p.networkSection) configureNetworks(store, vapp, p.networkSection);
  else
    vapp.networks = [
      ...new Set(
        vapp.vms.flatMap((vm) => connections(vm).map((c) => String(c.network))),
      ),
    ].filter((n) => n !== "none");
  new VmAddresses(store).assignAll(vapp);
  store.vapps.set(vapp.id, vapp);
  const task = store.tasks.start({
    operationName,
    aliases,
    operation: `Creating Virtual Application ${name}(${vapp.id})`,
    owner: { kind: "vApp", id: vapp.id, name },
    orgId: vapp.orgId,
    userId: user.id,
    apply: () => {
      for (const vm of vapp.vms) {
        vm.status = p.powerOn ? Status.POWERED_ON : Status.POWERED_OFF;
        vm.deployed = p.powerOn || p.deploy;
      }
      vapp.status = vapp.vms.length
        ? p.powerOn
          ? Status.POWERED_ON
          : Status.POWERED_OFF
        : Status.RESOLVED;
      vapp.deployed = p.powerOn || p.deploy;
      after?.();
    },
    fail: () => {
      vapp.status = Status.FAILED_CREATION;
      for (const vm of vapp.vms) vm.status = Status.FAILED_CREATION;
    },
  });
  return { vapp, task };
}

/**
 * The vApp's networks from the NetworkConfigSection of its InstantiationParams: checked, kept; a
 * source VM's connection to a network the section does not name is connected to `none` (no address).
 */
function configureNetworks(store: Store, vapp: VApp, section: Value): void {
  const names = new Set(
    listOf(section.NetworkConfig).map((c) => String(c.networkName)),
  );
  for (const vm of vapp.vms)
    for (const c of connections(vm))
      if (!names.has(String(c.network))) {
        c.network = "none";
        c.IsConnected = false;
        c.IpAddressAllocationMode = "NONE";
        delete c.IpAddress;
      }
  const networks = new VAppNetworkRules(store).check(vapp, section, vapp.vms);
  vapp.networkConfig = networks;
  vapp.networks = networks.map((n) => n.name);
}

/**
 * Connects VMs a recompose adds to the vApp: a connection to a network the vApp keeps no
 * NetworkConfig for is put on `none` (a vApp with a derived section takes the network instead), and
 * their POOL addresses are drawn after the vApp's own. Answers the vApp's network names after,
 * and the addresses the recompose's task must hold while it runs.
 */
export function connectAdded(
  store: Store,
  vapp: VApp,
  added: readonly Vm[],
): { networks: string[]; reserves: string[] } {
  const names = new Set(vapp.networks);
  for (const vm of added)
    for (const c of connections(vm)) {
      const network = String(c.network);
      if (network === "none" || names.has(network)) continue;
      if (vapp.networkConfig) {
        c.network = "none";
        c.IsConnected = false;
        c.IpAddressAllocationMode = "NONE";
        delete c.IpAddress;
      } else names.add(network);
    }
  const after: VApp = { ...vapp, networks: [...names], vms: [...vapp.vms] };
  const addresses = new VmAddresses(store);
  const reserves: string[] = [];
  for (const vm of added) {
    after.vms.push(vm);
    reserves.push(...addresses.assign(after, vm, vm.network, false));
  }
  return { networks: after.networks, reserves };
}
