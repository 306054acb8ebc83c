/**
 * vcd-codegen runtime, simulator: one query: the rows of its type, filtered (`filter`), sorted
 * (`sortAsc`/`sortDesc`), cut into pages (`page`, `pageSize`: 25 by default, at most 128), and
 * written as `records` (`QueryResultRecords` of the type's record elements), `idrecords` (the same
 * with URNs for ids and references) or `references` (`VAppReferences`, ...), with the `alternate`
 * links to the other formats and `firstPage`/`previousPage`/`nextPage`/`lastPage`.
 */
import { badRequest, forbidden } from "../fault.js";
import type { Ctx, Reply } from "../handlers/context.js";
import type { LinkValue } from "../handlers/hrefs.js";
import type { SchemaData, TypeData } from "../../runtime/xml/index.js";
import {
  compareAs,
  kindOf,
  METADATA_PROPERTY,
  parseFilter,
  type Cell,
} from "./filter.js";
import { isRef, type QueryType, type Row, type Rows } from "./rows.js";

export const FORMATS = {
  records: "application/vnd.vmware.vcloud.query.records+xml",
  idrecords: "application/vnd.vmware.vcloud.query.idrecords+xml",
  references: "application/vnd.vmware.vcloud.query.references+xml",
} as const;
type Format = keyof typeof FORMATS;

/**
 * The guide's Query Parameters: "pageSize: Number of results per page, to a maximum of 128",
 * default 25. A larger pageSize is answered with pages of 128 (the answer's pageSize says so), not
 * refused: the guide names a maximum, not an error.
 */
const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 128;

/** `path`: the query's own path (`/query`, or a typed one such as `/vApps/query`, which has no `type=`). */
export function runQuery(
  ctx: Ctx,
  type: QueryType,
  path: string,
  typed: boolean,
): Reply {
  if (!mayRun(ctx, type)) throw forbidden();
  const q = ctx.query;
  const format = (q.get("format") ?? "records") as Format;
  if (!(format in FORMATS))
    throw badRequest(
      `Bad request: the format "${format}" is not one of ${Object.keys(FORMATS).join(", ")}.`,
    );
  const properties = propertiesOf(ctx.binding.schema, type.record);
  const source = new Source(type.rows(ctx), ctx);
  const filter = q.get("filter");
  // Without filter and sort, the rows are the indices 0..count-1: a page is a range of them.
  let rows: number[] | undefined;
  if (filter) {
    const test = parseFilter(
      filter,
      properties,
      q.get("filterEncoded") === "true",
    );
    rows = [];
    for (let i = 0; i < source.rows.count; i++)
      if (test((p) => source.lookup(i, p))) rows.push(i);
  }
  if (q.get("sortAsc") ?? q.get("sortDesc")) {
    if (!rows) {
      rows = [];
      for (let i = 0; i < source.rows.count; i++) rows.push(i);
    }
    rows = sorted(rows, q, properties, source);
  }
  const total = rows ? rows.length : source.rows.count;
  const pageSize = Math.min(
    positive(q.get("pageSize"), "pageSize") ?? DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
  );
  const page = positive(q.get("page"), "page") ?? 1;
  const last = Math.max(1, Math.ceil(total / pageSize));
  const shown: Row[] = [];
  for (let n = (page - 1) * pageSize; n < Math.min(page * pageSize, total); n++)
    shown.push(source.row(rows ? rows[n] : n));
  const fields = fieldsOf(q.get("fields"), properties);
  // links=true: each record carries a link to its entity (the guide's Query Parameters: "include
  // Link elements in the result set for certain object types"; which links vCD writes is not
  // documented, so the simulator writes the one every record has: its entity's).
  const withLinks = q.get("links") === "true";
  const href = (f: Format, p: number) =>
    selfHref(ctx, path, typed ? undefined : type.name, f, p, pageSize);
  const links: LinkValue[] = [
    ...(Object.keys(FORMATS) as Format[])
      .filter((f) => f !== format)
      .map((f) => ({
        rel: "alternate",
        type: FORMATS[f],
        href: href(f, page),
      })),
    ...(page > 1
      ? [
          { rel: "firstPage", type: FORMATS[format], href: href(format, 1) },
          {
            rel: "previousPage",
            type: FORMATS[format],
            href: href(format, Math.min(page - 1, last)),
          },
        ]
      : []),
    ...(page < last
      ? [
          {
            rel: "nextPage",
            type: FORMATS[format],
            href: href(format, page + 1),
          },
          { rel: "lastPage", type: FORMATS[format], href: href(format, last) },
        ]
      : []),
  ];
  const container = {
    href: href(format, page),
    type: FORMATS[format],
    name: type.name,
    page,
    pageSize,
    total: String(total),
    Link: links,
  };
  if (format === "references")
    return {
      status: 200,
      mediaType: FORMATS.references,
      doc: {
        element: type.references,
        value: {
          ...container,
          Reference: shown.map((row) => ({
            $element: type.reference,
            href: row.href,
            id: row.urn,
            name: row.name,
            type: type.entityType,
          })),
        },
      },
    };
  const ids = format === "idrecords";
  return {
    status: 200,
    mediaType: FORMATS[format],
    doc: {
      element: "vcloud:QueryResultRecords",
      value: {
        ...container,
        Record: shown.map((row) => ({
          ...record(type, row, properties, fields, ids),
          ...(withLinks
            ? {
                Link: [
                  { rel: "alternate", type: type.entityType, href: row.href },
                ],
              }
            : {}),
          ...metadataOf(ctx, row, fields),
        })),
      },
    },
  };
}

