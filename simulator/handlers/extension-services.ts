/**
 * vcd-codegen runtime, simulator: registering extension services (vCloud API Programming Guide
 * 5.5, chapter 11, "Register an Extension Service": POST a `vmext:Service` with its `ApiFilters`
 * to `/admin/extension/service`, 201 with the service), reading, changing (`Enabled` and the rest)
 * and deleting one (an enabled one is refused: disable it first), its API filters, service links
 * and rights. System administrators only (the pipeline: these are `extension` operations). The
 * rules are the store's (../extensions/services.ts); what they route: ../extensions/forward-call.ts.
 */
import { badRequest, noAccess } from "../fault.js";
import type { ExtensionService } from "../extensions/services.js";
import type { Value } from "../store/model.js";
import {
  bodyValue,
  ok,
  type Ctx,
  type HandlerTable,
  type Reply,
} from "./context.js";
import {
  filterValue,
  linkValue,
  MT,
  rightValue,
  ROOT,
  serviceValue,
} from "./extension-service-views.js";
import { listOf } from "../store/document-values.js";

const text = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
function serviceOf(ctx: Ctx): ExtensionService {
  const s = ctx.store.extensionServices.services.get(ctx.params.id);
  if (!s) throw noAccess("service", ctx.params.id);
  return s;
}

function priorityOf(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 10)
    throw badRequest("Priority must be a whole number from 1 to 10.");
  return n;
}

/** What a `vmext:Service` body says (what it leaves out, as `now` has it). */
function fields(b: Value, now?: ExtensionService) {
  const name = text(b.name) ?? now?.name;
  const namespace = text(b.Namespace) ?? now?.namespace;
  const routingKey = text(b.RoutingKey) ?? now?.routingKey;
  const exchange = text(b.Exchange) ?? now?.exchange;
  if (!name || !namespace || !routingKey || !exchange)
    throw badRequest(
      "An extension service needs a name, a Namespace, a RoutingKey and an Exchange.",
    );
  const priority = priorityOf(b.Priority) ?? now?.priority;
  const vendor = text(b.Vendor) ?? now?.vendor;
  const description = text(b.Description) ?? now?.description;
  return {
    name,
    namespace,
    routingKey,
    exchange,
    enabled:
      typeof b.Enabled === "boolean" ? b.Enabled : (now?.enabled ?? false),
    authorizationEnabled:
      typeof b.AuthorizationEnabled === "boolean"
        ? b.AuthorizationEnabled
        : (now?.authorizationEnabled ?? false),
    ...(priority !== undefined ? { priority } : {}),
    ...(vendor !== undefined ? { vendor } : {}),
    ...(description !== undefined ? { description } : {}),
  };
}

const created = (
  ctx: Ctx,
  element: string,
  value: Value,
  mediaType: string,
): Reply => ({
  status: 201,
  doc: { element, value },
  mediaType,
  headers: { Location: String(value.href) },
});

