/**
 * What the store keeps by an entity's id (its metadata and access settings) goes with the entity:
 * deleting a vApp, one of its VMs, a vApp moved into another (IsSourceDelete), a VM recomposed away
 * or a disk leaves the maps at the size they had before the entity had any. Driven on the store with
 * its own clock (each task ends when the clock moves on), so nothing depends on the machine's speed.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { defaultSeed } from "../../simulator/default-seed.js";
import { AccessRules } from "../../simulator/store/access.js";
import { CompositionRules } from "../../simulator/store/compose.js";
import { DiskRules } from "../../simulator/store/disks.js";
import { MetadataRules } from "../../simulator/store/metadata.js";
import type { EntityRef, User, VApp } from "../../simulator/store/model.js";
import { loadSeed } from "../../simulator/store/seed.js";
import { Store } from "../../simulator/store/store.js";
import { VAppRules } from "../../simulator/store/vapps.js";

let clock = 0;
let store: Store;
let rules: VAppRules;
let admin: User;

beforeEach(() => {
  clock = 1_000_000;
  store = new Store(loadSeed(defaultSeed), {
    tokenIdleTimeout: 60_000,
    taskStepMs: 10,
    now: () => clock,
  });
  rules = new VAppRules(store);
  admin = [...store.users.values()].find((u) => u.name === "acme-admin")!;
});

/** Moves the clock past a task's end and lets the store settle it. */
function finish(): void {
  clock += 1000;
  store.tasks.settle();
}

function newVApp(name: string): VApp {
  const vdc = [...store.vdcs.values()].find((v) => v.orgId === admin.orgId)!;
  const template = [...store.templates.values()].find(
    (t) => t.orgId === admin.orgId,
  )!;
  const { vapp } = rules.instantiate(admin, vdc, template, {
    name,
    powerOn: false,
    deploy: false,
  });
  finish();
  return vapp;
}

/** Metadata and an access setting on each entity, as a client adds them. */
function decorate(refs: readonly EntityRef[], orgId: string): void {
  const metadata = new MetadataRules(store);
  const access = new AccessRules(store);
  for (const ref of refs) {
    metadata.merge(
      admin,
      ref,
      orgId,
      [
        {
          key: "k",
          typed: {
            $type: "vcloud:MetadataStringValue",
            Value: "v",
          } as never,
        },
      ],
      [],
    );
    finish();
    access.control(admin, ref.id, orgId, admin.id, {
      sharedToEveryone: true,
      everyoneLevel: "ReadOnly",
      settings: [],
    });
  }
}

const sizes = () => ({
  metadata: store.metadata.size,
  access: store.access.size,
});

const refsOf = (vapp: VApp): EntityRef[] => [
  { kind: "vApp", id: vapp.id, name: vapp.name },
  ...vapp.vms.map((vm): EntityRef => ({
    kind: "vm",
    id: vm.id,
    name: vm.name,
  })),
];

describe("per-entity state of deleted entities", () => {
  it("deleting a vApp drops its and its VMs' metadata and access settings", () => {
    const vapp = newVApp("gone-1");
    const before = sizes();
    decorate(refsOf(vapp), vapp.orgId);
    expect(store.metadata.size).toBe(before.metadata + refsOf(vapp).length);
    expect(store.access.size).toBe(before.access + refsOf(vapp).length);
    rules.remove(admin, { vapp });
    finish();
    expect(store.vapps.has(vapp.id)).toBe(false);
    expect(sizes()).toEqual(before);
  });

  it("deleting a VM drops its own; the vApp keeps its", () => {
    const vapp = newVApp("gone-2");
    const vm = vapp.vms[0];
    const before = sizes();
    decorate(refsOf(vapp), vapp.orgId);
    rules.remove(admin, { vapp, vm });
    finish();
    expect(store.metadata.has(vm.id)).toBe(false);
    expect(store.access.has(vm.id)).toBe(false);
    expect(store.metadata.has(vapp.id)).toBe(true);
    expect(store.metadata.size).toBe(before.metadata + refsOf(vapp).length);
  });

  it("a vApp moved into a new one (IsSourceDelete) and a VM recomposed away leave nothing behind", () => {
    const compose = new CompositionRules(store, rules);
    const vdc = store.vdcs.get(newVApp("gone-3-probe").vdcId)!;
    const source = newVApp("gone-3");
    const before = sizes();
    decorate(refsOf(source), source.orgId);
    const { vapp: moved } = compose.clone(
      admin,
      vdc,
      source,
      { name: "gone-3-moved", powerOn: false, deploy: false },
      true,
      [],
    );
    finish();
    expect(store.vapps.has(source.id)).toBe(false);
    expect(sizes()).toEqual(before);

    decorate(refsOf(moved).slice(1), moved.orgId);
    compose.recompose(
      admin,
      moved,
      [],
      moved.vms.map((vm) => vm.id),
      [],
    );
    finish();
    expect(sizes()).toEqual(before);
  });

  it("deleting a disk drops its metadata", () => {
    const disks = new DiskRules(store, rules);
    const vdc = [...store.vdcs.values()].find((v) => v.orgId === admin.orgId)!;
    const { disk } = disks.create(admin, vdc, { name: "gone-4", size: 1024 });
    finish();
    const before = sizes();
    new MetadataRules(store).merge(
      admin,
      { kind: "disk", id: disk.id, name: disk.name },
      disk.orgId,
      [
        {
          key: "k",
          typed: { $type: "vcloud:MetadataStringValue", Value: "v" } as never,
        },
      ],
      [],
    );
    finish();
    expect(store.metadata.size).toBe(before.metadata + 1);
    disks.remove(admin, disk);
    finish();
    expect(store.disks.has(disk.id)).toBe(false);
    expect(sizes()).toEqual(before);
  });
});