function record(
  type: QueryType,
  row: Row,
  properties: ReadonlyMap<string, string>,
  fields: ReadonlySet<string> | undefined,
  ids: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    $element: type.record,
    href: row.href,
  };
  if (ids) out.id = row.urn;
  for (const [key, cell] of Object.entries(row.cells)) {
    if (cell === undefined || !properties.has(key)) continue;
    if (fields && !fields.has(key)) continue;
    out[key] = isRef(cell) ? (ids ? cell.urn : cell.href) : cell;
  }
  return out;
}

/**
 * The rows of a query, computed only when a cell is read. Only the last row computed is kept (the
 * conditions of one filter read one row in turn): the rows a filter or sort reads are garbage at
 * once rather than held for the whole request, which at 100,000 rows is what costs most (the
 * collector); a sort keeps only its keys.
 */
class Source {
  private last = -1;
  private lastRow: Row | undefined;

  constructor(
    readonly rows: Rows,
    private readonly ctx: Ctx,
  ) {}

  row(i: number): Row {
    if (i !== this.last || !this.lastRow) {
      this.lastRow = this.rows.row(i);
      this.last = i;
    }
    return this.lastRow;
  }

  /** A property's values for the filter: a reference matches by href or by URN. */
  lookup(i: number, property: string): readonly Cell[] {
    // Every row's name is its record's `name` (rows.ts): read without computing the row.
    if (property === "name") return [this.rows.name(i)];
    const row = this.row(i);
    const metadata = METADATA_PROPERTY.exec(property);
    if (metadata)
      return this.metadata(row, metadata[1] ?? "GENERAL", metadata[2]);
    if (property === "href") return [row.href];
    if (property === "id") return [row.urn];
    const cell = row.cells[property];
    if (cell === undefined) return [];
    return isRef(cell) ? [cell.href, cell.urn] : [cell];
  }

  /** The value of the entity's metadata entry of that domain and key, if the user may see it. */
  private metadata(row: Row, domain: string, key: string): readonly Cell[] {
    const id = row.urn.slice(row.urn.lastIndexOf(":") + 1);
    const all = this.ctx.store.metadata.get(id);
    if (!all) return [];
    const admin = this.ctx.store.isSystemAdmin(this.ctx.user);
    const entry = all.find(
      (e) =>
        e.key === key &&
        e.domain === domain &&
        (admin || e.visibility !== "PRIVATE"),
    );
    const value = entry?.typed.Value;
    return value === undefined ? [] : [String(value)];
  }
}

