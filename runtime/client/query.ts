/**
 * vcd-codegen runtime, client: the query service (`GET /api/query?type=...`, the guide's "Using the
 * Query Service"), typed by the package's map of query types (its generated `query` module binds
 * these functions to it and to its `getQuery` stub, which carries the schemas a bare client needs).
 *
 * {@link runQuery} reads one page; {@link queryRecords} iterates over every record of every page,
 * following `nextPage` links: it reads one page ahead (the next page is asked for as soon as the
 * records of the current one start to be handed out), so it holds at most two pages, and it stops
 * on its `AbortSignal` or when the loop is left (`break`), cancelling the page it was reading ahead.
 */
import type { VcdClient } from "./client.js";
import { VcdAbortError, VcdRequestError, VcdResponseError } from "./errors.js";
import type { Filter } from "./query-filter.js";
import type { QueryFormat } from "./query-format.js";
import { findLink, type HasLinks } from "./links.js";
import type { CallOptions, Href, QueryParameters, Reply } from "./types.js";

/** What the package's map says of one query type at run time. */
export interface QueryTypeInfo {
  /** The record element of `records` and `idrecords` (`vcloud:VMRecord`). */
  readonly record: string;
  /** The root of its `references` answer (`vcloud:VMReferences`), where the schema set has one. */
  readonly references?: string;
}

/** The attribute names of a record type (its lower-case properties: `name`, `status`, `href`, ...). */
export type FieldOf<R> = {
  [K in keyof R & string]: K extends Capitalize<K> ? never : K;
}[keyof R & string];

/** A metadata entry asked for in `fields` (`metadata:rank`, `metadata@SYSTEM:expiry`). */
export type MetadataField = `metadata:${string}` | `metadata@SYSTEM:${string}`;

/**
 * The records a query answers: all of the record type's properties, or, with `fields`, those
 * named and what every record carries (the properties of `Base`, vCD's `QueryResultRecordType`:
 * `href`, `id`, `type`, `Link`, `Metadata`; vCD sends `href` whatever `fields` says).
 */
export type RecordOf<R, Base, K extends string> = [K] extends [never]
  ? R
  : Pick<R, Extract<K | keyof Base | "$element" | "$type", keyof R>>;

/** Options of a query; `R` is the record type, `F` the format, `K` the `fields` asked for. */
export interface QueryOptions<
  R,
  F extends QueryFormat = QueryFormat,
  K extends string = string,
> extends Omit<CallOptions, "query"> {
  /** `records` (the default), `idrecords` (references as URNs) or `references`. */
  readonly format?: F;
  /** A filter built with `where` (its attributes checked against `R`), or the raw text. */
  readonly filter?: Filter<FieldOf<R>> | string;
  /** Sort by this attribute, ascending. */
  readonly sortAsc?: FieldOf<R>;
  /** Sort by this attribute, descending. */
  readonly sortDesc?: FieldOf<R>;
  /** The attributes (and metadata entries) to answer: the records are typed with these only. */
  readonly fields?: readonly K[];
  /** Records per page (vCD's default 25, at most 128 by default). */
  readonly pageSize?: number;
  /** The page to answer (from 1). */
  readonly page?: number;
  /** The first record to answer (from 0). */
  readonly offset?: number;
  /** Whether records carry their `Link`s. */
  readonly links?: boolean;
}

/** The options as the runtime reads them, whatever the record type. */
export interface RawQueryOptions extends Omit<
  QueryOptions<unknown>,
  "filter" | "sortAsc" | "sortDesc" | "fields"
> {
  readonly filter?: Filter<string> | string;
  readonly sortAsc?: string;
  readonly sortDesc?: string;
  readonly fields?: readonly string[];
}

/** The query parameters of a typed query. */
export function queryParameters(
  type: string,
  options: RawQueryOptions = {},
): QueryParameters {
  const count = (name: string, value: number | undefined, least: number) => {
    if (value !== undefined && (!Number.isInteger(value) || value < least))
      throw new VcdRequestError(
        `${name} must be an integer of at least ${least}, not ${value}`,
      );
    return value;
  };
  const filter = options.filter;
  return {
    type,
    format: options.format,
    filter: typeof filter === "string" ? filter : filter?.text,
    sortAsc: options.sortAsc,
    sortDesc: options.sortDesc,
    fields: options.fields?.length ? options.fields.join(",") : undefined,
    pageSize: count("pageSize", options.pageSize, 1),
    page: count("page", options.page, 1),
    offset: count("offset", options.offset, 0),
    links: options.links,
  };
}

