/**
 * vcd-codegen runtime, simulator: owners (`Owner` of vApps, vApp templates and catalogs; changed with
 * a PUT, 204) and access control (`ControlAccessParams` of vApps and catalogs: read, and set with
 * `.../action/controlAccess`, which answers the settings kept). Rules in store/access.ts.
 */
import { badRequest, noAccess } from "../fault.js";
import { AccessRules } from "../store/access.js";
import type { AccessControl } from "../store/model.js";
import type { Value } from "../store/model.js";
import { adminPaths, ADMIN_MT } from "./admin-views.js";
import {
  bodyValue,
  ok,
  type Ctx,
  type HandlerTable,
  type Reply,
} from "./context.js";
import { idOfHref, kindOf, segmentOfHref, uuidOf } from "./hrefs.js";
import { MT } from "./media-types.js";
import { userRef } from "./refs.js";
import { targetOf } from "./target.js";

interface Owned {
  readonly id: string;
  readonly orgId: string;
  /** Its path (`/vApp/vapp-<uuid>`) and media type. */
  readonly path: string;
  readonly type: string;
  readonly ownerId: string;
  setOwner(id: string): void;
}

const rules = (ctx: Ctx) => new AccessRules(ctx.store);

function vapp(ctx: Ctx): Owned {
  const { vapp: v, vm } = targetOf(ctx);
  if (vm)
    throw badRequest(
      "Owners and access control belong to the vApp, not to its VMs.",
    );
  return {
    id: v.id,
    orgId: v.orgId,
    path: ctx.hrefs.vapp(v.id),
    type: MT.vApp,
    ownerId: v.ownerId,
    setOwner: (id) => (v.ownerId = id),
  };
}

function template(ctx: Ctx): Owned {
  if (kindOf(ctx.params.id) !== "vappTemplate")
    throw noAccess("vAppTemplate", ctx.params.id);
  const t = ctx.store.template(ctx.user, uuidOf(ctx.params.id));
  return {
    id: t.id,
    orgId: t.orgId,
    path: ctx.hrefs.vAppTemplate(t.id),
    type: MT.vAppTemplate,
    ownerId: t.ownerId,
    setOwner: (id) => (t.ownerId = id),
  };
}

function catalog(ctx: Ctx, param: "id" | "catalogId"): Owned {
  const c = ctx.store.catalog(ctx.user, ctx.params[param]);
  if (param === "catalogId" && ctx.params.id !== c.orgId)
    throw noAccess("catalog", c.id);
  const first = [...ctx.store.users.values()].find((u) => u.orgId === c.orgId);
  return {
    id: c.id,
    orgId: c.orgId,
    path: ctx.hrefs.catalog(c.id),
    type: MT.catalog,
    ownerId: c.ownerId ?? first?.id ?? "",
    setOwner: (id) => (c.ownerId = id),
  };
}

function ownerReply(ctx: Ctx, e: Owned, ownerPath: string): Reply {
  const h = ctx.hrefs;
  return ok(
    "vcloud:Owner",
    {
      href: h.abs(ownerPath),
      type: MT.owner,
      Link: [
        ...h.link("up", "GET", e.path, e.type),
        ...h.link("edit", "PUT", ownerPath, MT.owner),
      ],
      User: userRef(ctx, ctx.store.users.get(e.ownerId)),
    },
    MT.owner,
  );
}

function setOwner(ctx: Ctx, e: Owned): Reply {
  const href =
    (bodyValue(ctx).User as { href?: string } | undefined)?.href ?? "";
  rules(ctx).changeOwner(ctx.user, e.orgId, idOfHref(href), e.setOwner);
  return { status: 204 };
}

function accessValue(ctx: Ctx, control: AccessControl): Value {
  const s = ctx.store;
  const settings = control.settings.map((a) => {
    const name =
      a.subject.kind === "user"
        ? s.users.get(a.subject.id)?.name
        : s.groups.get(a.subject.id)?.name;
    const path =
      a.subject.kind === "user"
        ? adminPaths.user(a.subject.id)
        : adminPaths.group(a.subject.id);
    return {
      Subject: {
        href: ctx.hrefs.abs(path),
        name: name ?? a.subject.id,
        type: a.subject.kind === "user" ? MT.user : ADMIN_MT.group,
      },
      AccessLevel: a.level,
    };
  });
  return {
    IsSharedToEveryone: control.sharedToEveryone,
    ...(control.everyoneLevel
      ? { EveryoneAccessLevel: control.everyoneLevel }
      : {}),
    ...(settings.length ? { AccessSettings: { AccessSetting: settings } } : {}),
  };
}

function setAccess(ctx: Ctx, e: Owned): Reply {
  const b = bodyValue(ctx);
  const list =
    ((b.AccessSettings as Value | undefined)?.AccessSetting as
      Value[] | undefined) ?? [];
  const control = rules(ctx).control(ctx.user, e.id, e.orgId, e.ownerId, {
    sharedToEveryone: b.IsSharedToEveryone === true,
    ...(typeof b.EveryoneAccessLevel === "string"
      ? { everyoneLevel: b.EveryoneAccessLevel }
      : {}),
    settings: list.map((a) => {
      const href = String(
        (a.Subject as { href?: string } | undefined)?.href ?? "",
      );
      return {
        kind: segmentOfHref(href),
        id: idOfHref(href),
        level: String(a.AccessLevel),
      };
    }),
  });
  return ok(
    "vcloud:ControlAccessParams",
    accessValue(ctx, control),
    MT.controlAccess,
  );
}

const getAccess = (ctx: Ctx, e: Owned): Reply =>
  ok(
    "vcloud:ControlAccessParams",
    accessValue(ctx, rules(ctx).get(e.id)),
    MT.controlAccess,
  );

export const accessHandlers: HandlerTable = {
  "GET /vApp/{id}/owner": {
    handle: (ctx) => {
      const e = vapp(ctx);
      return ownerReply(ctx, e, `${e.path}/owner`);
    },
  },
  "PUT /vApp/{id}/owner": { handle: (ctx) => setOwner(ctx, vapp(ctx)) },
  "GET /vAppTemplate/{id}/owner": {
    handle: (ctx) => {
      const e = template(ctx);
      return ownerReply(ctx, e, `${e.path}/owner`);
    },
  },
  "GET /admin/catalog/{id}/owner": {
    handle: (ctx) =>
      ownerReply(
        ctx,
        catalog(ctx, "id"),
        `/admin/catalog/${ctx.params.id}/owner`,
      ),
  },
  "PUT /admin/catalog/{id}/owner": {
    handle: (ctx) => setOwner(ctx, catalog(ctx, "id")),
  },
  "GET /vApp/{id}/controlAccess": {
    handle: (ctx) => getAccess(ctx, vapp(ctx)),
  },
  "POST /vApp/{id}/action/controlAccess": {
    handle: (ctx) => setAccess(ctx, vapp(ctx)),
  },
  "GET /org/{id}/catalog/{catalogId}/controlAccess": {
    handle: (ctx) => getAccess(ctx, catalog(ctx, "catalogId")),
  },
  "POST /org/{id}/catalog/{catalogId}/action/controlAccess": {
    handle: (ctx) => setAccess(ctx, catalog(ctx, "catalogId")),
  },
};
