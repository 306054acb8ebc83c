/**
 * vcd-codegen runtime, simulator: metadata of vApps, VMs, vApp templates, catalog items, catalogs,
 * VDCs, org VDC networks and edge gateways: `GET`/`POST .../metadata` (the entries; merge),
 * `GET`/`PUT`/`DELETE .../metadata/{key}` (one entry of the GENERAL domain). Writes answer 202 with a task (store/metadata.ts has the rules).
 */
import { noAccess } from "../fault.js";
import { MetadataRules } from "../store/metadata.js";
import type { MetadataEntry } from "../store/model.js";
import type { EntityRef, Value } from "../store/model.js";
import { bodyValue, ok, type Ctx, type HandlerTable } from "./context.js";
import { kindOf, uuidOf } from "./hrefs.js";
import { MT } from "./media-types.js";
import { taskReply } from "./refs.js";
import { targetOf } from "./target.js";

const VALUE_MT = "application/vnd.vmware.vcloud.metadata.value+xml";

interface Subject {
  readonly ref: EntityRef;
  readonly orgId: string;
  /** The entity's path (`/vApp/vapp-<uuid>`). */
  readonly path: string;
  readonly type: string;
}

type Resolver = (ctx: Ctx) => Subject;

const subject = (
  kind: EntityRef["kind"],
  entity: { readonly id: string; readonly name: string },
  orgId: string,
  path: string,
  type: string,
): Subject => ({
  ref: { kind, id: entity.id, name: entity.name },
  orgId,
  path,
  type,
});

const RESOLVERS: Readonly<Record<string, Resolver>> = {
  "/vApp/{id}": (ctx) => {
    const { vapp, vm } = targetOf(ctx);
    return vm
      ? subject("vm", vm, vapp.orgId, ctx.hrefs.vm(vm.id), MT.vm)
      : subject("vApp", vapp, vapp.orgId, ctx.hrefs.vapp(vapp.id), MT.vApp);
  },
  "/vAppTemplate/{id}": (ctx) => {
    const id = ctx.params.id;
    if (kindOf(id) === "vm") {
      const { template, vm } = ctx.store.templateVm(ctx.user, uuidOf(id));
      return subject(
        "vm",
        vm,
        template.orgId,
        ctx.hrefs.templateVm(vm.id),
        MT.vm,
      );
    }
    if (kindOf(id) !== "vappTemplate") throw noAccess("vAppTemplate", id);
    const t = ctx.store.template(ctx.user, uuidOf(id));
    return subject(
      "vAppTemplate",
      t,
      t.orgId,
      ctx.hrefs.vAppTemplate(t.id),
      MT.vAppTemplate,
    );
  },
  "/catalogItem/{id}": (ctx) => {
    const item = ctx.store.catalogItem(ctx.user, ctx.params.id);
    return subject(
      "catalogItem",
      item,
      ctx.store.catalogs.get(item.catalogId)!.orgId,
      ctx.hrefs.catalogItem(item.id),
      MT.catalogItem,
    );
  },
  "/catalog/{id}": (ctx) => {
    const c = ctx.store.catalog(ctx.user, ctx.params.id);
    return subject("catalog", c, c.orgId, ctx.hrefs.catalog(c.id), MT.catalog);
  },
  "/vdc/{id}": (ctx) => {
    const v = ctx.store.vdc(ctx.user, ctx.params.id);
    return subject("vdc", v, v.orgId, ctx.hrefs.vdc(v.id), MT.vdc);
  },
  // an org VDC network's entries, read through either view; the admin view is its administrators'
  "/network/{id}": (ctx) => {
    const n = ctx.store.network(ctx.user, ctx.params.id);
    return subject(
      "network",
      n,
      n.orgId,
      ctx.hrefs.network(n.id),
      MT.orgVdcNetwork,
    );
  },
  "/admin/network/{id}": (ctx) => {
    const n = ctx.store.network(ctx.user, ctx.params.id);
    if (!ctx.store.isOrgAdmin(ctx.user, n.orgId))
      throw noAccess("network", n.id);
    return subject(
      "network",
      n,
      n.orgId,
      ctx.hrefs.adminNetwork(n.id),
      MT.orgVdcNetwork,
    );
  },
  "/admin/edgeGateway/{id}": (ctx) => {
    const g = ctx.store.edgeGateways.get(ctx.params.id);
    if (!g || !ctx.store.isOrgAdmin(ctx.user, g.orgId))
      throw noAccess("gateway", ctx.params.id);
    return subject(
      "edgeGateway",
      g,
      g.orgId,
      ctx.hrefs.edgeGateway(g.id),
      MT.edgeGateway,
    );
  },
};