function sorted(
  rows: number[],
  q: URLSearchParams,
  properties: ReadonlyMap<string, string>,
  source: Source,
): number[] {
  const asc = q.get("sortAsc");
  const desc = q.get("sortDesc");
  const key = asc ?? desc;
  if (!key) return rows;
  if (!properties.has(key))
    throw badRequest(
      `Bad request: cannot sort by "${key}": it is not a property of this query type.`,
    );
  const sign = asc ? 1 : -1;
  const kind = kindOf(properties.get(key));
  // Each row's key read once (not at each comparison): n reads and n log n comparisons.
  const keys: (Cell | undefined)[] = new Array<Cell | undefined>(
    source.rows.count,
  );
  for (const i of rows) keys[i] = source.lookup(i, key)[0];
  return [...rows].sort((a, b) => {
    const x = keys[a];
    const y = keys[b];
    if (x === undefined || y === undefined)
      return x === y ? 0 : x === undefined ? 1 : -1;
    const order = compareAs(kind, x, y);
    return Number.isNaN(order) ? 0 : sign * order;
  });
}

/**
 * The record's `Metadata` when `fields` names metadata (`metadata:rank`, `metadata@SYSTEM:expiry`):
 * the entity's entries of those keys the user may see, none when it has none (the guide: "Returns
 * metadata only if the object has a non-empty Metadata element").
 */
function metadataOf(
  ctx: Ctx,
  row: Row,
  fields: ReadonlySet<string> | undefined,
): { Metadata?: Record<string, unknown> } {
  if (!fields) return {};
  const wanted = [...fields].flatMap((f) => {
    const m = METADATA_PROPERTY.exec(f);
    return m ? [{ domain: m[1] ?? "GENERAL", key: m[2] }] : [];
  });
  if (wanted.length === 0) return {};
  const id = row.urn.slice(row.urn.lastIndexOf(":") + 1);
  const admin = ctx.store.isSystemAdmin(ctx.user);
  const entries = (ctx.store.metadata.get(id) ?? []).filter(
    (e) =>
      (admin || e.visibility !== "PRIVATE") &&
      wanted.some((w) => w.domain === e.domain && w.key === e.key),
  );
  if (entries.length === 0) return {};
  return {
    Metadata: {
      MetadataEntry: entries.map((e) => ({
        Domain: { $value: e.domain, visibility: e.visibility },
        Key: e.key,
        TypedValue: e.typed,
      })),
    },
  };
}

function fieldsOf(
  text: string | null,
  properties: ReadonlyMap<string, string>,
): ReadonlySet<string> | undefined {
  if (!text) return undefined;
  const fields = text
    .split(",")
    .map((f) => f.trim())
    .filter(Boolean);
  for (const f of fields)
    if (!properties.has(f) && !METADATA_PROPERTY.test(f))
      throw badRequest(
        `Bad request: the field "${f}" is not a property of this query type.`,
      );
  return new Set(fields);
}

function positive(text: string | null, name: string): number | undefined {
  if (text === null) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1)
    throw badRequest(
      `Bad request: ${name} must be a whole number of at least 1, not "${text}".`,
    );
  return n;
}

function selfHref(
  ctx: Ctx,
  path: string,
  type: string | undefined,
  format: Format,
  page: number,
  pageSize: number,
): string {
  const params = new URLSearchParams();
  if (type) params.set("type", type);
  params.set("page", String(page));
  params.set("pageSize", String(pageSize));
  params.set("format", format);
  for (const key of [
    "filter",
    "filterEncoded",
    "links",
    "sortAsc",
    "sortDesc",
    "fields",
  ]) {
    const value = ctx.query.get(key);
    if (value !== null) params.set(key, value);
  }
  return `${ctx.hrefs.abs(path)}?${params.toString().replace(/\+/g, "%20")}`;
}

/** The attributes of a record element's type, inherited ones included, and their XSD types. */
function propertiesOf(
  schema: SchemaData,
  element: string,
): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (let key: string | undefined = schema.elements[element]?.type; key;) {
    const t: TypeData | undefined = schema.types[key];
    if (!t || t.kind !== "complex") break;
    for (const a of t.attributes ?? [])
      if (!a.prohibited) out.set(a.prop, a.type);
    key = t.base;
  }
  return out;
}

/** Whether the user may run a query of the type (and see it in the query list). */
export function mayRun(ctx: Ctx, type: QueryType): boolean {
  if (type.access === "system") return ctx.store.isSystemAdmin(ctx.user);
  if (type.access === "admin")
    return ctx.store.isOrgAdmin(ctx.user, ctx.user.orgId);
  return true;
}