/** A stub of the query service (`getQuery`): the client, a target (none, or a page's href), options. */
export type QueryStub = (
  client: VcdClient,
  target: Href | undefined,
  options: CallOptions<QueryParameters>,
) => Promise<Reply<{ readonly element: string; readonly value: unknown }>>;

interface PageValue extends HasLinks {
  readonly Record?: readonly { readonly $element?: string }[];
  readonly Reference?: readonly unknown[];
}

type Page = Reply<{ readonly element: string; readonly value: unknown }>;

/** The answer must be of the format and query type asked for: its root, and each record's element. */
function checkPage(
  reply: Page,
  info: QueryTypeInfo,
  format: QueryFormat,
  type: string,
): void {
  const fail = (problem: string): never => {
    throw new VcdResponseError(`the ${type} query ${problem}`, {
      method: "GET",
      url: reply.url,
      status: reply.status,
      body: "",
      contentType: reply.headers.get("content-type") ?? undefined,
    });
  };
  if (format === "references") {
    if (info.references && reply.element !== info.references)
      fail(`answered ${reply.element}, not ${info.references}`);
    return;
  }
  if (reply.element !== "vcloud:QueryResultRecords")
    fail(`answered ${reply.element}, not vcloud:QueryResultRecords`);
  for (const record of (reply.value as PageValue).Record ?? [])
    if (record.$element !== info.record)
      fail(
        `answered a ${record.$element ?? "record"} among its ${info.record}s`,
      );
}

/** One page of a typed query: `GET /query?type=...` with the options as its parameters. */
export async function runQuery(
  client: VcdClient,
  stub: QueryStub,
  info: QueryTypeInfo,
  type: string,
  options: RawQueryOptions = {},
): Promise<Page> {
  const reply = await stub(client, undefined, {
    ...callOptionsOf(options),
    query: queryParameters(type, options),
  });
  checkPage(reply, info, options.format ?? "records", type);
  return reply;
}

/** What of a query's options goes to each page's call as it is: signal, time-out, headers, retry. */
function callOptionsOf(options: RawQueryOptions): CallOptions {
  const { signal, timeout, headers, retry } = options;
  return {
    ...(signal ? { signal } : {}),
    ...(timeout !== undefined ? { timeout } : {}),
    ...(headers ? { headers } : {}),
    ...(retry !== undefined ? { retry } : {}),
  };
}

/** An `AbortController` that aborts when `outer` does; `release` stops listening to `outer`. */
function linkedAbort(outer: AbortSignal | undefined): {
  readonly controller: AbortController;
  release(): void;
} {
  const controller = new AbortController();
  const follow = () => controller.abort(outer?.reason);
  if (outer?.aborted) follow();
  else outer?.addEventListener("abort", follow, { once: true });
  return {
    controller,
    release: () => outer?.removeEventListener("abort", follow),
  };
}

/**
 * Every record (or reference) of every page of a typed query, in order. Reads page n+1 while page
 * n's records are handed out (at most two pages held); a `nextPage` href seen before ends the walk.
 * Leaving the loop cancels the page read ahead, and reads nothing more; the signal aborting ends it
 * with a `VcdAbortError`.
 */
export async function* queryRecords(
  client: VcdClient,
  stub: QueryStub,
  info: QueryTypeInfo,
  type: string,
  options: RawQueryOptions = {},
): AsyncGenerator<unknown, void, undefined> {
  const format = options.format ?? "records";
  const linked = linkedAbort(options.signal);
  const ahead = linked.controller;
  const pageOptions = {
    ...options,
    signal: ahead.signal,
  };
  const next = async (href: string): Promise<Page> => {
    const reply = await stub(
      client,
      { href },
      { ...callOptionsOf(options), signal: ahead.signal },
    );
    checkPage(reply, info, format, type);
    return reply;
  };
  const seen = new Set<string>();
  try {
    let page: Page = await runQuery(client, stub, info, type, pageOptions);
    for (;;) {
      const value = page.value as PageValue;
      const link = findLink(value, "nextPage");
      let following: Promise<Page> | undefined;
      if (link && !seen.has(link.href)) {
        seen.add(link.href);
        following = next(link.href);
        // Read ahead: a failure is met when the loop gets to it, or never, if it is left first.
        following.catch(() => undefined);
      }
      const items =
        (format === "references" ? value.Reference : value.Record) ?? [];
      for (const item of items) {
        if (options.signal?.aborted)
          throw new VcdAbortError({
            method: "GET",
            cause: options.signal.reason,
          });
        yield item;
      }
      if (!following) return;
      page = await following;
    }
  } finally {
    // Left early (break, return, an error): the page read ahead is not wanted.
    ahead.abort();
    linked.release();
  }
}
