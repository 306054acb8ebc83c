/**
 * The storage profiles of a seed's org VDCs (store/seed.ts `SeedVdc.storageProfiles`, filled by
 * provider/fill.ts): the default seed's, the provider VDC's when a VDC lists none, and what is
 * refused at its JSON path.
 */
import { describe, expect, it } from "vitest";
import { defaultSeed } from "../../simulator/default-seed.js";
import type { SeedData, SeedVdc } from "../../simulator/store/seed.js";
import { Store } from "../../simulator/store/store.js";

const storeOf = (seed: SeedData) =>
  new Store(seed, { tokenIdleTimeout: 60_000, taskStepMs: 1 });

/** The default seed with acme-vdc changed by `change`. */
const withAcmeVdc = (change: (v: SeedVdc) => SeedVdc): SeedData => ({
  ...defaultSeed,
  orgs: defaultSeed.orgs.map((o) =>
    o.name === "acme" ? { ...o, vdcs: o.vdcs?.map(change) } : o,
  ),
});

const profilesOf = (store: Store, vdc: string) =>
  [...store.vdcs.values()]
    .find((v) => v.name === vdc)!
    .storageProfiles!.map((p) => [p.name, p.limitMb, p.enabled, p.default]);

describe("the storage profiles of a seed's VDCs", () => {
  it("the default seed's: acme-vdc's Gold (unlimited, the default) and Silver (200 GB); globex-vdc gets its provider VDC's, unlimited, the first the default", () => {
    const store = storeOf(defaultSeed);
    expect(profilesOf(store, "acme-vdc")).toEqual([
      ["Gold", 0, true, true],
      ["Silver", 204_800, true, false],
    ]);
    expect(profilesOf(store, "globex-vdc")).toEqual([
      ["Gold", 0, true, true],
      ["Silver", 0, true, false],
    ]);
  });

  it("refuses at its JSON path a profile its provider VDC lacks, a limit beyond its free space, two defaults, or profiles without a provider VDC", () => {
    const at = "seed: orgs[1].vdcs[0].storageProfiles";
    expect(() =>
      storeOf(
        withAcmeVdc((v) => ({ ...v, storageProfiles: [{ name: "Platinum" }] })),
      ),
    ).toThrow(
      `${at}: The provider VDC has no storage profile Platinum (it has Gold, Silver).`,
    );
    // Gold places on ssd-01, 1572864 MB free
    expect(() =>
      storeOf(
        withAcmeVdc((v) => ({
          ...v,
          storageProfiles: [{ name: "Gold", limitMb: 2_000_000 }],
        })),
      ),
    ).toThrow(
      `${at}: The limit of the storage profile Gold, 2000000 MB, is more than its provider VDC has free (1572864 MB).`,
    );
    expect(() =>
      storeOf(
        withAcmeVdc((v) => ({
          ...v,
          storageProfiles: [
            { name: "Gold", default: true },
            { name: "Silver", default: true },
          ],
        })),
      ),
    ).toThrow(
      `${at}: Exactly one storage profile of an organization VDC is its default; 2 are.`,
    );
    expect(() => storeOf(withAcmeVdc(({ providerVdc: _, ...v }) => v))).toThrow(
      `${at}: a VDC's storage profiles are its provider VDC's, and it names none`,
    );
  });
});
