/**
 * vcd-codegen runtime, simulator: the query types of storage profiles, computed at each query from
 * the store (store/storage.ts). `orgVdcStorageProfile` and `adminOrgVdcStorageProfile` (pyvcloud's
 * ResourceType.ORG_VDC_STORAGE_PROFILE and ADMIN_ORG_VDC_STORAGE_PROFILE): a row per storage profile
 * of the VDCs the user may see, its limit and what it holds in MB (`storageLimitMB`,
 * `storageUsedMB`). `providerVdcStorageProfile` (the system administrator's; the guide's "Update
 * Organization VDC Storage Profiles" queries it): a row per storage profile of each provider VDC,
 * `storageTotalMB` its vCenter datastores' capacity, `storageRequestedMB` the limits of its org VDCs'
 * profiles of that name, `storageUsedMB` and `storageProvisionedMB` what they hold.
 */
import type { Ctx } from "../handlers/context.js";
import { MT } from "../handlers/media-types.js";
import { storagePaths } from "../handlers/vdc-storage-profiles.js";
import { urn } from "../store/ids.js";
import type { Vdc, VdcStorageProfile } from "../store/model.js";
import type { ProviderVdc, VimServer } from "../provider/model.js";
import { StorageRules } from "../store/storage.js";
import {
  isBusy,
  orgRefOf,
  queryType,
  rowsOf,
  vdcRef,
  visible,
  type QueryType,
  type Ref,
  type Row,
  type Rows,
} from "./rows.js";

/** The record's `vc`: the vCenter server the storage profile is of. */
const vcRef = (ctx: Ctx, server: VimServer): Ref => ({
  href: ctx.hrefs.abs(`/admin/extension/vimServer/${server.id}`),
  urn: urn("vimserver", server.id),
});

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
            storageUsedMB: storage.usedMb(vdc, profile),
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

/** The storage profiles of every provider VDC, for the system administrator (orgId: the System organization). */
function providerProfileRows(ctx: Ctx): Rows {
  const s = ctx.store;
  const placed: { pvdc: ProviderVdc; name: string }[] = s.isSystemAdmin(
    ctx.user,
  )
    ? [...s.provider.providerVdcs.values()].flatMap((pvdc) =>
        pvdc.storageProfiles.map((name) => ({ pvdc, name })),
      )
    : [];
  const storage = new StorageRules(s);
  return rowsOf(
    placed,
    (p) => p.name,
    ({ pvdc, name }): Row => {
      const server = s.provider.vimServers.get(pvdc.vimServerId);
      const profile = server?.storageProfiles.find((p) => p.name === name);
      const capacity = new Map(
        (server?.datastores ?? []).map((d) => [d.moref, d.capacityMb]),
      );
      const total = (profile?.datastores ?? []).reduce(
        (n, moref) => n + (capacity.get(moref) ?? 0),
        0,
      );
      let requested = 0;
      let used = 0;
      for (const vdc of s.vdcs.values()) {
        if (vdc.providerVdcId !== pvdc.id) continue;
        const p = vdc.storageProfiles?.find((x) => x.name === name);
        if (!p) continue;
        requested += p.limitMb;
        used += storage.usedMb(vdc, p);
      }
      const id = `${pvdc.id}-${name}`;
      return {
        orgId: s.systemOrg().id,
        href: ctx.hrefs.abs(storagePaths.providerProfile(pvdc.id, name)),
        urn: urn("providervdcstorageprofile", id),
        name,
        cells: {
          isEnabled: true,
          name,
          storageTotalMB: String(total),
          storageUsedMB: String(used),
          storageRequestedMB: String(requested),
          storageProvisionedMB: String(used),
          numberOfConditions: 0,
          providerVdc: {
            href: ctx.hrefs.abs(`/admin/providervdc/${pvdc.id}`),
            urn: urn("providervdc", pvdc.id),
          },
          ...(server
            ? {
                vc: vcRef(ctx, server),
                storageProfileMoref: profile?.moref,
              }
            : {}),
          iopsCapacity: "0",
          iopsAllocated: "0",
        },
      };
    },
  );
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
  queryType(
    "providerVdcStorageProfile",
    "ProviderVdcStorageProfile",
    "ProviderVdcStorageProfile",
    "application/vnd.vmware.admin.pvdcStorageProfile+xml",
    "admin",
    providerProfileRows,
  ),
];