export const extensionServiceHandlers: HandlerTable = {
  "GET /admin/extension/service": {
    handle: (ctx) =>
      ok(
        "vmext:ExtensionServices",
        {
          href: ctx.hrefs.abs(ROOT),
          type: MT.services,
          Link: [
            ...ctx.hrefs.link("add", "POST", ROOT, MT.service),
            ...[...ctx.store.extensionServices.services.values()].flatMap((s) =>
              ctx.hrefs.link(
                "down",
                "GET",
                `${ROOT}/${s.id}`,
                MT.service,
                s.name,
              ),
            ),
          ],
        },
        MT.services,
      ),
  },
  "POST /admin/extension/service": {
    handle: (ctx) => {
      const b = bodyValue(ctx);
      const services = ctx.store.extensionServices;
      const filters = listOf((b.ApiFilters as Value | undefined)?.ApiFilter);
      const patterns = filters.map((f) => text(f.UrlPattern));
      if (patterns.some((p) => p === undefined))
        throw badRequest("Every ApiFilter needs a UrlPattern.");
      const service = services.register(fields(b));
      try {
        filters.forEach((f, i) =>
          services.addFilter(
            service.id,
            patterns[i]!,
            text(f.ResponseContentType),
          ),
        );
      } catch (error) {
        service.enabled = false;
        services.remove(service.id);
        throw error;
      }
      return created(
        ctx,
        "vmext:Service",
        serviceValue(ctx, service),
        MT.service,
      );
    },
  },
  "GET /admin/extension/service/{id}": {
    handle: (ctx) =>
      ok("vmext:Service", serviceValue(ctx, serviceOf(ctx)), MT.service),
  },
  "PUT /admin/extension/service/{id}": {
    handle: (ctx) => {
      const service = serviceOf(ctx);
      Object.assign(service, fields(bodyValue(ctx), service));
      return ok("vmext:Service", serviceValue(ctx, service), MT.service);
    },
  },
  "DELETE /admin/extension/service/{id}": {
    handle: (ctx) => {
      ctx.store.extensionServices.remove(serviceOf(ctx).id);
      return { status: 204 };
    },
  },
  "POST /admin/extension/service/{id}/apifilters": {
    handle: (ctx) => {
      const service = serviceOf(ctx);
      const b = bodyValue(ctx);
      const pattern = text(b.UrlPattern);
      if (!pattern) throw badRequest("An ApiFilter needs a UrlPattern.");
      const filter = ctx.store.extensionServices.addFilter(
        service.id,
        pattern,
        text(b.ResponseContentType),
      );
      return created(
        ctx,
        "vmext:ApiFilter",
        filterValue(ctx, filter),
        MT.filter,
      );
    },
  },
  "GET /admin/extension/service/apifilter/{id}": {
    handle: (ctx) => {
      const f = ctx.store.extensionServices.filters.get(ctx.params.id);
      if (!f) throw noAccess("apifilter", ctx.params.id);
      return ok("vmext:ApiFilter", filterValue(ctx, f), MT.filter);
    },
  },
  "DELETE /admin/extension/service/apifilter/{id}": {
    handle: (ctx) => {
      if (!ctx.store.extensionServices.filters.delete(ctx.params.id))
        throw noAccess("apifilter", ctx.params.id);
      return { status: 204 };
    },
  },
  "POST /admin/extension/service/{id}/links": {
    handle: (ctx) => {
      const service = serviceOf(ctx);
      const b = bodyValue(ctx);
      const linkHref = text(b.LinkHref);
      const rel = text(b.Rel);
      if (!linkHref || !rel)
        throw badRequest("A service link needs a LinkHref and a Rel.");
      const optional = (key: string, name: string) => {
        const v = text(b[key]);
        return v === undefined ? {} : { [name]: v };
      };
      const link = ctx.store.extensionServices.addLink({
        serviceId: service.id,
        linkHref,
        rel,
        ...optional("MimeType", "mimeType"),
        ...optional("ResourceType", "resourceType"),
        ...optional("ResourceId", "resourceId"),
        ...optional("ExternalResourceId", "externalResourceId"),
      });
      return created(ctx, "vmext:ServiceLink", linkValue(ctx, link), MT.link);
    },
  },
  "GET /admin/extension/service/link/{id}": {
    handle: (ctx) => {
      const l = ctx.store.extensionServices.links.get(ctx.params.id);
      if (!l) throw noAccess("serviceLink", ctx.params.id);
      return ok("vmext:ServiceLink", linkValue(ctx, l), MT.link);
    },
  },
  "DELETE /admin/extension/service/link/{id}": {
    handle: (ctx) => {
      if (!ctx.store.extensionServices.links.delete(ctx.params.id))
        throw noAccess("serviceLink", ctx.params.id);
      return { status: 204 };
    },
  },
  "GET /admin/extension/service/{id}/rights": {
    handle: (ctx) => {
      const service = serviceOf(ctx);
      return ok(
        "vmext:RightRefs",
        {
          href: ctx.hrefs.abs(`${ROOT}/${service.id}/rights`),
          type: MT.rights,
          Right: ctx.store.extensionServices.rightsOf(service.id).map((r) => ({
            href: ctx.hrefs.abs(`/admin/right/${encodeURIComponent(r.name)}`),
            name: r.name,
            type: MT.right,
          })),
        },
        MT.rights,
      );
    },
  },
  "POST /admin/extension/service/{id}/rights": {
    handle: (ctx) => {
      const service = serviceOf(ctx);
      const b = bodyValue(ctx);
      const name = text(b.name);
      if (!name) throw badRequest("A right needs a name.");
      const optional = (key: string, field: string) => {
        const v = text(b[key]);
        return v === undefined ? {} : { [field]: v };
      };
      const right = ctx.store.extensionServices.addRight(service.id, {
        name,
        ...optional("Description", "description"),
        ...optional("Category", "category"),
        ...optional("BundleKey", "bundleKey"),
      });
      return created(
        ctx,
        "vcloud:Right",
        rightValue(ctx, right, service),
        MT.right,
      );
    },
  },
};
