/**
 * vcd-codegen runtime, simulator: the storage of org VDCs, vCD's way. A VDC has storage profiles (a
 * provider VDC's, each with the VDC's limit, 0 unlimited; one the default), and "an organization VDC
 * storage profile allocates a subset of the storage available in a Provider VDC storage profile for
 * use by vApp templates, virtual machines, and media objects in the organization VDC" (vCloud API
 * Programming Guide, "Update Organization VDC Storage Profiles"). What a profile holds is computed
 * from the store at each read, never kept: the hard disks of the VMs of the VDC's vApps and
 * templates (on the VM's own profile when the VDC has it, else on the default), their snapshots, an
 * uploaded template's files (the sizes its descriptor declares), media images (the size their upload
 * declared) and independent disks (on the default profile). Whatever adds to it is refused at the
 * request, before anything is made, when it does not fit; deleting frees it.
 *
 * vCD's words for that refusal are not in the guide, the schema, nor the issues and pages at hand:
 * the message is the simulator's own, a 400 `BAD_REQUEST` naming the profile, the VDC, the limit,
 * what is used and what was asked.
 */
import { badRequest } from "../fault.js";
import type { Vdc, VdcStorageProfile, Vm } from "./model.js";
import type { Store } from "./store.js";

export const MB: number = 1024 * 1024;

/** A VM's hard disks, in MB (absent: the one disk of `diskMb`). */
export function vmDiskMb(vm: Vm): number {
  return vm.hardDisks
    ? vm.hardDisks.reduce((n, d) => n + d.sizeMb, 0)
    : vm.diskMb;
}

/** What a VM takes: its disks and its snapshot. */
function vmBytes(vm: Vm): number {
  return vmDiskMb(vm) * MB + (vm.snapshot?.size ?? 0);
}

/** What a request would add to a VDC's storage: bytes on a profile (undefined: the default). */
export interface StorageNeed {
  readonly profile?: VdcStorageProfile;
  readonly bytes: number;
}

export class StorageRules {
  constructor(private readonly store: Store) {}

  /** The storage profile of an id, and its VDC. */
  find(id: string): { vdc: Vdc; profile: VdcStorageProfile } | undefined {
    for (const vdc of this.store.vdcs.values())
      for (const profile of vdc.storageProfiles ?? [])
        if (profile.id === id) return { vdc, profile };
    return undefined;
  }

  defaultOf(vdc: Vdc): VdcStorageProfile | undefined {
    const profiles = vdc.storageProfiles ?? [];
    return profiles.find((p) => p.default) ?? profiles[0];
  }

  /** The profile a VM of the VDC is on: the one its `StorageProfile` names (by href, else name), else the default. */
  profileOf(vdc: Vdc, vm: Vm): VdcStorageProfile | undefined {
    const ref = vm.storageProfile;
    const profiles = vdc.storageProfiles ?? [];
    if (ref) {
      const id = ref.href.slice(ref.href.lastIndexOf("/") + 1);
      const named =
        profiles.find((p) => p.id === id) ??
        profiles.find((p) => p.name === ref.name);
      if (named) return named;
    }
    return this.defaultOf(vdc);
  }

  /** Bytes held on each of the VDC's profiles, by profile id (every profile listed). */
  usedBytes(vdc: Vdc): Map<string, number> {
    const used = new Map<string, number>(
      (vdc.storageProfiles ?? []).map((p) => [p.id, 0]),
    );
    const fallback = this.defaultOf(vdc);
    const add = (profile: VdcStorageProfile | undefined, bytes: number) => {
      if (profile) used.set(profile.id, (used.get(profile.id) ?? 0) + bytes);
    };
    const s = this.store;
    for (const vapp of s.vapps.values())
      if (vapp.vdcId === vdc.id)
        for (const vm of vapp.vms) add(this.profileOf(vdc, vm), vmBytes(vm));
    for (const t of s.templates.values()) {
      if (t.vdcId !== vdc.id) continue;
      if (t.fileBytes !== undefined) add(fallback, t.fileBytes);
      else for (const vm of t.vms) add(this.profileOf(vdc, vm), vmBytes(vm));
    }
    for (const m of s.media.values())
      if (m.vdcId === vdc.id) add(fallback, m.size);
    for (const d of s.disks.values())
      if (d.vdcId === vdc.id) add(fallback, d.size);
    return used;
  }

