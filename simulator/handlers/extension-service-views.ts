/**
 * vcd-codegen runtime, simulator: how an extension service, its API filters, service links and
 * rights are shown (AdminServiceType, ApiFilterType, AdminServiceLinkType, RightType of
 * extension/services.xsd and admin/user.xsd), for handlers/extension-services.ts.
 */
import type {
  ApiFilter,
  ExtensionService,
  ServiceLink,
  ServiceRight,
} from "../extensions/services.js";
import { urn } from "../store/ids.js";
import type { Value } from "../store/model.js";
import type { Ctx } from "./context.js";

export const ROOT = "/admin/extension/service";
export const MT = {
  services: "application/vnd.vmware.admin.extensionServices+xml",
  service: "application/vnd.vmware.admin.service+xml",
  filter: "application/vnd.vmware.admin.apiFilter+xml",
  link: "application/vnd.vmware.admin.serviceLink+xml",
  right: "application/vnd.vmware.admin.right+xml",
  rights: "application/vnd.vmware.admin.rights+xml",
};

export const filterValue = (ctx: Ctx, f: ApiFilter): Value => ({
  href: ctx.hrefs.abs(`${ROOT}/apifilter/${f.id}`),
  type: MT.filter,
  id: urn("apifilter", f.id),
  Link: ctx.hrefs.link("remove", "DELETE", `${ROOT}/apifilter/${f.id}`),
  UrlPattern: f.urlPattern,
  ...(f.responseContentType
    ? { ResponseContentType: f.responseContentType }
    : {}),
});

export const linkValue = (ctx: Ctx, l: ServiceLink): Value => ({
  href: ctx.hrefs.abs(`${ROOT}/link/${l.id}`),
  type: MT.link,
  id: urn("serviceLink", l.id),
  Link: ctx.hrefs.link("remove", "DELETE", `${ROOT}/link/${l.id}`),
  LinkHref: l.linkHref,
  ...(l.mimeType !== undefined ? { MimeType: l.mimeType } : {}),
  Rel: l.rel,
  ...(l.resourceType !== undefined ? { ResourceType: l.resourceType } : {}),
  ...(l.resourceId !== undefined ? { ResourceId: l.resourceId } : {}),
  ...(l.externalResourceId !== undefined
    ? { ExternalResourceId: l.externalResourceId }
    : {}),
});

export const rightValue = (
  ctx: Ctx,
  r: ServiceRight,
  service: ExtensionService,
): Value => ({
  name: r.name,
  id: urn("right", r.id),
  href: ctx.hrefs.abs(`/admin/right/${encodeURIComponent(r.name)}`),
  type: MT.right,
  ...(r.description !== undefined ? { Description: r.description } : {}),
  Category: r.category ?? service.namespace,
  ...(r.bundleKey !== undefined ? { BundleKey: r.bundleKey } : {}),
  ServiceNamespace: service.namespace,
});

export function serviceValue(ctx: Ctx, s: ExtensionService): Value {
  const h = ctx.hrefs;
  const path = `${ROOT}/${s.id}`;
  const services = ctx.store.extensionServices;
  return {
    name: s.name,
    id: urn("service", s.id),
    href: h.abs(path),
    type: MT.service,
    Link: [
      ...h.link("edit", "PUT", path, MT.service),
      ...h.link("remove", "DELETE", path),
      ...h.link("add", "POST", `${path}/apifilters`, MT.filter),
      ...h.link("add", "POST", `${path}/links`, MT.link),
      ...h.link("add", "POST", `${path}/rights`, MT.right),
      ...h.link("down", "GET", `${path}/rights`, MT.rights),
    ],
    ...(s.description !== undefined ? { Description: s.description } : {}),
    Namespace: s.namespace,
    Enabled: s.enabled,
    AuthorizationEnabled: s.authorizationEnabled,
    RoutingKey: s.routingKey,
    ...(s.priority !== undefined ? { Priority: s.priority } : {}),
    Exchange: s.exchange,
    ...(s.vendor !== undefined ? { Vendor: s.vendor } : {}),
    ApiFilters: {
      ApiFilter: services.filtersOf(s.id).map((f) => filterValue(ctx, f)),
    },
    ServiceLinks: {
      ServiceLink: services.linksOf(s.id).map((l) => linkValue(ctx, l)),
    },
  };
}
