/**
 * vcd-codegen runtime, simulator: hrefs on the simulator's own base URL, in vCD's forms
 * (`/api/vApp/vapp-<uuid>`, `/api/vApp/vm-<uuid>`, `/api/vAppTemplate/vappTemplate-<uuid>`), and links
 * that are only written when an operation of the table answers them.
 */
import type { HttpMethod } from "../../runtime/client/operation.js";
import type { Router } from "../router.js";

export interface LinkValue {
  readonly rel: string;
  readonly href: string;
  readonly type?: string;
  readonly name?: string;
}

export class Hrefs {
  constructor(
    /** `http://127.0.0.1:PORT/api`. */
    readonly base: string,
    private readonly router: Router,
  ) {}

  readonly org = (id: string) => `/org/${id}`;
  readonly adminOrg = (id: string) => `/admin/org/${id}`;
  readonly vdc = (id: string) => `/vdc/${id}`;
  readonly catalog = (id: string) => `/catalog/${id}`;
  readonly catalogItem = (id: string) => `/catalogItem/${id}`;
  readonly vAppTemplate = (id: string) => `/vAppTemplate/vappTemplate-${id}`;
  readonly templateVm = (id: string) => `/vAppTemplate/vm-${id}`;
  readonly vapp = (id: string) => `/vApp/vapp-${id}`;
  readonly vm = (id: string) => `/vApp/vm-${id}`;
  readonly task = (id: string) => `/task/${id}`;
  readonly tasksList = (orgId: string) => `/tasksList/${orgId}`;
  readonly network = (id: string) => `/network/${id}`;
  readonly adminNetwork = (id: string) => `/admin/network/${id}`;
  readonly edgeGateway = (id: string) => `/admin/edgeGateway/${id}`;
  readonly disk = (id: string) => `/disk/${id}`;
  readonly media = (id: string) => `/media/${id}`;
  readonly user = (id: string) => `/admin/user/${id}`;

  /** The absolute href of a path below the API root. */
  abs(path: string): string {
    return this.base + path;
  }

  /** A Link to `path`, or nothing when no operation answers `method` there. */
  link(
    rel: string,
    method: HttpMethod,
    path: string,
    type?: string,
    name?: string,
  ): LinkValue[] {
    if (!this.router.has(method, path)) return [];
    return [
      {
        rel,
        href: this.abs(path),
        ...(type !== undefined ? { type } : {}),
        ...(name !== undefined ? { name } : {}),
      },
    ];
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The UUID of an id as it stands in a path (`vapp-<uuid>`, `vm-<uuid>`, `<uuid>`, `urn:vcloud:vapp:<uuid>`). */
export function uuidOf(id: string): string {
  const last = id.slice(id.lastIndexOf(":") + 1);
  const dash = last.indexOf("-");
  if (!UUID.test(last) && dash > 0 && UUID.test(last.slice(dash + 1)))
    return last.slice(dash + 1);
  return last;
}

/** The kind prefix of a path id (`vapp`, `vm`, `vappTemplate`), if any. */
export function kindOf(id: string): string | undefined {
  const last = id.slice(id.lastIndexOf(":") + 1);
  if (UUID.test(last)) return undefined;
  const dash = last.indexOf("-");
  return dash > 0 ? last.slice(0, dash) : undefined;
}

/** The path id at the end of an href (`.../vAppTemplate/vappTemplate-<uuid>`). */
export function idOfHref(href: string): string {
  const trimmed = href.replace(/\/+$/, "");
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** The id of a reference's href (`{ href }` of a body), or undefined when it has none. */
export function idOfRef(ref: unknown): string | undefined {
  const href = (ref as { href?: unknown } | undefined)?.href;
  return typeof href === "string" ? idOfHref(href) : undefined;
}

/** The path segment before an href's id, naming its kind (`user` in `.../admin/user/<uuid>`). */
export function segmentOfHref(href: string): string {
  const trimmed = href.replace(/\/+$/, "");
  return idOfHref(trimmed.slice(0, trimmed.lastIndexOf("/")));
}