  /** MB held on each of the VDC's profiles, by profile id (rounded up, as a partly used MB is used). */
  usedMbByProfile(vdc: Vdc): Map<string, number> {
    const mb = new Map<string, number>();
    for (const [id, bytes] of this.usedBytes(vdc))
      mb.set(id, Math.ceil(bytes / MB));
    return mb;
  }

  /** MB held on a profile (rounded up). */
  usedMb(vdc: Vdc, profile: VdcStorageProfile): number {
    return this.usedMbByProfile(vdc).get(profile.id) ?? 0;
  }

  /** MB held on all the VDC's profiles. */
  totalUsedMb(vdc: Vdc): number {
    let bytes = 0;
    for (const b of this.usedBytes(vdc).values()) bytes += b;
    return Math.ceil(bytes / MB);
  }

  /** The sum of the VDC's limits in MB; 0 (unlimited) when one of them is. */
  totalLimitMb(vdc: Vdc): number {
    const profiles = vdc.storageProfiles ?? [];
    if (profiles.some((p) => p.limitMb === 0)) return 0;
    return profiles.reduce((n, p) => n + p.limitMb, 0);
  }

  /** Refuses copies of `vms` placed in the VDC past a limit: their disks (a copy carries no snapshot). */
  requireRoomForCopies(vdc: Vdc, vms: readonly Vm[]): void {
    this.requireRoom(
      vdc,
      vms.map((vm) => ({
        profile: this.profileOf(vdc, vm),
        bytes: vmDiskMb(vm) * MB,
      })),
    );
  }

  /**
   * Refuses a VM's disks grown to `diskMb`, or moved to the profile `ref` names (all of them then),
   * past that profile's limit.
   */
  requireRoomForVm(
    vdc: Vdc,
    vm: Vm,
    diskMb: number,
    ref?: { readonly href: string; readonly name: string },
  ): void {
    const from = this.profileOf(vdc, vm);
    const to = ref ? this.profileOf(vdc, { ...vm, storageProfile: ref }) : from;
    const mb = to === from ? diskMb - vmDiskMb(vm) : diskMb;
    this.requireRoom(vdc, [{ profile: to, bytes: mb * MB }]);
  }

  /** Refuses, naming the profile, what would take a disabled profile or one past its limit. */
  requireRoom(vdc: Vdc, needs: readonly StorageNeed[]): void {
    const asked = new Map<VdcStorageProfile, number>();
    for (const need of needs) {
      const profile = need.profile ?? this.defaultOf(vdc);
      if (!profile || need.bytes <= 0) continue;
      asked.set(profile, (asked.get(profile) ?? 0) + need.bytes);
    }
    // What the VDC holds is read from the whole store: only when a limited profile is asked for.
    let used: Map<string, number> | undefined;
    for (const [profile, bytes] of asked) {
      if (!profile.enabled)
        throw badRequest(
          `The storage profile "${profile.name}" of the VDC "${vdc.name}" is disabled.`,
        );
      if (profile.limitMb === 0) continue;
      used ??= this.usedBytes(vdc);
      const held = used.get(profile.id) ?? 0;
      if (held + bytes > profile.limitMb * MB)
        throw badRequest(
          `Not enough storage: the storage profile "${profile.name}" of the VDC "${vdc.name}" has a limit of ${profile.limitMb} MB, ${Math.ceil(held / MB)} MB are used, and the request needs ${Math.ceil(bytes / MB)} MB more.`,
        );
    }
  }
}
