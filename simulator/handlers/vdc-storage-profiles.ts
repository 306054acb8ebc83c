/**
 * vcd-codegen runtime, simulator: the storage profiles of org VDCs (store/storage.ts): the VDC's
 * `VdcStorageProfiles` references, `GET /vdcStorageProfile/{id}` (VdcStorageProfile) and
 * `GET`/`PUT /admin/vdcStorageProfile/{id}` (AdminVdcStorageProfile, with its provider VDC storage
 * profile), each with its `StorageUsedMB` computed from the store; and the profiles of a new VDC
 * from its CreateVdcParams' `VdcStorageProfile`s. A PUT changes the limit (and its `Units`),
 * `Enabled` and `Default` (the system administrator's: "This operation is restricted to system
 * administrators", the guide's "Update Organization VDC Storage Profiles"); the default profile
 * cannot be disabled or stop being the default but by making another one the default.
 */
import { badRequest, forbidden, noAccess } from "../fault.js";
import type { ProviderVdc } from "../provider/model.js";
import { ProviderVdcRules } from "../provider/provider-vdcs.js";
import { urn } from "../store/ids.js";
import type { Value, Vdc, VdcStorageProfile } from "../store/model.js";
import {
  limitInMb,
  newStorageProfiles,
  offeredProfiles,
} from "../store/storage-profiles.js";
import { StorageRules } from "../store/storage.js";
import { bodyValue, ok, type Ctx, type HandlerTable } from "./context.js";
import { idOfHref } from "./hrefs.js";
import { MT } from "./media-types.js";
import { listOf } from "../store/document-values.js";
import { PROVIDER_MT, providerPaths } from "../provider/media-types.js";

const ADMIN_MT = "application/vnd.vmware.admin.vdcStorageProfile+xml";

export const storagePaths = {
  profile: (id: string): string => `/vdcStorageProfile/${id}`,
  adminProfile: (id: string): string => `/admin/vdcStorageProfile/${id}`,
};

/** The VDC's `VdcStorageProfiles` (absent for a VDC without profiles). */
export function vdcStorageProfilesValue(ctx: Ctx, vdc: Vdc): Value {
  const profiles = vdc.storageProfiles ?? [];
  if (profiles.length === 0) return {};
  return {
    VdcStorageProfiles: {
      VdcStorageProfile: profiles.map((p) => ({
        href: ctx.hrefs.abs(storagePaths.profile(p.id)),
        id: urn("vdcstorageProfile", p.id),
        name: p.name,
        type: MT.vdcStorageProfile,
      })),
    },
  };
}

function profileValue(
  ctx: Ctx,
  vdc: Vdc,
  p: VdcStorageProfile,
  admin: boolean,
): Value {
  const h = ctx.hrefs;
  const path = admin
    ? storagePaths.adminProfile(p.id)
    : storagePaths.profile(p.id);
  return {
    name: p.name,
    id: urn("vdcstorageProfile", p.id),
    href: h.abs(path),
    type: admin ? ADMIN_MT : MT.vdcStorageProfile,
    Link: [
      ...(admin
        ? [
            ...h.link(
              "up",
              "GET",
              `/admin/vdc/${vdc.id}`,
              "application/vnd.vmware.admin.vdc+xml",
            ),
            ...h.link("edit", "PUT", path, ADMIN_MT),
          ]
        : h.link("up", "GET", h.vdc(vdc.id), MT.vdc)),
      ...h.link("down", "GET", `${path}/metadata`, MT.metadata),
    ],
    Enabled: p.enabled,
    Units: "MB",
    Limit: String(p.limitMb),
    Default: p.default,
    StorageUsedMB: String(new StorageRules(ctx.store).usedMb(vdc, p)),
    ...(admin && vdc.providerVdcId !== undefined
      ? {
          ProviderVdcStorageProfile: {
            href: h.abs(
              providerPaths.pvdcStorageProfile(vdc.providerVdcId, p.name),
            ),
            name: p.name,
            type: PROVIDER_MT.pvdcStorageProfile,
          },
        }
      : {}),
  };
}

