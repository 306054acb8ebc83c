/**
 * vcd-codegen runtime, simulator: a query type (`vApp`, `adminVApp`, ...) and its rows: one per
 * entity of the store the user may see, with the record's attribute values. An attribute that names
 * another entity holds a reference (its href in `records`, its URN in `idrecords`).
 */
import type { Ctx } from "../handlers/context.js";
import { providerPaths } from "../provider/media-types.js";
import { urn } from "../store/ids.js";
import type { Cell } from "./filter.js";

export interface Ref {
  readonly href: string;
  readonly urn: string;
}

export interface Row {
  readonly orgId: string;
  readonly href: string;
  readonly urn: string;
  readonly name: string;
  /** Attribute values; `undefined` ones are left out. */
  readonly cells: Readonly<Record<string, Cell | Ref | undefined>>;
}

export interface QueryType {
  /** The `type=` of the query (`vApp`). */
  readonly name: string;
  /** The record element (`vcloud:VAppRecord`), the reference element and the references root. */
  readonly record: string;
  readonly reference: string;
  readonly references: string;
  /** The media type of the entities (the `type` of their references). */
  readonly entityType: string;
  /** Who may run it: `user` anyone (rows of what they may see), `admin` an organization administrator (rows of their organization; all for the system administrator), `system` the system administrator alone (the provider API's). */
  readonly access: "user" | "admin" | "system";
  rows(ctx: Ctx): Rows;
}

/**
 * The rows of a query, by index: how many, each one's name (known without computing its cells)
 * and each row. The query service filters and sorts indices, computes a row only when a filter or a
 * sort reads a cell other than `name`, and otherwise only for the page it writes: a page of an
 * unfiltered query costs little more than counting.
 */
export interface Rows {
  readonly count: number;
  name(index: number): string;
  row(index: number): Row;
}

export function rowsOf<T>(
  items: readonly T[],
  name: (t: T) => string,
  row: (t: T) => Row,
): Rows {
  return {
    count: items.length,
    name: (i) => name(items[i]),
    row: (i) => row(items[i]),
  };
}

export const isRef = (cell: Cell | Ref | undefined): cell is Ref =>
  typeof cell === "object";

/** vCD's names of status codes, as the query service writes them. */
export function statusName(status: number): string {
  switch (status) {
    case -1:
      return "FAILED_CREATION";
    case 0:
      return "UNRESOLVED";
    case 1:
      return "RESOLVED";
    case 3:
      return "SUSPENDED";
    case 4:
      return "POWERED_ON";
    case 8:
      return "POWERED_OFF";
    case 10:
      return "MIXED";
    default:
      return "UNKNOWN";
  }
}

// ---- helpers the query types share ----

export const refTo = (
  ctx: Ctx,
  path: string,
  kind: string,
  id: string,
): Ref => ({
  href: ctx.hrefs.abs(path),
  urn: urn(kind, id),
});

export const vdcRef = (ctx: Ctx, id: string): Ref =>
  refTo(ctx, ctx.hrefs.vdc(id), "vdc", id);

/** A vCenter server, as the provider's records name it (`vc`). */
export const vcRef = (ctx: Ctx, server: { readonly id: string }): Ref =>
  refTo(ctx, providerPaths.vimServer(server.id), "vimserver", server.id);

export const orgRefOf = (ctx: Ctx, id: string): Ref =>
  refTo(ctx, ctx.hrefs.org(id), "org", id);

export const userRefOf = (ctx: Ctx, id: string): Ref =>
  refTo(ctx, ctx.hrefs.user(id), "user", id);

/** Whether a task is still at work on the entity. */
export const isBusy = (ctx: Ctx, id: string): boolean =>
  ctx.store.tasks.active(id).length > 0;

/** The items of organizations the user may see. */
export function visible<T extends { readonly orgId: string }>(
  ctx: Ctx,
  items: Iterable<T>,
): T[] {
  const all = ctx.store.isSystemAdmin(ctx.user);
  const out: T[] = [];
  for (const i of items) if (all || i.orgId === ctx.user.orgId) out.push(i);
  return out;
}

/**
 * A query type whose record element is `vcloud:{record}Record` and whose references are
 * `vcloud:{reference}Reference` under `vcloud:{reference}References`.
 */
export function queryType(
  name: string,
  record: string,
  reference: string,
  entityType: string,
  access: QueryType["access"],
  rows: (ctx: Ctx) => Row[] | Rows,
): QueryType {
  return {
    name,
    record: `vcloud:${record}Record`,
    reference: `vcloud:${reference}Reference`,
    references: `vcloud:${reference}References`,
    entityType,
    access,
    rows: (ctx) => {
      const r = rows(ctx);
      return Array.isArray(r)
        ? rowsOf(
            r,
            (x) => x.name,
            (x) => x,
          )
        : r;
    },
  };
}

/** The rows of the entities the user may see, the admin's view or the user's. */
export const visibleRows =
  <T extends { readonly orgId: string }>(
    entities: (ctx: Ctx) => Iterable<T>,
    row: (ctx: Ctx, t: T, admin: boolean) => Row,
    admin: boolean,
  ) =>
  (ctx: Ctx): Rows =>
    rowsOf(visible(ctx, entities(ctx)), nameOf, (t) => row(ctx, t, admin));

/** The name a row is known by before its cells are computed (a task's: its operation name). */
const nameOf = (t: object): string =>
  "operationName" in t
    ? String(t.operationName)
    : String((t as { name?: unknown }).name);