const writable = (ctx: Ctx, e: MetadataEntry) =>
  e.visibility === "READWRITE" || ctx.store.isSystemAdmin(ctx.user);

function entryValue(
  ctx: Ctx,
  s: Subject,
  e: MetadataEntry,
  withKey: boolean,
): Value {
  const path = `${s.path}/metadata/${encodeURIComponent(e.key)}`;
  const h = ctx.hrefs;
  const general = e.domain === "GENERAL";
  return {
    href: h.abs(path),
    type: VALUE_MT,
    Link: [
      ...h.link(
        "up",
        "GET",
        withKey ? `${s.path}/metadata` : s.path,
        withKey ? MT.metadata : s.type,
      ),
      ...(general && writable(ctx, e)
        ? [
            ...h.link("edit", "PUT", path, VALUE_MT),
            ...h.link("remove", "DELETE", path),
          ]
        : []),
    ],
    Domain: { $value: e.domain, visibility: e.visibility },
    ...(withKey ? { Key: e.key } : {}),
    TypedValue: e.typed,
  };
}

function metadataDocument(ctx: Ctx, s: Subject, rules: MetadataRules) {
  const h = ctx.hrefs;
  const path = `${s.path}/metadata`;
  return ok("vcloud:Metadata", {
    href: h.abs(path),
    type: MT.metadata,
    Link: [
      ...h.link("up", "GET", s.path, s.type),
      ...h.link("add", "POST", path, MT.metadata),
    ],
    MetadataEntry: rules
      .entries(ctx.user, s.ref.id)
      .map((e) => entryValue(ctx, s, e, true)),
  });
}

type Input = {
  Key?: string;
  Domain?: { $value?: string; visibility?: string };
  TypedValue?: Value;
};

function handlersFor(prefix: string, resolve: Resolver): HandlerTable {
  const rules = (ctx: Ctx) => new MetadataRules(ctx.store);
  const aliases = (ctx: Ctx) => [ctx.op.name];
  /** Writes the entries (merging them with those there are) in a task. */
  const merge = (
    ctx: Ctx,
    inputs: {
      key: string;
      domain: Input["Domain"];
      typed: Value | undefined;
    }[],
  ) => {
    const s = resolve(ctx);
    return taskReply(
      ctx,
      rules(ctx).merge(ctx.user, s.ref, s.orgId, inputs, aliases(ctx)),
    );
  };
  return {
    [`GET ${prefix}/metadata`]: {
      handle: (ctx) => metadataDocument(ctx, resolve(ctx), rules(ctx)),
    },
    [`POST ${prefix}/metadata`]: {
      handle: (ctx) => {
        const entries =
          (bodyValue(ctx).MetadataEntry as Input[] | undefined) ?? [];
        return merge(
          ctx,
          entries.map((e) => ({
            key: e.Key ?? "",
            domain: e.Domain,
            typed: e.TypedValue,
          })),
        );
      },
    },
    [`GET ${prefix}/metadata/{key}`]: {
      handle: (ctx) => {
        const s = resolve(ctx);
        const entry = rules(ctx).entry(ctx.user, s.ref.id, ctx.params.key);
        return ok(
          "vcloud:MetadataValue",
          entryValue(ctx, s, entry, false),
          VALUE_MT,
        );
      },
    },
    [`PUT ${prefix}/metadata/{key}`]: {
      handle: (ctx) => {
        const body = bodyValue(ctx) as Input;
        return merge(ctx, [
          { key: ctx.params.key, domain: body.Domain, typed: body.TypedValue },
        ]);
      },
    },
    [`DELETE ${prefix}/metadata/{key}`]: {
      handle: (ctx) => {
        const s = resolve(ctx);
        return taskReply(
          ctx,
          rules(ctx).remove(
            ctx.user,
            s.ref,
            s.orgId,
            ctx.params.key,
            aliases(ctx),
          ),
        );
      },
    },
  };
}

export const metadataHandlers: HandlerTable = Object.assign(
  {},
  ...Object.entries(RESOLVERS).map(([prefix, resolve]) =>
    handlersFor(prefix, resolve),
  ),
) as HandlerTable;
