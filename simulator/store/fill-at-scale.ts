/**
 * vcd-codegen runtime, simulator: seeding at scale. `scale: { vapps: N, vmsPerVApp: k }` (in a seed,
 * or the simulator's `scale` option) builds N vApps of k VMs each straight into the store, not
 * through the API, so that 100,000 of them take a few seconds: for tests and benchmarks of the query
 * service. They go to one VDC (by default the first VDC of the first organization that has one),
 * owned by its organization's first user, named `scale-vapp-000001`..., the odd ones powered on.
 */
import type { Network, Org, User, VApp, Vdc, Vm } from "./model.js";
import { Status } from "./model.js";
import type { SeedScale, SeedVm } from "./seed.js";
import type { SeedTarget } from "./fill-from-seed.js";

/** The most vApps a scale seed may ask for (a guard against a typo costing the machine's memory). */
export const MAX_SCALE_VAPPS = 1_000_000;
/** The most VMs a scaled vApp may have. */
export const MAX_SCALE_VMS_PER_VAPP = 128;

export interface ScaleTarget extends SeedTarget {
  readonly vapps: Map<string, VApp>;
}

/** The VM every scaled vApp has (numbered `vm-1`, `vm-2`, ...). */
const SCALE_VM: Omit<SeedVm, "name"> = {
  cpus: 1,
  memoryMb: 1024,
  osType: "otherLinux64Guest",
  osId: 102,
  diskMb: 8192,
};

export function fillAtScale(store: ScaleTarget, scale: SeedScale): void {
  const vapps = whole(scale.vapps, "vapps", MAX_SCALE_VAPPS);
  const perVApp = whole(
    scale.vmsPerVApp ?? 1,
    "vmsPerVApp",
    MAX_SCALE_VMS_PER_VAPP,
  );
  if (vapps === 0) return;
  const { org, vdc } = placeOf(store, scale);
  const owner: User | undefined = [...store.users.values()].find(
    (u) => u.orgId === org.id,
  );
  const network: Network | undefined =
    vdc.networkIds.length > 0
      ? store.networks.get(vdc.networkIds[0])
      : undefined;
  const created = new Date(store.now()).toISOString();
  const digits = Math.max(6, String(vapps).length);
  for (let i = 1; i <= vapps; i++) {
    const on = i % 2 === 1;
    const vapp: VApp = {
      id: store.ids.next("vapp"),
      orgId: org.id,
      vdcId: vdc.id,
      name: `scale-vapp-${String(i).padStart(digits, "0")}`,
      status: on ? Status.POWERED_ON : Status.POWERED_OFF,
      deployed: on,
      ownerId: owner?.id ?? "",
      created,
      vms: [],
      networks: network ? [network.name] : [],
    };
    for (let k = 1; k <= perVApp; k++) {
      const vm: Vm = store.newVm(
        {
          ...SCALE_VM,
          name: `vm-${k}`,
          ...(network ? { network: network.name } : {}),
        },
        vapp.id,
        network,
      );
      vm.status = vapp.status;
      vm.deployed = on;
      vm.needsCustomization = false;
      vapp.vms.push(vm);
    }
    store.vapps.set(vapp.id, vapp);
  }
}

function placeOf(store: ScaleTarget, scale: SeedScale): { org: Org; vdc: Vdc } {
  const orgs = [...store.orgs.values()];
  const org =
    scale.org === undefined
      ? orgs.find((o) => [...store.vdcs.values()].some((v) => v.orgId === o.id))
      : orgs.find((o) => o.name === scale.org);
  if (!org)
    throw new Error(
      scale.org === undefined
        ? "seed: scale: no organization of the seed has a VDC to hold the vApps"
        : `seed: scale.org: no organization ${JSON.stringify(scale.org)} in the seed`,
    );
  const vdc = [...store.vdcs.values()].find(
    (v) =>
      v.orgId === org.id && (scale.vdc === undefined || v.name === scale.vdc),
  );
  if (!vdc)
    throw new Error(
      `seed: scale.vdc: no VDC ${scale.vdc === undefined ? "" : `${JSON.stringify(scale.vdc)} `}in ${org.name}`,
    );
  return { org, vdc };
}

function whole(value: unknown, name: string, max: number): number {
  if (
    typeof value !== "number" ||
    !Number.isInteger(value) ||
    value < 0 ||
    value > max
  )
    throw new Error(
      `seed: scale.${name}: a whole number from 0 to ${max}, not ${JSON.stringify(value)}`,
    );
  return value;
}
