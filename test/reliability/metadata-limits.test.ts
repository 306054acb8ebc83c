/**
 * Metadata is bounded as vCD bounds it (vCloud API Programming Guide, "vCloud API Object Metadata
 * Limits"): at most 1,024 entries of the GENERAL domain and 128 of the SYSTEM domain per object, and
 * keys of at most 256 characters; past a bound the change is a 400 BAD_REQUEST and nothing changes.
 * Driven on the store with its own clock.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { defaultSeed } from "../../simulator/default-seed.js";
import { VcdFault } from "../../simulator/fault.js";
import {
  MetadataRules,
  type EntryInput,
} from "../../simulator/store/metadata.js";
import type { EntityRef, User, Value } from "../../simulator/store/model.js";
import { loadSeed } from "../../simulator/store/seed.js";
import { Store } from "../../simulator/store/store.js";

let clock = 0;
let store: Store;
let metadata: MetadataRules;
let sysadmin: User;
const owner: EntityRef = { kind: "vApp", id: "vapp-limits", name: "limits" };

beforeEach(() => {
  clock = 1_000_000;
  store = new Store(loadSeed(defaultSeed), {
    tokenIdleTimeout: 60_000,
    taskStepMs: 10,
    now: () => clock,
  });
  metadata = new MetadataRules(store);
  sysadmin = [...store.users.values()].find((u) => store.isSystemAdmin(u))!;
});

const typed = { $type: "vcloud:MetadataStringValue", Value: "v" } as Value;

const entries = (
  n: number,
  prefix = "k",
  domain?: EntryInput["domain"],
): EntryInput[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `${prefix}${i}`,
    typed,
    ...(domain ? { domain } : {}),
  }));

function merge(inputs: readonly EntryInput[]): void {
  metadata.merge(sysadmin, owner, sysadmin.orgId, inputs, []);
  clock += 1000;
  store.tasks.settle();
}

function refused(inputs: readonly EntryInput[], message: RegExp): void {
  let fault: unknown;
  try {
    merge(inputs);
  } catch (error) {
    fault = error;
  }
  expect(fault).toBeInstanceOf(VcdFault);
  expect((fault as VcdFault).status).toBe(400);
  expect((fault as VcdFault).minor).toBe("BAD_REQUEST");
  expect((fault as VcdFault).message).toMatch(message);
}

describe("the bounds of an object's metadata", () => {
  it("takes 1,024 GENERAL entries, refuses the 1,025th, and replacing one still works", () => {
    merge(entries(1000));
    merge(entries(24, "more"));
    expect(store.metadata.get(owner.id)).toHaveLength(1024);
    refused(entries(1, "extra"), /at most 1024 .* GENERAL/);
    expect(store.metadata.get(owner.id)).toHaveLength(1024);
    merge([{ key: "k5", typed: { ...typed, Value: "new" } as Value }]);
    const all = store.metadata.get(owner.id)!;
    expect(all).toHaveLength(1024);
    // Replaced in place, the order kept.
    expect(all[5].key).toBe("k5");
    expect((all[5].typed as { Value: string }).Value).toBe("new");
  });

  it("takes 128 SYSTEM entries besides, not 129", () => {
    const system = { $value: "SYSTEM", visibility: "READONLY" };
    merge(entries(128, "s", system));
    refused(entries(1, "s-extra", system), /at most 128 .* SYSTEM/);
    expect(store.metadata.get(owner.id)).toHaveLength(128);
  });

  it("refuses a key of more than 256 characters", () => {
    merge([{ key: "x".repeat(256), typed }]);
    refused([{ key: "x".repeat(257), typed }], /256 characters/);
  });
});