const adminAnswer = (ctx: Ctx, vdc: Vdc, profile: VdcStorageProfile) =>
  ok(
    "vcloud:AdminVdcStorageProfile",
    profileValue(ctx, vdc, profile, true),
    ADMIN_MT,
  );

/** The profile a path's id names (the pipeline found it, in an organization the user may see). */
function profileOf(ctx: Ctx): { vdc: Vdc; profile: VdcStorageProfile } {
  const found = new StorageRules(ctx.store).find(ctx.params.id);
  if (!found) throw noAccess("vdcstorageProfile", ctx.params.id);
  return found;
}

/** The name of the provider VDC storage profile a reference names: by its href, else its name. */
function providerProfileName(pvdc: ProviderVdc, ref: unknown): string {
  const r = (ref ?? {}) as { href?: unknown; name?: unknown };
  const id = typeof r.href === "string" ? idOfHref(r.href) : "";
  const prefix = `${pvdc.id}-`;
  if (id.startsWith(prefix)) return id.slice(prefix.length);
  return typeof r.name === "string" ? r.name : id;
}

/**
 * The storage profiles of a new VDC on `pvdc` from CreateVdcParams' `VdcStorageProfile`s: each of
 * the provider VDC's (by the href its ProviderVdc lists, else the reference's name), a limit it has
 * room for, one default; else 400, before the VDC is made.
 */
export function storageProfilesOfParams(
  ctx: Ctx,
  body: Value,
  pvdc: ProviderVdc,
): VdcStorageProfile[] {
  const server = new ProviderVdcRules(ctx.store).vimServerOf(pvdc);
  return newStorageProfiles(
    ctx.store.ids,
    listOf(body.VdcStorageProfile).map((p) => ({
      name: providerProfileName(pvdc, p.ProviderVdcStorageProfile),
      limitMb: limitInMb(Number(p.Limit ?? 0), String(p.Units ?? "MB")),
      enabled: p.Enabled !== false,
      default: p.Default === true,
    })),
    offeredProfiles(server, pvdc.storageProfiles),
    badRequest,
  );
}

export const vdcStorageProfileHandlers: HandlerTable = {
  "GET /vdcStorageProfile/{id}": {
    handle: (ctx) => {
      const { vdc, profile } = profileOf(ctx);
      return ok(
        "vcloud:VdcStorageProfile",
        profileValue(ctx, vdc, profile, false),
        MT.vdcStorageProfile,
      );
    },
  },
  "GET /admin/vdcStorageProfile/{id}": {
    handle: (ctx) => {
      const { vdc, profile } = profileOf(ctx);
      return adminAnswer(ctx, vdc, profile);
    },
  },
  "PUT /admin/vdcStorageProfile/{id}": {
    handle: (ctx) => {
      const { vdc, profile } = profileOf(ctx);
      if (!ctx.store.isSystemAdmin(ctx.user)) throw forbidden();
      const b = bodyValue(ctx);
      const limitMb = limitInMb(Number(b.Limit ?? 0), String(b.Units ?? "MB"));
      if (!Number.isSafeInteger(limitMb) || limitMb < 0)
        throw badRequest(
          `The limit of the storage profile ${profile.name} must be 0 (unlimited) or more MB.`,
        );
      const enabled = b.Enabled !== false;
      const isDefault = b.Default === true;
      if (profile.default && !isDefault)
        throw badRequest(
          `The storage profile ${profile.name} is the default of the VDC "${vdc.name}": make another one the default instead.`,
        );
      if (isDefault && !enabled)
        throw badRequest(
          `The default storage profile of the VDC "${vdc.name}" cannot be disabled.`,
        );
      profile.limitMb = limitMb;
      profile.enabled = enabled;
      if (isDefault)
        for (const p of vdc.storageProfiles ?? []) p.default = p === profile;
      return adminAnswer(ctx, vdc, profile);
    },
  },
};
