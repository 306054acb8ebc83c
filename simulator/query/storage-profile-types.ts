/**
 * vcd-codegen runtime, simulator: the query types of storage profiles, computed at each query from
 * the store (store/storage.ts). `orgVdcStorageProfile` and `adminOrgVdcStorageProfile` (pyvcloud's
 * ResourceType.ORG_VDC_STORAGE_PROFILE and ADMIN_ORG_VDC_STORAGE_PROFILE): a row per storage profile
 * of the VDCs the user may see, its limit and what it holds in MB (`storageLimitMB`,
 * `storageUsedMB`). What a provider VDC's storage profile gives its org VDCs is in
 * `providerVdcStorageProfile` (provider-types.ts, `orgVdcStorage` below).
 */
import type { Ctx } from "../handlers/context.js";
import { MT } from "../handlers/media-types.js";
import { storagePaths } from "../handlers/vdc-storage-profiles.js";
import { urn } from "../store/ids.js";
import type { Vdc, VdcStorageProfile } from "../store/model.js";
import type { ProviderVdc } from "../provider/model.js";
import { StorageRules } from "../store/storage.js";
import {
  isBusy,
  orgRefOf,
  queryType,
  rowsOf,
  vcRef,
  vdcRef,
  visible,
  type QueryType,
  type Row,
  type Rows,
} from "./rows.js";

interface Placed {
  readonly vdc: Vdc;
  readonly profile: VdcStorageProfile;
}

function profileRows(admin: boolean) {
  return (ctx: Ctx): Rows => {
    const placed: Placed[] = visible(ctx, ctx.store.vdcs.values()).flatMap(
      (vdc) => (vdc.storageProfiles ?? []).map((profile) => ({ vdc, profile })),
    );
    const storage = new StorageRules(ctx.store);
    // what each VDC holds, read once per VDC for all its profiles' rows
    const held = new Map<string, Map<string, number>>();
    const heldBy = (vdc: Vdc) => {
      let mb = held.get(vdc.id);
      if (!mb) held.set(vdc.id, (mb = storage.usedMbByProfile(vdc)));
      return mb;
    };
    return rowsOf(
      placed,
      (p) => p.profile.name,
      ({ vdc, profile }): Row => {
        const server =
          vdc.providerVdcId === undefined
            ? undefined
            : ctx.store.provider.vimServers.get(
                ctx.store.provider.providerVdcs.get(vdc.providerVdcId)
                  ?.vimServerId ?? "",
              );
        return {
          orgId: vdc.orgId,
          href: ctx.hrefs.abs(
            admin
              ? storagePaths.adminProfile(profile.id)
              : storagePaths.profile(profile.id),
          ),
          urn: urn("vdcstorageProfile", profile.id),
          name: profile.name,
          cells: {
            name: profile.name,
            isEnabled: profile.enabled,
            isDefaultStorageProfile: profile.default,
            storageUsedMB: heldBy(vdc).get(profile.id) ?? 0,
            storageLimitMB: profile.limitMb,
            iopsAllocated: "0",
            iopsLimit: "0",
            numberOfConditions: 0,
            vdc: vdcRef(ctx, vdc.id),
            vdcName: vdc.name,
            ...(admin
              ? {
                  org: orgRefOf(ctx, vdc.orgId),
                  ...(server
                    ? {
                        vc: vcRef(ctx, server),
                        storageProfileMoref: server.storageProfiles.find(
                          (s) => s.name === profile.name,
                        )?.moref,
                      }
                    : {}),
                }
              : { isVdcBusy: isBusy(ctx, vdc.id) }),
          },
        };
      },
    );
  };
}

/**
 * What the org VDCs on a provider VDC take of one of its storage profiles (by name), in MB: the
 * limits they set (`storageRequestedMB`; an unlimited one adds 0) and what they hold
 * (`storageProvisionedMB`).
 */
export function orgVdcStorage(
  ctx: Ctx,
  pvdc: ProviderVdc,
  name: string,
): { requestedMb: number; provisionedMb: number } {
  const storage = new StorageRules(ctx.store);
  let requestedMb = 0;
  let provisionedMb = 0;
  for (const vdc of ctx.store.vdcs.values()) {
    if (vdc.providerVdcId !== pvdc.id) continue;
    const p = vdc.storageProfiles?.find((x) => x.name === name);
    if (!p) continue;
    requestedMb += p.limitMb;
    provisionedMb += storage.usedMb(vdc, p);
  }
  return { requestedMb, provisionedMb };
}

export const STORAGE_PROFILE_QUERY_TYPES: readonly QueryType[] = [
  queryType(
    "orgVdcStorageProfile",
    "OrgVdcStorageProfile",
    "OrgVdcStorageProfile",
    MT.vdcStorageProfile,
    "user",
    profileRows(false),
  ),
  queryType(
    "adminOrgVdcStorageProfile",
    "AdminOrgVdcStorageProfile",
    "AdminOrgVdcStorageProfile",
    "application/vnd.vmware.admin.vdcStorageProfile+xml",
    "admin",
    profileRows(true),
  ),
];
