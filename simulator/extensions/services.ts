/**
 * vcd-codegen runtime, simulator: the registered extension services (vCloud API Programming Guide
 * 5.5, chapter 11, "Register an Extension Service", "Adding or Removing Service Links",
 * "Service-Specific Tasks and Events"): a service (AdminServiceType: name, namespace, routing key,
 * exchange, vendor, priority, enabled) with its API filters (an `UrlPattern` regular expression
 * that a request URI must match whole, as Java's `matches`; `ResponseContentType`), its service
 * links (`LinkHref`, `MimeType`, `Rel`, `ResourceType` ...) and the rights it registered (named
 * `<namespace>:<name>`, as vCD prefixes them). A client request whose URI matches a filter of an
 * enabled service goes to that service over the broker (forwarder.ts).
 */
import { badRequest } from "../fault.js";
import type { IdSource } from "../store/ids.js";

export interface ApiFilter {
  readonly id: string;
  readonly serviceId: string;
  readonly urlPattern: string;
  readonly regex: RegExp;
  readonly responseContentType?: string;
}

export interface ServiceLink {
  readonly id: string;
  readonly serviceId: string;
  readonly linkHref: string;
  readonly mimeType?: string;
  readonly rel: string;
  readonly resourceType?: string;
  readonly resourceId?: string;
  readonly externalResourceId?: string;
}

export interface ServiceRight {
  readonly id: string;
  /** `<namespace>:<name>`. */
  readonly name: string;
  readonly description?: string;
  readonly category?: string;
  readonly bundleKey?: string;
}

export interface ExtensionService {
  readonly id: string;
  name: string;
  namespace: string;
  routingKey: string;
  exchange: string;
  vendor?: string;
  priority?: number;
  description?: string;
  enabled: boolean;
  authorizationEnabled: boolean;
}

export type NewService = Omit<ExtensionService, "id">;

/** A URL pattern as a regular expression that must match the whole URI; a bad one is vCD's 400. */
function compile(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch (error) {
    throw badRequest(
      `The URL pattern "${pattern}" is not a valid regular expression: ${(error as Error).message}`,
    );
  }
}

export class ExtensionServices {
  readonly services: Map<string, ExtensionService> = new Map();
  readonly filters: Map<string, ApiFilter> = new Map();
  readonly links: Map<string, ServiceLink> = new Map();
  readonly rights: Map<string, ServiceRight & { serviceId: string }> =
    new Map();

  constructor(private readonly ids: () => IdSource) {}

  register(service: NewService): ExtensionService {
    if (!service.name.trim()) throw badRequest("A service must have a name.");
    const clash = [...this.services.values()].find(
      (s) => s.namespace === service.namespace && s.name === service.name,
    );
    if (clash)
      throw badRequest(
        `An extension service named "${service.name}" already exists in the namespace "${service.namespace}".`,
      );
    const created = { ...service, id: this.ids().next("service") };
    this.services.set(created.id, created);
    return created;
  }

  remove(id: string): void {
    const service = this.services.get(id);
    if (!service) return;
    if (service.enabled)
      throw badRequest(
        `The extension service "${service.name}" is enabled: disable it before deleting it.`,
      );
    this.services.delete(id);
    for (const map of [this.filters, this.links, this.rights])
      for (const [key, item] of map) if (item.serviceId === id) map.delete(key);
  }

  addFilter(
    serviceId: string,
    urlPattern: string,
    responseContentType?: string,
  ): ApiFilter {
    const filter: ApiFilter = {
      id: this.ids().next("apifilter"),
      serviceId,
      urlPattern,
      regex: compile(urlPattern),
      ...(responseContentType ? { responseContentType } : {}),
    };
    this.filters.set(filter.id, filter);
    return filter;
  }

  addLink(link: Omit<ServiceLink, "id">): ServiceLink {
    const created = { ...link, id: this.ids().next("serviceLink") };
    this.links.set(created.id, created);
    return created;
  }

  addRight(
    serviceId: string,
    right: Omit<ServiceRight, "id" | "name"> & { name: string },
  ): ServiceRight {
    const service = this.services.get(serviceId)!;
    const name = `${service.namespace}:${right.name}`;
    if ([...this.rights.values()].some((r) => r.name === name))
      throw badRequest(`The right "${name}" already exists.`);
    const created = {
      ...right,
      name,
      id: this.ids().next("right"),
      serviceId,
    };
    this.rights.set(created.id, created);
    return created;
  }

  filtersOf(serviceId: string): ApiFilter[] {
    return [...this.filters.values()].filter((f) => f.serviceId === serviceId);
  }

  linksOf(serviceId: string): ServiceLink[] {
    return [...this.links.values()].filter((l) => l.serviceId === serviceId);
  }

  rightsOf(serviceId: string): ServiceRight[] {
    return [...this.rights.values()].filter((r) => r.serviceId === serviceId);
  }

  /** Whether a service registered a right of this name. */
  hasRight(name: string): boolean {
    return [...this.rights.values()].some((r) => r.name === name);
  }

  /**
   * The enabled service a request URI (`/api/org/<id>/backup`) goes to: the one of highest priority
   * among those with a matching filter (vCD's `Priority`, 1 to 10, 5 when unset), else none.
   */
  match(uri: string): ExtensionService | undefined {
    let best: ExtensionService | undefined;
    for (const filter of this.filters.values()) {
      const service = this.services.get(filter.serviceId);
      if (!service?.enabled || !filter.regex.test(uri)) continue;
      if (!best || (service.priority ?? 5) > (best.priority ?? 5))
        best = service;
    }
    return best;
  }

  clear(): void {
    this.services.clear();
    this.filters.clear();
    this.links.clear();
    this.rights.clear();
  }
}
